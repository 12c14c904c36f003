import ArgumentParser
import Foundation
import IonAnalysis
import IonCore
import IonReport

struct Arrhenius: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "arrhenius",
        abstract:
            "Activation energy from values at several temperatures: ln k = ln A − E_a/(RT), weighted by their errors.",
        discussion: """
            Inputs are tables of 'T value [error]' (T in K; commas, tabs or spaces; '#' comments; an optional header) \
            or JSON results of other ionscope commands: FILE.json when it records its temperature (conductivity), \
            otherwise T:FILE.json (msd, vacf). From JSON the estimate at --key is taken (default: the first of \
            diffusion.coefficient, diffusion, conductivity, einstein.conductivity). With errors on every point the fit is \
            weighted (σ(ln k) = σ_k/k); without, unweighted with errors from the residuals.
            """)

    @Argument(help: ArgumentHelp("Tables, FILE.json or T:FILE.json.", valueName: "inputs"))
    var inputs: [String]

    @Option(
        help: ArgumentHelp(
            "Dot path of the estimate in JSON inputs, e.g. 'diffusionCoefficients.0'.", valueName: "path"))
    var key: String?

    @Flag(help: "Print the result as JSON.")
    var json = false

    func run() throws {
        try reportingErrors {
            let points = try inputs.flatMap { try ArrheniusInput.points($0, key: key) }
            let fit = try ArrheniusAnalysis(points)
            if json { try printJSON(fit) } else { print(renderArrhenius(fit)) }
        }
    }
}

func renderArrhenius(_ fit: ArrheniusAnalysis) -> String {
    var out = [
        "\("T (K)".leftPadded(10))  \("k".leftPadded(12))  \("σ_k".leftPadded(10))  \("fit".leftPadded(12))  source"
    ]
    for p in fit.points.sorted(by: { $0.temperature < $1.temperature }) {
        out.append(
            "\(formatNumber(p.temperature, 5).leftPadded(10))  \(formatNumber(p.value).leftPadded(12))  \((p.error.map { formatNumber($0, 2) } ?? "—").leftPadded(10))  \(formatNumber(fit.value(at: p.temperature)).leftPadded(12))  \(p.source)"
        )
    }
    out.append(
        "E_a = \(formatNumber(fit.activationEnergy)) ± \(formatNumber(fit.activationEnergyError, 2)) kJ/mol = \(formatNumber(fit.activationEnergyEV)) ± \(formatNumber(fit.activationEnergyEVError, 2)) eV"
    )
    out.append(
        "E_a/k_B = \(formatNumber(fit.activationTemperature)) ± \(formatNumber(fit.activationTemperatureError, 2)) (unit of T: K; for lj temperatures, E_a/ε)"
    )
    out.append(
        "ln A = \(formatNumber(fit.logPrefactor)) ± \(formatNumber(fit.logPrefactorError, 2)) (A in the unit of k); \(fit.weighting)"
    )
    if fit.reducedChiSquared.isFinite {
        out.append(
            "χ²/ν = \(formatNumber(fit.reducedChiSquared, 3))"
                + (fit.reducedChiSquared > 1 && fit.weighting.hasPrefix("weighted")
                    ? "; the points scatter more than their errors: E_a ± \(formatNumber(fit.activationEnergyScaledError, 2)) kJ/mol with the error scaled by √(χ²/ν)"
                    : ""))
    }
    return out.joined(separator: "\n")
}
