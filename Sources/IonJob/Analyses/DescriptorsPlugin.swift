import IonAnalysis
import IonCore
import IonLearn
import IonReport

/// A result that carries a numeric array (written by `--npy`).
public protocol ArrayOutput {
    var arrayShape: [Int] { get }
    var arrayValues: [Double] { get }
}

extension DescriptorResult: ArrayOutput {
    public var arrayShape: [Int] { shape }
    public var arrayValues: [Double] { features }
}

/// `ionscope descriptors`, `[[descriptors]]`: per-centre structural descriptors for learning,
/// written as NumPy arrays with a JSON sidecar.
public struct DescriptorsPlugin: OneSectionEach {
    public static let name = "descriptors"
    public static let abstract =
        "Per-ion structural descriptors for machine learning: radial (and angular) structure functions or the SOAP power spectrum, written as .npy (frames × centres × features) with a JSON sidecar and CSV."
    public static let discussion = """
        Radial structure functions (the default): G_X(i; μ) = Σ_j∈X exp(−(r_ij − μ)²/2L²) for every centre i, \
        neighbour species X and μ of the grid (Schoenholz et al. 2016, doi:10.1038/nphys3644), minimum-image \
        distances, the sum direct to 8 L past the last μ (later terms are below e⁻³²); features by species, then μ. \
        For LAMMPS lj inputs the grid defaults to Schoenholz's μ = 0.4…5.0 σ in steps of 0.1 σ with L = 0.1 σ; other \
        inputs give --rsf-max and --rsf-step (in Å).

        --angular adds angular structure functions after the radial ones (Cubuk et al. 2015, \
        doi:10.1103/PhysRevLett.114.108001), in Behler's G⁴ form (doi:10.1063/1.3553717): Ψ_XY(i; ξ, ζ, λ) = \
        2^{1−ζ} Σ_{j∈X, k∈Y} (1 + λ cos θ_jik)^ζ exp(−(r_ij² + r_ik² + r_jk²)/ξ²) f_c(r_ij) f_c(r_ik) f_c(r_jk), \
        f_c(r) = ½(1 + cos(πr/r_c)), every unordered pair of neighbours once and every periodic image within r_c, \
        equal to DScribe's ACSF G⁴ with η = 1/ξ²; columns by species pair X ≤ Y, then ξ, ζ, λ. Defaults for lj \
        inputs (IonScope's choice): r_c = 2.5 σ, ξ = 1, 1.5, 2 σ, ζ = 1, 2, 4, λ = ±1; other inputs give \
        --asf-cutoff and --asf-xi (in Å).

        --soap: the SOAP power spectrum p^{ZZ'}_{nn'l} = π√(8/(2l+1)) Σ_m c^Z_nlm c^Z'_n'lm (Bartók et al. 2013, \
        doi:10.1103/PhysRevB.87.184115) of the Gaussian-smeared density (width σ) of each species around the centre \
        (the centre included when it belongs to a species; atoms of no species are left out, as Jones et al. 2022 leave out \
        the solvent), on DScribe's orthonormal GTO radial basis (Himanen et al. 2020, doi:10.1016/j.cpc.2019.106949; \
        primitives decaying to 10⁻³ at points evenly spaced from 1 length unit to r_cut) and real spherical \
        harmonics. Columns follow DScribe: species pairs Z ≤ Z' in the order of --species, then l, then n, n' \
        (n' ≥ n for Z = Z'). --convention ionscope (default) takes neighbours within r_cut weighted by \
        ½(1 + cos(πr/r_cut)), so features are continuous as atoms cross the cutoff; --convention dscribe takes every \
        neighbour within r_cut + σ√(2 ln 10³) at weight 1 and equals DScribe 2.x SOAP(rbf="gto", periodic=True) \
        to rounding. Defaults for lj inputs follow Jones et al. 2022 (doi:10.48550/arXiv.2208.03182): r_cut = 5 σ, n_max = 6, l_max = 5, σ = 1; other \
        inputs give --rcut and --sigma (in Å).

        The JSON sidecar names every column and gives the centres' atom numbers and the frames. Frames whose \
        index is a multiple of --every are kept (memory: 8 bytes per value).
        """
    public static let settings: [Setting] =
        [
            Setting("select", .selection, required: true, help: "The centres (e.g. 'type 1' for Li⁺)."),
            Setting(
                "species", .species, required: true,
                help: "A neighbour species NAME=SELECTION (or a named selection); repeat for each."),
        ] + DescriptorChoice.settings + [
            Setting(
                "every", .integer(minimum: 1), unit: "frames", default: .integer(1),
                help: "Keep the frames whose index is a multiple of this.")
        ]
    public static let example = PluginExample(.demo, RSFGrid.demoTable + "\nevery = 100")

