import ArgumentParser
import Foundation
import IonAnalysis
import IonCore
import IonIO
import IonReport

struct Rotation: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "rotation",
        abstract: "Rotational relaxation of a molecular axis: Legendre P1 and P2 autocorrelations and τ_R from fitted KWW and exponential decays.",
        discussion: """
        The axis of each molecule runs from its atom in --select (A) to its atom in --with (B): one of each per \
        molecule. τ_R = ∫P_l dt of the fitted exp(−(t/τ)^β) (τΓ(1/β)/β) and of exp(−t/τ), fitted until P_l \
        first drops below 0.05.
        """)

    @OptionGroup var input: InputOptions

    @Option(help: "Longest lag, ps (τ for lj; default: half the run).")
    var window: Double?

    @Flag(help: "Print the result as JSON.")
    var json = false

    func validate() throws {
        if let window, !(window > 0) { throw ValidationError("--window must be positive") }
        guard input.select != nil, input.withSelection != nil else {
            throw ValidationError("give the axis atoms: --select 'atom A' --with 'atom B' (one of each per molecule)")
        }
    }

    func run() throws {
        try reportingErrors {
            let selections = try input.selections()
            let trajectory = try Trajectory(try input.trajectoryInput())
            let result = try AnalysisPass.run(trajectory, RotationalRelaxation(tail: selections.select!, head: selections.with!, window: window))
            for warning in result.warnings { printError("warning: \(warning)") }
            if json { try printJSON(result) } else { print(renderRotation(result)) }
        }
    }
}

/// P1 and P2 at logarithmic lags, then the fits.
func renderRotation(_ result: RotationResult) -> String {
    let t = result.timeUnit
    var out = ["rotation of the axis '\(result.tail)' → '\(result.head)': \(result.molecules) molecules, \(result.frames) frames \(formatNumber(result.frameInterval)) \(t) apart"]
    out.append("\("lag (\(t))".leftPadded(12))  \("P1".leftPadded(9))  \("P2".leftPadded(9))")
    for m in displayLags(result.times.count) {
        out.append("\(formatNumber(result.times[m], 5).leftPadded(12))  \(formatNumber(result.p1[m], 3).leftPadded(9))  \(formatNumber(result.p2[m], 3).leftPadded(9))")
    }
    for (name, fits) in [("P1", result.p1Fit), ("P2", result.p2Fit)] {
        guard let fits else { out.append("\(name): decays below 0.05 within 3 lags: no fit (use closer frames)"); continue }
        func pm(_ v: Double, _ e: Double?) -> String { "\(formatNumber(v)) ± \(formatNumber(e ?? .nan, 2))" }
        var line = "\(name) (fitted 0–\(formatNumber(fits.fitEnd)) \(t)):"
        if let k = fits.stretched {
            line += " KWW τ_R = \(pm(k.lifetime, k.lifetimeError)) \(t) (τ = \(pm(k.parameters[0], k.standardErrors?[0])), β = \(pm(k.parameters[1], k.standardErrors?[1])))\(k.converged ? "" : " [\(k.note ?? "not accepted")]");"
        }
        if let e = fits.exponential {
            line += " exponential τ_R = \(pm(e.lifetime, e.lifetimeError)) \(t)\(e.converged ? "" : " [\(e.note ?? "not accepted")]")"
        }
        out.append(line)
    }
    return out.joined(separator: "\n")
}
