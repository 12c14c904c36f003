import Foundation
import IonCore

/// A trained network as a file: its widths, activation and parameters, and the feature
/// convention it expects (the column names, how the descriptor was made, the length unit and the
/// standardiser applied before it), so that it is only applied to features of the same kind.
/// Parameters are written as hexadecimal bit patterns, so save → load gives the same bits.
///
/// Version 1 (2026-12-03).
public struct NetworkModel: Codable, Sendable, Equatable {
    public static let formatName = "ionscope-network"
    public static let currentVersion = 1

    public var format = NetworkModel.formatName
    public var version = NetworkModel.currentVersion
    /// "float32" or "float64".
    public var scalar: String
    public var sizes: [Int]
    public var activation: Activation
    /// Each parameter's IEEE bit pattern, as hexadecimal.
    public var parameters: [String]
    public var columns: [String]
    public var standardizer: Standardizer?
    public var descriptor: DescriptorParameters?
    public var lengthUnit: String?

    public init<S: NetworkScalar>(
        _ network: MultilayerPerceptron<S>, columns: [String], standardizer: Standardizer? = nil,
        descriptor: DescriptorParameters? = nil, lengthUnit: String? = nil
    ) {
        scalar = S.formatName; sizes = network.sizes; activation = network.activation
        parameters = network.parameters.map(\.hexBits)
        self.columns = columns; self.standardizer = standardizer; self.descriptor = descriptor
        self.lengthUnit = lengthUnit
    }

    /// The network, in the scalar type it was saved in.
    /// - Throws: ``InputError`` for another scalar type or parameters that do not fit.
    public func network<S: NetworkScalar>(_: S.Type = S.self) throws -> MultilayerPerceptron<S> {
        guard scalar == S.formatName else {
            throw InputError("the network was saved in \(scalar); it is read as \(S.formatName)")
        }
        guard sizes.count >= 2, sizes.allSatisfy({ $0 > 0 && $0 < 1 << 20 }),
            parameters.count == MultilayerPerceptron<S>.parameterCount(sizes)
        else {
            throw InputError("the network's widths \(sizes) do not fit its \(parameters.count) parameters")
        }
        guard columns.count == sizes[0] else {
            throw InputError("the network takes \(sizes[0]) inputs but names \(columns.count) columns")
        }
        var values: [S] = []
        values.reserveCapacity(parameters.count)
        for (k, text) in parameters.enumerated() {
            guard let value = S(hexBits: text), value.isFinite else {
                throw InputError("parameter \(k) ('\(text.prefix(20))') is not a finite \(scalar) bit pattern")
            }
            values.append(value)
        }
        return MultilayerPerceptron(sizes: sizes, activation: activation, parameters: values)
    }

    /// Writes the model as JSON (atomically; an existing file is replaced only with `force`).
    /// - Throws: ``InputError`` when the file exists without `force`, or cannot be written.
    public func save(_ path: String, force: Bool = false) throws {
        if !force, FileManager.default.fileExists(atPath: path) {
            throw InputError("\(path) exists; pass --force to replace it")
        }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        do { try encoder.encode(self).write(to: URL(fileURLWithPath: path), options: .atomic) } catch {
            throw InputError("cannot write the network \(path): \(error.localizedDescription)")
        }
    }

    /// Reads and checks a network file: its format and version.
    /// - Throws: ``InputError`` naming the file and what is wrong with it.
    public static func load(_ path: String) throws -> NetworkModel {
        try loadVersionedJSON(path, format: formatName, versions: currentVersion...currentVersion, what: "network")
    }
}
