import ArgumentParser
import Foundation
import IonAnalysis
import IonCore
import IonNumerics
import IonReport

struct Bursts: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bursts",
        abstract: "Burstiness of shell exchanges: inter-event times, burstiness B, memory M, bursty-train size distributions and discrete power-law fits, per --select centre and --with partners.",
        discussion: """
        An exchange event is a frame in which a centre's set of shell partners changes (seed 000 \
        eq. A1). Trains join consecutive events at most Δt = f·⟨τ⟩ apart. Power laws are fitted by \
        maximum likelihood with x_min chosen by the KS distance (Clauset, Shalizi & Newman 2009), \
        with a bootstrap p-value and a likelihood-ratio comparison with an exponential. For \
        per-frame independent events B is (√(1−ρ)−1)/(√(1−ρ)+1), printed beside the measured B.
        """)

    @OptionGroup var input: InputOptions
    @OptionGroup var kinetics: KineticsOptions

    @Option(parsing: .upToNextOption, help: "Train windows as fractions of the mean inter-event time.")
    var fractions: [Double] = [1, 0.5, 1.0 / 3, 0.25]

    @Flag(help: "Use each centre's own mean inter-event time for its train window.")
    var perCentreMean = false

    @Flag(help: "Leave out each centre's first and last train (cut by the ends of the run).")
    var dropBoundaryTrains = false

    @Option(help: "Bootstrap replicates for the power-law p-values (0 skips them).")
    var powerLawReplicates: Int = 100

    @Flag(help: "Print the result as JSON.")
    var json = false

    func validate() throws {
        guard !fractions.isEmpty, fractions.allSatisfy({ $0 > 0 }) else { throw ValidationError("--fractions must be positive numbers") }
        guard powerLawReplicates >= 0 else { throw ValidationError("--power-law-replicates must be 0 or more") }
    }

    func run() throws {
        try reportingErrors {
            let (collected, _) = try kinetics.collect(input)
            var options = ShellBurstOptions()
            options.fractions = fractions; options.perIonMean = perCentreMean; options.dropBoundaryTrains = dropBoundaryTrains
            options.powerLawReplicates = powerLawReplicates; options.seed = kinetics.seed
            let events = ExchangeEvents(collected.existence.fillingGaps(upTo: kinetics.tolerance))
            let result = try ShellBursts(events, frameInterval: collected.frameInterval, options: options)
            if json { try printJSON(result) } else { print(renderBursts(result, collected.definition)) }
        }
    }
}

func renderPowerLaw(_ law: PowerLawAssessment?) -> String {
    guard let law else { return "too few values for a power-law fit" }
    let p = law.pValue.map { "p = \(formatNumber($0, 2))" } ?? "no p-value"
    return "α = \(withError(law.fit.alpha, law.fit.alphaError)), x_min = \(law.fit.xMin) (\(law.fit.tailCount) values, \(formatNumber(100 * law.tailFraction, 3)) %), \(p); "
        + "log-likelihood ratio vs exponential \(formatNumber(law.logLikelihoodRatio)) (Vuong p = \(formatNumber(law.vuongPValue, 2))): "
        + (law.powerLawFavoured ? "power law preferred" : "power law not preferred")
}

func renderBursts(_ r: ShellBursts, _ definition: ShellDefinition) -> String {
    var out = ["Shell exchanges of '\(definition.partners)' around '\(definition.centres)': \(r.centres) centres, \(r.events) events, δt = \(formatNumber(r.frameInterval)) ps",
               "  event rate: \(formatNumber(r.eventRate)) per ps per centre (\(formatNumber(r.eventsPerFrame)) per frame)",
               "  mean inter-event time ⟨τ⟩: \(formatNumber(r.meanInterval)) ps (\(formatNumber(r.meanIntervalFrames)) frames)",
               "  burstiness B = \(formatNumber(r.burstiness)) (independent per-frame events: \(formatNumber(r.poissonBurstiness))); mean over centres \(formatNumber(r.meanCentreBurstiness))",
               "  memory M = \(formatNumber(r.memory))",
               "  inter-event times: \(renderPowerLaw(r.intervalPowerLaw))", ""]
    for trains in r.trains {
        let s = trains.statistics
        out.append("Trains, Δt = \(formatNumber(s.fraction, 3))·⟨τ⟩ = \(formatNumber(s.window)) frames\(s.degenerate ? " (below one frame: every train has one event)" : ""): \(s.sizes.count) trains")
        out.append("  \(renderPowerLaw(trains.powerLaw))")
        out.append("  \("E".leftPadded(5))\("P(E)".leftPadded(12))\("geometric null".leftPadded(16))")
        for e in s.distribution.indices.prefix(12) {
            out.append("  \(String(e + 1).leftPadded(5))\(formatNumber(s.distribution[e]).leftPadded(12))\(formatNumber(s.geometricNull[e]).leftPadded(16))")
        }
        if s.distribution.count > 12 {
            let rest = s.distribution[12...].reduce(0, +), null = s.geometricNull[12...].reduce(0, +)
            out.append("  \("≥ 13".leftPadded(5))\(formatNumber(rest).leftPadded(12))\(formatNumber(null).leftPadded(16))  (largest train: \(s.distribution.count); --json lists all)")
        }
    }
    return out.joined(separator: "\n")
}
