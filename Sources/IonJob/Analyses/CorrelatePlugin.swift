import Foundation
import IonAnalysis
import IonCore
import IonLearn
import IonReport

/// `ionscope correlate`, `[[correlate]]`: the spatial correlation C(r) of a per-atom column of
/// the trajectory (potential energy, Voronoi volume, …) between species.
public struct CorrelatePlugin: OneSectionEach {
    public static let name = "correlate"
    public static let abstract =
        "Spatial correlation C(r) of a per-atom column of the trajectory (e.g. LAMMPS c_pe, a Voronoi volume) between species, with its correlation length."
    public static let discussion = """
        For particles i of species A and j of species B at distance r in the same frame, \
        C_AB(r) = ⟨Δk_i Δk_j⟩ over the pairs in the bin of r, Δk = k − the species' mean in that frame (Jones et al. \
        2022, doi:10.48550/arXiv.2208.03182, eq. 3), averaged over frames; standard errors over 5 to 10 blocks of \
        consecutive frames; the correlation length ξ from a fit of a·exp(−r/ξ) over the leading positive bins (from \
        the first bin where g(r) of the pairs reaches 0.1). \
        C(r)/√(⟨Δk_A²⟩⟨Δk_B²⟩) is the correlation coefficient at distance r. The field is a per-atom column of a \
        LAMMPS dump (dump custom … c_pe c_vor[1]), read as the file stores it.
        """
    public static let settings: [Setting] = [
        Setting("select", .selection, required: true, help: "The particles whose field is correlated."),
        Setting(
            "species", .species,
            help: "A species NAME=SELECTION of the selected particles; repeat (default: one per atom type)."),
        Setting(
            "field", .text, required: true,
            help: "The per-atom column of the trajectory, as its header names it (LAMMPS dump: c_pe, c_vor[1], v_…)."),
        Setting(
            "rmax", .number(.positive), unit: "Å",
            help: "Largest distance, at most half the cell's smallest width (default: half the first frame's)."),
        Setting(
            "bin", .number(.positive), unit: "Å", help: "Bin width δ (default 0.05 σ for lj, 0.1 Å otherwise)."),
        Setting(
            "blocks", .integer(minimum: 2, maximum: 1000), default: .integer(5),
            help: "At least this many blocks of consecutive frames for the errors (and fewer than twice as many)."),
    ]
    public static let example = PluginExample(.kobAndersenEnergies, #"select = "all""# + "\n" + #"field = "c_pe""#)

    public let label: String
    let selection: Selection
    let species: [DescriptorSpecies]
    let field: String
    let rMax: Double?, width: Double?
    let blocks: Int

    public init(_ settings: SettingValues) throws {
        selection = try settings.requiredSelection("select")
        guard let field = settings.text("field"), !field.isEmpty else { throw SettingError("field", "is required") }
        self.field = field
        species = settings.species("species").map { .init(name: $0.name, selection: $0.selection.text) }
        rMax = settings.number("rmax"); width = settings.number("bin")
        blocks = settings.integer("blocks") ?? 5
        label = settings.text("label") ?? "\(field) \(settings.written("select") ?? selection.text)"
    }

    public var perAtomColumns: [String] { [field] }

    public func analysis(_ run: RunSetup) throws -> FieldCorrelation {
        guard let half = run.halfCellWidth else {
            throw SettingError(nil, "the spatial correlation needs a periodic cell, and the first frame has none")
        }
        if let rMax, rMax > half {
            throw SettingError(
                "rmax", "\(formatNumber(rMax)) is more than half the first frame's cell (\(formatNumber(half)))")
        }
        let topology = run.trajectory.topology
        let selected = try selection.atomIndices(in: topology)
        let types = Array(Set(selected.map { topology.types[$0] })).sorted { ($0.count, $0) < ($1.count, $1) }
        let species =
            self.species.isEmpty
            ? types.map { DescriptorSpecies(name: $0, selection: "(\(selection.text)) and type \($0)") } : self.species
        let width = self.width ?? (run.units.isReduced ? 0.05 : 0.1)
        do {
            return try FieldCorrelation(
                selection: selection, species: species, column: field, columnIndex: run.perAtomColumn(field),
                rMax: rMax ?? (half * 1e4).rounded(.down) / 1e4, width: width, blocks: blocks)
        } catch let error as InputError {
            throw SettingError(nil, error.message)
        }
    }

    public static func headlines(_ r: FieldCorrelationResult, label: String) -> [Headline] {
        r.curves.compactMap { curve in
            curve.length.map { xi in
                Headline(
                    "correlation length \(label) \(pairName(r, curve))", xi, nil, unit: r.lengthUnit,
                    method:
                        "a·exp(−r/ξ) over \(formatNumber(curve.fitRange![0]))–\(formatNumber(curve.fitRange![1])) \(r.lengthUnit)"
                )
            }
        }
    }

    static func pairName(_ r: FieldCorrelationResult, _ curve: SpatialCorrelation.Curve) -> String {
        "\(r.species[curve.a].name)–\(r.species[curve.b].name)"
    }

    public static func section(_ label: String, _ r: FieldCorrelationResult, units _: UnitLabels, files: inout FileSet)
        throws -> ReportSection
    {
        let name = "correlate-\(slug(label))"
        try files.json(name + ".json", r)
        var columns: [DataTable.Column] = [.init("r", unit: r.lengthUnit, r.curves[0].r.map { Optional($0) })]
        for curve in r.curves {
            let pair = pairName(r, curve)
            let scale = curve.variances.compactMap { $0 }.reduce(1, *).squareRoot()
            columns += [
                .init("C_\(pair)", curve.correlation), .init("error_\(pair)", curve.error),
                .init(
                    "coefficient_\(pair)",
                    curve.correlation.map { c in
                        c.flatMap { scale > 0 && curve.variances.count == 2 ? $0 / scale : nil }
                    }),
                .init("pairs_\(pair)", curve.pairs.map { Double($0) }),
            ]
        }
        try files.csv(name + ".csv", DataTable(columns))
        let blocks = r.curves.first?.blocks ?? 0
        return ReportSection(
            title: "Spatial correlation: \(label)",
            text: [
                "\(r.atoms) particles '\(r.selection)' (\(r.species.map(\.name).joined(separator: ", "))), \(r.frames) frames, bins of \(formatNumber(r.width)) \(r.lengthUnit); errors over \(blocks) blocks of consecutive frames. C(r) is in the column's units squared; the coefficient divides it by √(⟨Δk_A²⟩⟨Δk_B²⟩)."
            ],
            plots: [plot(label, r)],
            tables: [
                ReportTable(
                    caption: "Correlation length ξ of C(r) = a·exp(−r/ξ) (\(r.lengthUnit))",
                    columns: ["pair", "ξ", "a", "fitted over", "⟨Δk²⟩ A", "⟨Δk²⟩ B"],
                    rows: r.curves.map { curve in
                        [
                            pairName(r, curve), curve.length.map { formatNumber($0) } ?? "no fit",
                            curve.amplitude.map { formatNumber($0) } ?? "—",
                            curve.fitRange.map { "\(formatNumber($0[0]))–\(formatNumber($0[1]))" } ?? "—",
                            curve.variances[0].map { formatNumber($0) } ?? "—",
                            curve.variances[1].map { formatNumber($0) } ?? "—",
                        ]
                    })
            ],
            files: [name + ".json", name + ".csv"])
    }

    /// The correlation coefficient C(r)/√(⟨Δk_A²⟩⟨Δk_B²⟩) of every pair.
    static func plot(_ label: String, _ r: FieldCorrelationResult) -> Plot {
        let series = r.curves.map { curve in
            let scale = curve.variances.compactMap { $0 }.reduce(1, *).squareRoot()
            let known = curve.r.indices.filter { curve.correlation[$0] != nil }
            return Plot.Series(
                pairName(r, curve), x: known.map { curve.r[$0] },
                y: known.map { curve.correlation[$0]! / (scale > 0 ? scale : 1) })
        }
        return Plot(
            title: "Correlation coefficient of \(label)", x: .init("r (\(r.lengthUnit))"),
            y: .init("C(r) / √(⟨Δk_A²⟩⟨Δk_B²⟩)"), series: series, horizontalLine: 0)
    }
}
