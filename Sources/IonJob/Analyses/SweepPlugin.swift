import Foundation
import IonAnalysis
import IonCore
import IonLearn
import IonReport

/// `ionscope sweep`, `[[sweep]]`: soft/hard labels from shell-exchange counts over a grid of
/// window lengths and thresholds, each cell judged by how well the structure predicts it.
public struct SweepPlugin: OneSectionEach {
    public static let name = "sweep"
    public static let abstract =
        "Label sweep: soft/hard states from shell-exchange counts over a (Δt, E_c) grid, a classifier on the descriptors per cell; accuracy, precision, recall and F1 per cell, the optimum by F1."
    public static let discussion = """
        For each window length Δt (frames) and threshold E_c, a centre is soft in a window when its shell's border \
        crossings there exceed E_c, hard otherwise (Lee et al. 2023, doi:10.1140/epje/s10189-023-00365-9, §2.3 and \
        appendix A.4; shells as ionscope kinetics finds them, atoms as centres). For every cell, the centres' \
        descriptors at each window's start (radial structure functions by default, --angular or --soap; see \
        ionscope descriptors) train an L2 logistic regression (or a linear SVM) on the earlier windows, classes \
        weighted by their inverse frequency and C by stratified cross-validation, and the later windows test it. \
        The paper trains a graph network instead and picks Δt among ⟨τ⟩, ⟨τ⟩/2, ⟨τ⟩/3, ⟨τ⟩/4 (⟨τ⟩ the mean time \
        between a centre's events, reported here in frames); the cell with the highest test F1 of the soft class is \
        the optimum.
        """
    public static let settings: [Setting] =
        [
            Setting("select", .selection, required: true, help: "The centres, atoms (e.g. 'type 1' for Li⁺)."),
            Setting("partners", .selection, required: true, help: "The shell partners, e.g. 'type 2 3'."),
            Setting(
                "cutoff", .number(.positive), unit: "Å",
                help: "Shell radius (σ for lj; default: the first minimum of the RDF, one extra pass)."),
            ShellSettings.counting, ShellSettings.rdfRmax,
            Setting(
                "windows", .numbers(.positive, count: nil), unit: "frames",
                help: "Window lengths Δt to sweep, whole frames (default: ⟨τ⟩, ⟨τ⟩/2, ⟨τ⟩/3, ⟨τ⟩/4, as the paper)."),
            Setting(
                "every", .integer(minimum: 1), unit: "frames",
                help:
                    "Without windows: keep the descriptors every this many frames and round the default windows to its multiples (default 1; memory 8 bytes × centres × features per kept frame)."
            ),
            Setting(
                "thresholds", .numbers(.nonNegative, count: nil),
                help: "Thresholds E_c to sweep, whole crossings (default 2 … 10, as the paper)."),
            Setting(
                "species", .species,
                help: "A neighbour species NAME=SELECTION for the descriptors; repeat (default: one per atom type)."),
        ] + DescriptorChoice.settings + SoftnessPlugin.classifierSettings + [
            Setting(
                "test_fraction", .number(.fraction), default: .number(0.3),
                help: "Share of the windows, the last ones, held out for testing.")
        ]
    public static let example = PluginExample(
        .demo,
        RSFGrid.demoTable + "\n" + #"partners = "type 2 3""# + "\ncutoff = 6.3\n" + #"counting = "centres-of-mass""#
            + "\nwindows = [5, 10]\nthresholds = [0, 1, 2]\nfolds = 2")

    public let label: String
    let selection: Selection
    let definition: ShellDefinition
    let rdfRmax: Double?
    /// Nil: the paper's fractions of ⟨τ⟩, on descriptors kept every `every` frames.
    let windows: [Int]?, thresholds: [Int]
    let every: Int
    let species: [DescriptorSpecies]
    let choice: DescriptorChoice
    let cGrid: [Double], folds: Int, testFraction: Double
    let classifier: LinearClassifier

