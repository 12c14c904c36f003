import Foundation
import IonAnalysis
import IonCore
import IonLearn
import IonReport

/// `ionscope local-conductivity` (also `ionscope learn conductivity predict`),
/// `[[local-conductivity]]`: a trained ensemble's molar conductivity Λ and local field k_i(t)
/// for a trajectory.
public struct LocalConductivityPlugin: OneSectionEach {
    public static let name = "local-conductivity"
    public static let abstract =
        "Molar conductivity Λ and the local conductivity k_i of every ion from its environment alone, by a trained ensemble (Jones et al. 2022)."
    public static let discussion = """
        The SOAP environments of the ions (--cation, --anion; solvent left out) every --snapshot-every frames go \
        through an ensemble trained by `ionscope learn conductivity train` (--model; default: the bundled ensemble of \
        IonScope's primitive-model campaign, LAMMPS lj units). Each ion's output is its local molar conductivity \
        k_i(t); Λ = ⟨k⟩ over ions and snapshots, with the members' spread (Jones, Fong, Persson & Lee 2022, \
        doi:10.48550/arXiv.2208.03182, eqs. 9–11, valences ±1). Reported: Λ₊ and Λ₋, the distribution of k \
        (histogram, skewness, Sarle's bimodality coefficient, the fraction below zero), that fraction for ions with \
        and without an unlike ion within --shell (the paper's 1.6 σ), and the spatial correlation C(r) of k between \
        like and unlike ions with correlation lengths (eq. 3). With --temperature, Λ is also measured from the \
        trajectory's own Onsager analysis.
        """
    public static let settings: [Setting] = [
        Setting("cation", .selection, default: .text("type 1"), help: "The cations (each atom one ion)."),
        Setting("anion", .selection, default: .text("type 2"), help: "The anions (each atom one ion)."),
        Setting("model", .file, help: "An ensemble file (conductivity-ensemble.json; default: the bundled one)."),
        Setting(
            "snapshot_every", .integer(minimum: 1), default: .integer(120),
            help: "Frames between the snapshots whose environments are taken."),
        Setting(
            "shell", .number(.positive), unit: "Å",
            help: "An unlike ion closer than this is in the first shell (default 1.6 σ for lj; required otherwise)."),
        Setting(
            "correlation_bin", .number(.positive), unit: "Å",
            help: "Bin width of C(r) of k (default 0.2 σ for lj, 0.5 Å otherwise)."),
        Setting(
            "blocks", .integer(minimum: 2, maximum: 1000), default: .integer(5),
            help: "Blocks of the Onsager analysis (with --temperature)."),
    ]
    public static let example = PluginExample(.primitiveModel, "snapshot_every = 50")

    public let label: String
    let cation: Selection, anion: Selection
    let modelPath: String?
    let every: Int
    let shell: Double?, correlationBin: Double?
    let blocks: Int
    let temperature: Double?

    public init(_ settings: SettingValues) throws {
        cation = try settings.selection("cation") ?? Selection("type 1")
        anion = try settings.selection("anion") ?? Selection("type 2")
        modelPath = settings.text("model")
        every = settings.integer("snapshot_every") ?? 120
        shell = settings.number("shell"); correlationBin = settings.number("correlation_bin")
        blocks = settings.integer("blocks") ?? 5
        temperature = settings.temperature
        label = settings.text("label") ?? "local conductivity"
    }

    /// The bundled ensemble (IonScope's primitive-model campaign).
    public static var bundledModelPath: String? {
        Bundle.module.url(forResource: "primitive-model-conductivity", withExtension: "json", subdirectory: "Models")?
            .path
    }

    func loadModel() throws -> (model: EnsembleModel, path: String) {
        guard let path = modelPath ?? Self.bundledModelPath else {
            throw SettingError("model", "no bundled ensemble in this build; give --model conductivity-ensemble.json")
        }
        do { return (try EnsembleModel.load(path), path) } catch let error as InputError {
            throw SettingError("model", error.message)
        }
    }

    func settings(_ model: EnsembleModel) throws -> ConductivitySettings {
        guard let soap = model.descriptor?.soap else {
            throw SettingError("model", "the ensemble was not trained on SOAP environments")
        }
        return ConductivitySettings(
            cation: cation.text, anion: anion.text, rCut: soap.rCut, nMax: soap.nMax, lMax: soap.lMax,
            sigma: soap.sigma, snapshotEvery: every, blocks: blocks)
    }

