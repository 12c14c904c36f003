import IonCore

/// Unit labels for the report, from the unit system of the files: Å and ps, or σ and τ for
/// LAMMPS lj inputs (which IonScope keeps reduced).
public struct UnitLabels: Sendable {
    public let length: String
    public let time: String
    public var area: String { "\(length)²" }
    public var volume: String { "\(length)³" }
    public var diffusion: String { "\(length)²/\(time)" }

    public init(_ units: String) {
        let system = UnitSystem(rawValue: units) ?? .real
        length = system.lengthUnit; time = system.timeUnit
    }
}
