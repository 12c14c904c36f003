import Foundation
import IonCore

/// A trained softness hyperplane as a file (`softness-LABEL-model.json`): what it takes to compute
/// S of other frames or of another trajectory, and what it was trained on so that it is applied
/// only to the same kind of features.
///
/// Version 1 (2026-12-02) held the classifier, columns, standardiser and hyperplane; version 2
/// adds the descriptor's settings, the length unit and the centres. Both load; a version-1
/// model is checked by its columns alone.
public struct SoftnessModel: Codable, Sendable, Equatable {
    public static let formatName = "ionscope-softness-model"
    public static let currentVersion = 2

    public var format = SoftnessModel.formatName
    public var version = SoftnessModel.currentVersion
    public var classifier: LinearClassifier
    public var columns: [String]
    public var standardizer: Standardizer
    public var weights: [Double], intercept: Double, c: Double
    /// Version 2: how the features were made, their length unit, and the centres' selection.
    public var descriptor: DescriptorParameters?
    public var lengthUnit: String?
    public var centres: String?

    public init(_ study: SoftnessStudy, descriptor: DescriptorParameters, lengthUnit: PhysicalUnit, centres: String) {
        classifier = study.classifier; columns = study.columns; standardizer = study.standardizer
        weights = study.model.weights; intercept = study.model.intercept; c = study.model.c
        self.descriptor = descriptor; self.lengthUnit = lengthUnit.description; self.centres = centres
    }

    /// The hyperplane as the classifiers give it.
    public var linear: LinearModel { LinearModel(weights: weights, intercept: intercept, c: c, iterations: 0) }

    /// Reads and checks a model file: its format and version, and sizes and values that fit.
    /// - Throws: ``InputError`` naming the file and what is wrong with it.
    public static func load(_ path: String) throws -> SoftnessModel {
        let model = try loadVersionedJSON(
            path, format: formatName, versions: 1...currentVersion, what: "softness model", as: SoftnessModel.self)
        let d = model.columns.count
        guard d > 0, model.weights.count == d, model.standardizer.mean.count == d, model.standardizer.scale.count == d
        else {
            throw InputError(
                "\(path): the model has \(d) columns but \(model.weights.count) weights and a standardiser of \(model.standardizer.mean.count)"
            )
        }
        let numbers = model.weights + model.standardizer.mean + model.standardizer.scale + [model.intercept]
        guard numbers.allSatisfy(\.isFinite), model.standardizer.scale.allSatisfy({ $0 > 0 }) else {
            throw InputError("\(path): the model holds numbers that are not finite, or a scale that is not positive")
        }
        return model
    }

    /// Refuses features other than the model's: other columns, descriptor settings or length unit.
    /// - Throws: ``InputError`` saying the first difference.
    public func check(columns given: [String], descriptor made: DescriptorParameters, lengthUnit: PhysicalUnit) throws {
        if let unit = self.lengthUnit, unit != lengthUnit.description {
            throw InputError("the model was trained on lengths in \(unit); this trajectory's are in \(lengthUnit)")
        }
        guard given == columns else {
            let first = zip(given, columns).enumerated().first { $0.element.0 != $0.element.1 }
            throw InputError(
                "the model was trained on \(columns.count) features, these are \(given.count)"
                    + (first.map {
                        "; column \($0.offset + 1) is '\($0.element.1)' in the model, '\($0.element.0)' here"
                    }
                        ?? "")
                    + ": give the descriptor settings the model was trained with")
        }
        if let descriptor, descriptor != made {
            throw InputError(
                "the model's features were made with other settings (\(descriptor.kind), reach \(descriptor.reach), width \(descriptor.width.map { "\($0)" } ?? "—")) than these (\(made.kind), reach \(made.reach), width \(made.width.map { "\($0)" } ?? "—"))"
            )
        }
    }
}