    public func analysis(_ run: RunSetup) throws -> AnalysisPair<
        AnalysisPair<DescriptorCollection<SOAPPowerSpectrum>, SnapshotPositions>, OnsagerSeriesCollector
    > {
        let (model, path) = try loadModel()
        if let unit = model.lengthUnit, unit != run.units.lengthUnit.symbol {
            throw SettingError(
                "model", "\(path) was trained on lengths in \(unit); this trajectory is in \(run.units.lengthUnit)")
        }
        var spectrum = try settings(model).spectrum()
        spectrum.threads = run.threads ?? ProcessInfo.processInfo.activeProcessorCount
        let ions = try Selection("(\(cation.text)) or (\(anion.text))")
        let onsager =
            temperature == nil
            ? nil
            : OnsagerSeriesCollector(
                species: [
                    OnsagerSpecies(name: "cation", selection: cation, byMolecule: false),
                    OnsagerSpecies(name: "anion", selection: anion, byMolecule: false),
                ], acceptsReducedUnits: true)
        return AnalysisPair(
            AnalysisPair(
                try DescriptorCollection(spectrum, every: every), SnapshotPositions(selection: ions, every: every)),
            onsager)
    }

    public func output(_ collected: Analysis.Result, _ run: RunSetup) throws -> LocalConductivityResult {
        let (model, path) = try loadModel()
        let environments = collected.first.first
        guard let snapshots = collected.first.second else {
            throw InternalError("the local conductivity's analyses have no result")
        }
        guard environments.columns == model.columns, environments.parameters == model.descriptor else {
            throw SettingError("model", "\(path) expects other features than these SOAP environments")
        }
        let ensemble: NetworkEnsemble<Float>
        do { ensemble = try model.ensemble(Float.self) } catch let error as InputError {
            throw SettingError("model", "\(path): \(error.message)")
        }
        let rows = environments.features.count / environments.columns.count
        let outputs = ensemble.memberOutputs(environments.features.map(Float.init), rows: rows)
        let topology = run.trajectory.topology
        let cations = Set(try cation.atomIndices(in: topology))
        let isCation = environments.centreAtoms.map { cations.contains($0 - 1) }
        var measured: Estimate?
        if let series = collected.second, let temperature {
            let onsager = try OnsagerAnalysis.compute(
                [series], options: OnsagerOptions(temperature: temperature, blocks: blocks))
            let q = onsager.species[0].charge
            if q > 0, abs(q + onsager.species[1].charge) <= 1e-6 * q {
                measured = Estimate(
                    onsager.molarConductivity.value / (q * q),
                    onsager.molarConductivity.uncertainty.map { $0 / (q * q) })
            }
        }
        let reduced = run.units.isReduced
        guard let shell = shell ?? (reduced ? 1.6 : nil) else {
            throw SettingError(
                "shell", "is required for inputs in \(run.units.lengthUnit) (the default 1.6 σ is for lj)")
        }
        let field = try LocalConductivityField(
            outputs: outputs, isCation: isCation, snapshots: snapshots, shell: shell,
            correlationWidth: correlationBin ?? (reduced ? 0.2 : 0.5), unit: model.targetUnit,
            lengthUnit: run.units.lengthUnit.symbol, measured: measured)
        return LocalConductivityResult(
            source: run.source, model: path, trainedOn: model.groups.count, field: field,
            frames: environments.frames)
    }

    public static func headlines(_ r: LocalConductivityResult, label: String) -> [Headline] {
        let unit = PhysicalUnit(r.field.unit, toSI: nil)
        var rows = [
            Headline(
                "Λ predicted \(label)", r.field.molarConductivity.value, r.field.molarConductivity.uncertainty,
                unit: unit,
                method: "mean of k over \(r.field.snapshots) snapshots; ± the \(r.field.members) members' spread"
            ),
            Headline(
                "fraction k < 0 \(label)", display: formatNumber(r.field.negativeFraction, 3),
                method: "ions and snapshots with a negative local conductivity"),
        ]
        if let m = r.field.measured {
            rows.append(
                Headline("Λ measured \(label)", m.value, m.uncertainty, unit: unit, method: "Onsager, valences ±1"))
        }
        return rows
    }

    public static func warnings(_ r: LocalConductivityResult, label: String) -> [String] {
        r.field.warnings.map { "\(label): \($0)" }
    }

