import ArgumentParser
import IonCore
import IonIO

/// How every command takes its inputs: a topology first, then one or more trajectories.
struct InputOptions: ParsableArguments {
    @Argument(
        help: ArgumentHelp(
            "Topology file, then trajectory files (read one after another). A single file may be a trajectory that carries its own atom types.",
            valueName: "files"))
    var files: [String]

    @Option(
        help:
            "Unit system of the files: real, metal, lj, si, gromacs (default: the format's own; LAMMPS files without ITEM: UNITS are taken as real, with a warning)."
    )
    var units: UnitSystem?

    @Option(parsing: .unconditional, help: "MD timestep in ps; frame time = step × timestep.")
    var timestep: Double?

    @Option(parsing: .unconditional, help: "Time between frames in ps (overrides times stored in the files).")
    var dt: Double?

    @Option(parsing: .unconditional, help: "First frame to use (counted from 0 over all files).")
    var start: Int = 0

    @Option(parsing: .unconditional, help: "Stop before this frame.")
    var stop: Int?

    @Option(parsing: .unconditional, help: "Use every n-th frame.")
    var stride: Int = 1

    @Option(
        help:
            "Periodic cell for files that store none (plain XYZ, PDB without CRYST1): a,b,c or a,b,c,α,β,γ, Å (σ for lj; angles in degrees)."
    )
    var box: String?

    @Option(
        help: ArgumentHelp(
            "Atoms to analyse, e.g. 'resname TFSI and name O*', 'type 1 2', 'charge > 0'.", valueName: "selection"))
    var select: String?

    @Option(
        name: .customLong("with"),
        help: ArgumentHelp("The second group, for analyses that relate two groups.", valueName: "selection"))
    var withSelection: String?

    /// The parsed selections (`--select`, `--with`), syntax-checked before any file is read.
    func selections() throws -> (select: Selection?, with: Selection?) {
        (try select.map { try Selection($0) }, try withSelection.map { try Selection($0) })
    }

    func validate() throws {
        guard !files.isEmpty else { throw ValidationError("give at least one input file") }
        if let timestep, !(timestep > 0) { throw ValidationError("--timestep must be positive") }
        if let dt, !(dt > 0) { throw ValidationError("--dt must be positive") }
        guard start >= 0 else { throw ValidationError("--start must be 0 or more") }
        guard stride >= 1 else { throw ValidationError("--stride must be 1 or more") }
        if let stop, stop <= start { throw ValidationError("--stop must be larger than --start") }
    }

    /// Splits the files into topology and trajectories by the convention above.
    func trajectoryInput() throws -> TrajectoryInput {
        var input = try TrajectoryInput(
            files: files, units: units, timestep: timestep, frameInterval: dt,
            range: FrameRange(start: start, stop: stop, stride: stride))
        if let box {
            let numbers = try box.split(separator: ",").map { part -> Double in
                guard let x = Double(part.trimmingCharacters(in: .whitespaces)) else {
                    throw ValidationError("--box: '\(part)' is not a number")
                }
                return x
            }
            do { input.box = try Box.given(numbers) } catch let error as InputError {
                throw ValidationError("--box: \(error.message)")
            }
        }
        return input
    }
}

extension UnitSystem: ExpressibleByArgument {}
