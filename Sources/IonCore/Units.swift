/// The unit system a file's numbers are written in. Readers convert once, at the boundary,
/// into IonScope's internal units:
///
/// | quantity | internal unit |
/// |---|---|
/// | length | Å |
/// | time | ps |
/// | velocity | Å/ps |
/// | force | kJ/(mol·Å) |
/// | mass | g/mol |
/// | charge | e |
///
/// LAMMPS `lj` is reduced: numbers are kept as they are (σ, τ, m, ε, and charge in reduced units)
/// and ``isReduced`` is true, so later analyses report reduced values unless the user supplies
/// σ, τ and ε.
public enum UnitSystem: String, Sendable, Codable, CaseIterable {
    /// LAMMPS `real`: Å, fs, kcal/mol, g/mol, e.
    case real
    /// LAMMPS `metal`: Å, ps, eV, g/mol, e.
    case metal
    /// LAMMPS `lj`: reduced units.
    case lj
    /// LAMMPS `si`: m, s, J, kg, C.
    case si
    /// GROMACS: nm, ps, kJ/mol, g/mol, e.
    case gromacs

    /// Multiply a length in this system by this to get Å.
    public var length: Double {
        switch self {
        case .real, .metal, .lj: 1
        case .si: 1e10
        case .gromacs: 10
        }
    }
    /// Multiply a time in this system by this to get ps.
    public var time: Double {
        switch self {
        case .real: 1e-3
        case .metal, .lj, .gromacs: 1
        case .si: 1e12
        }
    }
    /// Multiply a velocity in this system by this to get Å/ps.
    public var velocity: Double { length / time }
    /// Multiply an energy in this system by this to get kJ/mol.
    public var energy: Double {
        switch self {
        case .real: 4.184
        case .metal: 96.485_332_123_310_02  // eV → kJ/mol: e·N_A/1000
        case .lj, .gromacs: 1
        case .si: 6.022_140_76e20  // J → kJ/mol: N_A/1000
        }
    }
    /// Multiply a force in this system by this to get kJ/(mol·Å).
    public var force: Double { energy / length }
    /// Multiply a mass in this system by this to get g/mol.
    public var mass: Double { self == .si ? 6.022_140_76e26 : 1 }
    /// Multiply a charge in this system by this to get e.
    public var charge: Double { self == .si ? 1 / 1.602_176_634e-19 : 1 }
    /// True for reduced (Lennard-Jones) units, where nothing is converted.
    public var isReduced: Bool { self == .lj }
    /// Default MD timestep of LAMMPS for this unit system, in ps (τ for lj). Used only to
    /// explain; IonScope never assumes a timestep silently.
    public var lammpsDefaultTimestep: Double {
        switch self {
        case .real: 1e-3
        case .metal: 1e-3
        case .lj: 0.005
        case .si: 1e-8 * 1e12
        case .gromacs: 1e-3
        }
    }
}
