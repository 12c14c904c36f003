import Foundation
import IonAnalysis
import IonCore
import IonLearn
import IonReport

/// `ionscope softness`, `[[softness]]`: which ions are about to rearrange, judged from their
/// structure — D²min labels, structural descriptors and a logistic-regression hyperplane.
public struct SoftnessPlugin: AnalysisPlugin {
    public static let name = "softness"
    public static let abstract =
        "Softness: a logistic-regression hyperplane that tells mobile from immobile ions (D²min labels) by their structural descriptors (radial and angular structure functions, or SOAP); accuracy, ROC, softness per ion."
    public static let discussion = """
        Each window of frames labels its centres: the given fraction with the largest D_cum mobile, as many with the \
        smallest immobile (see ionscope d2min). The descriptors of the centres at the window's first frame are the \
        features: radial structure functions by default, radial and angular ones with --angular, the SOAP power \
        spectrum with --soap (see ionscope descriptors; one species per atom type unless given). The earlier \
        windows train an L2 logistic regression (or a linear SVM) on standardised features, C chosen by stratified k-fold \
        cross-validation over a grid; the later windows test it. Softness S is the signed distance to the \
        hyperplane (Cubuk et al. 2015, doi:10.1103/PhysRevLett.114.108001; Schoenholz et al. 2016, \
        doi:10.1038/nphys3644). Pearson's r of S with each centre's local composition (fraction of neighbours of \
        each species within composition_cutoff) and with the per-atom columns named by compare (potential energy, \
        Voronoi volume: Chen et al. 2023, doi:10.1021/acsenergylett.3c00237) tells what softness encodes. For LAMMPS \
        lj inputs the D²min cutoff defaults to 1.5 σ and the RSF grid to μ = 0.4…5 σ, L = 0.1 σ.
        """
    public static let settings: [Setting] =
        [
            Setting("select", .selection, required: true, help: "The centres (e.g. 'type 1' for Li⁺)."),
            Setting(
                "species", .species,
                help: "A neighbour species NAME=SELECTION for the descriptors; repeat (default: one per atom type)."),
            Setting(
                "d2min_window", .integer(minimum: 1), unit: "frames", required: true,
                help: "Frames per window: the labels' time scale (of the order of the cage-escape time)."),
            Setting(
                "d2min_cutoff", .number(.positive), unit: "Å",
                help: "Neighbour radius of D²min (default 1.5 σ for lj; required otherwise)."),
            Setting(
                "d2min_increment", .integer(minimum: 1), unit: "frames",
                help: "Increment of D_cum, dividing the window (default: the window)."),
            Setting(
                "fraction", .number(.fraction), default: .number(0.1),
                help: "Share of centres labelled mobile, and as many immobile, per window (at most 0.5)."),
        ] + D2MinPlugin.hopSettings + DescriptorChoice.settings + classifierSettings + [
            .flag("balanced", help: "Weight the classes by their inverse frequency."),
            Setting(
                "test_fraction", .number(.fraction), default: .number(0.3),
                help: "Share of the windows, the last ones, held out for testing."),
            Setting(
                "correlation_bin", .number(.positive), unit: "Å",
                help: "Bin width δ of the spatial correlation C(r) of S (default 0.2 σ for lj, 0.5 Å otherwise)."),
            Setting(
                "model", .file,
                help:
                    "A saved softness-LABEL-model.json to apply instead of training: every window tests it (give the descriptor settings it was trained with)."
            ),
            Setting(
                "compare", .texts(placeholder: "COLUMN"),
                help:
                    "A per-atom column of the trajectory (LAMMPS dump: c_pe, c_vor[1]) whose Pearson correlation with S is reported; repeat."
            ),
            Setting(
                "composition_cutoff", .number(.positive), unit: "Å",
                help:
                    "Radius of the local composition (fraction of neighbours of each species) compared with S (default: the D²min cutoff)."
            ),
        ]
    /// The classifier, its C grid and the cross-validation folds, shared with the label sweep.
    static let classifierSettings: [Setting] = [
        Setting(
            "c_grid", .numbers(.positive, count: nil),
            help: "Inverse regularisation strengths C tried by cross-validation (default 10⁻³ … 10³)."),
        Setting(
            "classifier", .choice(LinearClassifier.allCases.map(\.rawValue)),
            default: .text(LinearClassifier.logistic.rawValue),
            help: "L2 logistic regression, or a linear SVM with the squared hinge loss (scikit-learn's LinearSVC)."),
        Setting("folds", .integer(minimum: 2, maximum: 20), default: .integer(5), help: "Cross-validation folds."),
    ]
    public static let example = PluginExample(
        .demo, RSFGrid.demoTable + "\nd2min_window = 5\nd2min_cutoff = 8\nfolds = 3")

