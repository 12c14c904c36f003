import IonCore

/// Unit labels for the report, from the unit system of the files: Å and ps, or σ and τ for
/// LAMMPS lj inputs (which IonScope keeps reduced).
public struct UnitLabels: Sendable {
    public let length: PhysicalUnit
    public let time: PhysicalUnit
    public var area: PhysicalUnit { length.squared }
    public var volume: PhysicalUnit { length.cubed }
    public var diffusion: PhysicalUnit { length.squared / time }
    /// LAMMPS lj: results stay in σ and τ, with no SI conversion.
    public let isReduced: Bool

    public init(_ units: String) {
        let system = UnitSystem(rawValue: units) ?? .real
        length = system.lengthUnit; time = system.timeUnit; isReduced = system.isReduced
    }
}
