import Foundation
import IonAnalysis
import IonCore
import IonIO
import IonLearn
import IonReport

/// `ionscope uncertainty`, `[uncertainty]`: conformal calibration of an ensemble's per-atom
/// uncertainty (forces of several machine-learned potentials), the coverage it reaches, and the
/// structures of a pool whose calibrated uncertainty exceeds a threshold, for labelling.
public struct UncertaintyPlugin: OneSectionEach {
    public static let name = "uncertainty"
    public static let abstract =
        "Conformal calibration of an ensemble's per-atom uncertainty (forces of several ML potentials in extended XYZ): q̂, coverage, and the uncertain structures of a pool for labelling."
    public static let discussion = """
        The input is a labelled calibration set: extended XYZ frames whose per-atom columns hold the predictions of \
        N ≥ 2 models (--models, each a vector of --components values, e.g. forces R:3) and the reference values \
        (--reference, e.g. DFT forces). Per atom, u = (1/d) Σ_α std_m(p_mα) is the ensemble's spread and \
        e = (1/d) Σ_α |r_α − p̄_α| the error of its mean (Shayestehpour & Zahn 2024, doi:10.1021/acs.jpcb.4c00919). \
        Split conformal prediction (Angelopoulos & Bates 2021, doi:10.48550/arXiv.2107.07511; Hu et al. 2022, \
        doi:10.1088/2632-2153/aca7b1) takes q̂ as the ⌈(n + 1)(1 − α)⌉-th smallest of the n scores e/u, so that a \
        fresh atom's error stays below the calibrated ũ = u·q̂ with probability ≥ 1 − α. The coverage is checked on \
        random half/half splits of the calibration frames and on a labelled --test set; --pool frames (models only) \
        whose largest ũ exceeds --threshold are written, as the file has them plus a column ionscope_u:R:1 \
        (ũ, 0 for atoms outside --select), to uncertainty-LABEL-selected.extxyz in the output folder. Values are in \
        the columns' own units (--unit names them).
        """
    public static let settings: [Setting] = [
        Setting(
            "models", .texts(placeholder: "COLUMN"), required: true,
            help: "The per-atom column of each model's prediction (at least two; comma-separated or repeated)."),
        Setting("reference", .text, required: true, help: "The per-atom column of the reference values."),
        Setting(
            "components", .integer(minimum: 1, maximum: 9), default: .integer(3),
            help: "Components of each column (3 for forces, 1 for a scalar such as per-atom energy)."),
        Setting("select", .selection, help: "The atoms calibrated and screened (default: all)."),
        Setting(
            "alpha", .number(.fraction), default: .number(0.1),
            help: "Miscoverage α: a fresh error exceeds ũ with probability at most α (confidence 1 − α)."),
        Setting(
            "test", .file,
            help: "A labelled extended XYZ file (same columns) on which the calibrated coverage is measured."),
        Setting("pool", .file, help: "Extended XYZ structures (model columns only) to screen for labelling."),
        Setting(
            "threshold", .number(.positive),
            help: "Pick pool frames whose largest calibrated ũ exceeds this (the columns' unit)."),
        Setting(
            "splits", .integer(minimum: 0, maximum: 10000), default: .integer(20),
            help: "Random half/half splits of the calibration frames for the coverage check (0: none)."),
        Setting(
            "seed", .integer(minimum: 0, maximum: Int(Int32.max)), default: .integer(1), help: "Seed of the splits."),
        Setting("unit", .text, help: "The unit of the columns, for the report (e.g. eV/Å; default: not stated)."),
    ]
    public static let repeatable = true
    public static let example = PluginExample(
        .ensembleForces, #"models = ["model_0", "model_1", "model_2", "model_3"]"# + "\n" + #"reference = "REF_forces""#
    )

    public let label: String
    let models: [String]
    let reference: String
    let components: Int
    let selection: Selection
    let alpha: Double
    let testPath: String?, poolPath: String?
    let threshold: Double?
    let splits: Int
    let seed: UInt64
    let unit: String?

    public init(_ settings: SettingValues) throws {
        models = settings.texts("models").flatMap { $0.split(separator: ",").map(String.init) }
        guard models.count >= 2 else { throw SettingError("models", "needs at least two columns, got \(models.count)") }
        guard Set(models).count == models.count else { throw SettingError("models", "names a column twice") }
        guard let reference = settings.text("reference"), !reference.isEmpty else {
            throw SettingError("reference", "is required")
        }
        guard !models.contains(reference) else { throw SettingError("reference", "is also one of the models") }
        self.reference = reference
        components = settings.integer("components") ?? 3
        selection = try settings.selection("select") ?? Selection("all")
        alpha = settings.number("alpha") ?? 0.1
        guard alpha < 1 else { throw SettingError("alpha", "must be below 1") }
        testPath = settings.text("test"); poolPath = settings.text("pool")
        threshold = settings.number("threshold")
        if threshold != nil && poolPath == nil { throw SettingError("threshold", "goes with --pool") }
        splits = settings.integer("splits") ?? 20
        seed = UInt64(settings.integer("seed") ?? 1)
        unit = settings.text("unit")
        label = settings.text("label") ?? settings.written("select") ?? "ensemble"
    }

