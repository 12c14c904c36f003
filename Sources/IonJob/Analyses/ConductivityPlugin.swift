import IonAnalysis
import IonCore
import IonReport

/// `ionscope conductivity`, `[conductivity]`: Onsager coefficients, κ, Nernst–Einstein, ionicity
/// and transference numbers (Einstein form), and optionally the Green–Kubo κ in the same read.
public struct ConductivityPlugin: AnalysisPlugin {
    public static let name = "conductivity"
    public static let abstract =
        "Onsager coefficients, ionic conductivity, Nernst–Einstein conductivity, ionicity and transference numbers."
    public static let discussion = """
        Each species is the set of molecules with an atom in its selection, each at the centre of mass of the whole \
        molecule with the molecule's net charge (atoms: each selected atom). L^ij = 1/(6 k_B T V) d/dt ⟨ΔR_i·ΔR_j⟩ with \
        positions relative to the system's centre of mass (Jones et al. 2022, doi:10.48550/arXiv.2208.03182, eq. 6), \
        κ = F² Σ z_i z_j L^ij. Slopes are fitted over fit_start…fit_end (default: a quarter to a half of a block); \
        the uncertainty is the standard error over blocks of one run, or over replicas. With green_kubo, κ also \
        comes from the integral of the charge-current autocorrelation (needs velocities). Needs the temperature.
        """
    public static let repeatable = false
    public static let settings: [Setting] = [
        Setting(
            "species", .species, required: true,
            help:
                "The ions, each NAME=SELECTION or a name from [selections]: --species 'Li=type 1' --species 'TFSI=type 2 3'."
        ),
        .flag(
            "atoms",
            help:
                "Each selected atom is a particle with its own charge (default: whole molecules at their centre of mass)."
        ),
        Setting("fit_start", .number(.nonNegative), unit: "ps", help: "Start of the fit window (τ for lj)."),
        Setting("fit_end", .number(.positive), unit: "ps", help: "End of the fit window (τ for lj)."),
        Setting(
            "blocks", .integer(minimum: 2, maximum: 10_000), default: .integer(5),
            help: "Blocks one run is cut into for its uncertainty."),
        Setting(
            "salt_concentration", .number(.positive), unit: "mol/L",
            help: "Salt concentration for the molar conductivity (default: ion pairs per volume)."),
        .flag(
            "green_kubo",
            help: "Also κ from the Green–Kubo integral of the charge-current autocorrelation (needs velocities)."),
        Setting(
            "green_kubo_window", .number(.positive), unit: "ps",
            help: "Green–Kubo: longest lag integrated (τ for lj; default: half a block)."),
    ]
    public static let example = PluginExample(.primitiveModel, #"species = ["cation=type 1", "anion=type 2"]"#)

    public var label: String
    let species: [OnsagerSpecies]
    let options: OnsagerOptions
    let greenKubo: Bool
    let greenKuboWindow: Double?

    public init(_ settings: SettingValues) throws {
        let byMolecule = !settings.bool("atoms")
        species = settings.species("species").map {
            OnsagerSpecies(name: $0.name, selection: $0.selection, byMolecule: byMolecule)
        }
        guard species.count >= 2 else {
            throw SettingError(
                "species",
                "give at least two ions, e.g. species = [\"Li\", \"TFSI\"] or --species 'Li=type 1' --species 'TFSI=type 2 3'"
            )
        }
        var options = OnsagerOptions(temperature: try settings.requiredTemperature(for: "the conductivity"))
        options.fitStart = settings.number("fit_start"); options.fitEnd = settings.number("fit_end")
        if let start = options.fitStart, let end = options.fitEnd, end <= start {
            throw SettingError("fit_end", "must be larger than fit_start (\(start))")
        }
        options.blocks = settings.integer("blocks") ?? 5
        options.saltConcentration = settings.number("salt_concentration")
        self.options = options
        greenKubo = settings.bool("green_kubo")
        greenKuboWindow = settings.number("green_kubo_window")
        if greenKuboWindow != nil && !greenKubo { throw SettingError("green_kubo_window", "applies with green_kubo") }
        label = settings.text("label") ?? "conductivity"
    }

    /// The Onsager series and, with Green–Kubo, the charge-current integral, from one read.
    public func analysis(_ run: RunSetup) throws -> AnalysisPair<OnsagerSeriesCollector, GreenKuboConductivity> {
        AnalysisPair(
            OnsagerSeriesCollector(species: species, acceptsReducedUnits: true),
            greenKubo
                ? GreenKuboConductivity(
                    species: species, temperature: options.temperature, window: greenKuboWindow,
                    blocks: options.blocks, source: run.source) : nil)
    }

    public func output(_ collected: Analysis.Result, _ run: RunSetup) throws -> ConductivityOutput {
        ConductivityOutput(einstein: try einstein([collected.first]), greenKubo: collected.second)
    }

    /// Replicas: one Onsager analysis over every run's series (uncertainty from their spread);
    /// the Green–Kubo result of the first run.
    public func combined(_ runs: [Analysis.Result], _ run: RunSetup) throws -> ConductivityOutput? {
        ConductivityOutput(einstein: try einstein(runs.map(\.first)), greenKubo: runs.first?.second)
    }

    func einstein(_ series: [OnsagerSeries]) throws -> OnsagerResult {
        var result = try OnsagerAnalysis.compute(series, options: options)
        for (k, item) in species.enumerated() {
            result.species[k].selection = item.selection.text
            result.species[k].particles = item.byMolecule ? "molecules" : "atoms"
        }
        return result
    }

    public static func headlines(_ output: ConductivityOutput, label: String) -> [Headline] {
        var rows: [Headline] = []
        if let g = output.greenKubo {
            rows.append(
                Headline(
                    "κ (Green–Kubo)", g.conductivity.value, g.conductivity.uncertainty, unit: g.conductivity.unit,
                    method: g.conductivity.underResolved
                        ? "charge-current ACF — frames too far apart: not trustworthy" : "charge-current ACF"))
        }
        let r = output.einstein
        let kappa = r.units.conductivity
        rows.append(
            Headline("κ", r.conductivity.value, r.conductivity.uncertainty, unit: kappa, method: "Einstein (Onsager)"))
        rows.append(
            Headline(
                "σ(NE)", r.nernstEinsteinConductivity.value, r.nernstEinsteinConductivity.uncertainty, unit: kappa,
                method: "Nernst–Einstein"))
        rows.append(
            Headline("ionicity", r.ionicity.value, r.ionicity.uncertainty, unit: .dimensionless, method: "κ/σ(NE)"))
        // One transference number per species: "t₊" of several cation species would sum them.
        for (species, t) in zip(r.species, r.transferenceOnsager) {
            rows.append(
                Headline(
                    "t(\(species.name))", t.value, t.uncertainty, unit: .dimensionless,
                    method: "Onsager, centre-of-mass frame"))
        }
        return rows
    }

    public static func warnings(_ output: ConductivityOutput, label: String) -> [String] {
        output.einstein.warnings + (output.greenKubo?.warnings ?? [])
    }

    public static func sections(_ items: [Labelled<ConductivityOutput>], units u: UnitLabels, files: inout FileSet)
        throws -> [ReportSection]
    {
        var sections: [ReportSection] = []
        for item in items {
            sections.append(try conductivitySection(item.output.einstein, files: &files))
            if let g = item.output.greenKubo { sections.append(try greenKuboSection(g, units: u, files: &files)) }
        }
        return sections
    }

    static func conductivitySection(_ r: OnsagerResult, files: inout FileSet) throws -> ReportSection {
        try files.json("conductivity.json", r)
        let (kappa, time) = (r.units.conductivity, r.units.curveTimes)
        var columns: [DataTable.Column] = [.init("t", unit: r.units.curveTimes, r.curveTimes)]
        var series: [Plot.Series] = []
        let names = r.species.map(\.name)
        for i in names.indices {
            for j in i..<names.count {
                let curve = r.collectiveDisplacements[i][j]
                columns.append(
                    .init("collective_\(names[i])_\(names[j])", unit: r.units.collectiveDisplacements, curve)
                )
                series.append(Plot.Series("⟨ΔR_\(names[i])·ΔR_\(names[j])⟩", x: r.curveTimes, y: curve))
            }
        }
        try files.csv("conductivity.csv", DataTable(columns))
        let plot = Plot(
            title: "Collective displacements (Onsager, Einstein form)", x: .init("lag time t (\(time))"),
            y: .init(r.units.collectiveDisplacements.symbol),
            series: series, markers: [Plot.Marker("fit window", from: r.fitWindow[0], to: r.fitWindow[1])],
            horizontalLine: 0)
        func cell(_ e: Estimate) -> String { formatEstimate(e.value, e.uncertainty) }
        let matrix = ReportTable(
            caption: "Onsager coefficients L^ij (\(r.units.coefficients)), centre-of-mass frame",
            columns: [""] + names,
            rows: names.indices.map { i in [names[i]] + names.indices.map { cell(r.coefficients[i][$0]) } })
        var rows = [
            ["κ (Einstein, Onsager)", cell(r.conductivity), kappa.symbol],
            ["σ(NE) (Nernst–Einstein)", cell(r.nernstEinsteinConductivity), kappa.symbol],
            ["ionicity κ/σ(NE)", cell(r.ionicity), ""],
            [
                "molar conductivity Λ (c = \(formatNumber(r.saltConcentration)) \(r.units.saltConcentration))",
                cell(r.molarConductivity), r.units.molarConductivity.symbol,
            ],
        ]
        // The sum over cations is named as such, and shown only when it is not one species' own t.
        let cations = r.species.filter { $0.charge > 0 }.map(\.name)
        if cations.count > 1 {
            let sum = "sum over the cations (\(cations.joined(separator: " + ")))"
            rows.append(["transference, \(sum), Onsager", cell(r.cationTransferenceOnsager), ""])
            rows.append(["transference, \(sum), Nernst–Einstein", cell(r.cationTransferenceNernstEinstein), ""])
        } else {
            rows.append(["cation transference, Onsager", cell(r.cationTransferenceOnsager), ""])
            rows.append(["cation transference, Nernst–Einstein", cell(r.cationTransferenceNernstEinstein), ""])
        }
        if let binary = r.binaryTransferenceFromDiffusion { rows.append(["t₊ = D₊/(D₊ + D₋)", cell(binary), ""]) }
        let species = ReportTable(
            caption:
                "Species (D here is the self part of L^ii over the conductivity's fit window, \(formatNumber(r.fitWindow[0])) – \(formatNumber(r.fitWindow[1])) \(time), for Nernst–Einstein; the MSD section's D uses its own window)",
            columns: [
                "species", "particles", "count", "z (\(r.units.charge))", "c (\(r.units.concentration))",
                "D (\(r.units.diffusionCoefficients))", "t (Onsager)", "t (NE)",
            ],
            rows: r.species.indices.map { k in
                let s = r.species[k]
                return [
                    s.name, s.particles, "\(s.count)", formatNumber(s.charge, 3), formatNumber(s.concentration),
                    cell(r.diffusionCoefficients[k]), cell(r.transferenceOnsager[k]),
                    cell(r.transferenceNernstEinstein[k]),
                ]
            })
        var plots = [plot]
        if r.convergence.count >= 2 {
            let frames = r.convergence.map { Double($0.frames) }, values = r.convergence.map(\.value)
            let errors = r.convergence.map { $0.fitError ?? 0 }
            plots.append(
                Plot(
                    title: "Convergence of κ with the length of run used", x: .init("frames used"),
                    y: .init("κ (\(kappa))"),
                    series: [
                        Plot.Series(
                            "κ", x: frames, y: values,
                            band: (zip(values, errors).map { $0 - $1 }, zip(values, errors).map { $0 + $1 }))
                    ],
                    horizontalLine: r.nernstEinsteinConductivity.value))
        }
        return ReportSection(
            title: "Conductivity and transference",
            text: [
                "T = \(formatNumber(r.temperature)) \(r.units.temperature), V = \(formatNumber(r.volume, 6)) \(r.units.volume); fit window \(formatNumber(r.fitWindow[0])) – \(formatNumber(r.fitWindow[1])) \(time); uncertainties: \(r.uncertaintyMethod)."
            ],
            plots: plots,
            tables: [
                ReportTable(caption: "Conductivity", columns: ["quantity", "value", "unit"], rows: rows), species,
                matrix,
            ],
            files: ["conductivity.json", "conductivity.csv"])
    }

    static func greenKuboSection(_ r: GreenKuboConductivityResult, units u: UnitLabels, files: inout FileSet) throws
        -> ReportSection
    {
        try files.json("green-kubo.json", r)
        try files.csv(
            "green-kubo.csv",
            DataTable([
                .init("t", unit: u.time, r.times), .init("J_acf", r.chargeCurrentACF),
                .init("running_conductivity", unit: r.conductivity.unit, r.runningConductivity),
            ]))
        let running = Plot(
            title: "Running Green–Kubo conductivity", x: .init("t (\(u.time))"),
            y: .init("κ(t) (\(r.conductivity.unit))"),
            series: [Plot.Series("κ(t)", x: r.times, y: r.runningConductivity)], horizontalLine: r.conductivity.value)
        let acf = Plot(
            title: "Charge-current autocorrelation", x: .init("t (\(u.time))"), y: .init("⟨J(0)·J(t)⟩"),
            series: [Plot.Series("⟨J(0)·J(t)⟩", x: r.times, y: r.chargeCurrentACF)], horizontalLine: 0)
        let rows = [
            [
                "κ (Green–Kubo)",
                formatEstimate(r.conductivity.value, r.conductivity.uncertainty) + " \(r.conductivity.unit)",
            ],
            [
                "σ(NE) from the self parts",
                formatEstimate(r.nernstEinstein.value, r.nernstEinstein.uncertainty) + " \(r.nernstEinstein.unit)",
            ],
            [
                "convergence (frames: κ)",
                r.convergence.map { "\($0.frames): \(formatNumber($0.value, 3))" }.joined(separator: ", "),
            ],
        ]
        return ReportSection(
            title: "Green–Kubo conductivity",
            text: [
                "κ = 1/(3 V k_B T) ∫⟨J(0)·J(t)⟩ dt with J = Σ q_i v_i; plateau from an exponential fit of the running integral (dashed line)."
            ],
            plots: [running, acf], tables: [ReportTable(caption: "", columns: ["", ""], rows: rows)],
            files: ["green-kubo.json", "green-kubo.csv"])
    }
}

/// The conductivity from the Einstein (Onsager) form and, when asked, from Green–Kubo.
public struct ConductivityOutput: Codable, Sendable {
    public var einstein: OnsagerResult
    public var greenKubo: GreenKuboConductivityResult?
}
