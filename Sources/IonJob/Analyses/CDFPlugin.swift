import IonAnalysis
import IonCore
import IonReport

/// `ionscope cdf`, `[[cdf]]`: the combined distribution of a distance and an angle or dihedral.
public struct CDFPlugin: OneSectionEach {
    public static let name = "cdf"
    public static let abstract =
        "Combined distribution function: g(r, θ) of the distance to a partner molecule against an angle or dihedral of its atoms."
    public static let discussion = """
        The distance runs from each centre to a partner molecule's centre of mass; the angle (3 points) or absolute \
        dihedral (4 points) is of that molecule's atoms, each point a selection inside the molecule, the k-th use of a \
        selection taking its k-th matching atom. g = 1 for no structure; the correlation map is p(r, θ) − p(r)·p(θ) \
        (Shayestehpour & Zahn 2024, doi:10.1063/5.0232631, Fig. 9).
        """
    public static let settings: [Setting] = [
        Setting("centres", .selection, required: true, help: "The centres, e.g. 'type 1'."),
        Setting("partners", .selection, required: true, help: "The partner molecules' atoms, e.g. 'type 2 3'."),
        Setting(
            "points", .species, required: true, formerly: ["point"],
            help:
                "3 selections (an angle) or 4 (a dihedral) of atoms in the partner molecule, in order (repeat the option)."
        ),
        ShellSettings.centresByMolecule,
        Setting("rmax", .number(.positive), unit: "Å", default: .number(10), help: "Largest distance (σ for lj)."),
        Setting("distance_bins", .integer(minimum: 1, maximum: 1000), default: .integer(50), help: "Bins in distance."),
        Setting("angle_bins", .integer(minimum: 1, maximum: 1000), default: .integer(36), help: "Bins in angle."),
    ]
    public static let example = PluginExample(
        .demo,
        #"centres = "type 1""# + "\n" + #"partners = "type 2 3""# + "\n"
            + #"points = ["type 3", "type 2", "type 3"]"# + "\nrmax = 12")

    public let label: String
    let centres: String, partners: String, points: [String], centresByMolecule: Bool
    let rMax: Double, distanceBins: Int, angleBins: Int

    public init(_ settings: SettingValues) throws {
        let centres = try settings.requiredSelection("centres"), partners = try settings.requiredSelection("partners")
        let points = settings.species("points").map(\.selection.text)
        guard points.count == 3 || points.count == 4 else {
            throw SettingError(
                "points",
                "give 3 selections (an angle) or 4 (a dihedral) of atoms in the partner molecule; got \(points.count)")
        }
        self.centres = centres.text; self.partners = partners.text; self.points = points
        centresByMolecule = settings.bool("centres_by_molecule")
        rMax = settings.number("rmax") ?? 10
        distanceBins = settings.integer("distance_bins") ?? 50; angleBins = settings.integer("angle_bins") ?? 36
        label =
            settings.text("label")
            ?? "\(settings.written("centres") ?? centres.text)–\(settings.written("partners") ?? partners.text)"
        do { _ = try makeAnalysis() } catch let error as InputError { throw SettingError(nil, error.description) }
    }

    public func analysis(_ run: RunSetup) throws -> CombinedDistribution { try makeAnalysis() }

    func makeAnalysis() throws -> CombinedDistribution {
        try CombinedDistribution(
            centres: centres, centresByMolecule: centresByMolecule, partners: partners, points: points,
            rMax: rMax, distanceBins: distanceBins, angleBins: angleBins)
    }
    public static func headlines(_ r: CombinedDistributionResult, label: String) -> [Headline] { [] }

    public static func section(
        _ label: String, _ r: CombinedDistributionResult, units _: UnitLabels, files: inout FileSet
    ) throws
        -> ReportSection
    {
        let name = "cdf-\(slug(label))"
        try files.json(name + ".json", r)
        let angleName = r.kind == "dihedral" ? "dihedral |φ| (°)" : "angle θ (°)"
        let g = Heatmap(
            title: "g(r, \(r.kind)) \(label)", x: r.r, xLabel: "r (\(r.distanceUnit))", y: r.angle, yLabel: angleName,
            values: r.g)
        let c = Heatmap(
            title: "Correlation p(r, θ) − p(r)·p(θ)", x: r.r, xLabel: "r (\(r.distanceUnit))", y: r.angle,
            yLabel: angleName,
            values: r.correlation, diverging: true)
        let marginal = Plot(
            title: "Angle distribution relative to isotropic", x: .init(angleName), y: .init("p(θ) / p_iso(θ)"),
            series: [Plot.Series(r.kind, x: r.angle, y: r.angleDistribution)], horizontalLine: 1)
        var section = ReportSection(
            title: "Combined distribution: \(label)",
            text: [
                "Distance from each centre ('\(r.centres)', \(r.centreParticles)) to the centre of mass of each partner molecule ('\(r.partners)') against the \(r.kind) of the points \(r.points.map { "'\($0)'" }.joined(separator: ", ")); 1 everywhere for an uncorrelated, structureless system. \(r.frames) frames."
            ],
            plots: [marginal], tables: [], files: [name + ".json"])
        section.heatmaps = [g, c]
        return section
    }
}
