import IonAnalysis
import IonCore
import IonLearn
import IonReport

/// `ionscope descriptors`, `[[descriptors]]`: per-centre structural descriptors for learning,
/// written as NumPy arrays with a JSON sidecar.
public struct DescriptorsPlugin: OneSectionEach {
    public static let name = "descriptors"
    public static let abstract =
        "Per-ion structural descriptors for machine learning: radial structure functions G_X(μ), written as .npy (frames × centres × features) with a JSON sidecar and CSV."
    public static let discussion = """
        G_X(i; μ) = Σ_j∈X exp(−(r_ij − μ)²/2L²) for every centre i, neighbour species X and μ of the grid \
        (Schoenholz et al. 2016, doi:10.1038/nphys3644), minimum-image distances, the sum direct to 8 L past the \
        last μ (later terms are below e⁻³²). Features are ordered by species, then μ; the JSON sidecar names every \
        column and gives the centres' atom numbers and the frames. For LAMMPS lj inputs the grid defaults to \
        Schoenholz's μ = 0.4…5.0 σ in steps of 0.1 σ with L = 0.1 σ; other inputs give --rsf-max and --rsf-step \
        (in Å). Frames whose index is a multiple of --every are kept (memory: 8 bytes per value).
        """
    public static let settings: [Setting] =
        [
            Setting("select", .selection, required: true, help: "The centres (e.g. 'type 1' for Li⁺)."),
            Setting(
                "species", .species, required: true,
                help: "A neighbour species NAME=SELECTION (or a named selection); repeat for each."),
        ] + RSFGrid.settings + [
            Setting(
                "every", .integer(minimum: 1), unit: "frames", default: .integer(1),
                help: "Keep the frames whose index is a multiple of this.")
        ]
    public static let example = PluginExample(.demo, RSFGrid.demoTable + "\nevery = 100")

    public let label: String
    let selection: Selection
    let species: [RadialStructureFunctions.Species]
    let grid: RSFGrid
    let every: Int

    public init(_ settings: SettingValues) throws {
        selection = try settings.requiredSelection("select")
        species = settings.species("species").map { .init(name: $0.name, selection: $0.selection.text) }
        guard !species.isEmpty else { throw SettingError("species", "is required") }
        grid = RSFGrid(settings)
        every = settings.integer("every") ?? 1
        label = settings.text("label") ?? settings.written("select") ?? selection.text
    }

    public func analysis(_ run: RunSetup) throws -> RadialStructureFunctions {
        try grid.functions(selection, species: species, every: every, units: run.units)
    }

    public static func headlines(_ r: RadialStructureResult, label: String) -> [Headline] {
        [
            Headline(
                "descriptors \(label)",
                display: "\(r.shape.map(String.init).joined(separator: " × ")) (frames × centres × features)",
                method: "radial structure functions, L = \(formatNumber(r.width)) \(r.lengthUnit)")
        ]
    }

