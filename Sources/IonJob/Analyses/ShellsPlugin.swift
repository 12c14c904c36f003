import IonAnalysis
import IonCore
import IonReport

/// `ionscope shells`, `[[shells]]`: first solvation shells, coordination numbers, denticity and
/// shell compositions.
public struct ShellsPlugin: OneSectionEach {
    public static let name = "shells"
    public static let abstract =
        "First solvation shells: coordination numbers, denticity and shell compositions around the centres."
    public static let discussion = """
        Each partner NAME=SELECTION is a species counted in the shells. A partner molecule is in a centre's shell when \
        any of its selected atoms is within the cutoff (counting = molecules, the default), its centre of mass is \
        (centres-of-mass), or each selected atom counts (atoms). Denticity is the number of selected atoms of one \
        partner within the cutoff. A missing cutoff is the first minimum of the centre–partner RDF (one extra pass). Errors are standard errors over blocks of \
        consecutive frames, their length chosen from the data (Flyvbjerg & Petersen 1989, doi:10.1063/1.457480): the \
        shortest whose neighbouring block means are uncorrelated; a run too short for that is said.
        """
    public static let settings: [Setting] = [
        Setting("centres", .selection, required: true, help: "The centres, e.g. 'type 1'."),
        Setting(
            "partners", .species, required: true,
            help: "Partner species, each NAME=SELECTION or a name from [selections] (repeat the option)."),
        Setting(
            "cutoff", .keyedNumbers(.positive), unit: "Å", formerly: ["cutoffs"],
            help:
                "Shell radius: one number for every partner, or PARTNER=Å for one (σ for lj); missing ones come from the RDF."
        ),
        ShellSettings.counting, ShellSettings.centresByMolecule, ShellSettings.blocks, ShellSettings.rdfRmax,
    ]
    public static let example = PluginExample(
        .demo, #"centres = "type 1""# + "\n" + #"partners = ["TFSI=type 3"]"# + "\ncutoff = 6.0")

    public let label: String
    let species: [(name: String, definition: ShellDefinition)]
    let blocks: Int
    /// Nil: 12 Å, or half the cell.
    let rdfRmax: Double?

    public init(_ settings: SettingValues) throws {
        let centres = try settings.requiredSelection("centres")
        let counting = ShellSettings.counting(settings)
        let byMolecule = settings.bool("centres_by_molecule")
        let cutoffs = settings.keyedNumbers("cutoff")
        let partners = settings.species("partners")
        for (key, _) in cutoffs.byKey where !partners.contains(where: { $0.name == key }) {
            throw SettingError(
                "cutoff", "'\(key)' is not a partner; the partners are \(partners.map(\.name).joined(separator: ", "))")
        }
        species = partners.map { partner in
            (
                partner.name,
                ShellDefinition(
                    centres: centres.text, partners: partner.selection.text, cutoff: cutoffs.value(for: partner.name),
                    centresByMolecule: byMolecule, counting: counting)
            )
        }
        blocks = settings.integer("blocks") ?? 8
        rdfRmax = settings.number("rdf_rmax")
        label = settings.text("label") ?? "\(settings.written("centres") ?? centres.text) shells"
    }

    public func cutoffRequests(_ run: RunSetup) throws -> [FirstMinimumRequest] {
        species.filter { $0.definition.cutoff == nil }.map {
            FirstMinimumRequest($0.definition, rMax: ShellSettings.rdfRange(rdfRmax, run, for: $0.name))
        }
    }

    public func analysis(_ run: RunSetup) throws -> SolvationShellAnalysis {
        try SolvationShellAnalysis(
            species: try species.map { name, definition in
                var definition = definition
                let (cutoff, source) = try ShellSettings.cutoff(
                    definition.cutoff, definition, rMax: ShellSettings.rdfRange(rdfRmax, run),
                    name: name, run)
                definition.cutoff = cutoff
                return SolvationShellAnalysis.Species(name: name, definition: definition, cutoffSource: source)
            }, minimumBlocks: blocks)
    }

    public static func headlines(_ r: SolvationShellResult, label: String) -> [Headline] {
        r.species.map { s in
            Headline(
                "⟨n⟩ \(s.name) (\(label))", s.meanCoordination, s.meanCoordinationError, unit: .dimensionless,
                method: "shell within \(formatNumber(s.cutoff, 3)) \(r.distanceUnit)")
        }
    }

    public static func section(_ label: String, _ r: SolvationShellResult, units _: UnitLabels, files: inout FileSet)
        throws -> ReportSection
    {
        let name = "shells-\(slug(label))"
        try files.json(name + ".json", r)
        var columns: [DataTable.Column] = []
        let maxN = r.species.map { $0.coordination.map(\.count).max() ?? 0 }.max() ?? 0
        columns.append(.init("n", (0...maxN).map(Double.init)))
        for s in r.species {
            let p = Dictionary(uniqueKeysWithValues: s.coordination.map { ($0.count, $0.probability ?? 0) })
            columns.append(.init("P_\(s.name)", (0...maxN).map { p[$0] ?? 0 }))
        }
        try files.csv(name + ".csv", DataTable(columns))
        let plots = r.species.map { s in
            Plot(
                title: "Coordination numbers: \(s.name) — \(label)", x: .init("partners in the shell, n"),
                y: .init("P(n)"),
                series: [
                    Plot.Series(
                        "P(n)", x: s.coordination.map { Double($0.count) },
                        y: s.coordination.map { $0.probability ?? 0 }, style: .steps)
                ])
        }
        let summary = ReportTable(
            caption: "Mean coordination (± standard error over blocks of frames)",
            columns: [
                "partner", "selection", "counted as", "cutoff (\(r.distanceUnit))", "cutoff from", "⟨n⟩",
                "denticity (share of contacts: 1, 2, …)",
            ],
            rows: r.species.map { s in
                [
                    s.name, s.partners, s.counting.rawValue, formatNumber(s.cutoff, 3), s.cutoffSource,
                    formatEstimate(s.meanCoordination, s.meanCoordinationError),
                    s.denticity.map { "\($0.count): \(formatNumber(100 * ($0.fraction ?? 0), 3)) %" }.joined(
                        separator: ", "),
                ]
            })
        let compositions = ReportTable(
            caption: "Most frequent shell compositions", columns: ["composition", "probability"],
            rows: r.compositions.prefix(10).map { [$0.label, formatNumber($0.probability, 3)] })
        return ReportSection(
            title: "Solvation shells: \(label)",
            text: [
                "\(r.centreCount) centres (\(r.centreParticles)) '\(r.centres)', \(r.frames) frames. Distinct partner molecules per centre: \(formatEstimate(r.distinctPartners, r.distinctPartnersError))."
            ],
            plots: plots, tables: [summary, compositions], files: [name + ".json", name + ".csv"])
    }
}

/// The settings that say how shells are found, shared by shells, clusters and kinetics.
enum ShellSettings {
    static let counting = Setting(
        "counting", .choice(ShellDefinition.Counting.allCases.map(\.rawValue)), default: .text("molecules"),
        help: "How partners are counted: molecules (any selected atom within the cutoff), centres-of-mass, or atoms.")
    static let centresByMolecule = Setting.flag(
        "centres_by_molecule", formerly: ["centre_molecules"],
        help: "Centres are the centres of mass of the molecules holding the selected atoms.")
    static let rdfRmax = Setting(
        "rdf_rmax", .number(.positive), unit: "Å",
        help:
            "Largest distance of the RDF whose first minimum supplies a missing cutoff (σ for lj; default: 12, or half the cell when smaller)."
    )
    static let blocks = Setting(
        "blocks", .integer(minimum: 4, maximum: 10_000), default: .integer(8),
        help:
            "Fewest blocks of consecutive frames an uncertainty may rest on; the block length is chosen from the data (the shortest whose neighbouring blocks are uncorrelated)."
    )