    /// The per-atom column names one vector column stands for.
    func columns(_ name: String) -> [String] {
        components == 1 ? [name] : (1...components).map { "\(name)[\($0)]" }
    }

    var predictionColumns: [String] { models.flatMap(columns) }

    public var perAtomColumns: [String] { predictionColumns + columns(reference) }

    public func analysis(_ run: RunSetup) throws -> EnsembleUncertainty {
        do {
            return try EnsembleUncertainty(
                selection: selection, models: models.count, components: components,
                predictionColumns: try predictionColumns.map(run.perAtomColumn),
                referenceColumns: try columns(reference).map(run.perAtomColumn))
        } catch let error as InputError {
            throw SettingError(nil, error.message)
        }
    }

    /// One more pass over a file of the same system, reading only the columns `labelled` asks for.
    func measure(_ path: String, labelled: Bool, keep: EnsembleUncertainty.Keep, _ run: RunSetup) throws
        -> EnsembleUncertaintySeries
    {
        var input = TrajectoryInput(trajectoryPaths: [path])
        input.units = run.trajectory.input.units
        input.perAtomColumns = labelled ? perAtomColumns : predictionColumns
        let trajectory = try Trajectory(input)
        guard trajectory.topology.atomCount == run.trajectory.topology.atomCount else {
            throw InputError(
                "\(path) has \(trajectory.topology.atomCount) atoms per frame, the calibration set \(run.trajectory.topology.atomCount)"
            )
        }
        let m = predictionColumns.count
        let analysis = try EnsembleUncertainty(
            selection: selection, models: models.count, components: components, predictionColumns: Array(0..<m),
            referenceColumns: labelled ? Array(m..<(m + components)) : nil, keep: keep)
        return try AnalysisPass.run(trajectory, analysis, threads: run.threads)
    }

    public func output(_ collected: EnsembleUncertaintySeries, _ run: RunSetup) throws -> UncertaintyResult {
        let study: ConformalStudy
        do {
            let test = try testPath.map { try measure($0, labelled: true, keep: .all, run) }
            study = try ConformalStudy(calibrating: collected, alpha: alpha, test: test, splitCount: splits, seed: seed)
        } catch let error as InputError {
            throw SettingError(nil, error.message)
        }
        let q = study.calibration.quantile
        var pool: UncertaintyResult.Pool?
        if let poolPath {
            let keep: EnsembleUncertainty.Keep = threshold.map { .framesAbove($0 / q) } ?? .framesAbove(.infinity)
            let series: EnsembleUncertaintySeries
            do { series = try measure(poolPath, labelled: false, keep: keep, run) } catch let error as InputError {
                throw SettingError("pool", error.message)
            }
            let selected = series.kept.enumerated().map { k, position in
                UncertaintyResult.Selected(
                    frame: series.frames[position], largest: series.largest[position] * q,
                    atom: series.largestAtom[position] + 1,
                    atomsAbove: series.uncertainties[k].filter { $0 * q > threshold! }.count,
                    calibrated: series.uncertainties[k].map { $0 * q })
            }
            pool = .init(
                path: poolPath, frames: series.frames.count, threshold: threshold,
                largest: series.largest.map { $0 * q }, selected: selected)
        }
        let all = collected.points(collected.kept.indices)
        let stride = max(1, all.errors.count / 1500)
        let sample = Swift.stride(from: 0, to: all.errors.count, by: stride)
        var warnings: [String] = []
        if study.calibration.count < 10 * ConformalCalibration.minimumCount(alpha: alpha) {
            warnings.append(
                "\(label): only \(study.calibration.count) calibration atoms; q̂ at α = \(formatNumber(alpha)) is uncertain (its coverage spreads by about ±\(formatNumber((alpha * (1 - alpha) / Double(study.calibration.count + 2)).squareRoot(), 2)))"
            )
        }
        if collected.frames.count < 4 && splits > 0 {
            warnings.append("\(label): fewer than 4 calibration frames, so no split coverage check")
        }
        if let test = study.test, let se = test.standardError, test.coverage < 1 - alpha - 3 * se {
            warnings.append(
                "\(label): the test set's coverage \(formatNumber(test.coverage)) is more than 3 standard errors below 1 − α = \(formatNumber(1 - alpha)): the test frames are not like the calibration frames"
            )
        }
        return UncertaintyResult(
            source: run.source, selection: selection.text, atoms: collected.atoms.count, models: models,
            reference: reference, components: components, unit: unit, study: study,
            sampleErrors: sample.map { all.errors[$0] }, sampleCalibrated: sample.map { all.uncertainties[$0] * q },
            pool: pool, warnings: warnings)
    }