    public static func section(_ label: String, _ r: RadialStructureResult, units _: UnitLabels, files: inout FileSet)
        throws -> ReportSection
    {
        let name = "descriptors-\(slug(label))"
        try files.npy(name + ".npy", shape: r.shape, r.features)
        try files.json(name + ".json", r)
        let (frames, centres, features) = (r.shape[0], r.shape[1], r.shape[2])
        var columns: [[Double?]] = Array(repeating: [], count: 2 + features)
        for f in 0..<frames {
            for c in 0..<centres {
                columns[0].append(Double(r.frames[f])); columns[1].append(Double(r.centreAtoms[c]))
                let base = (f * centres + c) * features
                for k in 0..<features { columns[2 + k].append(r.features[base + k]) }
            }
        }
        try files.csv(
            name + ".csv",
            DataTable(
                [.init("frame", columns[0]), .init("atom", columns[1])]
                    + r.columns.indices.map { .init(r.columns[$0], columns[2 + $0]) }))
        try files.csv(
            name + "-mean.csv",
            DataTable(
                [.init("mu", unit: r.lengthUnit, r.mu)]
                    + r.species.indices.map { .init("mean_G_\(r.species[$0].name)", r.mean[$0]) }))
        let plot = Plot(
            title: "Mean radial structure functions \(label)", x: .init("μ (\(r.lengthUnit))"),
            y: .init("⟨G_X(μ)⟩"),
            series: r.species.indices.map { Plot.Series(r.species[$0].name, x: r.mu, y: r.mean[$0]) })
        return ReportSection(
            title: "Descriptors: \(label)",
            text: [
                "Radial structure functions of \(centres) centres '\(r.selection)' in \(frames) frame(s), by \(r.species.map { "\($0.name) ('\($0.selection)')" }.joined(separator: ", ")); μ = \(formatNumber(r.mu.first!))…\(formatNumber(r.mu.last!)) \(r.lengthUnit) (\(r.mu.count) values), L = \(formatNumber(r.width)) \(r.lengthUnit). \(name).npy holds frames × centres × features (float64, C order); \(name).json names the columns and gives the centres' atom numbers and the frames."
            ],
            plots: [plot],
            tables: [
                ReportTable(
                    caption: "Features", columns: ["array", "columns", "first", "last"],
                    rows: [
                        [
                            r.shape.map(String.init).joined(separator: " × "), "\(r.columns.count)",
                            r.columns.first ?? "", r.columns.last ?? "",
                        ]
                    ])
            ],
            files: [name + ".npy", name + ".json", name + ".csv", name + "-mean.csv"])
    }
}

/// The μ grid and width of radial structure functions, as settings shared by the plug-ins that
/// use them: Schoenholz's defaults (μ = 0.4…5.0 σ step 0.1 σ, L = 0.1 σ) for LAMMPS lj inputs;
/// inputs in Å give the last μ and the step.
struct RSFGrid: Sendable {
    static let settings: [Setting] = [
        Setting("rsf_min", .number(.nonNegative), unit: "Å", help: "First μ (default: 0.4 σ for lj, else the step)."),
        Setting("rsf_max", .number(.positive), unit: "Å", help: "Last μ (default 5 σ for lj; required otherwise)."),
        Setting(
            "rsf_step", .number(.positive), unit: "Å", help: "Spacing of μ (default 0.1 σ for lj; required otherwise)."),
        Setting("rsf_width", .number(.positive), unit: "Å", help: "Gaussian width L (default: the step)."),
    ]
    /// Li⁺ of the demo by S and N beads on a coarse grid: the start of the plug-ins' example tables.
    static let demoTable =
        #"select = "type 1""# + "\n" + #"species = ["S=type 3", "N=type 2"]"# + "\nrsf_max = 8\nrsf_step = 0.5"
    let min: Double?, max: Double?, step: Double?, width: Double?

    init(_ settings: SettingValues) {
        min = settings.number("rsf_min"); max = settings.number("rsf_max")
        step = settings.number("rsf_step"); width = settings.number("rsf_width")
    }

    /// The functions of `selection` by `species` on this grid, in the run's units.
    func functions(
        _ selection: Selection, species: [RadialStructureFunctions.Species], every: Int, units: UnitSystem
    ) throws -> RadialStructureFunctions {
        let reduced = units.isReduced
        guard let last = max ?? (reduced ? 5 : nil), let step = step ?? (reduced ? 0.1 : nil) else {
            throw SettingError(
                max == nil ? "rsf_max" : "rsf_step",
                "is required for inputs in \(units.lengthUnit) (the defaults 5 σ and 0.1 σ are for LAMMPS lj)")
        }
        do {
            return try RadialStructureFunctions(
                selection: selection, species: species,
                mu: RadialStructureFunctions.grid(from: min ?? (reduced ? 0.4 : step), to: last, step: step),
                width: width ?? step, every: every)
        } catch let error as InputError {
            throw SettingError(nil, error.message)
        }
    }
}
