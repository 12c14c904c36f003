import ArgumentParser
import Foundation
import IonAnalysis
import IonCore
import IonIO
import IonReport

struct VACF: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "vacf",
        abstract: "Velocity autocorrelation function over all time origins and the Green–Kubo self-diffusion coefficient.",
        discussion: """
        Needs velocities in the trajectory. Z(t) = ⟨v(0)·v(t)⟩ per particle (atoms, or with --molecules the \
        centre-of-mass velocity of the selected atoms of each molecule); D = (1/3)∫Z dt, the plateau of the \
        running integral fitted as D(1 − e^{−t/τ}) over the window (default: half of one of --blocks blocks). \
        Uncertainty: the fit's standard error and the spread of the plateaus of the blocks. With --with and \
        --shell R, also the shell-restricted velocity cross-correlation C(t) (seed 001 eqs 15–16) of the --with \
        particles that start within R of a --select particle, in the same read; --shell auto takes R at the first \
        minimum of their RDF (of molecular centres with --molecules), computed first up to half the cell.
        """)

    @OptionGroup var input: InputOptions

    @Flag(help: "Use the centre-of-mass velocity of the selected atoms of each molecule instead of single atoms.")
    var molecules = false

    @Option(help: "Longest lag integrated, ps (τ for lj; default: half a block).")
    var window: Double?

    @Option(help: "Blocks the run is cut into for the uncertainty.")
    var blocks = 5

    @Option(help: ArgumentHelp("Shell radius R for the velocity cross-correlation with --with, Å (σ for lj), or 'auto' for the first minimum of their RDF.", valueName: "R|auto"))
    var shell: String?

    @Flag(help: "Print the result as JSON.")
    var json = false

    func validate() throws {
        if let window, !(window > 0) { throw ValidationError("--window must be positive") }
        guard blocks >= 1 else { throw ValidationError("--blocks must be 1 or more") }
        if let shell, shell != "auto", !((Double(shell) ?? 0) > 0) { throw ValidationError("--shell must be a positive distance or 'auto'") }
        if (shell == nil) != (input.withSelection == nil) { throw ValidationError("the velocity cross-correlation needs both --with and --shell R") }
    }

    func run() throws {
        try reportingErrors {
            let selections = try input.selections()
            let selection = try selections.select ?? Selection("all")
            let base = try input.trajectoryInput()
            let trajectory = try Trajectory(base)
            let task = AnalysisTask("vacf", VelocityAutocorrelation(
                selection: selection, byMolecule: molecules, window: window, blocks: blocks,
                source: base.trajectoryPaths.joined(separator: ", ")))
            let cross = try selections.with.map { partners in
                AnalysisTask("vccf", VelocityCrossCorrelation(centers: selection, partners: partners,
                                                              radius: try shellRadius(trajectory, selection, partners),
                                                              byMolecule: molecules, window: window, source: base.trajectoryPaths.joined(separator: ", ")))
            }
            try AnalysisPass.run(trajectory, [task] + (cross.map { [$0] } ?? []))
            let result = task.result!
            for warning in result.warnings { printError("warning: \(warning)") }
            if let vccf = cross?.result {
                if json { try printJSON(VACFAndVCCF(vacf: result, vccf: vccf)) } else {
                    print(renderVACF(result, units: trajectory.units) + "\n\n" + renderVCCF(vccf, units: trajectory.units))
                }
            } else if json { try printJSON(result) } else { print(renderVACF(result, units: trajectory.units)) }
        }
    }
}

extension VACF {
    /// --shell as a distance, or for 'auto' the first minimum of the RDF of the two groups up to half
    /// the smallest width of the first frame's cell (one extra read).
    func shellRadius(_ trajectory: Trajectory, _ centers: Selection, _ partners: Selection) throws -> Double {
        if let radius = Double(shell!) { return radius }
        struct FirstFrame: Error { var box: Box? }
        var box: Box?
        do { try trajectory.forEachFrame { _, frame in throw FirstFrame(box: frame.box) } } catch let first as FirstFrame { box = first.box }
        guard let widths = box?.perpendicularWidths else { throw InputError("--shell auto needs a periodic cell for the RDF") }
        let rdf = try RadialDistribution.compute(trajectory, selection: centers, with: partners,
                                                 options: RDFOptions(rMax: 0.5 * min(widths.x, widths.y, widths.z), byMolecule: molecules))
        guard let minimum = rdf.firstMinimum else {
            throw InputError("the RDF of '\(centers.text)' and '\(partners.text)' has no first minimum within \(formatNumber(rdf.rMax)); give --shell R")
        }
        printError("shell radius R = \(formatNumber(minimum.r)) (first minimum of the RDF)")
        return minimum.r
    }
}

