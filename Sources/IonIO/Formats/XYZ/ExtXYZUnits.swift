import IonCore

/// Factors from an XYZ file's numbers to IonScope's internal units.
///
/// Without ``ReaderOptions/units`` the conventions of the programs that write extended XYZ:
/// positions and `Lattice` in Å (all of them); `vel`/`velo`/`velocities` in Å/fs (GPUMD, QUIP,
/// LAMMPS `real`); `forces` in eV/Å (ASE, GPUMD, QUIP); `Time` in fs (QUIP, LAMMPS `real`).
/// With ``ReaderOptions/units`` every column and `Time` is in that unit system (LAMMPS `dump
/// extxyz` writes its own units: pass `.real` or `.metal` as the run used).
/// `momenta` are always ASE's: mass (u) × velocity in Å per ASE time unit Å·√(u/eV)
/// ≈ 10.1805 fs (CODATA 2014 constants, as ASE uses by default); ASE writes velocities only this
/// way.
struct ExtXYZUnits {
    let length: Double
    let velocity: Double
    let force: Double
    let time: Double
    /// One ASE time unit, ps.
    static let aseTime = (1.660_539_040e-27 / 1.602_176_620_8e-19).squareRoot() * 1e2

    init(_ units: UnitSystem?) {
        if let units {
            length = units.length; velocity = units.velocity; force = units.force; time = units.time
        } else {
            length = 1
            velocity = 1000  // Å/fs → Å/ps
            force = UnitSystem.metal.energy  // eV/Å → kJ/(mol·Å)
            time = 1e-3  // fs → ps
        }
    }
}
