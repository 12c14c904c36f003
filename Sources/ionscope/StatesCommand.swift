import ArgumentParser
import Foundation
import IonAnalysis
import IonCore
import IonNumerics
import IonReport

struct States: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "states",
        abstract: "Soft/hard states of --select centres from their shell exchanges with --with partners: state fractions over time, per-state exchange and switching rates, per-state diffusion.",
        discussion: """
        In each window of --window frames a centre with more than E_c exchange events is soft, \
        otherwise hard (seed 000). Without --threshold, E_c is the 95 % quantile of the count of \
        independent per-frame events at the mean rate. D is ⟨|Δr|²⟩/(6W) over the windows of each \
        state; D_soft also follows from D_total = r_soft·D_soft + r_hard·D_hard. With \
        --temperature and --arrhenius-with (earlier `states --json` results at other \
        temperatures), the per-state rates are fitted to Arrhenius laws.
        """)

    @OptionGroup var input: InputOptions
    @OptionGroup var kinetics: KineticsOptions

    @Option(help: "Window W, frames.")
    var window: Int = 20

    @Option(help: "E_c: windows with more events are soft (default: from the Poisson-like null).")
    var threshold: Int?

    @Flag(help: "Count border crossings instead of frames with a change.")
    var crossings = false

    @Option(help: "Temperature of this run, K.")
    var temperature: Double?

    @Option(help: ArgumentHelp("A `states --json` result of a run at another temperature (repeat).", valueName: "file.json"))
    var arrheniusWith: [String] = []

    @Option(help: "Bootstrap replicates over centres.")
    var bootstrap: Int = 200

    @Flag(help: "Print the result as JSON.")
    var json = false

    func validate() throws {
        guard window >= 1 else { throw ValidationError("--window must be 1 frame or more") }
        if let threshold, threshold < 0 { throw ValidationError("--threshold must be 0 or more") }
        if let temperature, !(temperature > 0) { throw ValidationError("--temperature must be positive") }
        if !arrheniusWith.isEmpty && temperature == nil { throw ValidationError("--arrhenius-with needs --temperature for this run") }
        guard bootstrap >= 2 else { throw ValidationError("--bootstrap must be 2 or more") }
    }

    struct Output: Codable { var states: ShellStates; var arrhenius: StateRateArrhenius? }

    func run() throws {
        try reportingErrors {
            let others = try arrheniusWith.map { path -> ShellStates in
                guard let data = FileManager.default.contents(atPath: path) else { throw FileError(path: path, "cannot read the file") }
                do { return try JSONDecoder().decode(Output.self, from: data).states } catch {
                    throw FormatError(path: path, "not a `states --json` result: \(error)")
                }
            }
            let (collected, _) = try kinetics.collect(input, positionWindow: window)
            var options = ShellStateOptions()
            options.window = window; options.threshold = threshold; options.multiplicity = crossings
            options.bootstrapReplicates = bootstrap; options.seed = kinetics.seed; options.temperature = temperature
            let events = ExchangeEvents(collected.existence.fillingGaps(upTo: kinetics.tolerance))
            let states = try ShellStates(events, frameInterval: collected.frameInterval, options: options, positions: collected.positions)
            let output = Output(states: states, arrhenius: others.isEmpty ? nil : try StateRateArrhenius([states] + others))
            if json { try printJSON(output) } else { print(renderStates(output, collected.definition)) }
        }
    }
}

func renderStates(_ output: States.Output, _ definition: ShellDefinition) -> String {
    let r = output.states, s = r.statistics
    var out = ["Soft/hard states of '\(definition.centres)' by exchanges with '\(definition.partners)': window \(r.window) frames (\(formatNumber(r.windowTime)) ps), soft when more than E_c = \(r.threshold) \(r.countsCrossings ? "crossings" : "events") (\(r.thresholdSource))",
               "  soft fraction: \(withError(s.softFraction, s.softFractionError))",
               "  exchange rate in soft windows: \(withError(r.softEventRate, r.softEventRateError)) per ps; in hard windows: \(withError(r.hardEventRate, r.hardEventRateError)) per ps",
               "  switching per window: P(soft→hard) = \(formatNumber(s.softToHard)), P(hard→soft) = \(formatNumber(s.hardToSoft)); rates \(formatNumber(r.softToHardRate)) and \(formatNumber(r.hardToSoftRate)) per ps"]
    if let d = r.diffusion {
        out.append("  D (m²/s, ⟨|Δr|²⟩/6W over windows): all \(withError(d.total, d.totalError)), hard \(withError(d.hard, d.hardError)), soft \(withError(d.softDirect, d.softDirectError))")
        out.append("  D_soft from D_total = r_soft·D_soft + r_hard·D_hard: \(withError(d.soft, d.softError))")
    }
    if let a = output.arrhenius {
        out.append("  Arrhenius over \(a.temperatures.count) runs (\(a.temperatures.map { formatNumber($0) }.joined(separator: ", ")) K):")
        if let f = a.soft { out.append("    soft: E_a = \(withError(f.activationEnergy, f.activationEnergyError)) kJ/mol, A = \(formatNumber(f.prefactor)) per ps") }
        if let f = a.hard { out.append("    hard: E_a = \(withError(f.activationEnergy, f.activationEnergyError)) kJ/mol, A = \(formatNumber(f.prefactor)) per ps") }
    }
    out.append("")
    out.append("\("t (ps)".leftPadded(10))\("soft fraction".leftPadded(15))")
    for (t, f) in zip(r.windowTimes, s.softFractionByWindow) { out.append("\(formatNumber(t).leftPadded(10))\(formatNumber(f).leftPadded(15))") }
    return out.joined(separator: "\n")
}
