import IonAnalysis
import IonReport

extension JobWriter {
    static func msdSection(_ items: [(label: String, result: MSDResult)], units u: UnitLabels, files: inout FileSet) throws -> ReportSection {
        var series: [Plot.Series] = [], markers: [Plot.Marker] = [], rows: [[String]] = [], names: [String] = []
        for (label, result) in items {
            let name = "msd-\(slug(label))"
            try files.json(name + ".json", result)
            let lagTimes = result.times ?? result.lags.map(Double.init)
            try files.csv(name + ".csv", DataTable([
                .init("lag", unit: "frames", result.lags.map(Double.init)), .init("t", unit: result.times == nil ? "frames" : u.time, lagTimes),
                .init("msd", unit: u.area, result.msd), .init("msd_x", unit: u.area, result.msdX),
                .init("msd_y", unit: u.area, result.msdY), .init("msd_z", unit: u.area, result.msdZ)]))
            names += [name + ".json", name + ".csv"]
            let thin = result.thinned(perDecade: 20)
            let t = thin.times ?? thin.lags.map(Double.init)
            series.append(Plot.Series(label, x: Array(t.dropFirst()), y: Array(thin.msd.dropFirst())))
            if let d = result.diffusion {
                markers.append(Plot.Marker("fit \(label)", from: d.windowStart, to: d.windowEnd))
                let si = d.coefficientSI.map { formatEstimate($0, d.uncertaintySI) + " m²/s" } ?? "—"
                rows.append([label, result.particles, "\(result.particleCount)", si,
                             formatEstimate(d.coefficient.value, d.coefficient.uncertainty) + " " + d.unit,
                             d.blockAverage.map { formatEstimate($0.value, $0.uncertainty) } ?? "—",
                             "\(formatNumber(d.windowStart, 3))–\(formatNumber(d.windowEnd, 3))", d.diffusive ? "yes" : "no"])
            }
        }
        let timeUnit = items.first?.result.times == nil ? "frames" : u.time
        let plot = Plot(title: "Mean squared displacement", x: .init("lag time t (\(timeUnit))", logarithmic: true),
                        y: .init("MSD (\(u.area))", logarithmic: true), series: series, markers: markers)
        var alpha: [Plot.Series] = []
        for (label, result) in items where !result.nonGaussianLags.isEmpty {
            let frameTime = (result.times?.count ?? 0) > 1 ? result.times![1] : 1
            alpha.append(Plot.Series(label, x: result.nonGaussianLags.map { Double($0) * frameTime }, y: result.nonGaussian))
        }
        let alphaPlot = Plot(title: "Non-Gaussian parameter α₂(t)", x: .init("lag time t (\(timeUnit))", logarithmic: true),
                             y: .init("α₂"), series: alpha, horizontalLine: 0)
        let table = ReportTable(caption: "Self-diffusion (Einstein relation; σ from generalised least squares with the random-walk covariance)",
                                columns: ["group", "particles", "N", "D", "D (internal units)", "block average", "fit window (\(u.time))", "diffusive"],
                                rows: rows)
        return ReportSection(title: "Mean squared displacement and self-diffusion",
                             text: ["MSD over all time origins by FFT; drift: \(items.first?.result.drift ?? ""). The shaded ranges are the fit windows, chosen where the local log–log slope is 1 ± 0.15 unless set in the job file."],
                             plots: [plot, alphaPlot], tables: [table], files: names)
    }

