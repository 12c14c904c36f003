import IonAnalysis
import IonCore
import IonReport

/// `ionscope msd`, `[[msd]]`: the MSD over all origins and the Einstein self-diffusion coefficient.
public struct MSDPlugin: AnalysisPlugin {
    public static let name = "msd"
    public static let abstract =
        "Mean squared displacement over all time origins (FFT), of atoms or molecular centres of mass, and the Einstein self-diffusion coefficient."
    public static let discussion = """
        D is fitted by generalised least squares with the covariance of all-origin MSD estimates of a random walk, over \
        a window that ends where the local slope of log MSD against log t leaves 1 ± 0.15 (or its noise) and starts \
        where D stops moving as the start moves later, past the peak of the non-Gaussian parameter; fit_start/fit_end \
        override it. σ is scaled up when up to 5 independent segments of the run scatter more than it says, and the \
        start's systematic part is added; runs too short for these checks say so. With the temperature and \
        viscosity, D is also corrected for the periodic cell (Yeh & Hummer 2004, doi:10.1021/jp0477147).
        """
    public static let settings: [Setting] = [
        Setting(
            "select", .selection, formerly: ["selection"],
            help: "Atoms to follow, e.g. 'type 1' or a name from [selections] (default: all atoms)."),
        .flag(
            "molecules",
            help: "Follow the centre of mass of the selected atoms of each molecule instead of single atoms."),
        Setting(
            "drift", .wordOrSelection(["system", "none"]), default: .text("system"),
            help:
                "Drift removed first: 'system' (centre of mass of all atoms), 'none', or a selection whose centre of mass is the reference (a framework)."
        ),
        Setting(
            "fit_start", .number(.nonNegative), unit: "ps",
            help: "Start of the Einstein fit window (τ for lj; default: automatic)."),
        Setting(
            "fit_end", .number(.positive), unit: "ps",
            help: "End of the Einstein fit window (τ for lj; default: automatic)."),
        Setting(
            "viscosity", .number(.positive), unit: "Pa·s",
            help: "Shear viscosity (reduced for lj) for the Yeh–Hummer finite-size correction; needs the temperature."),
        Setting("viscosity_error", .number(.nonNegative), unit: "Pa·s", help: "Standard uncertainty of the viscosity."),
        .flag("log_lags", help: "Keep the MSD at logarithmically spaced lags (10 per decade) only, in JSON and CSV."),
    ]
    public static let example = PluginExample(.demo, #"select = "type 1""#)

    public let label: String
    let selection: Selection
    let molecules: Bool
    let drift: DriftPolicy
    let options: SelfDiffusionOptions
    let logLags: Bool

    public init(_ settings: SettingValues) throws {
        selection = try settings.selection("select") ?? Selection("all")
        label = settings.text("label") ?? settings.written("select") ?? "all"
        molecules = settings.bool("molecules")
        switch settings.text("drift") {
        case "none": drift = .keep
        case "system": drift = .removeSystemCenterOfMass
        default: drift = .removeCenterOfMass(of: try settings.requiredSelection("drift"))
        }
        var options = SelfDiffusionOptions()
        options.fitStart = settings.number("fit_start"); options.fitEnd = settings.number("fit_end")
        if let start = options.fitStart, let end = options.fitEnd, end <= start {
            throw SettingError("fit_end", "must be larger than fit_start (\(start))")
        }
        options.viscosity = settings.number("viscosity");
        options.viscosityUncertainty = settings.number("viscosity_error")
        if options.viscosity != nil {
            guard let temperature = settings.temperature else {
                throw SettingError("viscosity", "the Yeh–Hummer correction also needs the temperature")
            }
            options.temperature = temperature
        } else if options.viscosityUncertainty != nil {
            throw SettingError("viscosity_error", "applies to a given viscosity")
        }
        self.options = options
        logLags = settings.bool("log_lags")
    }

    public func analysis(_ run: RunSetup) throws -> ParticleSeriesCollector {
        ParticleSeriesCollector(selection: selection, byMolecule: molecules, drift: drift)
    }

    public func output(_ series: ParticleSeries, _ run: RunSetup) throws -> MSDResult {
        var result = MeanSquaredDisplacement.compute(
            series, selection: selection.text, particles: molecules ? "molecules" : "atoms",
            drift: drift.description)
        var options = options
        options.reducedUnits = run.units.isReduced
        result.diffusion = SelfDiffusion.estimate(series, msd: result, options: options)
        if result.diffusion == nil {
            // A missing D is said, never left as an empty table row.
            result.warnings.append(
                series.times == nil
                    ? "no self-diffusion coefficient: the frame times are unknown — give the MD timestep (--timestep, or timestep in the job; LAMMPS dumps store only the step) or the time between frames (--dt)"
                    : series.frameCount < 4
                        ? "no self-diffusion coefficient: \(series.frameCount) frames, at least 4 are needed"
                        : "no self-diffusion coefficient: the Einstein fit failed (frame times that do not increase, or an MSD that is zero)"
            )
        }
        return logLags ? result.thinned(perDecade: 10) : result
    }

    public static func headlines(_ r: MSDResult, label: String) -> [Headline] {
        guard let d = r.diffusion else { return [] }
        let method = d.diffusive ? "Einstein, GLS" : "Einstein, GLS — no diffusive regime reached"
        var rows = [
            d.coefficientSI.map {
                Headline("D(\(label))", $0, d.uncertaintySI, unit: .squareMetrePerSecond, method: method)
            }
                ?? Headline("D(\(label))", d.coefficient.value, d.coefficient.uncertainty, unit: d.unit, method: method)
        ]
        if let f = d.finiteSize {
            rows.append(
                Headline(
                    "D∞(\(label))", f.corrected.value, f.corrected.uncertainty, unit: d.unit,
                    method: "Yeh–Hummer corrected"))
        }
        return rows
    }

    public static func warnings(_ r: MSDResult, label: String) -> [String] {
        r.warnings + (r.diffusion?.warnings ?? []).map { "D of \(label): \($0)" }
    }
    public static func sections(_ items: [Labelled<MSDResult>], units u: UnitLabels, files: inout FileSet) throws
        -> [ReportSection]
    {
        var series: [Plot.Series] = [], markers: [Plot.Marker] = [], rows: [[String]] = [], names: [String] = []
        var scans: [Plot.Series] = [], scanMarkers: [Plot.Marker] = []
        let corrected = items.contains { $0.output.diffusion?.finiteSize != nil }
        for (label, result) in items.map({ ($0.label, $0.output) }) {
            let name = "msd-\(slug(label))"
            try files.json(name + ".json", result)
            let lagTimes = result.times ?? result.lags.map(Double.init)
            try files.csv(
                name + ".csv",
                DataTable([
                    .init("lag", unit: .frames, result.lags.map(Double.init)),
                    .init("t", unit: result.times == nil ? .frames : u.time, lagTimes),
                    .init("msd", unit: u.area, result.msd), .init("msd_x", unit: u.area, result.msdX),
                    .init("msd_y", unit: u.area, result.msdY), .init("msd_z", unit: u.area, result.msdZ),
                ]))
            names += [name + ".json", name + ".csv"]
            let thin = result.thinned(perDecade: 20)
            let t = thin.times ?? thin.lags.map(Double.init)
            series.append(Plot.Series(label, x: Array(t.dropFirst()), y: Array(thin.msd.dropFirst())))
            if let d = result.diffusion {
                markers.append(Plot.Marker("fit \(label)", from: d.windowStart, to: d.windowEnd))
                // The fitted line over its window, dashed, beside the MSD.
                let fitted = [d.windowStart, d.windowEnd]
                series.append(
                    Plot.Series(
                        "fit \(label)", x: fitted, y: fitted.map { d.intercept + 6 * d.coefficient.value * $0 },
                        style: .dashed))
                let points = d.startScan.points
                scans.append(
                    Plot.Series(
                        label, x: points.map(\.startTime), y: points.map(\.value),
                        band: (points.map { $0.value - $0.uncertainty }, points.map { $0.value + $0.uncertainty }),
                        style: points.count > 1 ? .line : .points))
                scanMarkers.append(Plot.Marker("start \(label)", at: d.windowStart))
                let si =
                    d.coefficientSI.map {
                        formatEstimate($0, d.uncertaintySI) + " \(PhysicalUnit.squareMetrePerSecond)"
                    } ?? "—"
                rows.append(
                    [
                        label, result.particles, "\(result.particleCount)", si,
                        formatEstimate(d.coefficient.value, d.coefficient.uncertainty) + " \(d.unit)",
                        "\(formatNumber(d.windowStart, 3))–\(formatNumber(d.windowEnd, 3))", startCheck(d),
                        segmentCheck(d, timeUnit: u.time), d.diffusive ? "yes" : "no",
                    ]
                        + (corrected
                            ? [
                                d.finiteSize.map {
                                    formatEstimate($0.corrected.value, $0.corrected.uncertainty) + " \(d.unit)"
                                } ?? "—"
                            ] : []))
            }
        }
        let timeUnit = items.first?.output.times == nil ? PhysicalUnit.frames : u.time
        let plot = Plot(
            title: "Mean squared displacement", x: .init("lag time t (\(timeUnit))", logarithmic: true),
            y: .init("MSD (\(u.area))", logarithmic: true), series: series, markers: markers)
        var alpha: [Plot.Series] = []
        for (label, result) in items.map({ ($0.label, $0.output) }) where !result.nonGaussianLags.isEmpty {
            let frameTime = (result.times?.count ?? 0) > 1 ? result.times![1] : 1
            alpha.append(
                Plot.Series(label, x: result.nonGaussianLags.map { Double($0) * frameTime }, y: result.nonGaussian))
        }
        let alphaPlot = Plot(
            title: "Non-Gaussian parameter α₂(t)", x: .init("lag time t (\(timeUnit))", logarithmic: true),
            y: .init("α₂"), series: alpha, horizontalLine: 0)
        let scanPlot = Plot(
            title: "D against the start of the fit window (±σ of GLS)",
            x: .init("fit start (\(timeUnit))", logarithmic: true),
            y: .init("D (\(items.first?.output.diffusion?.unit.symbol ?? ""))"), series: scans, markers: scanMarkers)
        let table = ReportTable(
            caption:
                "Self-diffusion (Einstein relation; σ: generalised least squares with the random-walk covariance, scaled up when independent segments scatter more, with the fit start's systematic part in quadrature)",
            columns: [
                "group", "particles", "N", "D", "D (internal units)", "fit window (\(u.time))", "D settled",
                "σ checked on segments", "diffusive",
            ]
                + (corrected ? ["D∞, Yeh–Hummer corrected"] : []),
            rows: rows)
        return [
            ReportSection(
                title: "Mean squared displacement and self-diffusion",
                text: [
                    "MSD over all time origins by FFT; drift: \(items.first?.output.drift ?? ""). The shaded ranges are the fit windows and the dashed lines the fitted Einstein lines. Unless set in the job file, a window ends where the local log–log slope leaves 1 ± 0.15 (or its noise) and starts where D stops moving as the start moves later, past the peak of the non-Gaussian parameter: a fit from the first diffusive lag is biased by the slow approach of a liquid's MSD to its straight line.",
                    "“D settled” says whether three consecutive starts agreed within 2σ with the start three times later (the start used is twice the first of them); “σ checked on segments” gives the χ²/dof of D over independent segments of the run and the factor it put on σ.",
                ],
                plots: [plot, scanPlot, alphaPlot], tables: [table], files: names)
        ]
    }

    /// Whether D stopped moving as the fit start moved later, for the table.
    static func startCheck(_ d: SelfDiffusionResult) -> String {
        if d.windowChoice == "user" { return "user window" }
        if d.startScan.points.count < FitStartScan.confirmations { return "not checked (run too short)" }
        return d.startScan.settled
            ? "yes" + (d.windowUncertainty > 0 ? " (± " + formatNumber(d.windowUncertainty, 2) + ")" : "")
            : "no"
    }

    /// The segment check of σ, for the table.
    static func segmentCheck(_ d: SelfDiffusionResult, timeUnit: PhysicalUnit) -> String {
        guard let c = d.segmentCheck else { return "no (run too short)" }
        let length = formatNumber(c.segmentDuration, 3)
        let ratio = formatNumber(c.chiSquared / Double(c.degreesOfFreedom), 2)
        return "\(c.segments) × \(length) \(timeUnit): χ²/dof \(ratio)"
            + (c.inflation > 1 ? ", σ × " + formatNumber(c.inflation, 3) : "")
    }
}