    public static func headlines(_ r: UncertaintyResult, label: String) -> [Headline] {
        let unit = PhysicalUnit.dimensionless
        var rows = [
            Headline(
                "conformal q̂ \(label)", r.study.calibration.quantile, nil, unit: unit,
                method:
                    "the \(r.study.calibration.rank)-th smallest of \(r.study.calibration.count) scores e/u (1 − α = \(formatNumber(1 - r.study.calibration.alpha)))"
            )
        ]
        if let s = r.study.splits {
            rows.append(
                Headline(
                    "split coverage \(label)", s.mean, s.standardDeviation, unit: unit,
                    method: "q̂ from half the calibration frames, coverage of the other half; \(s.count) random splits"
                ))
        }
        if let t = r.study.test {
            rows.append(
                Headline(
                    "test coverage \(label)", t.coverage, t.standardError, unit: unit,
                    method: "\(t.atoms) atoms of \(t.frames) test frames with e ≤ ũ"))
        }
        if let p = r.pool, let threshold = p.threshold {
            rows.append(
                Headline(
                    "frames above ũ threshold \(label)", Double(p.selected.count), nil, unit: unit,
                    method: "of \(p.frames) pool frames, largest ũ > \(formatNumber(threshold)) \(r.unit ?? "")",
                    display: "\(p.selected.count) of \(p.frames)"))
        }
        return rows
    }

    public static func section(_ label: String, _ r: UncertaintyResult, units _: UnitLabels, files: inout FileSet)
        throws -> ReportSection
    {
        let name = "uncertainty-\(slug(label))"
        try files.json(name + ".json", r)
        let unit = r.unit.map { " (\($0))" } ?? ""
        let c = r.study.calibration
        var names = [name + ".json"]
        var tables = [
            ReportTable(
                caption: "Conformal calibration at 1 − α = \(formatNumber(1 - c.alpha))",
                columns: ["quantity", "value"],
                rows: [
                    [
                        "calibration frames × atoms",
                        "\(r.study.calibrationFrames) × \(r.study.atomsPerFrame) = \(c.count)",
                    ],
                    ["q̂ (rank \(c.rank) of \(c.count))", formatNumber(c.quantile)],
                    ["mean error e\(unit)", formatNumber(r.study.meanError)],
                    ["mean uncertainty u\(unit)", formatNumber(r.study.meanUncertainty)],
                    ["Spearman ρ(e, u)", r.study.rankCorrelation.map { formatNumber($0, 3) } ?? "—"],
                    ["coverage of u (uncalibrated)", formatNumber(r.study.uncalibratedCoverage, 3)],
                    [
                        "guaranteed coverage of ũ",
                        "\(formatNumber(c.coverageBounds.lower, 4))–\(formatNumber(c.coverageBounds.upper, 4))",
                    ],
                    r.study.splits.map {
                        [
                            "split coverage (\($0.count) splits)",
                            "\(formatNumber($0.mean, 3)) ± \(formatNumber($0.standardDeviation, 2)) (\(formatNumber($0.minimum, 3))–\(formatNumber($0.maximum, 3)))",
                        ]
                    } ?? ["split coverage", "—"],
                    r.study.test.map {
                        [
                            "test coverage (\($0.frames) frames, \($0.atoms) atoms)",
                            "\(formatNumber($0.coverage, 3))"
                                + ($0.standardError.map { " ± \(formatNumber($0, 2))" } ?? "")
                                + "; uncalibrated \(formatNumber($0.uncalibratedCoverage, 3))",
                        ]
                    } ?? ["test coverage", "no --test set"],
                ])
        ]
        if !r.study.levels.isEmpty {
            tables.append(
                ReportTable(
                    caption: "Coverage of held-out halves at other confidence levels (mean over the splits)",
                    columns: ["nominal 1 − α", "observed"],
                    rows: r.study.levels.map { [formatNumber($0.nominal, 3), formatNumber($0.observed, 3)] }))
        }
        var text = [
            "\(r.models.count) models (\(r.models.joined(separator: ", "))) against \(r.reference), \(r.atoms) atoms '\(r.selection)' per frame, \(r.components) component(s); values\(unit.isEmpty ? " in the columns' own units" : unit). ũ = u·q̂ covers a fresh atom's error with probability ≥ 1 − α when the atom is like the calibration atoms."
        ]
        var plots = [parity(r)]
        if let pool = r.pool {
            let csv = name + "-pool.csv"
            try files.csv(
                csv,
                DataTable([
                    .init("frame", (0..<pool.largest.count).map { Double($0) }),
                    .init("largest_calibrated_u", unit: r.unit ?? "", pool.largest.map { Optional($0) }),
                ]))
            names.append(csv)
            plots.append(
                Plot(
                    title: "Largest calibrated uncertainty per pool frame", x: .init("pool frame"),
                    y: .init("max ũ\(unit)"),
                    series: [.init("max ũ", x: (0..<pool.largest.count).map { Double($0) }, y: pool.largest)],
                    horizontalLine: pool.threshold))
            if let threshold = pool.threshold {
                text.append(
                    "\(pool.selected.count) of \(pool.frames) pool frames (\(pool.path)) have an atom with ũ > \(formatNumber(threshold))\(unit)."
                )
                if !pool.selected.isEmpty {
                    let extxyz = name + "-selected.extxyz"
                    try files.text(
                        extxyz,
                        try selectedText(pool, atoms: r.atoms, selection: r.selection))
                    names.append(extxyz)
                    tables.append(
                        ReportTable(
                            caption: "Pool frames picked for labelling (ũ\(unit))",
                            columns: ["frame", "largest ũ", "at atom", "atoms above"],
                            rows: pool.selected.prefix(50).map {
                                ["\($0.frame)", formatNumber($0.largest), "\($0.atom)", "\($0.atomsAbove)"]
                            }))
                }
            }
        }
        return ReportSection(
            title: "Conformal uncertainty: \(label)", text: text, plots: plots, tables: tables, files: names)
    }