    public let label: String
    let selection: Selection
    let species: [RadialStructureFunctions.Species]
    let window: Int, increment: Int?, cutoff: Double?, fraction: Double
    let choice: DescriptorChoice
    let cGrid: [Double], folds: Int, balanced: Bool, testFraction: Double
    let classifier: LinearClassifier
    let correlationBin: Double?
    let compare: [String]
    let compositionCutoff: Double?
    /// A saved model to apply, and its path.
    let saved: (model: SoftnessModel, path: String)?
    let hop: (window: Int?, labelBy: NonaffineDisplacement.LabelBy)

    public init(_ settings: SettingValues) throws {
        selection = try settings.requiredSelection("select")
        species = settings.species("species").map { .init(name: $0.name, selection: $0.selection.text) }
        guard let window = settings.integer("d2min_window") else { throw SettingError("d2min_window", "is required") }
        self.window = window
        increment = settings.integer("d2min_increment"); cutoff = settings.number("d2min_cutoff")
        fraction = settings.number("fraction") ?? 0.1
        choice = DescriptorChoice(settings)
        cGrid = settings.numbers("c_grid") ?? [1e-3, 1e-2, 0.1, 1, 10, 100, 1000]
        folds = settings.integer("folds") ?? 5; balanced = settings.bool("balanced")
        testFraction = settings.number("test_fraction") ?? 0.3
        classifier = settings.text("classifier").flatMap(LinearClassifier.init(rawValue:)) ?? .logistic
        correlationBin = settings.number("correlation_bin")
        compare = settings.texts("compare"); compositionCutoff = settings.number("composition_cutoff")
        if let path = settings.text("model") {
            do { saved = (try SoftnessModel.load(path), path) } catch let error as InputError {
                throw SettingError("model", error.message)
            }
        } else {
            saved = nil
        }
        hop = D2MinPlugin.hop(settings)
        label = settings.text("label") ?? settings.written("select") ?? selection.text
    }

    public var perAtomColumns: [String] { compare }

    /// The D²min cutoff: given, or 1.5 σ for lj.
    func d2minCutoff(_ run: RunSetup) throws -> Double {
        guard let cutoff = cutoff ?? (run.units.isReduced ? 1.5 : nil) else {
            throw SettingError(
                "d2min_cutoff", "is required for inputs in \(run.units.lengthUnit) (the default 1.5 σ is for LAMMPS lj)"
            )
        }
        return cutoff
    }

    /// The neighbour species: given, or one per atom type.
    func neighbourSpecies(_ run: RunSetup) -> [DescriptorSpecies] {
        let types = Array(Set(run.trajectory.topology.types)).sorted { ($0.count, $0) < ($1.count, $1) }
        return self.species.isEmpty ? types.map { .init(name: $0, selection: "type \($0)") } : self.species
    }

    public func analysis(_ run: RunSetup) throws -> SoftnessCollection {
        let cutoff = try d2minCutoff(run), species = neighbourSpecies(run)
        do {
            return try SoftnessCollection(
                rearrangement: NonaffineDisplacement(
                    selection: selection, neighbours: Selection("all"), cutoff: cutoff, window: window,
                    increment: increment, fraction: fraction, hopWindow: hop.window, labelBy: hop.labelBy),
                descriptors: choice.descriptor(selection, species: species, units: run.units, threads: run.threads),
                fields: try compare.map { ($0, try run.perAtomColumn($0)) },
                composition: LocalComposition(species: species, cutoff: compositionCutoff ?? cutoff))
        } catch let error as InputError {
            throw SettingError(nil, error.message)
        }
    }

