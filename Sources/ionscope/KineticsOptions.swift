import ArgumentParser
import IonAnalysis
import IonCore
import IonIO
import IonReport

/// Options shared by `lifetimes`, `bursts` and `states`: the shell (centres --select, partners
/// --with, cutoff) and the gap tolerance.
struct KineticsOptions: ParsableArguments {
    @OptionGroup var cutoffs: CutoffOptions

    @Flag(help: "Centres are the centres of mass of the molecules holding the selected atoms.")
    var centreMolecules = false

    @Option(help: "How partners are counted: molecules (any selected atom within the cutoff), centres-of-mass or atoms.")
    var count: ShellDefinition.Counting = .molecules

    @Option(help: "Tolerance t*, frames: a partner absent for at most this many frames between two presences stays in the shell.")
    var tolerance: Int = 0

    @Option(help: "Seed of the bootstrap resampling.")
    var seed: UInt64 = 1

    func validate() throws {
        guard tolerance >= 0 else { throw ValidationError("--tolerance must be 0 or more frames") }
    }

    /// Reads the trajectory once and returns every pair's existence (and centre positions every
    /// `positionWindow` frames when asked).
    func collect(_ input: InputOptions, positionWindow: Int? = nil) throws -> (ShellKineticsCollection.Result, cutoffSource: String) {
        let (select, with) = try input.selections()
        guard let select, let with else { throw InputError("give the centres with --select and the shell partners with --with") }
        let trajectory = try Trajectory(try input.trajectoryInput())
        var definition = ShellDefinition(centres: select.text, partners: with.text, centresByMolecule: centreMolecules, counting: count)
        let (cutoff, source) = try cutoffs.cutoff(for: with.text, definition, trajectory)
        definition.cutoff = cutoff
        let result = try AnalysisPass.run(trajectory, ShellKineticsCollection(definition: definition, positionWindow: positionWindow))
        for warning in result.warnings { printError("warning: \(warning)") }
        return (result, source)
    }
}

/// "value ± error" with 4 significant figures.
func withError(_ value: Double, _ error: Double?) -> String {
    formatNumber(value) + (error.map { $0.isFinite ? " ± \(formatNumber($0, 2))" : "" } ?? "")
}