    static func conductivitySection(_ r: OnsagerResult, files: inout FileSet) throws -> ReportSection {
        try files.json("conductivity.json", r)
        func unit(_ key: String, _ fallback: String) -> String { r.units[key] ?? fallback }
        let (kappa, time) = (unit("conductivity", "S/m"), unit("curveTimes", "ps"))
        var columns: [DataTable.Column] = [.init("t", unit: r.units["curveTimes"] ?? "ps", r.curveTimes)]
        var series: [Plot.Series] = []
        let names = r.species.map(\.name)
        for i in names.indices {
            for j in i..<names.count {
                let curve = r.collectiveDisplacements[i][j]
                columns.append(.init("collective_\(names[i])_\(names[j])", unit: r.units["collectiveDisplacements"] ?? "Å²", curve))
                series.append(Plot.Series("⟨ΔR_\(names[i])·ΔR_\(names[j])⟩", x: r.curveTimes, y: curve))
            }
        }
        try files.csv("conductivity.csv", DataTable(columns))
        let plot = Plot(title: "Collective displacements (Onsager, Einstein form)", x: .init("lag time t (\(time))"), y: .init(unit("collectiveDisplacements", "Å²")),
                        series: series, markers: [Plot.Marker("fit window", from: r.fitWindow[0], to: r.fitWindow[1])], horizontalLine: 0)
        func cell(_ e: Estimate) -> String { formatEstimate(e.value, e.uncertainty) }
        let matrix = ReportTable(caption: "Onsager coefficients L^ij (\(unit("coefficients", "mol²/(J·m·s)"))), centre-of-mass frame", columns: [""] + names,
                                 rows: names.indices.map { i in [names[i]] + names.indices.map { cell(r.coefficients[i][$0]) } })
        var rows = [["κ (Einstein, Onsager)", cell(r.conductivity), kappa],
                    ["σ_NE (Nernst–Einstein)", cell(r.nernstEinsteinConductivity), kappa],
                    ["ionicity κ/σ_NE", cell(r.ionicity), ""],
                    ["molar conductivity Λ (c = \(formatNumber(r.saltConcentration)) \(unit("saltConcentration", "mol/L")))", cell(r.molarConductivity), unit("molarConductivity", "S·m²/mol")],
                    ["cation transference, Onsager", cell(r.cationTransferenceOnsager), ""],
                    ["cation transference, Nernst–Einstein", cell(r.cationTransferenceNernstEinstein), ""]]
        if let binary = r.binaryTransferenceFromDiffusion { rows.append(["t₊ = D₊/(D₊ + D₋)", cell(binary), ""]) }
        let species = ReportTable(caption: "Species", columns: ["species", "particles", "count", "z (\(unit("charge", "e")))", "c (\(unit("concentration", "mol/L")))", "D (\(unit("diffusionCoefficients", "m²/s")))", "t (Onsager)", "t (NE)"],
                                  rows: r.species.indices.map { k in
                                      let s = r.species[k]
                                      return [s.name, s.particles, "\(s.count)", formatNumber(s.charge, 3), formatNumber(s.concentration),
                                              cell(r.diffusionCoefficients[k]), cell(r.transferenceOnsager[k]), cell(r.transferenceNernstEinstein[k])]
                                  })
        var plots = [plot]
        if r.convergence.count >= 2 {
            let frames = r.convergence.map { Double($0.frames) }, values = r.convergence.map(\.value)
            let errors = r.convergence.map { $0.fitError ?? 0 }
            plots.append(Plot(title: "Convergence of κ with the length of run used", x: .init("frames used"), y: .init("κ (\(kappa))"),
                              series: [Plot.Series("κ", x: frames, y: values, band: (zip(values, errors).map { $0 - $1 }, zip(values, errors).map { $0 + $1 }))],
                              horizontalLine: r.nernstEinsteinConductivity.value))
        }
        return ReportSection(title: "Conductivity and transference",
                             text: ["T = \(formatNumber(r.temperature)) \(unit("temperature", "K")), V = \(formatNumber(r.volume, 6)) \(unit("volume", "Å³")); fit window \(formatNumber(r.fitWindow[0])) – \(formatNumber(r.fitWindow[1])) \(time); uncertainties: \(r.uncertaintyMethod)."],
                             plots: plots, tables: [ReportTable(caption: "Conductivity", columns: ["quantity", "value", "unit"], rows: rows), species, matrix],
                             files: ["conductivity.json", "conductivity.csv"])
    }