    public func output(_ collected: SoftnessCollection.Result, _ run: RunSetup) throws -> SoftnessResult {
        let d = collected.rearrangement, centres = d.centreAtoms.count
        var labels = [Int8](repeating: 0, count: d.windows.count * centres)
        for (w, window) in d.windows.enumerated() {
            for c in window.mobile { labels[w * centres + c] = 1 }
            for c in window.immobile { labels[w * centres + c] = -1 }
        }
        let study: SoftnessStudy
        if let saved {
            do {
                try saved.model.check(
                    columns: collected.columns, descriptor: collected.parameters, lengthUnit: run.units.lengthUnit)
            } catch let error as InputError {
                throw SettingError("model", "\(saved.path): \(error.message)")
            }
            study = try SoftnessStudy(
                applying: saved.model, to: collected.features, labels: labels, windows: d.windows.count)
        } else {
            study = try SoftnessStudy(
                collected.features, columns: collected.columns, labels: labels, windows: d.windows.count, grid: cGrid,
                folds: folds, balanced: balanced, testFraction: testFraction, classifier: classifier,
                threads: run.threads)
        }
        // C(r) of S among the centres at each window's start, to half the first cell's smallest width.
        let widths = collected.origins[0].box.perpendicularWidths
        let bin = correlationBin ?? (run.units.isReduced ? 0.2 : 0.5)
        let snapshots = collected.origins.enumerated().map { w, origin in
            SpatialCorrelation.Snapshot(
                positions: origin.positions, box: origin.box,
                field: Array(study.softness[(w * centres)..<((w + 1) * centres)]),
                species: [Int](repeating: 0, count: centres))
        }
        let correlation = try SpatialCorrelation.compute(
            snapshots, rMax: min(widths.x, widths.y, widths.z) / 2, width: bin)
        // Each compared quantity, window-major.
        let lengthUnit = run.units.lengthUnit, radius = try compositionCutoff ?? d2minCutoff(run)
        let names =
            compare
            + neighbourSpecies(run).map {
                "fraction \($0.name) within \(formatNumber(radius)) \(lengthUnit)"
            }
        let compared = names.indices.map { q in
            collected.compared.flatMap { $0[(q * centres)..<((q + 1) * centres)] }
        }
        let comparisons = zip(names, compared).map {
            SoftnessComparison(
                quantity: $0, softness: study.softness, values: $1, windows: d.windows.count, centres: centres)
        }
        return SoftnessResult(
            rearrangement: d, labels: labels, study: study, correlation: correlation[0],
            descriptor: collected.parameters, comparisons: comparisons, compared: compared,
            appliedModel: saved?.path, warnings: d.warnings)
    }

    public static func headlines(_ r: SoftnessResult, label: String) -> [Headline] {
        [
            Headline(
                "softness test accuracy \(label)", r.study.test.accuracy, nil, unit: .dimensionless,
                method: r.appliedModel.map { "saved \(r.study.classifier.rawValue) model \($0)" }
                    ?? "\(r.study.classifier.rawValue), C = \(formatNumber(r.study.model.c))"),
            Headline(
                "softness test ROC AUC \(label)", r.study.test.rocAUC, nil, unit: .dimensionless,
                method: "held-out windows"),
        ]
    }

    public static func sections(_ items: [Labelled<SoftnessResult>], units _: UnitLabels, files: inout FileSet) throws
        -> [ReportSection]
    {
        try items.map { try section($0.label, $0.output, files: &files) }
    }