    /// The checked `counting` setting (its declared default: molecules).
    static func counting(_ settings: SettingValues) -> ShellDefinition.Counting {
        ShellDefinition.Counting(rawValue: settings.text("counting") ?? "") ?? .molecules
    }

    /// The RDF range for a missing cutoff: `given`, else 12 Å (σ) or half the cell when smaller.
    /// With a `name` (the pre-pass's request) a shortened range is said; the analysis asks again
    /// silently.
    static func rdfRange(_ given: Double?, _ run: RunSetup, for name: String? = nil) -> Double {
        name.map { run.rdfRange(given, standard: 12, for: $0) } ?? run.rdfRange(given, standard: 12)
    }

    /// The cutoff given, or the first minimum of the RDF of `definition` (said to the user).
    static func cutoff(
        _ given: Double?, _ definition: ShellDefinition, rMax: Double, name: String,
        _ run: RunSetup
    ) throws -> (Double, String) {
        if let given { return (given, "given") }
        let minimum = try run.firstMinimum(FirstMinimumRequest(definition, rMax: rMax))
        run.note(
            "\(name): cutoff \(formatNumber(minimum.r)) \(run.units.lengthUnit) from the first minimum of the RDF of '\(definition.partners)' around '\(definition.centres)' (one extra pass)"
        )
        return (minimum.r, "first minimum of the RDF")
    }
}
