import IonAnalysis
import IonCore
import IonReport

/// `ionscope rdf`, `[[rdf]]`: g(r) and the running coordination number between two groups.
public struct RDFPlugin: OneSectionEach {
    public static let name = "rdf"
    public static let abstract =
        "Radial distribution function g(r) and running coordination number N(r) between two groups."
    public static let discussion = """
        g(r) between select (A) and with (B; A when absent), normalised frame by frame by that frame's volume with the \
        number of ordered pairs, so uncorrelated points give exactly 1 in expectation; N(r) = ρ̄ Σ g·ΔV. g(r) and N(r) carry \
        standard errors over blocks of consecutive frames whose length is chosen from the data; the positions of the \
        first peak and first minimum, from locating them again on `blocks` fixed blocks. rmax may be at most half the \
        smallest perpendicular width of the cell (Allen & Tildesley 2017, doi:10.1093/oso/9780198803195.001.0001, §8.2).
        """
    public static let settings: [Setting] = [
        Setting("select", .selection, formerly: ["selection"], help: "Group A, the centres (default: all atoms)."),
        Setting("with", .selection, help: "Group B (default: group A)."),
        .flag("molecules", help: "Use the centres of mass of the molecules that hold selected atoms instead of atoms."),
        .flag("exclude_intramolecular", help: "Leave out pairs of atoms in the same molecule."),
        Setting(
            "rmax", .number(.positive), unit: "Å",
            help:
                "Largest distance (σ for lj), at most half the smallest cell width of every frame (default: 10, or half the first frame's cell when smaller, ending at half the narrowest frame's)."
        ),
        Setting(
            "bins", .integer(minimum: 1, maximum: 10_000), default: .integer(200),
            help: "Number of bins between 0 and rmax."),
        Setting(
            "blocks", .integer(minimum: 2, maximum: 10_000), default: .integer(5),
            help: "Blocks of consecutive frames for the uncertainties of the extrema's positions."),
    ]
    public static let example = PluginExample(
        .demo, #"select = "type 1""# + "\n" + #"with = "type 3""# + "\nrmax = 12\nbins = 120")

    public let label: String
    let selection: Selection
    let other: Selection?
    let options: RDFOptions
    /// Nil: 10 Å (σ), or half the cell.
    let rMax: Double?

    public init(_ settings: SettingValues) throws {
        selection = try settings.selection("select") ?? Selection("all")
        other = settings.selection("with")
        let a = settings.written("select") ?? "all"
        label = settings.text("label") ?? (settings.written("with").map { "\(a)–\($0)" } ?? a)
        rMax = settings.number("rmax")
        options = RDFOptions(
            rMax: rMax ?? 10, bins: settings.integer("bins") ?? 200,
            byMolecule: settings.bool("molecules"),
            excludeIntramolecular: settings.bool("exclude_intramolecular"), blocks: settings.integer("blocks") ?? 5)
        if options.byMolecule && options.excludeIntramolecular {
            throw SettingError("exclude_intramolecular", "applies to atoms, not to molecules")
        }
    }

    public func analysis(_ run: RunSetup) throws -> RDFAnalysis {
        var options = options
        options.threads = run.threads
        options.rMax = run.rdfRange(rMax, standard: 10, for: label)
        options.followCell = rMax == nil
        return RDFAnalysis(selection: selection, with: other, options: options)
    }

    public static func headlines(_ r: RDFResult, label: String) -> [Headline] {
        guard let minimum = r.firstMinimum else { return [] }
        return [
            Headline(
                "first shell \(label)", minimum.coordination, minimum.coordinationError, unit: .dimensionless,
                method: "g(r) first minimum",
                display:
                    "r_min = \(formatNumber(minimum.r, 3)) \(r.distanceUnit), N = \(formatEstimate(minimum.coordination, minimum.coordinationError))"
            )
        ]
    }

    public static func section(_ label: String, _ r: RDFResult, units _: UnitLabels, files: inout FileSet) throws
        -> ReportSection
    {
        let name = "rdf-\(slug(label))"
        try files.json(name + ".json", r)
        try files.csv(
            name + ".csv",
            DataTable([
                .init("r", unit: r.distanceUnit, r.r), .init("g", r.g), .init("g_error", r.gError ?? []),
                .init("r_edge", unit: r.distanceUnit, r.coordinationRadii), .init("coordination", r.coordination),
                .init("coordination_error", r.coordinationError ?? []),
            ]))
        let band = r.gError.map { e in (lower: zip(r.g, e).map { $0 - $1 }, upper: zip(r.g, e).map { $0 + $1 }) }
        var markers: [Plot.Marker] = []
        if let peak = r.firstPeak {
            markers.append(Plot.Marker("peak \(formatNumber(peak.r, 3)) \(r.distanceUnit)", at: peak.r))
        }
        if let minimum = r.firstMinimum {
            markers.append(Plot.Marker("min \(formatNumber(minimum.r, 3)) \(r.distanceUnit)", at: minimum.r))
        }
        let g = Plot(
            title: "g(r) \(label)", x: .init("r (\(r.distanceUnit))", range: 0...r.rMax), y: .init("g(r)"),
            series: [Plot.Series("g(r)", x: r.r, y: r.g, band: band)], markers: markers, horizontalLine: 1)
        let nBand = r.coordinationError.map { e in
            (lower: zip(r.coordination, e).map { $0 - $1 }, upper: zip(r.coordination, e).map { $0 + $1 })
        }
        let n = Plot(
            title: "Running coordination number N(r) \(label)", x: .init("r (\(r.distanceUnit))", range: 0...r.rMax),
            y: .init("N(r)"),
            series: [Plot.Series("N(r)", x: r.coordinationRadii, y: r.coordination, band: nBand)],
            markers: r.firstMinimum.map { [Plot.Marker("N = \(formatNumber($0.coordination, 3))", at: $0.r)] } ?? [])
        func row(_ name: String, _ e: RDFExtremum?) -> [String] {
            guard let e else { return [name, "not found", "", "", ""] }
            return [
                name, formatEstimate(e.r, e.rError), formatNumber(e.g, 4), formatNumber(e.gExtremeBin, 4),
                formatEstimate(e.coordination, e.coordinationError),
            ]
        }
        let table = ReportTable(
            caption:
                "Extrema (σ of r from \(r.blocks) fixed blocks of frames, of N from blocks of a length chosen from the data): r is the vertex of a least-squares parabola through g over ± 2 bins, g the curve there; the extreme bin is the highest (lowest) histogram value within ± 2 bins, which noise pushes past the curve",
            columns: ["", "r (\(r.distanceUnit))", "g at r", "extreme bin", "N(r)"],
            rows: [row("first peak", r.firstPeak), row("first minimum", r.firstMinimum)])
        return ReportSection(
            title: "Radial distribution \(label)",
            text: [
                "'\(r.withSelection)' around '\(r.selection)': \(r.countA) × \(r.countB) \(r.particles), \(r.frames) frames, bin \(formatNumber(r.binWidth, 3)) \(r.distanceUnit). Bands: ±1 standard error over blocks of frames whose length is chosen from the data."
            ],
            plots: [g, n], tables: [table], files: [name + ".json", name + ".csv"])
    }
}