    public init(_ settings: SettingValues) throws {
        selection = try settings.requiredSelection("select")
        let partners = try settings.requiredSelection("partners")
        definition = ShellDefinition(
            centres: selection.text, partners: partners.text, cutoff: settings.number("cutoff"),
            centresByMolecule: false, counting: ShellSettings.counting(settings))
        rdfRmax = settings.number("rdf_rmax")
        func whole(_ key: String, _ values: [Double]) throws -> [Int] {
            guard values.allSatisfy({ $0 == $0.rounded() && $0 < 1e9 }), !values.isEmpty else {
                throw SettingError(key, "must be whole numbers; got \(values.map { formatNumber($0) })")
            }
            return Array(Set(values.map { Int($0) })).sorted()
        }
        windows = try settings.numbers("windows").map { try whole("windows", $0) }
        if windows != nil, settings.integer("every") != nil {
            throw SettingError(
                "every", "goes with the default windows; given windows keep the descriptors at their starts")
        }
        every = windows?.reduce(0) { gcd($0, $1) } ?? settings.integer("every") ?? 1
        thresholds = try whole("thresholds", settings.numbers("thresholds") ?? Array(2...10).map(Double.init))
        species = settings.species("species").map { .init(name: $0.name, selection: $0.selection.text) }
        choice = DescriptorChoice(settings)
        cGrid = settings.numbers("c_grid") ?? [1e-3, 1e-2, 0.1, 1, 10, 100, 1000]
        folds = settings.integer("folds") ?? 5
        testFraction = settings.number("test_fraction") ?? 0.3
        classifier = settings.text("classifier").flatMap(LinearClassifier.init(rawValue:)) ?? .logistic
        label = settings.text("label") ?? settings.written("select") ?? selection.text
    }

    public func cutoffRequests(_ run: RunSetup) throws -> [FirstMinimumRequest] {
        definition.cutoff == nil
            ? [FirstMinimumRequest(definition, rMax: ShellSettings.rdfRange(rdfRmax, run, for: label))] : []
    }

    public func analysis(_ run: RunSetup) throws -> LabelSweepCollection {
        var definition = definition
        definition.cutoff = try ShellSettings.cutoff(
            definition.cutoff, definition, rMax: ShellSettings.rdfRange(rdfRmax, run), name: label, run
        ).0
        let types = Array(Set(run.trajectory.topology.types)).sorted { ($0.count, $0) < ($1.count, $1) }
        let species = self.species.isEmpty ? types.map { .init(name: $0, selection: "type \($0)") } : self.species
        do {
            return try LabelSweepCollection(
                shells: ShellKineticsCollection(definition: definition),
                descriptors: choice.descriptor(selection, species: species, units: run.units, threads: run.threads),
                every: every)
        } catch let error as InputError {
            throw SettingError(nil, error.message)
        }
    }

    public func output(_ collected: LabelSweepCollection.Result, _ run: RunSetup) throws -> SweepResult {
        do {
            let sweep = try LabelSweep(
                collected, windows: windows, thresholds: thresholds, grid: cGrid, folds: folds,
                testFraction: testFraction, classifier: classifier, threads: run.threads)
            var warnings = collected.shells.warnings
            if sweep.best == nil { warnings.append("no cell of the sweep could be classified: see the notes per cell") }
            if let best = sweep.best, let f1 = sweep.cells[best].test?.f1, let chance = sweep.cells[best].allSoftF1,
                f1 <= chance
            {
                warnings.append(
                    "the sweep's best F1 (\(formatNumber(f1, 3)) at Δt = \(sweep.cells[best].window) frames, E_c = \(sweep.cells[best].threshold)) is no better than calling every centre soft (\(formatNumber(chance, 3))): F1 rewards cells where most centres are soft; judge the cells by ROC AUC too"
                )
            }
            return SweepResult(
                sweep: sweep, shells: collected.shells.definition, descriptor: collected.parameters,
                timeUnit: run.units.timeUnit, lengthUnit: run.units.lengthUnit, warnings: warnings)
        } catch let error as InputError {
            throw SettingError("windows", error.message)
        }
    }

    public static func headlines(_ r: SweepResult, label: String) -> [Headline] {
        guard let best = r.sweep.best, let f1 = r.sweep.cells[best].test?.f1 else { return [] }
        let cell = r.sweep.cells[best]
        return [
            Headline(
                "best soft/hard F1 \(label)", f1, nil, unit: .dimensionless,
                method: "Δt = \(cell.window) frames, E_c = \(cell.threshold), test windows")
        ]
    }