    public let label: String
    let selection: Selection
    let species: [DescriptorSpecies]
    let choice: DescriptorChoice
    let every: Int

    public init(_ settings: SettingValues) throws {
        selection = try settings.requiredSelection("select")
        species = settings.species("species").map { .init(name: $0.name, selection: $0.selection.text) }
        guard !species.isEmpty else { throw SettingError("species", "is required") }
        choice = DescriptorChoice(settings)
        every = settings.integer("every") ?? 1
        label = settings.text("label") ?? settings.written("select") ?? selection.text
    }

    public func analysis(_ run: RunSetup) throws -> DescriptorCollection<StructuralDescriptor> {
        let descriptor = try choice.descriptor(selection, species: species, units: run.units, threads: run.threads)
        do { return try DescriptorCollection(descriptor, every: every) } catch let error as InputError {
            throw SettingError("every", error.message)
        }
    }

    public static func headlines(_ r: DescriptorResult, label: String) -> [Headline] {
        [
            Headline(
                "descriptors \(label)",
                display: "\(r.shape.map(String.init).joined(separator: " × ")) (frames × centres × features)",
                method: method(r))
        ]
    }

    static func method(_ r: DescriptorResult) -> String {
        let p = r.parameters
        if let soap = p.soap {
            return
                "SOAP, r_cut = \(formatNumber(soap.rCut)) \(r.lengthUnit), n_max = \(soap.nMax), l_max = \(soap.lMax), σ = \(formatNumber(soap.sigma)) \(r.lengthUnit), \(soap.convention.rawValue) convention"
        }
        var text = "radial structure functions, L = \(formatNumber(p.width ?? 0)) \(r.lengthUnit)"
        if let a = p.angular {
            text +=
                "; angular structure functions, r_c = \(formatNumber(a.cutoff)) \(r.lengthUnit), ξ = \(a.xi.map { formatNumber($0) }.joined(separator: ", ")) \(r.lengthUnit), ζ = \(a.zeta.map { formatNumber($0) }.joined(separator: ", ")), λ = \(a.lambda.map { formatNumber($0) }.joined(separator: ", "))"
        }
        return text
    }

    public static func section(_ label: String, _ r: DescriptorResult, units _: UnitLabels, files: inout FileSet)
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
        let species = r.species.map { "\($0.name) ('\($0.selection)')" }.joined(separator: ", ")
        let plot: Plot, described: String
        if let mu = r.parameters.mu {
            let mean = r.species.indices.map { s in Array(r.mean[(s * mu.count)..<((s + 1) * mu.count)]) }
            try files.csv(
                name + "-mean.csv",
                DataTable(
                    [.init("mu", unit: r.lengthUnit, mu)]
                        + r.species.indices.map { .init("mean_G_\(r.species[$0].name)", mean[$0]) }))
            plot = Plot(
                title: "Mean radial structure functions \(label)", x: .init("μ (\(r.lengthUnit))"),
                y: .init("⟨G_X(μ)⟩"),
                series: r.species.indices.map { Plot.Series(r.species[$0].name, x: mu, y: mean[$0]) })
            described =
                "Radial structure functions of \(centres) centres '\(r.selection)' in \(frames) frame(s), by \(species); μ = \(formatNumber(mu.first!))…\(formatNumber(mu.last!)) \(r.lengthUnit) (\(mu.count) values), L = \(formatNumber(r.parameters.width ?? 0)) \(r.lengthUnit)."
                + (r.parameters.angular == nil
                    ? ""
                    : " After them, \(r.columns.count - r.species.count * mu.count) angular structure functions: \(method(r).split(separator: ";").last.map(String.init) ?? "") (\(r.parameters.angular!.columnOrder)).")
        } else {
            let index = r.mean.indices.map(Double.init)
            try files.csv(
                name + "-mean.csv",
                DataTable([.init("feature", r.columns.map { _ in nil }), .init("mean", r.mean.map { $0 })]))
            plot = Plot(
                title: "Mean SOAP power spectrum \(label)", x: .init("feature (column order)"), y: .init("⟨p⟩"),
                series: [Plot.Series("mean", x: index, y: r.mean)])
            described =
                "The SOAP power spectrum of \(centres) centres '\(r.selection)' in \(frames) frame(s), by \(species): \(method(r)) (\(r.parameters.soap?.neighbourhood ?? ""))."
        }
        return ReportSection(
            title: "Descriptors: \(label)",
            text: [
                described
                    + " \(name).npy holds frames × centres × features (float64, C order); \(name).json names the columns and gives the centres' atom numbers and the frames."
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
