import ArgumentParser
import Foundation
import IonAnalysis
import IonCore
import IonIO
import IonReport

struct MSD: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "msd",
        abstract: "Mean squared displacement over all time origins (FFT), of atoms or molecular centres of mass, and the Einstein self-diffusion coefficient.",
        discussion: """
        D is fitted over the diffusive window (local slope of log MSD against log t within 1 ± 0.15, \
        lags up to half the run) unless --fit-start/--fit-end are given. Its σ comes from generalised \
        least squares with the covariance of all-origin MSD estimates of a random walk; a block \
        average over 5 independent segments is printed beside it.
        """)

    @OptionGroup var input: InputOptions

    @Flag(help: "Use the centre of mass of the selected atoms of each molecule instead of single atoms.")
    var molecules = false

    @Option(help: ArgumentHelp("Drift removed before displacements are measured: 'system' (centre of mass of all atoms, the default), 'none', or a selection whose centre of mass is the reference (a framework).", valueName: "system|none|selection"))
    var drift: String = "system"

    @Flag(help: "Same as --drift none.")
    var keepDrift = false

    @Option(help: "Start of the Einstein fit window, ps (default: automatic).")
    var fitStart: Double?

    @Option(help: "End of the Einstein fit window, ps (default: automatic).")
    var fitEnd: Double?

    @Option(help: "Temperature, K (reduced for lj), for the Yeh–Hummer finite-size correction.")
    var temperature: Double?

    @Option(help: "Shear viscosity, Pa·s (reduced for lj), for the Yeh–Hummer finite-size correction.")
    var viscosity: Double?

    @Option(help: "Standard uncertainty of --viscosity, same unit.")
    var viscosityError: Double?

    @Flag(help: "Report the MSD at logarithmically spaced lags (10 per decade) instead of every lag (JSON).")
    var logLags = false

    @Flag(help: "Print the result as JSON.")
    var json = false

    func validate() throws {
        if let fitStart, let fitEnd, fitEnd <= fitStart { throw ValidationError("--fit-end must be larger than --fit-start") }
        if let fitStart, fitStart < 0 { throw ValidationError("--fit-start must be 0 or more") }
        if let temperature, !(temperature > 0) { throw ValidationError("--temperature must be positive") }
        if let viscosity, !(viscosity > 0) { throw ValidationError("--viscosity must be positive") }
        if (temperature == nil) != (viscosity == nil) { throw ValidationError("the Yeh–Hummer correction needs both --temperature and --viscosity") }
    }

    func driftPolicy() throws -> DriftPolicy {
        if keepDrift { return .keep }
        switch drift {
        case "system": return .removeSystemCenterOfMass
        case "none": return .keep
        default: return .removeCenterOfMass(of: try Selection(drift))
        }
    }

    func run() throws {
        try reportingErrors {
            let selection = try input.selections().select ?? Selection("all")
            let policy = try driftPolicy()
            let trajectory = try Trajectory(try input.trajectoryInput())
            let series = try MeanSquaredDisplacement.collect(trajectory, selection: selection, byMolecule: molecules, drift: policy)
            var result = MeanSquaredDisplacement.compute(series, selection: selection.text,
                                                         particles: molecules ? "molecules" : "atoms", drift: policy.description)
            var options = SelfDiffusionOptions()
            options.fitStart = fitStart; options.fitEnd = fitEnd
            options.reducedUnits = trajectory.units.isReduced
            options.temperature = temperature; options.viscosity = viscosity; options.viscosityUncertainty = viscosityError
            result.diffusion = SelfDiffusion.estimate(series, msd: result, options: options)
            for warning in result.warnings { printError("warning: \(warning)") }
            for warning in result.diffusion?.warnings ?? [] { printError("warning: \(warning)") }
            if logLags { result = result.thinned(perDecade: 10) }
            if json { try printJSON(result) } else { print(renderMSD(result, units: trajectory.units)) }
        }
    }
}

