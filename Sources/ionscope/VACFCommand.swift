import ArgumentParser
import Foundation
import IonAnalysis
import IonCore
import IonIO

struct VACF: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "vacf",
        abstract: "Velocity autocorrelation function over all time origins and the Green–Kubo self-diffusion coefficient.",
        discussion: """
        Needs velocities in the trajectory. Z(t) = ⟨v(0)·v(t)⟩ per particle (atoms, or with --molecules the \
        centre-of-mass velocity of the selected atoms of each molecule); D = (1/3)∫Z dt, the plateau of the \
        running integral fitted as D(1 − e^{−t/τ}) over the window (default: half of one of --blocks blocks). \
        Uncertainty: the fit's standard error and the spread of the plateaus of the blocks.
        """)

    @OptionGroup var input: InputOptions

    @Flag(help: "Use the centre-of-mass velocity of the selected atoms of each molecule instead of single atoms.")
    var molecules = false

    @Option(help: "Longest lag integrated, ps (τ for lj; default: half a block).")
    var window: Double?

    @Option(help: "Blocks the run is cut into for the uncertainty.")
    var blocks = 5

    @Flag(help: "Print the result as JSON.")
    var json = false

    func validate() throws {
        if let window, !(window > 0) { throw ValidationError("--window must be positive") }
        guard blocks >= 1 else { throw ValidationError("--blocks must be 1 or more") }
    }

    func run() throws {
        try reportingErrors {
            let selection = try input.selections().select ?? Selection("all")
            let base = try input.trajectoryInput()
            let trajectory = try Trajectory(base)
            let task = AnalysisTask("vacf", VelocityAutocorrelation(
                selection: selection, byMolecule: molecules, window: window, blocks: blocks,
                source: base.trajectoryPaths.joined(separator: ", ")))
            try AnalysisPass.run(trajectory, [task])
            let result = task.result!
            for warning in result.warnings { printError("warning: \(warning)") }
            if json { try printJSON(result) } else { print(renderVACF(result, units: trajectory.units)) }
        }
    }
}

/// A table of the VACF at about 20 lags, then the Green–Kubo D.
func renderVACF(_ result: VACFResult, units: UnitSystem) -> String {
    let (t, l) = (units.timeUnit, units.lengthUnit)
    var out = ["VACF of '\(result.selection)': \(result.particleCount) \(result.particles), \(result.frames) frames \(format(result.frameInterval)) \(t) apart"]
    out.append("\("lag (\(t))".leftPadded(12))  \("Z (\(l)²/\(t)²)".leftPadded(14))  \("Z/Z(0)".leftPadded(9))  \("D(t) (\(l)²/\(t))".leftPadded(14))")
    let last = result.times.count - 1
    let lags = Set((0...Int(8 * log10(Double(max(last, 1))))).map { min(last, Int(pow(10, Double($0) / 8).rounded())) } + [0, last])
    for m in lags.sorted() {
        out.append("\(format(result.times[m], 5).leftPadded(12))  \(format(result.vacf[m]).leftPadded(14))  \(format(result.normalizedVACF[m], 3).leftPadded(9))  \(format(result.runningDiffusion[m]).leftPadded(14))")
    }
    out.append(renderGreenKubo("D (Green–Kubo)", result.diffusion, time: t))
    if let si = result.diffusionSI { out.append("  = \(format(si.value)) ± \(format(si.uncertainty ?? .nan, 2)) m²/s") }
    return out.joined(separator: "\n")
}

/// "name = value ± σ unit" with the fit and block errors and the fitted τ.
func renderGreenKubo(_ name: String, _ e: GreenKuboEstimate, time: String) -> String {
    let errors = [e.fitError.map { "fit \(format($0, 2))" }, e.blockError.map { "\(e.blocks) blocks \(format($0, 2))" }].compactMap { $0 }
    return "\(name) = \(format(e.value)) ± \(format(e.uncertainty ?? .nan, 2)) \(e.unit)  (σ: \(errors.joined(separator: ", ")); plateau fit τ = \(format(e.relaxationTime, 3)) \(time)\(e.converged ? "" : ", NOT CONVERGED"); integral at window end \(format(e.integralAtWindowEnd)))"
}
