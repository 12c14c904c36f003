import IonAnalysis
import IonCore
import IonReport

/// `ionscope profile`, `[[profile]]`: number, mass and charge density along a cell axis and the
/// electrostatic potential of the charge (interfaces, electrodes, slabs).
public struct ProfilePlugin: OneSectionEach {
    public static let name = "profile"
    public static let abstract =
        "Number, mass and charge density along a cell axis, and the electric field and potential of the charge by Poisson's equation."
    public static let discussion = """
        Atoms are binned by their fractional coordinate along the axis, so slabs follow a changing or tilted cell; \
        distances run along the normal to the other two cell vectors. The field E = (1/ε₀)∫ρ dz is shifted to zero mean \
        over the cell (the periodic condition φ(0) = φ(L) of a neutral periodic system) and φ = −∫E dz, φ(0) = 0 \
        (Allen & Tildesley 2017, doi:10.1093/oso/9780198803195.001.0001). Errors are standard errors over blocks of \
        frames whose length is chosen from the data (the shortest whose neighbouring blocks are uncorrelated); a net \
        charge of the selection is flagged.
        """
    public static let settings: [Setting] = [
        Setting("select", .selection, help: "Atoms to profile (default: all atoms, for the total charge density)."),
        Setting(
            "axis", .choice(["x", "y", "z"]), default: .text("z"),
            help: "Cell axis: x, y or z (the a, b or c cell vector)."),
        Setting("bins", .integer(minimum: 2, maximum: 10_000), default: .integer(100), help: "Bins across the cell."),
        Setting(
            "blocks", .integer(minimum: 4, maximum: 10_000), default: .integer(8),
            help:
                "Fewest blocks of consecutive frames an uncertainty may rest on; the block length is chosen from the data (the shortest whose neighbouring blocks are uncorrelated)."
        ),
    ]
    public static let example = PluginExample(.demo, #"select = "type 3""# + "\naxis = \"x\"\nbins = 50")

    public let label: String
    let parameters: DensityProfileSettings

    struct DensityProfileSettings: Sendable { var selection: Selection, axis: Int, bins: Int, blocks: Int }

    public init(_ settings: SettingValues) throws {
        let selection = try settings.selection("select") ?? Selection("all")
        let axis = ["x", "y", "z"].firstIndex(of: settings.text("axis") ?? "z") ?? 2
        parameters = DensityProfileSettings(
            selection: selection, axis: axis, bins: settings.integer("bins") ?? 100,
            blocks: settings.integer("blocks") ?? 8)
        label = settings.text("label") ?? "\(settings.written("select") ?? "all") along \(["x", "y", "z"][axis])"
    }

    public func analysis(_ run: RunSetup) throws -> DensityProfile {
        try DensityProfile(
            selection: parameters.selection, axis: parameters.axis, bins: parameters.bins,
            minimumBlocks: parameters.blocks)
    }

    public static func headlines(_ r: DensityProfileResult, label: String) -> [Headline] {
        [
            Headline(
                "potential drop \(label)", r.potentialDrop, nil, unit: r.units.potential,
                method: "max − min of φ(z), Poisson")
        ]
    }

    public static func section(_ label: String, _ r: DensityProfileResult, units: UnitLabels, files: inout FileSet)
        throws
        -> ReportSection
    {
        let name = "profile-\(slug(label))"
        try files.json(name + ".json", r)
        try files.csv(
            name + ".csv",
            DataTable([
                .init("z", unit: r.units.length, r.z),
                .init("number_density", unit: r.units.number, r.numberDensity),
                .init("mass_density", unit: r.units.mass, r.massDensity),
                .init("charge_density", unit: r.units.charge, r.chargeDensity),
                .init("potential", unit: r.units.potential, r.potential),
                .init("z_edge", unit: r.units.length, r.edges),
                .init("field", unit: r.units.field, r.field),
            ]))
        func band(_ v: [Double], _ e: [Double]?) -> (lower: [Double], upper: [Double])? {
            e.map { e in (zip(v, e).map { $0 - $1 }, zip(v, e).map { $0 + $1 }) }
        }
        let x = Plot.Axis("\(r.axis) (\(r.units.length))", range: 0...r.width)
        return ReportSection(
            title: "Density profile: \(label)",
            text: [
                "'\(r.selection)' (\(r.atoms) atoms) in \(r.frames) frames, \(r.z.count) bins across \(formatNumber(r.width)) \(r.units.length); bands ±1 standard error over blocks of frames (at least \(r.minimumBlocks), their length chosen from the data). The potential is that of the selected atoms' charge, zero at the first edge, with zero mean field (periodic)."
            ],
            plots: [
                Plot(
                    title: "Number density", x: x, y: .init("n (\(r.units.number))"),
                    series: [
                        Plot.Series(
                            "n(z)", x: r.z, y: r.numberDensity, band: band(r.numberDensity, r.numberDensityError))
                    ]),
                Plot(
                    title: "Charge density", x: x, y: .init("ρ (\(r.units.charge))"),
                    series: [
                        Plot.Series(
                            "ρ(z)", x: r.z, y: r.chargeDensity, band: band(r.chargeDensity, r.chargeDensityError))
                    ],
                    horizontalLine: 0),
                Plot(
                    title: "Electrostatic potential", x: x, y: .init("φ (\(r.units.potential))"),
                    series: [
                        Plot.Series("φ(z)", x: r.z, y: r.potential, band: band(r.potential, r.potentialError))
                    ],
                    horizontalLine: 0),
            ],
            tables: [
                ReportTable(
                    caption: "", columns: ["quantity", "value"],
                    rows: [
                        [
                            "mean number density",
                            "\(formatNumber(r.numberDensity.reduce(0, +) / Double(r.z.count))) \(r.units.number)",
                        ],
                        [
                            "mean mass density",
                            "\(formatNumber(r.massDensity.reduce(0, +) / Double(r.z.count))) \(r.units.mass)",
                        ],
                        ["potential drop (max − min)", "\(formatNumber(r.potentialDrop)) \(r.units.potential)"],
                    ])
            ],
            files: [name + ".json", name + ".csv"])
    }
}
