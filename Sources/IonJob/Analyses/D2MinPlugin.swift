import Foundation
import IonAnalysis
import IonCore
import IonLearn
import IonReport

/// `ionscope d2min`, `[[d2min]]`: nonaffine squared displacement D²min and D_cum per ion, with
/// mobile and immobile labels.
public struct D2MinPlugin: OneSectionEach {
    public static let name = "d2min"
    public static let abstract =
        "Nonaffine squared displacement D²min (Falk–Langer) and its cumulative form per ion, over windows of frames, with mobile/immobile labels."
    public static let discussion = """
        For each centre, the neighbours within the cutoff at a window's start and their vectors d⁰ from it; at the \
        window's end the vectors d (followed by unwrapped displacements, set onto the current cell). \
        D²min = min over X of Σ|d − X d⁰|² (Falk & Langer 1998, doi:10.1103/PhysRevE.57.7192), in length², summed \
        over neighbours as OVITO's atomic strain does. D_cum sums D²min over increments of the window (Chen et al. \
        2023, doi:10.1021/acsenergylett.3c00237). In each window the given fraction of centres with the largest D_cum \
        are labelled mobile and as many with the smallest immobile (the labels of a softness study). Windows do not \
        overlap; D²min is undefined for a centre with fewer than 3 neighbours or neighbours in a plane. With \
        phop_window, the hop indicator p_hop (Candelier et al. 2010, doi:10.1103/PhysRevLett.105.135702) of every \
        centre at every frame, its largest value per window reported; label_by = p_hop labels by it.
        """
    public static let settings: [Setting] =
        [
            Setting("select", .selection, required: true, help: "The centres (e.g. 'type 1' for Li⁺)."),
            Setting("neighbours", .selection, help: "Atoms that count as neighbours (default: all atoms)."),
            Setting(
                "cutoff", .number(.positive), unit: "Å", required: true,
                help:
                    "Neighbour radius r_c at each interval's start (σ for lj; e.g. the first minimum of the RDF, 1.5 σ for a glass former)."
            ),
            Setting(
                "window", .integer(minimum: 1), unit: "frames", required: true,
                help: "Frames per window W (of the order of the cage-escape time)."),
            Setting(
                "increment", .integer(minimum: 1), unit: "frames",
                help: "Frames per increment δ of D_cum; must divide the window (default: the window, D_cum = D²min)."),
            Setting(
                "fraction", .number(.fraction), default: .number(0.1),
                help: "Share of centres labelled mobile, and as many immobile, in each window (at most 0.5)."),
        ] + hopSettings

    /// p_hop and the choice of label, shared with softness.
    static let hopSettings: [Setting] = [
        Setting(
            "phop_window", .integer(minimum: 2, maximum: 10_000), unit: "frames",
            help:
                "Window W of the hop indicator p_hop (Candelier et al. 2010; even): its largest value per window is reported."
        ),
        Setting(
            "label_by", .choice(NonaffineDisplacement.LabelBy.allCases.map(\.rawValue)),
            default: .text(NonaffineDisplacement.LabelBy.cumulative.rawValue),
            help:
                "What labels mobile and immobile centres: D_cum, or the largest p_hop of the window (needs phop_window)."
        ),
    ]