/// `ionscope vacf --with … --shell R --json`.
struct VACFAndVCCF: Encodable {
    var vacf: VACFResult
    var vccf: VCCFResult
}

/// The shell-restricted cross-correlation at logarithmically spaced lags.
func renderVCCF(_ result: VCCFResult, units: UnitSystem) -> String {
    var out = ["velocity cross-correlation of '\(result.partners)' within R = \(formatNumber(result.radius)) \(units.lengthUnit) of '\(result.centers)' (N̄ = \(formatNumber(result.meanNeighbors)), \(result.origins) origins)"]
    out.append("\("lag (\(units.timeUnit))".leftPadded(12))  \("C_r (\(units.lengthUnit)²/\(units.timeUnit)²)".leftPadded(16))  \("C(t)".leftPadded(10))")
    for m in displayLags(result.times.count) {
        out.append("\(formatNumber(result.times[m], 5).leftPadded(12))  \(formatNumber(result.restricted[m]).leftPadded(16))  \(formatNumber(result.normalized[m], 3).leftPadded(10))")
    }
    return out.joined(separator: "\n")
}

/// About 8 lags per decade from 0 to count − 1, for tables.
func displayLags(_ count: Int) -> [Int] {
    let last = count - 1
    return Set((0...Int(8 * log10(Double(max(last, 1))))).map { min(last, Int(pow(10, Double($0) / 8).rounded())) } + [0, last]).sorted()
}

/// A table of the VACF at about 20 lags, then the Green–Kubo D.
func renderVACF(_ result: VACFResult, units: UnitSystem) -> String {
    let (t, l) = (units.timeUnit, units.lengthUnit)
    var out = ["VACF of '\(result.selection)': \(result.particleCount) \(result.particles), \(result.frames) frames \(formatNumber(result.frameInterval)) \(t) apart"]
    out.append("\("lag (\(t))".leftPadded(12))  \("Z (\(l)²/\(t)²)".leftPadded(14))  \("Z/Z(0)".leftPadded(9))  \("D(t) (\(l)²/\(t))".leftPadded(14))")
    for m in displayLags(result.times.count) {
        out.append("\(formatNumber(result.times[m], 5).leftPadded(12))  \(formatNumber(result.vacf[m]).leftPadded(14))  \(formatNumber(result.normalizedVACF[m], 3).leftPadded(9))  \(formatNumber(result.runningDiffusion[m]).leftPadded(14))")
    }
    out.append(renderGreenKubo("D (Green–Kubo)", result.diffusion, time: t))
    if let si = result.diffusionSI { out.append("  = \(formatNumber(si.value)) ± \(formatNumber(si.uncertainty ?? .nan, 2)) m²/s") }
    out.append("  convergence (frames used → D): " + result.convergence.map { "\($0.frames) → \(formatNumber($0.value))" }.joined(separator: ", "))
    return out.joined(separator: "\n")
}

/// "name = value ± σ unit" with the fit and block errors and the fitted τ.
func renderGreenKubo(_ name: String, _ e: GreenKuboEstimate, time: String) -> String {
    let errors = [e.fitError.map { "fit \(formatNumber($0, 2))" }, e.blockError.map { "\(e.blocks) blocks \(formatNumber($0, 2))" }].compactMap { $0 }
    return "\(name) = \(formatNumber(e.value)) ± \(formatNumber(e.uncertainty ?? .nan, 2)) \(e.unit)  (σ: \(errors.joined(separator: ", ")); plateau fit τ = \(formatNumber(e.relaxationTime, 3)) \(time)\(e.converged ? "" : ", NOT CONVERGED"); integral at window end \(formatNumber(e.integralAtWindowEnd)))"
}
