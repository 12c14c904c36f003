import Foundation
import IonCore

/// A trained ``NetworkEnsemble`` as a file: the members' widths, activation and parameters, the
/// feature convention (columns, descriptor, length unit, standardiser), what the output means,
/// and how the ensemble was trained (its groups, the held-out ones, each member's fold and best
/// epoch). Each member's parameters are its IEEE little-endian bytes in base64, so save → load
/// gives the same bits in a quarter of the hexadecimal's size.
///
/// Version 1 (2026-12-03).
public struct EnsembleModel: Codable, Sendable, Equatable {
    public static let formatName = "ionscope-network-ensemble"
    public static let currentVersion = 1

    public var format = EnsembleModel.formatName
    public var version = EnsembleModel.currentVersion
    /// "float32" or "float64".
    public var scalar: String
    public var sizes: [Int]
    public var activation: Activation
    /// Each member's parameters (``MultilayerPerceptron/parameters``), base64 of little-endian bytes.
    public var members: [String]
    public var standardizer: Standardizer
    public var columns: [String]
    public var descriptor: DescriptorParameters?
    public var lengthUnit: String?
    /// What one output is, and its unit ("local molar conductivity k_i", "q*²σ²/(τ·ε)").
    public var target: String
    public var targetUnit: String
    /// The training groups by name, the held-out ones, and per member its validation groups,
    /// best epoch and validation RMSE there.
    public var groups: [String]
    public var testGroups: [Int]
    public var validationGroups: [[Int]]
    public var bestEpochs: [Int]
    public var validationRMSE: [Double]
    public var options: EnsembleOptions

    public init<S: NetworkScalar>(
        _ ensemble: NetworkEnsemble<S>, columns: [String], descriptor: DescriptorParameters?, lengthUnit: String?,
        target: String, targetUnit: String, groups: [String]
    ) {
        scalar = S.formatName
        sizes = ensemble.members.first?.sizes ?? []
        activation = ensemble.members.first?.activation ?? ensemble.options.activation
        members = ensemble.members.map { network in
            network.parameters.withUnsafeBytes { Data($0).base64EncodedString() }
        }
        standardizer = ensemble.standardizer
        self.columns = columns; self.descriptor = descriptor; self.lengthUnit = lengthUnit
        self.target = target; self.targetUnit = targetUnit; self.groups = groups
        testGroups = ensemble.testGroups; validationGroups = ensemble.validationGroups
        bestEpochs = ensemble.bestEpochs; validationRMSE = ensemble.validationRMSE; options = ensemble.options
    }

    /// The ensemble, in the scalar type it was saved in.
    /// - Throws: ``InputError`` for another scalar type, or members or a standardiser that do not fit.
    public func ensemble<S: NetworkScalar>(_: S.Type = S.self) throws -> NetworkEnsemble<S> {
        guard scalar == S.formatName else {
            throw InputError("the ensemble was saved in \(scalar); it is read as \(S.formatName)")
        }
        guard 1.littleEndian == 1 else { throw InputError("ensemble files are read on little-endian machines only") }
        guard sizes.count >= 2, sizes.allSatisfy({ $0 > 0 && $0 < 1 << 20 }), !members.isEmpty else {
            throw InputError("the ensemble's widths \(sizes) or its \(members.count) members are not usable")
        }
        guard columns.count == sizes[0], standardizer.mean.count == sizes[0], standardizer.scale.count == sizes[0]
        else {
            throw InputError(
                "the ensemble takes \(sizes[0]) inputs but names \(columns.count) columns and standardises \(standardizer.mean.count)"
            )
        }
        let count = MultilayerPerceptron<S>.parameterCount(sizes)
        let networks = try members.enumerated().map { k, text -> MultilayerPerceptron<S> in
            guard let data = Data(base64Encoded: text), data.count == count * MemoryLayout<S>.size else {
                throw InputError("member \(k) does not hold \(count) \(scalar) parameters")
            }
            var values = [S](repeating: 0, count: count)
            _ = values.withUnsafeMutableBytes { data.copyBytes(to: $0) }
            guard values.allSatisfy(\.isFinite) else {
                throw InputError("member \(k) has a parameter that is not finite")
            }
            return MultilayerPerceptron(sizes: sizes, activation: activation, parameters: values)
        }
        guard validationGroups.count == members.count, bestEpochs.count == members.count else {
            throw InputError("the ensemble lists folds for \(validationGroups.count) of its \(members.count) members")
        }
        return NetworkEnsemble(
            members: networks, standardizer: standardizer, testGroups: testGroups, validationGroups: validationGroups,
            bestEpochs: bestEpochs, validationRMSE: validationRMSE, options: options)
    }

    /// Writes the ensemble as JSON (atomically; an existing file is replaced only with `force`).
    /// - Throws: ``InputError`` when the file exists without `force`, or cannot be written.
    public func save(_ path: String, force: Bool = false) throws {
        if !force, FileManager.default.fileExists(atPath: path) {
            throw InputError("\(path) exists; pass --force to replace it")
        }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        do { try encoder.encode(self).write(to: URL(fileURLWithPath: path), options: .atomic) } catch {
            throw InputError("cannot write the ensemble \(path): \(error.localizedDescription)")
        }
    }

    /// Reads and checks an ensemble file: its format and version.
    /// - Throws: ``InputError`` naming the file and what is wrong with it.
    public static func load(_ path: String) throws -> EnsembleModel {
        try loadVersionedJSON(path, format: formatName, versions: currentVersion...currentVersion, what: "ensemble")
    }
}