    /// The p_hop window and the labels' measure of `settings`.
    static func hop(_ settings: SettingValues) -> (window: Int?, labelBy: NonaffineDisplacement.LabelBy) {
        (
            settings.integer("phop_window"),
            settings.text("label_by").flatMap(NonaffineDisplacement.LabelBy.init) ?? .cumulative
        )
    }
    public static let example = PluginExample(.demo, #"select = "type 1""# + "\ncutoff = 8\nwindow = 20")

    public let label: String
    let analysisTemplate: NonaffineDisplacement

    public init(_ settings: SettingValues) throws {
        let selection = try settings.requiredSelection("select")
        guard let cutoff = settings.number("cutoff") else { throw SettingError("cutoff", "is required") }
        guard let window = settings.integer("window") else { throw SettingError("window", "is required") }
        do {
            analysisTemplate = try NonaffineDisplacement(
                selection: selection, neighbours: settings.selection("neighbours") ?? Selection("all"), cutoff: cutoff,
                window: window, increment: settings.integer("increment"), fraction: settings.number("fraction") ?? 0.1,
                hopWindow: Self.hop(settings).window, labelBy: Self.hop(settings).labelBy)
        } catch let error as InputError {
            throw SettingError(nil, error.message)
        }
        label = settings.text("label") ?? settings.written("select") ?? selection.text
    }

    public func analysis(_ run: RunSetup) throws -> NonaffineDisplacement { analysisTemplate }

    public static func headlines(_ r: NonaffineDisplacementResult, label: String) -> [Headline] {
        guard let median = r.quantile(0.5) else { return [] }
        return [
            Headline(
                "median D²min \(label)", median, nil, unit: r.squaredLengthUnit,
                method: "Falk–Langer over \(r.window) frames, r_c = \(formatNumber(r.cutoff)) \(r.lengthUnit)")
        ]
    }

    public static func section(
        _ label: String, _ r: NonaffineDisplacementResult, units _: UnitLabels, files: inout FileSet
    ) throws -> ReportSection {
        let name = "d2min-\(slug(label))"
        try files.json(name + ".json", r)
        var columns: [[Double?]] = Array(repeating: [], count: 7)
        for (w, window) in r.windows.enumerated() {
            let mobile = Set(window.mobile), immobile = Set(window.immobile)
            for c in r.centreAtoms.indices {
                let labelValue: Double = mobile.contains(c) ? 1 : immobile.contains(c) ? -1 : 0
                let row: [Double?] = [
                    Double(w), Double(window.origin), Double(r.centreAtoms[c]), window.d2min[c], window.cumulative[c],
                    Double(window.neighbours[c]), labelValue,
                ]
                for k in row.indices { columns[k].append(row[k]) }
            }
        }
        try files.csv(
            name + ".csv",
            DataTable([
                .init("window", columns[0]), .init("origin_frame", columns[1]), .init("atom", columns[2]),
                .init("d2min", unit: r.squaredLengthUnit, columns[3]),
                .init("d_cum", unit: r.squaredLengthUnit, columns[4]), .init("neighbours", columns[5]),
                .init("label", columns[6]),
            ]))
        return ReportSection(
            title: "Nonaffine displacement D²min: \(label)",
            text: [
                "\(r.centreAtoms.count) centres '\(r.selection)', neighbours '\(r.neighbours)' within \(formatNumber(r.cutoff)) \(r.lengthUnit); \(r.windows.count) windows of \(r.window) frames"
                    + (r.windowTime.map { " (\(formatNumber($0)) \(r.timeUnit))" } ?? "")
                    + (r.increment < r.window ? ", D_cum over increments of \(r.increment) frames" : "")
                    + "; the \(formatNumber(100 * r.fraction)) % with the largest D_cum in each window are labelled mobile, as many with the smallest immobile (label 1 and −1 in the CSV)."
            ],
            plots: distribution(r, label: label).map { [$0] } ?? [],
            tables: [
                ReportTable(
                    caption: "D²min over all windows and centres (\(r.squaredLengthUnit))",
                    columns: ["10 %", "median", "90 %", "mean", "undefined"],
                    rows: [
                        [0.1, 0.5, 0.9].map { q in r.quantile(q).map { formatNumber($0) } ?? "—" } + [
                            r.allD2min.isEmpty
                                ? "—" : formatNumber(r.allD2min.reduce(0, +) / Double(r.allD2min.count)),
                            "\(r.windows.count * r.centreAtoms.count - r.allD2min.count)",
                        ]
                    ])
            ],
            files: [name + ".json", name + ".csv"])
    }

    /// The distribution of log₁₀ D²min over all windows and centres, with the label thresholds.
    static func distribution(_ r: NonaffineDisplacementResult, label: String) -> Plot? {
        let logs = r.allD2min.filter { $0 > 0 }.map { log10($0) }
        guard let low = logs.first, let high = logs.last, high > low else { return nil }
        let bins = min(60, max(10, logs.count / 20))
        let width = (high - low) / Double(bins)
        var counts = [Double](repeating: 0, count: bins)
        for x in logs { counts[min(bins - 1, Int((x - low) / width))] += 1 }
        let density = counts.map { $0 / (Double(logs.count) * width) }
        let centres = (0..<bins).map { low + (Double($0) + 0.5) * width }
        // The labels follow D_cum; with one increment per window that is D²min, whose quantiles mark them.
        let thresholds =
            r.increment == r.window ? [(r.fraction, "immobile below"), (1 - r.fraction, "mobile above")] : []
        let markers = thresholds.compactMap { q, text in
            r.quantile(q).flatMap { $0 > 0 ? Plot.Marker(text, at: log10($0)) : nil }
        }
        return Plot(
            title: "Distribution of D²min \(label)", x: .init("log₁₀ D²min (\(r.squaredLengthUnit))"),
            y: .init("probability density"),
            series: [Plot.Series("all windows", x: centres, y: density, style: .steps)], markers: markers)
    }
}