    static func section(_ label: String, _ r: SoftnessResult, files: inout FileSet) throws -> ReportSection {
        let name = "softness-\(slug(label))"
        try files.json(name + ".json", r)
        if r.appliedModel == nil {
            try files.json(
                name + "-model.json",
                SoftnessModel(
                    r.study, descriptor: r.descriptor, lengthUnit: r.rearrangement.lengthUnit,
                    centres: r.rearrangement.selection))
        }
        let d = r.rearrangement, centres = d.centreAtoms.count
        var columns: [[Double?]] = Array(repeating: [], count: 6)
        for (w, window) in d.windows.enumerated() {
            for c in 0..<centres {
                let k = w * centres + c
                let row: [Double?] = [
                    Double(w), Double(window.origin), Double(d.centreAtoms[c]), r.study.softness[k],
                    window.cumulative[c], Double(r.labels[k]),
                ]
                for j in row.indices { columns[j].append(row[j]) }
            }
        }
        try files.csv(
            name + ".csv",
            DataTable(
                [
                    .init("window", columns[0]), .init("origin_frame", columns[1]), .init("atom", columns[2]),
                    .init("softness", columns[3]), .init("d_cum", unit: d.squaredLengthUnit, columns[4]),
                    .init("label", columns[5]),
                ] + zip(r.comparisons, r.compared).map { DataTable.Column($0.quantity, $1) }))
        func row(_ name: String, _ m: ClassificationMetrics) -> [String] {
            [
                name, "\(m.samples)", formatNumber(m.accuracy, 3), m.precision.map { formatNumber($0, 3) } ?? "—",
                m.recall.map { formatNumber($0, 3) } ?? "—", m.f1.map { formatNumber($0, 3) } ?? "—",
                formatNumber(m.rocAUC, 3),
            ]
        }
        let training =
            r.study.crossValidation.map { cv in
                "\(r.study.trainingWindows) windows train (C = \(formatNumber(cv.chosen)) by \(cv.folds)-fold cross-validation), \(r.study.testWindows) test. \(name)-model.json holds the standardiser, the hyperplane and the descriptor settings, to apply to other frames (--model)."
            }
            ?? "The saved model \(r.appliedModel ?? "") is applied: all \(r.study.testWindows) windows test it."
        let cvTables =
            r.study.crossValidation.map { cv in
                [
                    ReportTable(
                        caption: "Cross-validation (mean held-out accuracy ± spread over folds)",
                        columns: ["C", "accuracy"],
                        rows: cv.grid.indices.map {
                            [
                                formatNumber(cv.grid[$0]) + (cv.grid[$0] == cv.chosen ? " (chosen)" : ""),
                                formatEstimate(cv.meanAccuracy[$0], cv.accuracySpread[$0]),
                            ]
                        })
                ]
            } ?? []
        let probability = r.study.mobileProbability.indices.filter { r.study.mobileProbability[$0] != nil }
        return ReportSection(
            title: "Softness: \(label)",
            text: [
                "\(centres) centres '\(d.selection)'; \(d.windows.count) windows of \(d.window) frames label the \(formatNumber(100 * d.fraction)) % with the largest D_cum mobile and as many immobile (D²min within \(formatNumber(d.cutoff)) \(d.lengthUnit)); \(r.study.columns.count) features (\(r.descriptor.kind)) at each window's start. \(training)"
            ],
            plots: [
                Plot(
                    title: "ROC on the test windows \(label)", x: .init("false-positive rate", range: 0...1),
                    y: .init("true-positive rate", range: 0...1),
                    series: [
                        Plot.Series(
                            "AUC \(formatNumber(r.study.test.rocAUC, 3))", x: r.study.test.rocFalsePositiveRate,
                            y: r.study.test.rocTruePositiveRate),
                        Plot.Series("chance", x: [0, 1], y: [0, 1], style: .dashed),
                    ]),
                correlationPlot(label, r),
                Plot(
                    title: "P(mobile | S) \(label)", x: .init("softness S"), y: .init("fraction mobile"),
                    series: [
                        Plot.Series(
                            "labelled centres", x: probability.map { r.study.binCentres[$0] },
                            y: probability.map { r.study.mobileProbability[$0]! }, style: .points)
                    ]),
            ],
            tables: [
                ReportTable(
                    caption: "Classification (threshold S = 0)",
                    columns: ["windows", "samples", "accuracy", "precision", "recall", "F1", "ROC AUC"],
                    rows: (r.study.training.map { [row("training", $0)] } ?? []) + [row("test", r.study.test)]),
                ReportTable(
                    caption:
                        "Softness against the centres' own quantities at each window's start: Pearson r over all centre-windows (± standard error of the windows' r)",
                    columns: ["quantity", "r", "samples"],
                    rows: r.comparisons.map { c in
                        [
                            c.quantity, c.r.map { formatEstimate($0, c.error) } ?? "— (no variance)",
                            "\(c.samples)",
                        ]
                    }),
            ] + cvTables,
            files: [name + ".json"] + (r.appliedModel == nil ? [name + "-model.json"] : []) + [name + ".csv"])
    }
}