    public static func section(_ label: String, _ r: LocalConductivityResult, units _: UnitLabels, files: inout FileSet)
        throws -> ReportSection
    {
        let f = r.field
        let name = "local-conductivity-\(slug(label))"
        try files.json(name + ".json", r)
        let centres = zip(f.edges, f.edges.dropFirst()).map { ($0 + $1) / 2 }
        try files.csv(
            name + "-histogram.csv",
            DataTable([
                .init("k", unit: f.unit, centres.map { Optional($0) }),
                .init("paired", f.pairedCounts.map { Double($0) }),
                .init("unpaired", f.unpairedCounts.map { Double($0) }),
            ]))
        func cell(_ e: Estimate) -> String {
            formatNumber(e.value) + (e.uncertainty.map { " ± \(formatNumber($0, 2))" } ?? "")
        }
        let total = Double(f.paired + f.unpaired)
        let histogram = Plot(
            title: "Distribution of the local conductivity k", x: .init("k (\(f.unit))"),
            y: .init("probability density"),
            series: [
                .init(
                    "unlike ion within \(formatNumber(f.shell)) \(f.lengthUnit)", x: centres,
                    y: f.pairedCounts.map { Double($0) / (total * (f.edges[1] - f.edges[0])) }, style: .steps),
                .init(
                    "no unlike ion within it", x: centres,
                    y: f.unpairedCounts.map { Double($0) / (total * (f.edges[1] - f.edges[0])) }, style: .steps),
            ])
        var plots = [histogram]
        let pairNames = ["cation–cation", "cation–anion", "anion–anion"]
        let curves = f.correlation.filter { $0.correlation.contains { $0 != nil } }
        if !curves.isEmpty {
            plots.append(
                Plot(
                    title: "Spatial correlation of k", x: .init("r (\(f.lengthUnit))"), y: .init("C(r) (\(f.unit)²)"),
                    series: curves.map { curve in
                        let known = curve.r.indices.filter { curve.correlation[$0] != nil }
                        return Plot.Series(
                            pairNames[curve.a + curve.b], x: known.map { curve.r[$0] },
                            y: known.map { curve.correlation[$0]! })
                    }, horizontalLine: 0))
        }
        return ReportSection(
            title: "Local molar conductivity: \(label)",
            text: [
                "\(f.cations) cations and \(f.anions) anions in \(f.snapshots) snapshots through \(f.members) networks (\(r.model), trained on \(r.trainedOn) systems); k in \(f.unit) (valences ±1). An ion is paired when an unlike ion lies within \(formatNumber(f.shell)) \(f.lengthUnit)."
            ],
            plots: plots,
            tables: [
                ReportTable(
                    caption: "Molar conductivity and the k field",
                    columns: ["quantity", "value"],
                    rows: [
                        ["Λ predicted (± members' spread)", cell(f.molarConductivity)],
                        ["Λ measured (Onsager)", f.measured.map(cell) ?? "— (give --temperature)"],
                        ["Λ₊ (cations), Λ₋ (anions)", "\(cell(f.cationConductivity)); \(cell(f.anionConductivity))"],
                        ["mean k, std k", "\(formatNumber(f.mean)), \(formatNumber(f.standardDeviation))"],
                        [
                            "skewness; bimodality coefficient",
                            "\(formatNumber(f.skewness, 3)); \(formatNumber(f.bimodality, 3)) (> 0.556: may be bimodal)",
                        ],
                        ["fraction k < 0", formatNumber(f.negativeFraction, 3)],
                        [
                            "fraction k < 0, paired (\(f.paired)) / unpaired (\(f.unpaired))",
                            "\(f.negativePaired.map { formatNumber($0, 3) } ?? "—") / \(f.negativeUnpaired.map { formatNumber($0, 3) } ?? "—")",
                        ],
                    ]),
                ReportTable(
                    caption: "Correlation length ξ of C(r) = a·exp(−r/ξ) of k (\(f.lengthUnit))",
                    columns: ["pair", "ξ", "fitted over"],
                    rows: f.correlation.map { curve in
                        [
                            pairNames[curve.a + curve.b], curve.length.map { formatNumber($0) } ?? "no fit",
                            curve.fitRange.map { "\(formatNumber($0[0]))–\(formatNumber($0[1]))" } ?? "—",
                        ]
                    }),
            ], files: [name + ".json", name + "-histogram.csv"])
    }
}

/// What `ionscope local-conductivity` found.
public struct LocalConductivityResult: Codable, Sendable {
    public var source: String
    public var model: String
    public var trainedOn: Int
    public var field: LocalConductivityField
    /// The snapshots' frames.
    public var frames: [Int]
}
