import ArgumentParser
import Foundation
import IonAnalysis
import IonCore
import IonIO
import IonReport

struct Conductivity: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "conductivity",
        abstract: "Onsager coefficients, ionic conductivity, Nernst–Einstein conductivity, ionicity and transference numbers.",
        discussion: """
            Species are given as NAME=SELECTION; each molecule with an atom in the selection is one particle \
            at its centre of mass, with the molecule's net charge (--atoms: each selected atom). Slopes are fitted \
            over --fit-start…--fit-end (default: a quarter to a half of a fifth of the run). With --replicas every \
            trajectory file is an independent run of the same system and the uncertainty is their spread; \
            otherwise it comes from blocks of the one run.
            """)

    @OptionGroup var input: InputOptions

    @Option(name: .customLong("species"), help: ArgumentHelp("A species, NAME=SELECTION, e.g. 'Li=type 1' (repeat for each).", valueName: "name=selection"))
    var species: [String] = []

    @Option(help: "Temperature in K (required).")
    var temperature: Double?

    @Option(name: .customLong("fit-start"), help: "Start of the fit window, ps.")
    var fitStart: Double?

    @Option(name: .customLong("fit-end"), help: "End of the fit window, ps.")
    var fitEnd: Double?

    @Option(help: "Blocks a single run is split into for its uncertainty.")
    var blocks = 5

    @Option(name: .customLong("salt-concentration"), help: "Salt concentration for the molar conductivity, mol/L (default: ion pairs per volume).")
    var saltConcentration: Double?

    @Flag(help: "Each selected atom is a particle (default: whole molecules at their centre of mass).")
    var atoms = false

    @Flag(help: "Treat every trajectory file as an independent replica of the same system (default: read them one after another).")
    var replicas = false

    @Flag(name: .customLong("green-kubo"), help: "Also compute κ from the Green–Kubo integral of the charge-current autocorrelation (needs velocities); JSON then has 'einstein' and 'greenKubo'.")
    var greenKubo = false

    @Option(help: "Green–Kubo: longest lag integrated, ps (τ for lj; default: half a block).")
    var window: Double?

    @Flag(help: "Print the result as JSON.")
    var json = false

    func validate() throws {
        guard let temperature else {
            throw ValidationError("give the temperature with --temperature K: the Onsager coefficients and conductivity are divided by k_B T")
        }
        guard temperature > 0 else { throw ValidationError("--temperature must be positive (K)") }
        guard !species.isEmpty else { throw ValidationError("give the ions with --species NAME=SELECTION, e.g. --species 'Li=type 1' --species 'TFSI=type 2 3'") }
        guard blocks >= 1 else { throw ValidationError("--blocks must be 1 or more") }
        if let saltConcentration, !(saltConcentration > 0) { throw ValidationError("--salt-concentration must be positive") }
        if let window, !(window > 0) { throw ValidationError("--window must be positive") }
        if window != nil && !greenKubo { throw ValidationError("--window applies to --green-kubo") }
    }

    func run() throws {
        try reportingErrors {
            let parsed = try species.map { try OnsagerSpecies(parsing: $0, byMolecule: !atoms) }
            let base = try input.trajectoryInput()
            var inputs = [base]
            if replicas && base.trajectoryPaths.count > 1 {
                inputs = base.trajectoryPaths.map { path in
                    var one = base; one.trajectoryPaths = [path]; return one
                }
            }
            let trajectories = try inputs.map { try Trajectory($0) }
            let options = OnsagerOptions(temperature: temperature!, fitStart: fitStart, fitEnd: fitEnd, blocks: blocks,
                                         saltConcentration: saltConcentration)
            let result = try OnsagerAnalysis.compute(trajectories, species: parsed, options: options)
            for warning in result.warnings { printError("warning: \(warning)") }
            guard greenKubo else {
                if json { try printJSON(result) } else { print(renderOnsager(result)) }
                return
            }
            let task = AnalysisTask("green-kubo", GreenKuboConductivity(
                species: parsed, temperature: temperature!, window: window, blocks: blocks,
                source: base.trajectoryPaths.joined(separator: ", ")))
            try AnalysisPass.run(try Trajectory(base), [task])
            let greenKuboResult = task.result!
            if json {
                try printJSON(BothConductivities(einstein: result, greenKubo: greenKuboResult))
            } else {
                print(renderOnsager(result) + "\n\n" + renderGreenKuboConductivity(greenKuboResult, time: trajectories[0].units.timeUnit))
            }
        }
    }
}

/// Einstein and Green–Kubo results of `ionscope conductivity --green-kubo`.
struct BothConductivities: Encodable {
    var einstein: OnsagerResult
    var greenKubo: GreenKuboConductivityResult
}

/// κ, σ_NE and the species-pair parts from the Green–Kubo integral, with the convergence view.
func renderGreenKuboConductivity(_ result: GreenKuboConductivityResult, time: String) -> String {
    let names = result.species.map(\.name)
    var out = ["Green–Kubo (charge-current autocorrelation, \(result.frames) frames, window \(formatNumber(result.times.last ?? 0)) \(time)):"]
    out.append(renderGreenKubo("  κ", result.conductivity, time: time))
    out.append(renderGreenKubo("  σ_NE (self parts)", result.nernstEinstein, time: time))
    // Fitted plateaus are not additive; the running integrals at the window end are (Σ = κ(t_end)).
    out.append("  by species pairs, running integral at the window end (κ(t_end) = \(formatNumber(result.conductivity.integralAtWindowEnd))):")
    for i in names.indices {
        for j in i..<names.count {
            let factor = i == j ? 1.0 : 2.0  // κ = Σ_st κ_st counts unlike pairs twice
            out.append("    \(names[i])-\(names[j])\(i == j ? "" : " ×2")  \(formatNumber(factor * result.pairs[i][j].integralAtWindowEnd))  (self part \(i == j ? formatNumber(result.selfParts[i].integralAtWindowEnd) : "—"))")
        }
    }
    out.append("  convergence (frames used → κ): " + result.convergence.map { "\($0.frames) → \(formatNumber($0.value))" }.joined(separator: ", "))
    return out.joined(separator: "\n")
}