/// C(r) of S with its exponential fit.
func correlationPlot(_ label: String, _ r: SoftnessResult) -> Plot {
    let c = r.correlation
    let known = c.r.indices.filter { c.correlation[$0] != nil }
    var series = [
        Plot.Series(
            "C(r) of S", x: known.map { c.r[$0] }, y: known.map { c.correlation[$0]! },
            band: c.error.count == c.r.count && known.allSatisfy({ c.error[$0] != nil })
                ? (known.map { c.correlation[$0]! - c.error[$0]! }, known.map { c.correlation[$0]! + c.error[$0]! })
                : nil)
    ]
    if let xi = c.length, let a = c.amplitude, let range = c.fitRange {
        let xs = stride(from: range[0], through: range[1], by: (range[1] - range[0]) / 40).map { $0 }
        series.append(
            Plot.Series(
                "ξ = \(formatNumber(xi)) \(r.rearrangement.lengthUnit)", x: xs,
                y: xs.map { a * exp(-$0 / xi) }, style: .dashed))
    }
    return Plot(
        title: "Spatial correlation of softness \(label)", x: .init("r (\(r.rearrangement.lengthUnit))"),
        y: .init("C(r)"), series: series, horizontalLine: 0)
}

/// The outcome of a softness study: the D²min labels, the study, and the label of each sample.
public struct SoftnessResult: Codable, Sendable, CarriesWarnings {
    public var rearrangement: NonaffineDisplacementResult
    /// +1 mobile, −1 immobile, 0 neither, for every window and centre.
    public var labels: [Int8]
    public var study: SoftnessStudy
    /// C(r) of softness among the centres (Jones et al. 2022, eq. 3), with its correlation length.
    public var correlation: SpatialCorrelation.Curve
    /// What the features are and how they were made.
    public var descriptor: DescriptorParameters
    /// Pearson's r of S with each compared per-atom column, then with each species' local
    /// composition fraction.
    public var comparisons: [SoftnessComparison]
    /// The compared values, one array per comparison, window-major like S; not in the JSON
    /// (the CSV has them).
    public var compared: [[Double?]]
    /// The saved model applied instead of training, when one was.
    public var appliedModel: String?
    public var warnings: [String]

    enum CodingKeys: String, CodingKey {
        case rearrangement, labels, study, correlation, descriptor, comparisons, appliedModel, warnings
    }

    public init(
        rearrangement: NonaffineDisplacementResult, labels: [Int8], study: SoftnessStudy,
        correlation: SpatialCorrelation.Curve, descriptor: DescriptorParameters, comparisons: [SoftnessComparison],
        compared: [[Double?]], appliedModel: String?, warnings: [String]
    ) {
        self.rearrangement = rearrangement; self.labels = labels; self.study = study; self.correlation = correlation
        self.descriptor = descriptor; self.comparisons = comparisons; self.compared = compared
        self.appliedModel = appliedModel; self.warnings = warnings
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        rearrangement = try c.decode(NonaffineDisplacementResult.self, forKey: .rearrangement)
        labels = try c.decode([Int8].self, forKey: .labels); study = try c.decode(SoftnessStudy.self, forKey: .study)
        correlation = try c.decode(SpatialCorrelation.Curve.self, forKey: .correlation)
        descriptor = try c.decode(DescriptorParameters.self, forKey: .descriptor)
        comparisons = try c.decode([SoftnessComparison].self, forKey: .comparisons)
        compared = []; appliedModel = try c.decodeIfPresent(String.self, forKey: .appliedModel)
        warnings = try c.decode([String].self, forKey: .warnings)
    }
}