    /// The headline numbers.
    public static func summaryTables(_ results: JobResults) -> [ReportTable] {
        let u = UnitLabels(results.summary.units)
        var rows: [[String]] = []
        for (label, result) in results.msd {
            guard let d = result.diffusion else { continue }
            let value = d.coefficientSI.map { formatEstimate($0, d.uncertaintySI) + " m²/s" } ?? formatEstimate(d.coefficient.value, d.coefficient.uncertainty) + " " + d.unit
            rows.append(["D(\(label))", value, d.diffusive ? "Einstein, GLS" : "Einstein, GLS — no diffusive regime reached"])
        }
        for (label, r) in results.vacf {
            let d = r.diffusionSI ?? r.diffusion
            rows.append(["D(\(label))", formatEstimate(d.value, d.uncertainty) + " " + d.unit, "Green–Kubo"])
        }
        for (label, r) in results.rotation {
            if let fit = r.p2Fit?.stretched ?? r.p2Fit?.exponential {
                rows.append(["τ_R(P₂) \(label)", formatEstimate(fit.lifetime, fit.lifetimeError) + " " + r.timeUnit, "∫ of the fitted \(fit.model.displayName)"])
            }
        }
        for q in results.replicas?.quantities ?? [] {
            rows.append([q.label + " (mean of \(q.values.count) runs)", formatEstimate(q.mean, q.standardError) + " " + q.unit, "spread over replicas"])
        }
        if let g = results.greenKubo {
            rows.append(["κ (Green–Kubo)", formatEstimate(g.conductivity.value, g.conductivity.uncertainty) + " " + g.conductivity.unit, "charge-current ACF"])
        }
        if let r = results.conductivity {
            let kappa = r.units["conductivity"] ?? "S/m"
            rows.append(["κ", formatEstimate(r.conductivity.value, r.conductivity.uncertainty) + " " + kappa, "Einstein (Onsager)"])
            rows.append(["σ_NE", formatEstimate(r.nernstEinsteinConductivity.value, r.nernstEinsteinConductivity.uncertainty) + " " + kappa, "Nernst–Einstein"])
            rows.append(["ionicity", formatEstimate(r.ionicity.value, r.ionicity.uncertainty), "κ/σ_NE"])
            rows.append(["t₊", formatEstimate(r.cationTransferenceOnsager.value, r.cationTransferenceOnsager.uncertainty), "Onsager"])
        }
        for (label, shells) in results.shells {
            for s in shells.species {
                rows.append(["⟨n⟩ \(s.name) (\(label))", formatEstimate(s.meanCoordination, s.meanCoordinationError), "shell within \(formatNumber(s.cutoff, 3)) \(shells.distanceUnit)"])
            }
        }
        for (label, clusters) in results.clusters {
            for f in clusters.fractions {
                rows.append(["free \(f.species) (\(label))", formatEstimate(f.free, f.freeError), "not in contact with a counter-ion"])
            }
        }
        for (label, k) in results.kinetics {
            rows.append(["pair lifetime \(label)", "\(formatNumber(k.lifetimes.fits.lifetime, 3)) \(u.time)", k.lifetimes.fits.lifetimeSource])
            rows.append(["burstiness B \(label)", formatNumber(k.bursts.burstiness, 3), "Poisson gives \(formatNumber(k.bursts.poissonBurstiness, 3))"])
            if let s = k.states {
                rows.append(["soft fraction \(label)", formatEstimate(s.statistics.softFraction, s.statistics.softFractionError), "> \(s.threshold) exchanges per \(formatNumber(s.windowTime, 3)) \(u.time)"])
            }
        }
        for (label, rdf) in results.rdf {
            guard let minimum = rdf.firstMinimum else { continue }
            rows.append(["first shell \(label)", "r_min = \(formatNumber(minimum.r, 3)) \(rdf.distanceUnit), N = \(formatEstimate(minimum.coordination, minimum.coordinationError))", "g(r) first minimum"])
        }
        return rows.isEmpty ? [] : [ReportTable(caption: "", columns: ["quantity", "value", "method"], rows: rows)]
    }
}
