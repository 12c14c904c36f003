import IonAnalysis
import IonCore
import IonReport

/// `ionscope vacf`, `[[vacf]]`: the velocity autocorrelation function and the Green–Kubo
/// self-diffusion coefficient, with the shell-restricted velocity cross-correlation when asked.
public struct VACFPlugin: AnalysisPlugin {
    public static let name = "vacf"
    public static let abstract =
        "Velocity autocorrelation function over all time origins and the Green–Kubo self-diffusion coefficient."
    public static let discussion = """
        Needs velocities in the trajectory. Z(t) = ⟨v(0)·v(t)⟩ per particle (atoms, or with molecules the centre-of-mass \
        velocity of the selected atoms of each molecule); D = (1/3)∫Z dt, the plateau of the running integral fitted as \
        D(1 − e^{−t/τ}) over the window (default: half of one of the blocks). Uncertainty: the fit's standard error and \
        the spread of the blocks' plateaus. With `with` and `shell`, also the shell-restricted velocity cross-correlation \
        C(t) of the `with` particles that start within R of a selected particle (Shayestehpour & Zahn 2024, \
        doi:10.1063/5.0232631, eqs 15–16), in the same read; shell = "auto" takes R at the first minimum of their RDF.
        """
    public static let settings: [Setting] = [
        Setting(
            "select", .selection, formerly: ["selection"],
            help: "Atoms whose velocities are correlated (default: all atoms)."),
        .flag(
            "molecules",
            help: "Use the centre-of-mass velocity of the selected atoms of each molecule instead of single atoms."),
        Setting(
            "window", .number(.positive), unit: "ps", help: "Longest lag integrated (τ for lj; default: half a block)."),
        Setting(
            "blocks", .integer(minimum: 1, maximum: 10_000), default: .integer(5),
            help: "Blocks the run is cut into for the uncertainty."),
        Setting("with", .selection, help: "Partners of the shell-restricted velocity cross-correlation (needs shell)."),
        Setting(
            "shell", .wordOrSelection(["auto"]),
            help: "Shell radius R for the cross-correlation, Å (σ for lj), or 'auto' for the first minimum of the RDF."),
    ]
    public static let example = PluginExample(.primitiveModel, #"select = "type 1""# + "\nwindow = 1")

    public let label: String
    let selection: Selection
    let molecules: Bool
    let window: Double?
    let blocks: Int
    let partners: Selection?
    /// nil: "auto".
    let radius: Double?

    public init(_ settings: SettingValues) throws {
        selection = try settings.selection("select") ?? Selection("all")
        label = settings.text("label") ?? settings.written("select") ?? "all"
        molecules = settings.bool("molecules")
        window = settings.number("window")
        blocks = settings.integer("blocks") ?? 5
        partners = settings.selection("with")
        let shell = settings.text("shell") ?? settings.written("shell")
        if shell == nil || shell == "auto" {
            radius = nil
        } else {
            guard let r = Double(shell!), r > 0 else {
                throw SettingError("shell", "must be a positive distance or 'auto'; got '\(shell!)'")
            }
            radius = r
        }
        if (shell == nil) != (partners == nil) {
            throw SettingError("shell", "the velocity cross-correlation needs both with and shell")
        }
    }

    public func analysis(_ run: RunSetup) throws -> AnalysisPair<VelocityAutocorrelation, VelocityCrossCorrelation> {
        var cross: VelocityCrossCorrelation?
        if let partners {
            let r = try radius ?? shellRadius(run, partners)
            cross = VelocityCrossCorrelation(
                centers: selection, partners: partners, radius: r, byMolecule: molecules, window: window,
                source: run.source)
        }
        return AnalysisPair(
            VelocityAutocorrelation(
                selection: selection, byMolecule: molecules, window: window, blocks: blocks,
                source: run.source), cross)
    }

    public func cutoffRequests(_ run: RunSetup) throws -> [FirstMinimumRequest] {
        guard let partners, radius == nil else { return [] }
        return [try shellRequest(run, partners)]
    }

    /// The RDF of the two groups up to half the smallest width of the first cell.
    func shellRequest(_ run: RunSetup, _ partners: Selection) throws -> FirstMinimumRequest {
        let definition = ShellDefinition(
            centres: selection.text, partners: partners.text, centresByMolecule: molecules,
            counting: molecules ? .centresOfMass : .atoms)
        return FirstMinimumRequest(definition, rMax: try ShellCutoff.halfCellWidth(run.trajectory), bins: 200)
    }

    /// The first minimum of the RDF of the two groups.
    func shellRadius(_ run: RunSetup, _ partners: Selection) throws -> Double {
        let minimum = try run.firstMinimum(try shellRequest(run, partners))
        run.note(
            "\(label): shell radius R = \(formatNumber(minimum.r)) \(run.units.lengthUnit) (first minimum of the RDF)")
        return minimum.r
    }

    public func output(_ collected: Analysis.Result, _ run: RunSetup) throws -> VACFOutput {
        VACFOutput(vacf: collected.first, vccf: collected.second)
    }

    public static func headlines(_ output: VACFOutput, label: String) -> [Headline] {
        let d = output.vacf.diffusionSI ?? output.vacf.diffusion
        let method = d.underResolved ? "Green–Kubo — frames too far apart: not trustworthy" : "Green–Kubo"
        return [Headline("D(\(label))", d.value, d.uncertainty, unit: d.unit, method: method)]
    }

    public static func warnings(_ output: VACFOutput, label: String) -> [String] {
        output.vacf.warnings + (output.vccf?.warnings ?? [])
    }

    public static func sections(_ items: [Labelled<VACFOutput>], units: UnitLabels, files: inout FileSet) throws
        -> [ReportSection]
    {
        var sections = [try vacfSection(items.map { ($0.label, $0.output.vacf) }, files: &files)]
        for item in items {
            if let c = item.output.vccf { sections.append(try vccfSection(item.label, c, units: units, files: &files)) }
        }
        return sections
    }

    static func vccfSection(_ label: String, _ r: VCCFResult, units u: UnitLabels, files: inout FileSet) throws
        -> ReportSection
    {
        let name = "vccf-\(slug(label))"
        try files.json(name + ".json", r)
        try files.csv(
            name + ".csv",
            DataTable([
                .init("t", unit: u.time, r.times),
                .init("restricted", unit: u.length.squared / u.time.squared, r.restricted),
                .init("normalized", r.normalized),
            ]))
        return ReportSection(
            title: "Shell-restricted velocity cross-correlation: \(label)",
            text: [
                "C(t) of '\(r.partners)' within R = \(formatNumber(r.radius)) \(u.length) of '\(r.centers)' at the origin (N̄ = \(formatNumber(r.meanNeighbors)) partners, \(r.origins) origins), normalised by (⟨v_i²⟩⟨v_j²⟩)^½."
            ],
            plots: [
                Plot(
                    title: "Velocity cross-correlation", x: .init("t (\(u.time))"), y: .init("C(t)"),
                    series: [Plot.Series(label, x: r.times, y: r.normalized)], horizontalLine: 0)
            ],
            files: [name + ".json", name + ".csv"])
    }

    static func vacfSection(_ items: [(label: String, result: VACFResult)], files: inout FileSet) throws
        -> ReportSection
    {
        var normalized: [Plot.Series] = [], running: [Plot.Series] = [], rows: [[String]] = [], names: [String] = []
        for (label, r) in items {
            let name = "vacf-\(slug(label))"
            try files.json(name + ".json", r)
            try files.csv(
                name + ".csv",
                DataTable([
                    .init("t", unit: r.units == "lj" ? "τ" : "ps", r.times),
                    .init("vacf", unit: r.units == "lj" ? "σ²/τ²" : "Å²/ps²", r.vacf),
                    .init("normalized", r.normalizedVACF),
                    .init("running_D", unit: r.units == "lj" ? "σ²/τ" : "Å²/ps", r.runningDiffusion),
                ]))
            names += [name + ".json", name + ".csv"]
            normalized.append(Plot.Series(label, x: r.times, y: r.normalizedVACF))
            running.append(Plot.Series(label, x: r.times, y: r.runningDiffusion))
            let d = r.diffusionSI ?? r.diffusion
            rows.append([
                label, r.particles, "\(r.particleCount)", formatEstimate(d.value, d.uncertainty) + " \(d.unit)",
                r.convergence.map { "\($0.frames): \(formatNumber($0.value, 3))" }.joined(separator: ", "),
                d.converged ? "yes" : "no",
            ])
        }
        let unit = items.first?.result.units == "lj" ? "τ" : "ps"
        return ReportSection(
            title: "Velocity autocorrelation and Green–Kubo diffusion",
            text: [
                "Z(t) = ⟨v(0)·v(t)⟩ over all time origins; D = (1/3)∫Z dt, its plateau from an exponential fit of the running integral, σ from the fit and from blocks of frames."
            ],
            plots: [
                Plot(
                    title: "Normalised VACF", x: .init("t (\(unit))"), y: .init("Z(t)/Z(0)"), series: normalized,
                    horizontalLine: 0),
                Plot(
                    title: "Running Green–Kubo D", x: .init("t (\(unit))"),
                    y: .init(items.first?.result.units == "lj" ? "D (σ²/τ)" : "D (Å²/ps)"), series: running),
            ],
            tables: [
                ReportTable(
                    caption: "Green–Kubo self-diffusion",
                    columns: [
                        "group", "particles", "N", "D", "D from the first frames (convergence, internal units)",
                        "plateau reached",
                    ], rows: rows)
            ],
            files: names)
    }
}

/// The VACF and, when asked, the shell-restricted velocity cross-correlation.
public struct VACFOutput: Codable, Sendable {
    public var vacf: VACFResult
    public var vccf: VCCFResult?
}
