import IonAnalysis
import IonNumerics
import IonReport

extension JobWriter {
    static func vacfSection(_ items: [(label: String, result: VACFResult)], files: inout FileSet) throws -> ReportSection {
        var normalized: [Plot.Series] = [], running: [Plot.Series] = [], rows: [[String]] = [], names: [String] = []
        for (label, r) in items {
            let name = "vacf-\(slug(label))"
            try files.json(name + ".json", r)
            try files.csv(name + ".csv", DataTable([.init("t", unit: r.units == "lj" ? "τ" : "ps", r.times), .init("vacf", unit: r.units == "lj" ? "σ²/τ²" : "Å²/ps²", r.vacf),
                                                    .init("normalized", r.normalizedVACF), .init("running_D", unit: r.units == "lj" ? "σ²/τ" : "Å²/ps", r.runningDiffusion)]))
            names += [name + ".json", name + ".csv"]
            normalized.append(Plot.Series(label, x: r.times, y: r.normalizedVACF))
            running.append(Plot.Series(label, x: r.times, y: r.runningDiffusion))
            let d = r.diffusionSI ?? r.diffusion
            rows.append([label, r.particles, "\(r.particleCount)", formatEstimate(d.value, d.uncertainty) + " " + d.unit,
                         r.convergence.map { "\($0.frames): \(formatNumber($0.value, 3))" }.joined(separator: ", "), d.converged ? "yes" : "no"])
        }
        let unit = items.first?.result.units == "lj" ? "τ" : "ps"
        return ReportSection(title: "Velocity autocorrelation and Green–Kubo diffusion",
                             text: ["Z(t) = ⟨v(0)·v(t)⟩ over all time origins; D = (1/3)∫Z dt, its plateau from an exponential fit of the running integral, σ from the fit and from blocks of frames."],
                             plots: [Plot(title: "Normalised VACF", x: .init("t (\(unit))"), y: .init("Z(t)/Z(0)"), series: normalized, horizontalLine: 0),
                                     Plot(title: "Running Green–Kubo D", x: .init("t (\(unit))"), y: .init(items.first?.result.units == "lj" ? "D (σ²/τ)" : "D (Å²/ps)"), series: running)],
                             tables: [ReportTable(caption: "Green–Kubo self-diffusion", columns: ["group", "particles", "N", "D", "D from the first frames (convergence, internal units)", "plateau reached"], rows: rows)],
                             files: names)
    }

    static func greenKuboSection(_ r: GreenKuboConductivityResult, units u: UnitLabels, files: inout FileSet) throws -> ReportSection {
        try files.json("green-kubo.json", r)
        try files.csv("green-kubo.csv", DataTable([.init("t", unit: u.time, r.times), .init("J_acf", r.chargeCurrentACF),
                                                   .init("running_conductivity", unit: r.conductivity.unit, r.runningConductivity)]))
        let running = Plot(title: "Running Green–Kubo conductivity", x: .init("t (\(u.time))"), y: .init("κ(t) (\(r.conductivity.unit))"),
                           series: [Plot.Series("κ(t)", x: r.times, y: r.runningConductivity)], horizontalLine: r.conductivity.value)
        let acf = Plot(title: "Charge-current autocorrelation", x: .init("t (\(u.time))"), y: .init("⟨J(0)·J(t)⟩"),
                       series: [Plot.Series("⟨J(0)·J(t)⟩", x: r.times, y: r.chargeCurrentACF)], horizontalLine: 0)
        let rows = [["κ (Green–Kubo)", formatEstimate(r.conductivity.value, r.conductivity.uncertainty) + " " + r.conductivity.unit],
                    ["σ_NE from the self parts", formatEstimate(r.nernstEinstein.value, r.nernstEinstein.uncertainty) + " " + r.nernstEinstein.unit],
                    ["convergence (frames: κ)", r.convergence.map { "\($0.frames): \(formatNumber($0.value, 3))" }.joined(separator: ", ")]]
        return ReportSection(title: "Green–Kubo conductivity",
                             text: ["κ = 1/(3 V k_B T) ∫⟨J(0)·J(t)⟩ dt with J = Σ q_i v_i; plateau from an exponential fit of the running integral (dashed line)."],
                             plots: [running, acf], tables: [ReportTable(caption: "", columns: ["", ""], rows: rows)],
                             files: ["green-kubo.json", "green-kubo.csv"])
    }

    static func rotationSection(_ label: String, _ r: RotationResult, files: inout FileSet) throws -> ReportSection {
        let name = "rotation-\(slug(label))"
        try files.json(name + ".json", r)
        try files.csv(name + ".csv", DataTable([.init("t", unit: r.timeUnit, r.times), .init("P1", r.p1), .init("P2", r.p2)]))
        let times = Array(r.times.dropFirst()), p1 = Array(r.p1.dropFirst()), p2 = Array(r.p2.dropFirst())
        let plot = Plot(title: "Rotational relaxation \(label)", x: .init("t (\(r.timeUnit))", logarithmic: true), y: .init("P_l(t)"),
                        series: [Plot.Series("P₁", x: times, y: p1), Plot.Series("P₂", x: times, y: p2)], horizontalLine: 0)
        func row(_ name: String, _ fits: RelaxationFits?) -> [String] {
            let kww = fits?.stretched.map { "\(formatEstimate($0.lifetime, $0.lifetimeError)) (β = \(formatNumber($0.parameters.last ?? .nan, 3)))" } ?? "—"
            let exp = fits?.exponential.map { formatEstimate($0.lifetime, $0.lifetimeError) } ?? "—"
            return [name, kww, exp]
        }
        return ReportSection(title: "Rotational relaxation: \(label)",
                             text: ["Axis from '\(r.tail)' to '\(r.head)' in each of \(r.molecules) molecules; P₁ = ⟨u(0)·u(t)⟩, P₂ = ⟨(3(u(0)·u(t))² − 1)/2⟩ over all origins; τ_R = ∫ of the fitted function."],
                             plots: [plot], tables: [ReportTable(caption: "τ_R (\(r.timeUnit))", columns: ["", "KWW", "exponential"], rows: [row("P₁", r.p1Fit), row("P₂", r.p2Fit)])],
                             files: [name + ".json", name + ".csv"])
    }
}
