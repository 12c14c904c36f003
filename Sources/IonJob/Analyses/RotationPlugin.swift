import IonAnalysis
import IonCore
import IonReport

/// `ionscope rotation`, `[[rotation]]`: P₁ and P₂ of a molecular axis and τᵣ.
public struct RotationPlugin: OneSectionEach {
    public static let name = "rotation"
    public static let abstract =
        "Rotational relaxation of a molecular axis: Legendre P1 and P2 autocorrelations and τᵣ from fitted KWW and exponential decays."
    public static let discussion = """
        The axis of each molecule runs from its tail atom to its head atom (one of each per molecule, minimum image). \
        τᵣ = ∫P_l dt of the fitted exp(−(t/τ)^β) (τΓ(1/β)/β) and of exp(−t/τ), fitted until P_l first drops below 0.05.
        """
    public static let settings: [Setting] = [
        Setting("tail", .selection, required: true, help: "The axis' first atom, one per molecule (e.g. 'type 4')."),
        Setting("head", .selection, required: true, help: "The axis' second atom, one per molecule (e.g. 'type 6')."),
        Setting("window", .number(.positive), unit: "ps", help: "Longest lag (τ for lj; default: half the run)."),
    ]
    public static let example = PluginExample(.demo, #"tail = "type 4""# + "\n" + #"head = "type 6""#)

    public let label: String
    let tail: Selection, head: Selection
    let window: Double?

    public init(_ settings: SettingValues) throws {
        tail = try settings.requiredSelection("tail"); head = try settings.requiredSelection("head")
        label =
            settings.text("label")
            ?? "\(settings.written("tail") ?? tail.text) → \(settings.written("head") ?? head.text)"
        window = settings.number("window")
    }

    public func analysis(_ run: RunSetup) throws -> RotationalRelaxation {
        RotationalRelaxation(tail: tail, head: head, window: window)
    }

    public static func headlines(_ r: RotationResult, label: String) -> [Headline] {
        guard let fit = r.p2Fit?.stretched ?? r.p2Fit?.exponential else { return [] }
        return [
            Headline(
                "τᵣ(P₂) \(label)", fit.lifetime, fit.lifetimeError, unit: r.timeUnit,
                method: "∫ of the fitted \(fit.model.displayName)")
        ]
    }

    public static func section(_ label: String, _ r: RotationResult, units _: UnitLabels, files: inout FileSet) throws
        -> ReportSection
    {
        let name = "rotation-\(slug(label))"
        try files.json(name + ".json", r)
        try files.csv(
            name + ".csv", DataTable([.init("t", unit: r.timeUnit, r.times), .init("P1", r.p1), .init("P2", r.p2)]))
        let times = Array(r.times.dropFirst()), p1 = Array(r.p1.dropFirst()), p2 = Array(r.p2.dropFirst())
        let plot = Plot(
            title: "Rotational relaxation \(label)", x: .init("t (\(r.timeUnit))", logarithmic: true),
            y: .init("P_l(t)"),
            series: [Plot.Series("P₁", x: times, y: p1), Plot.Series("P₂", x: times, y: p2)], horizontalLine: 0)
        func row(_ name: String, _ fits: RelaxationFits?) -> [String] {
            let kww =
                fits?.stretched.map {
                    "\(formatEstimate($0.lifetime, $0.lifetimeError)) (β = \(formatNumber($0.parameters.last ?? .nan, 3)))"
                } ?? "—"
            let exp = fits?.exponential.map { formatEstimate($0.lifetime, $0.lifetimeError) } ?? "—"
            return [name, kww, exp]
        }
        return ReportSection(
            title: "Rotational relaxation: \(label)",
            text: [
                "Axis from '\(r.tail)' to '\(r.head)' in each of \(r.molecules) molecules; P₁ = ⟨u(0)·u(t)⟩, P₂ = ⟨(3(u(0)·u(t))² − 1)/2⟩ over all origins; τᵣ = ∫ of the fitted function."
            ],
            plots: [plot],
            tables: [
                ReportTable(
                    caption: "τᵣ (\(r.timeUnit))", columns: ["", "KWW", "exponential"],
                    rows: [row("P₁", r.p1Fit), row("P₂", r.p2Fit)])
            ],
            files: [name + ".json", name + ".csv"])
    }
}