/// A table of the MSD at about 20 logarithmically spaced lags, then D.
func renderMSD(_ result: MSDResult, rows: Int = 20, units: UnitSystem = .real) -> String {
    var out = ["MSD of '\(result.selection)': \(result.particleCount) \(result.particles); drift: \(result.drift)"]
    let unit = result.times == nil ? "lag (frames)" : "lag (\(units.timeUnit))"
    out.append("\(unit.leftPadded(14))  \("MSD (\(units.lengthUnit)²)".leftPadded(12))  \("x".leftPadded(10))  \("y".leftPadded(10))  \("z".leftPadded(10))  \("α₂".leftPadded(8))")
    let last = result.lags.last ?? 0
    // Rows at the α₂ lags (10 per decade), thinned to about `rows`.
    let step = max(1, result.nonGaussianLags.count / rows)
    var shown = Set(result.nonGaussianLags.enumerated().filter { $0.offset % step == 0 }.map(\.element))
    if last > 0 { shown.insert(last) }
    let row = Dictionary(uniqueKeysWithValues: result.lags.enumerated().map { ($1, $0) })
    let alpha = Dictionary(uniqueKeysWithValues: zip(result.nonGaussianLags, result.nonGaussian).map { ($0, $1) })
    for m in shown.sorted() where m > 0 {
        guard let r = row[m] else { continue }
        let lag = result.times.map { formatNumber($0[r], 5) } ?? String(m)
        let a = alpha[m].map { formatNumber($0, 3) } ?? ""
        out.append("\(lag.leftPadded(14))  \(formatNumber(result.msd[r]).leftPadded(12))  \(formatNumber(result.msdX[r]).leftPadded(10))  \(formatNumber(result.msdY[r]).leftPadded(10))  \(formatNumber(result.msdZ[r]).leftPadded(10))  \(a.leftPadded(8))")
    }
    if result.times == nil { out.append("(frame times unknown: pass --timestep or --dt for lags in ps and D)") }
    if let d = result.diffusion { out.append(renderDiffusion(d, units: units)) }
    return out.joined(separator: "\n")
}

/// D ± σ with its window and method.
func renderDiffusion(_ d: SelfDiffusionResult, units: UnitSystem) -> String {
    let t = units.timeUnit
    var out: [String] = []
    var line = "D = \(formatNumber(d.coefficient.value)) ± \(formatNumber(d.coefficient.uncertainty, 2)) \(d.unit)"
    if let si = d.coefficientSI, let sigma = d.uncertaintySI { line += " = (\(formatNumber(si)) ± \(formatNumber(sigma, 2))) m²/s" }
    out.append(line + (d.diffusive ? "" : "   (NOT DIFFUSIVE: see warning)"))
    out.append("  window \(formatNumber(d.windowStart, 4))–\(formatNumber(d.windowEnd, 4)) \(t) (\(d.windowChoice); log-log slope \(String(format: "%.2f–%.2f", d.window.slopeRange.lowerBound, d.window.slopeRange.upperBound))), \(d.fitPoints) points, intercept \(formatNumber(d.intercept, 3)) ± \(formatNumber(d.interceptUncertainty, 2)) \(units.lengthUnit)²")
    out.append("  σ: \(d.coefficient.method); \(d.particleCount) particles")
    if let b = d.blockAverage { out.append("  block average: \(formatNumber(b.value)) ± \(formatNumber(b.uncertainty, 2)) \(d.unit) (\(b.method))") }
    if d.components.count == 3 {
        out.append("  Dx, Dy, Dz = " + d.components.map { "\(formatNumber($0.value)) ± \(formatNumber($0.uncertainty, 2))" }.joined(separator: ", ") + " \(d.unit)")
    }
    if let f = d.finiteSize {
        out.append("  Yeh–Hummer (T = \(formatNumber(f.temperature)), η = \(formatNumber(f.viscosity)), L = \(formatNumber(f.boxLength)) \(units.lengthUnit), \(f.lengthNote)): +\(formatNumber(f.correction)) → D∞ = \(formatNumber(f.corrected.value)) ± \(formatNumber(f.corrected.uncertainty, 2)) \(d.unit)")
    }
    return out.joined(separator: "\n")
}