/// "value ± error" with `digits` significant figures.
private func show(_ estimate: Estimate, _ digits: Int = 4) -> String {
    guard let error = estimate.uncertainty else { return formatNumber(estimate.value, digits) }
    return "\(formatNumber(estimate.value, digits)) ± \(formatNumber(error, 2))"
}

/// The tables of an Onsager analysis.
func renderOnsager(_ result: OnsagerResult) -> String {
    let names = result.species.map(\.name)
    let width = max(8, names.map(\.count).max() ?? 0)
    // SI labels, or the reduced units of an lj analysis (OnsagerResult.units).
    let reduced = result.units["conductivity"] != "S/m"
    func unit(_ key: String, _ si: String) -> String { reduced ? result.units[key] ?? si : si }
    let (time, coefficient, kappa) = (unit("frameInterval", "ps"), unit("coefficients", "mol²/(J·m·s)"), unit("conductivity", "S/m"))
    var out: [String] = []
    out.append("Onsager analysis: \(result.replicas) replica(s) of \(result.framesPerReplica.map(String.init).joined(separator: ", ")) frames, \(formatNumber(result.frameInterval)) \(time) apart; T = \(formatNumber(result.temperature)) \(unit("temperature", "K")), V = \(formatNumber(result.volume, 6)) \(unit("volume", "Å³"))\(reduced ? " (LAMMPS lj: reduced units)" : "")")
    out.append("fit window \(formatNumber(result.fitWindow[0])) – \(formatNumber(result.fitWindow[1])) \(time); uncertainties: \(result.uncertaintyMethod)")
    out.append("")
    out.append("\("species".padding(toLength: width, withPad: " ", startingAt: 0))  \("particles".leftPadded(9))  \("count".leftPadded(6))  \("z (e)".leftPadded(7))  \("c (\(unit("concentration", "mol/L")))".leftPadded(10))  D (\(unit("diffusionCoefficients", "m²/s")))")
    for (k, item) in result.species.enumerated() {
        out.append("\(item.name.padding(toLength: width, withPad: " ", startingAt: 0))  \(item.particles.leftPadded(9))  \(String(item.count).leftPadded(6))  \(formatNumber(item.charge).leftPadded(7))  \(formatNumber(item.concentration).leftPadded(10))  \(show(result.diffusionCoefficients[k]))")
    }
    func matrix(_ title: String, _ values: [[Estimate]]) {
        out.append("")
        out.append(title)
        out.append(String(repeating: " ", count: width) + names.map { "  " + $0.leftPadded(22) }.joined())
        for (i, row) in values.enumerated() {
            out.append(names[i].padding(toLength: width, withPad: " ", startingAt: 0) + row.map { "  " + show($0, 3).leftPadded(22) }.joined())
        }
    }
    matrix("L^ij, \(coefficient) (seed 002 eq. 6, centre-of-mass frame):", result.coefficients)
    matrix("distinct part L^ij − δ_ij L_self^ii, \(coefficient):", result.distinctCoefficients)
    out.append("")
    out.append("L_self^ii, \(coefficient): " + zip(names, result.selfCoefficients).map { "\($0) \(show($1, 3))" }.joined(separator: ", "))
    out.append("")
    out.append("conductivity κ = F² Σ z_i z_j L^ij        \(show(result.conductivity)) \(kappa)")
    out.append("Nernst–Einstein σ_NE = F² Σ z_i² L_self^ii  \(show(result.nernstEinsteinConductivity)) \(kappa)")
    out.append("ionicity κ/σ_NE                         \(show(result.ionicity))")
    out.append("molar conductivity Λ = κ/c              \(show(result.molarConductivity)) \(unit("molarConductivity", "S·m²/mol"))  (c = \(formatNumber(result.saltConcentration)) \(unit("saltConcentration", "mol/L")), \(result.saltConcentrationSource))")
    if !result.convergence.isEmpty {
        out.append("convergence: κ from the first " + result.convergence.map { "\($0.frames) frames \(show(Estimate($0.value, $0.fitError)))" }.joined(separator: ", "))
    }
    out.append("")
    out.append("transference numbers  \("Nernst–Einstein".leftPadded(22))  \("Onsager".leftPadded(22))")
    for (k, name) in names.enumerated() {
        out.append("  \(name.padding(toLength: width + 18, withPad: " ", startingAt: 0)) \(show(result.transferenceNernstEinstein[k]).leftPadded(22))  \(show(result.transferenceOnsager[k]).leftPadded(22))")
    }
    out.append("  \("all cations".padding(toLength: width + 18, withPad: " ", startingAt: 0)) \(show(result.cationTransferenceNernstEinstein).leftPadded(22))  \(show(result.cationTransferenceOnsager).leftPadded(22))")
    if let binary = result.binaryTransferenceFromDiffusion {
        out.append("  t₊ = D₊/(D₊ + D₋) = \(show(binary))")
    }
    return out.joined(separator: "\n")
}
