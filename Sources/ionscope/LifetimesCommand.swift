import ArgumentParser
import Foundation
import IonAnalysis
import IonCore
import IonNumerics
import IonReport

struct Lifetimes: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "lifetimes",
        abstract: "Shell pair lifetimes: continuous and intermittent pair autocorrelation functions of --select centres and --with partners, with single/double-exponential, KWW and two-state fits.",
        discussion: """
        A pair exists while the partner is in the centre's first shell (cutoff, or the first RDF \
        minimum). The continuous ACF counts pairs that never left; it is fitted on log-spaced lags \
        up to a tenth of the run with c = e^(−t/τ), two exponentials, exp[−(t/τ)^β] and the two-state \
        form A e^(−λs t) + (1−A) e^(−λf t); errors are bootstrap errors over pairs. The model with \
        the lowest AIC is preferred; when no fit converges a model-free lifetime is reported instead.
        """)

    @OptionGroup var input: InputOptions
    @OptionGroup var kinetics: KineticsOptions

    @Option(help: "Log-spaced fit lags per decade.")
    var lagsPerDecade: Int = 15

    @Option(help: "Longest fitted lag as a fraction of the run.")
    var maxLagFraction: Double = 0.1

    @Option(help: "Bootstrap replicates over pairs (0: errors from the fit covariance).")
    var bootstrap: Int = 100

    @Flag(help: "Average each origin's ACF, then over origins (seed 000's c(t)), instead of pooling all pairs and origins; errors then come from the fit covariance.")
    var perOrigin = false

    @Option(help: ArgumentHelp("Assume these state switching rates (state 1 → 2, 2 → 1; e.g. soft → hard and hard → soft from `states`) to turn the two-state fit into per-state dissociation rates.", valueName: "a1,a2 per ps"))
    var switchingRates: String?

    @Flag(help: "Print the result as JSON.")
    var json = false

    /// --switching-rates as two positive numbers.
    func switching() throws -> (Double, Double)? {
        guard let switchingRates else { return nil }
        let parts = switchingRates.split(separator: ",").compactMap { Double($0.trimmingCharacters(in: .whitespaces)) }
        guard parts.count == 2, parts.allSatisfy({ $0 > 0 }) else { throw ValidationError("--switching-rates takes two positive rates in 1/ps, e.g. 0.1,0.01") }
        return (parts[0], parts[1])
    }

    struct Output: Codable { var lifetimes: ShellLifetimes; var identified: [IdentifiedTwoState]? }

    func validate() throws {
        _ = try switching()
        guard lagsPerDecade >= 2 else { throw ValidationError("--lags-per-decade must be 2 or more") }
        guard maxLagFraction > 0, maxLagFraction <= 1 else { throw ValidationError("--max-lag-fraction must lie in (0, 1]") }
        guard bootstrap == 0 || bootstrap >= 2 else { throw ValidationError("--bootstrap must be 0 or at least 2") }
    }

    func run() throws {
        try reportingErrors {
            let (collected, source) = try kinetics.collect(input)
            var options = ShellLifetimeOptions()
            options.tolerance = kinetics.tolerance; options.lagsPerDecade = lagsPerDecade
            options.maxLagFraction = maxLagFraction; options.bootstrapReplicates = bootstrap; options.seed = kinetics.seed
            options.normalisation = perOrigin ? .perOrigin : .pooled
            let result = try ShellLifetimes(collected.existence, frameInterval: collected.frameInterval, options: options)
            let identified = try switching().map { result.identify(switching: $0) }
            if json { try printJSON(Output(lifetimes: result, identified: identified)); return }
            print(renderLifetimes(result, collected.definition, cutoffSource: source))
            if let identified, let a = try switching() {
                print("\nWith switching rates \(formatNumber(a.0)), \(formatNumber(a.1)) per ps (an assumption; the ACF fixes only λs, λf, A):")
                if identified.isEmpty { print("  no per-state rates reproduce the two-state fit") }
                for solution in identified {
                    print("  dissociation \(formatNumber(solution.dissociation[0])), \(formatNumber(solution.dissociation[1])) per ps; origin law \(formatNumber(solution.start[0])), \(formatNumber(solution.start[1]))")
                }
            }
        }
    }
}

