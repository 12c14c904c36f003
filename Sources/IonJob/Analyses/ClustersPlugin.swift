import IonAnalysis
import IonCore
import IonReport

/// `ionscope clusters`, `[[clusters]]`: ion pairs and aggregates joined by cation–anion contacts.
public struct ClustersPlugin: OneSectionEach {
    public static let name = "clusters"
    public static let abstract =
        "Ion clusters: free ions, contact ion pairs and aggregates, cluster sizes and net charges."
    public static let discussion = """
        Ions are whole molecules; cation–anion contacts (centres of mass within the pair's cutoff, or counting = \
        molecules) are joined by union–find. Reported: the fractions of each species that are free, in contact ion \
        pairs or in larger aggregates, and the cluster-size and net-charge distributions per frame. A missing cutoff \
        is the first minimum of the pair's centre-of-mass RDF (one extra pass). Errors are standard errors over blocks of \
        consecutive frames, their length chosen from the data (Flyvbjerg & Petersen 1989, doi:10.1063/1.457480): the \
        shortest whose neighbouring block means are uncorrelated; a run too short for that is said.
        """
    public static let settings: [Setting] = [
        Setting(
            "cations", .species, required: true,
            help: "Cation species, each NAME=SELECTION or a name from [selections] (repeat the option)."),
        Setting(
            "anions", .species, required: true,
            help: "Anion species, each NAME=SELECTION or a name from [selections] (repeat the option)."),
        Setting(
            "cutoff", .keyedNumbers(.positive), unit: "Å", formerly: ["cutoffs"],
            help:
                "Contact distance: one for every pair, or CATION:ANION=Å for one (σ for lj); missing ones come from the RDF."
        ),
        Setting(
            "counting", .choice(["centres-of-mass", "molecules"]), default: .text("centres-of-mass"),
            help: "Contact by centres of mass, or by any selected atoms (molecules)."),
        ShellSettings.blocks, ShellSettings.rdfRmax,
    ]
    public static let example = PluginExample(
        .demo,
        #"cations = ["Li=type 1"]"# + "\n" + #"anions = ["TFSI=type 2 3"]"# + "\n" + #"cutoff = { "Li:TFSI" = 6.3 }"#)

    public let label: String
    let cations: [ClusterAnalysis.Ion], anions: [ClusterAnalysis.Ion]
    let cutoffs: KeyedNumbers
    let counting: ShellDefinition.Counting
    let blocks: Int
    let rdfRmax: Double?

    public init(_ settings: SettingValues) throws {
        cations = settings.species("cations").map { ClusterAnalysis.Ion(name: $0.name, selection: $0.selection.text) }
        anions = settings.species("anions").map { ClusterAnalysis.Ion(name: $0.name, selection: $0.selection.text) }
        cutoffs = settings.keyedNumbers("cutoff")
        for (key, _) in cutoffs.byKey {
            let parts = key.split(separator: ":").map(String.init)
            guard parts.count == 2, cations.contains(where: { $0.name == parts[0] }),
                anions.contains(where: { $0.name == parts[1] })
            else {
                throw SettingError(
                    "cutoff",
                    "'\(key)': name a CATION:ANION pair of the species given, e.g. \"\(cations[0].name):\(anions[0].name)\""
                )
            }
        }
        counting = ShellDefinition.Counting(rawValue: settings.text("counting") ?? "") ?? .centresOfMass
        blocks = settings.integer("blocks") ?? 8
        rdfRmax = settings.number("rdf_rmax")
        label = settings.text("label") ?? "clusters"
    }

    /// Every cation–anion pair with its key ("Li:TFSI") and the centre-of-mass shell between them.
    var pairs: [(key: String, cation: String, anion: String, definition: ShellDefinition)] {
        cations.flatMap { cation in
            anions.map { anion in
                (
                    "\(cation.name):\(anion.name)", cation.name, anion.name,
                    ShellDefinition(
                        centres: cation.selection, partners: anion.selection, centresByMolecule: true,
                        counting: .centresOfMass)
                )
            }
        }
    }

    public func cutoffRequests(_ run: RunSetup) throws -> [FirstMinimumRequest] {
        pairs.filter { cutoffs.value(for: $0.key) == nil }.map {
            FirstMinimumRequest($0.definition, rMax: ShellSettings.rdfRange(rdfRmax, run, for: $0.key))
        }
    }

    public func analysis(_ run: RunSetup) throws -> ClusterAnalysis {
        let rules = try pairs.map { pair in
            let (cutoff, source) = try ShellSettings.cutoff(
                cutoffs.value(for: pair.key), pair.definition,
                rMax: ShellSettings.rdfRange(rdfRmax, run), name: pair.key, run)
            return ContactRule(cation: pair.cation, anion: pair.anion, cutoff: cutoff, cutoffSource: source)
        }
        return try ClusterAnalysis(
            cations: cations, anions: anions, rules: rules, counting: counting, minimumBlocks: blocks)
    }

    public static func headlines(_ r: ClusterResult, label: String) -> [Headline] {
        r.fractions.map { f in
            Headline(
                "free \(f.species) (\(label))", f.free, f.freeError, unit: .dimensionless,
                method: "not in contact with a counter-ion")
        }
    }

    public static func section(_ label: String, _ r: ClusterResult, units u: UnitLabels, files: inout FileSet) throws
        -> ReportSection
    {
        let name = "clusters-\(slug(label))"
        try files.json(name + ".json", r)
        let times = r.series.times ?? r.series.frameIndices.map(Double.init)
        var columns: [DataTable.Column] = [.init("t", unit: r.series.times == nil ? .frames : u.time, times)]
        var series: [Plot.Series] = []
        for (k, ion) in r.ions.enumerated() {
            columns += [
                .init("free_\(ion.name)", r.series.free[k]), .init("pairs_\(ion.name)", r.series.pairs[k]),
                .init("aggregates_\(ion.name)", r.series.aggregates[k]),
            ]
            series += [
                Plot.Series("\(ion.name) free", x: times, y: r.series.free[k]),
                Plot.Series("\(ion.name) aggregated", x: times, y: r.series.aggregates[k], style: .dashed),
            ]
        }
        try files.csv(name + ".csv", DataTable(columns))
        let overTime = Plot(
            title: "Free and aggregated ions over time",
            x: .init("t (\(r.series.times == nil ? PhysicalUnit.frames : u.time))"),
            y: .init("fraction of ions", range: 0...1), series: series)
        let sizes = Plot(
            title: "Cluster sizes", x: .init("ions in the cluster"), y: .init("clusters per frame", logarithmic: true),
            series: [
                Plot.Series("clusters per frame", x: r.sizes.map(\.value), y: r.sizes.map(\.perFrame), style: .points)
            ])
        let fractions = ReportTable(
            caption: "Fractions of each ion species (± standard error over blocks)",
            columns: ["ion", "count", "free", "contact pair", "aggregate (> 2 ions)"],
            rows: r.fractions.map { f in
                [
                    f.species, "\(r.ions.first { $0.name == f.species }?.count ?? 0)",
                    formatEstimate(f.free, f.freeError), formatEstimate(f.pairs, f.pairsError),
                    formatEstimate(f.aggregates, f.aggregatesError),
                ]
            })
        let rules = ReportTable(
            caption: "Contacts", columns: ["cation", "anion", "cutoff (\(r.distanceUnit))", "from"],
            rows: r.contacts.map { [$0.cation, $0.anion, formatNumber($0.cutoff, 3), $0.cutoffSource] })
        // The most frequent net charges, shown in charge order; the JSON has them all.
        let shown = r.charges.sorted { $0.perFrame > $1.perFrame }.prefix(12).sorted { $0.value < $1.value }
        let charges = ReportTable(
            caption: "Net charge of clusters"
                + (shown.count < r.charges.count
                    ? " (the \(shown.count) most frequent of \(r.charges.count); all in the JSON)" : ""),
            columns: ["charge (\(r.chargeUnit))", "clusters per frame", "fraction"],
            rows: shown.map {
                [
                    formatNumber($0.value, 3), formatEstimate($0.perFrame, $0.perFrameError),
                    formatNumber($0.fraction, 3),
                ]
            })
        return ReportSection(
            title: "Ion clusters: \(label)",
            text: [
                "Cation–anion contacts joined into connected clusters (\(r.counting.rawValue)); \(r.frames) frames."
            ],
            plots: [overTime, sizes], tables: [fractions, rules] + (r.charges.isEmpty ? [] : [charges]),
            files: [name + ".json", name + ".csv"])
    }
}