    /// The picked frames as the pool file has them, with ũ appended per atom.
    static func selectedText(_ pool: UncertaintyResult.Pool, atoms: Int, selection: String) throws -> String {
        var input = TrajectoryInput(trajectoryPaths: [pool.path])
        input.perAtomColumns = []
        let topology = try Trajectory(input).topology
        let selected = try Selection(selection).atomIndices(in: topology)
        let values = pool.selected.map { frame in
            var column = [Double](repeating: 0, count: topology.atomCount)
            for (k, i) in selected.enumerated() { column[i] = frame.calibrated[k] }
            return column
        }
        return try ExtXYZSubset.text(
            of: pool.selected.map(\.frame), in: pool.path, column: "ionscope_u", values: values)
    }

    /// Error against calibrated uncertainty for a sample of calibration atoms (Shayestehpour &
    /// Zahn's Fig. 2): points on or above the diagonal are covered.
    static func parity(_ r: UncertaintyResult) -> Plot {
        let top = max(r.sampleErrors.max() ?? 1, r.sampleCalibrated.max() ?? 1)
        let unit = r.unit.map { " (\($0))" } ?? ""
        return Plot(
            title: "Error against calibrated uncertainty (calibration atoms)", x: .init("e\(unit)"),
            y: .init("ũ = u·q̂\(unit)"),
            series: [
                .init("atoms", x: r.sampleErrors, y: r.sampleCalibrated, style: .points),
                .init("ũ = e", x: [0, top], y: [0, top], style: .dashed),
            ])
    }
}

/// What `ionscope uncertainty` found.
public struct UncertaintyResult: Codable, Sendable, CarriesWarnings {
    public var source: String
    public var selection: String
    public var atoms: Int
    public var models: [String]
    public var reference: String
    public var components: Int
    public var unit: String?
    public var study: ConformalStudy
    /// Errors and calibrated uncertainties of up to about 1500 calibration atoms, for the plot.
    public var sampleErrors: [Double]
    public var sampleCalibrated: [Double]
    public var pool: Pool?
    public var warnings: [String]

    public struct Pool: Codable, Sendable {
        public var path: String
        public var frames: Int
        public var threshold: Double?
        /// The largest ũ of every pool frame.
        public var largest: [Double]
        public var selected: [Selected]
    }

    public struct Selected: Codable, Sendable {
        /// 0-based frame of the pool file.
        public var frame: Int
        public var largest: Double
        /// 1-based atom with the largest ũ.
        public var atom: Int
        public var atomsAbove: Int
        /// ũ of every selected atom.
        public var calibrated: [Double]
    }
}