func renderLifetimes(_ r: ShellLifetimes, _ definition: ShellDefinition, cutoffSource: String) -> String {
    var out = ["Pair lifetimes of '\(definition.partners)' around '\(definition.centres)': \(r.centres) centres, \(r.frames) frames, δt = \(formatNumber(r.frameInterval)) ps",
               "  cutoff \(formatNumber(definition.cutoff ?? .nan)) Å (\(cutoffSource)), counted by \(definition.counting.rawValue), tolerance t* = \(r.tolerance) frames, \(r.normalisation == .pooled ? "pooled over pairs and origins" : "averaged per origin")",
               "  pairs seen: \(r.pairs) (\(formatNumber(r.partnersPerCentre)) partners per centre), \(r.runs) runs",
               "  mean residence time: \(formatNumber(r.meanResidenceTime)) ps (all runs); \(formatNumber(r.meanCompleteResidenceTime)) ps (\(r.completeRuns) runs inside the trajectory)",
               "", "Fits of the continuous ACF on \(r.lags.count) lags, \(formatNumber(r.times.first ?? 0))–\(formatNumber(r.times.last ?? 0)) ps (errors: \(r.bootstrapReplicates >= 2 && r.normalisation == .pooled ? "bootstrap over pairs, \(r.bootstrapReplicates) replicates" : "fit covariance")):"]
    out.append("  \("model".padding(toLength: 22, withPad: " ", startingAt: 0))\("lifetime (ps)".leftPadded(22))\("AIC".leftPadded(10))\("BIC".leftPadded(10))  parameters")
    for fit in r.fits.fits {
        let parameters = fit.parameters.indices.map { "\(fit.parameterNames[$0]) = \(withError(fit.parameters[$0], fit.standardErrors?[$0]))" }
        out.append("  \(fit.model.rawValue.padding(toLength: 22, withPad: " ", startingAt: 0))\(withError(fit.lifetime, fit.lifetimeError).leftPadded(22))\(formatNumber(fit.aic).leftPadded(10))\(formatNumber(fit.bic).leftPadded(10))  \(parameters.joined(separator: ", "))")
        if let note = fit.note { out.append("    not used: \(note)") }
    }
    let byAIC: String = r.fits.preferred.map { $0.rawValue } ?? "none"
    let byBIC: String = r.fits.preferredByBIC.map { $0.rawValue } ?? "none"
    out.append("  preferred by AIC: \(byAIC), by BIC: \(byBIC)")
    out.append("  lifetime: \(formatNumber(r.fits.lifetime)) ps (\(r.fits.lifetimeSource))")
    out.append("  model-free: ∫c to \(r.fits.modelFree.reachedZero ? "first zero" : "last lag (lower bound)") \(formatNumber(r.fits.modelFree.integralToFirstZero)) ps, 1/e time \(r.fits.modelFree.oneOverETime.map { formatNumber($0) + " ps" } ?? "not reached")")
    out.append("  intermittent ACF 1/e time: \(r.intermittentOneOverETime.map { formatNumber($0) + " ps" } ?? "not reached")")
    out.append("")
    out.append("\("t (ps)".leftPadded(10))\("continuous".leftPadded(22))\("intermittent".leftPadded(14))")
    for k in r.lags.indices {
        let error = r.continuousError.isEmpty ? nil : r.continuousError[k]
        out.append("\(formatNumber(r.times[k]).leftPadded(10))\(withError(r.continuous[k], error).leftPadded(22))\(formatNumber(r.intermittent[k]).leftPadded(14))")
    }
    return out.joined(separator: "\n")
}
