import IonCore

/// Unit labels for the report, from the unit system of the files: Å and ps, or σ and τ for
/// LAMMPS lj inputs (which IonScope keeps reduced).
struct UnitLabels {
    let length: String
    let time: String
    var area: String { "\(length)²" }
    var volume: String { "\(length)³" }
    var diffusion: String { "\(length)²/\(time)" }

    init(_ units: String) {
        let system = UnitSystem(rawValue: units) ?? .real
        length = system.lengthUnit; time = system.timeUnit
    }
}