    public static func section(_ label: String, _ r: SweepResult, units _: UnitLabels, files: inout FileSet) throws
        -> ReportSection
    {
        let name = "sweep-\(slug(label))"
        try files.json(name + ".json", r)
        let cells = r.sweep.cells
        func column(_ value: (LabelSweep.Cell) -> Double?) -> [Double?] { cells.map(value) }
        try files.csv(
            name + ".csv",
            DataTable([
                .init("window_frames", column { Double($0.window) }),
                .init("threshold", column { Double($0.threshold) }),
                .init("soft_fraction", column { $0.softFraction }), .init("accuracy", column { $0.test?.accuracy }),
                .init("precision", column { $0.test?.precision }), .init("recall", column { $0.test?.recall }),
                .init("f1", column { $0.test?.f1 }), .init("roc_auc", column { $0.test?.rocAUC }),
                .init("c", column { $0.c }), .init("all_soft_f1", column { $0.allSoftF1 }),
            ]))
        let s = r.sweep
        let tau =
            s.meanInterEventFrames.map {
                "⟨τ⟩ = \(formatNumber($0)) frames (\(formatNumber($0 * s.frameInterval)) \(r.timeUnit)) between a centre's exchange events\(s.windowsFromMeanInterEvent ? "; the windows are ⟨τ⟩, ⟨τ⟩/2, ⟨τ⟩/3 and ⟨τ⟩/4 rounded to whole frames (multiples of \(s.every))" : "")."
            } ?? "No centre has two exchange events: ⟨τ⟩ is unknown."
        let best =
            s.best.map { "The optimum by F1: Δt = \(cells[$0].window) frames, E_c = \(cells[$0].threshold)." } ?? ""
        let byAUC = cells.indices.filter { cells[$0].test != nil }.max {
            cells[$0].test!.rocAUC < cells[$1].test!.rocAUC
        }
        let auc =
            byAUC.map {
                " The highest ROC AUC, \(formatNumber(cells[$0].test!.rocAUC, 3)): Δt = \(cells[$0].window) frames, E_c = \(cells[$0].threshold) (\(formatNumber(100 * cells[$0].softFraction, 2)) % soft)."
            } ?? ""
        /// One value per cell: Δt down, E_c across.
        func table(_ caption: String, _ value: (LabelSweep.Cell) -> Double?) -> ReportTable {
            ReportTable(
                caption: caption, columns: ["Δt (frames)"] + s.thresholds.map { "E_c = \($0)" },
                rows: s.windows.map { w in
                    ["\(w)"]
                        + s.thresholds.map { e in
                            value(cells.first { $0.window == w && $0.threshold == e }!).map { formatNumber($0, 3) }
                                ?? "—"
                        }
                })
        }
        func grid(_ caption: String, _ value: (ClassificationMetrics) -> Double?) -> ReportTable {
            table(caption) { $0.test.flatMap(value) }
        }
        let notes = cells.compactMap { c in c.note.map { "Δt = \(c.window), E_c = \(c.threshold): \($0)" } }
        return ReportSection(
            title: "Soft/hard label sweep: \(label)",
            text: [
                "Centres '\(r.shells.centres)', partners '\(r.shells.partners)' within \(formatNumber(r.shells.cutoff ?? 0)) \(r.lengthUnit) (\(r.shells.counting.rawValue)); soft when the border crossings in a window exceed E_c. \(s.columns) features (\(r.descriptor.kind)) at each window's start; test metrics of the soft class on the later windows. \(tau) \(best)\(auc)"
            ] + (notes.isEmpty ? [] : ["Cells without a classifier (—): " + notes.prefix(5).joined(separator: "; ")]),
            plots: [],
            tables: [
                grid("Test F1 of the soft class", { $0.f1 }),
                table("F1 of calling every test centre soft, 2p/(1 + p): what a classifier must beat") { $0.allSoftF1 },
                grid("Test ROC AUC (0.5: no better than chance)", { $0.rocAUC }),
                grid("Test accuracy", { $0.accuracy }),
                grid("Test precision", { $0.precision }), grid("Test recall", { $0.recall }),
                table("Share of centre-windows labelled soft") { $0.softFraction },
            ],
            files: [name + ".json", name + ".csv"])
    }
}

/// Greatest common divisor, for the frames between kept descriptors.
private func gcd(_ a: Int, _ b: Int) -> Int { b == 0 ? a : gcd(b, a % b) }

/// The outcome of a label sweep, with the shells and descriptors it used.
public struct SweepResult: Codable, Sendable, CarriesWarnings {
    public var sweep: LabelSweep
    public var shells: ShellDefinition
    public var descriptor: DescriptorParameters
    public var timeUnit: PhysicalUnit, lengthUnit: PhysicalUnit
    public var warnings: [String]
}
