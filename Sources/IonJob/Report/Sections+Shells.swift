import IonAnalysis
import IonReport

extension JobWriter {
    static func shellsSection(_ label: String, _ r: SolvationShellResult, files: inout FileSet) throws -> ReportSection {
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
            Plot(title: "Coordination numbers: \(s.name) — \(label)", x: .init("partners in the shell, n"),
                 y: .init("P(n)"), series: [Plot.Series("P(n)", x: s.coordination.map { Double($0.count) }, y: s.coordination.map { $0.probability ?? 0 }, style: .steps)])
        }
        let summary = ReportTable(caption: "Mean coordination (± standard error over blocks of frames)",
                                  columns: ["partner", "selection", "counted as", "cutoff (\(r.distanceUnit))", "cutoff from", "⟨n⟩", "denticity (share of contacts: 1, 2, …)"],
                                  rows: r.species.map { s in
                                      [s.name, s.partners, s.counting.rawValue, formatNumber(s.cutoff, 3), s.cutoffSource,
                                       formatEstimate(s.meanCoordination, s.meanCoordinationError),
                                       s.denticity.map { "\($0.count): \(formatNumber(100 * ($0.fraction ?? 0), 3)) %" }.joined(separator: ", ")]
                                  })
        let compositions = ReportTable(caption: "Most frequent shell compositions", columns: ["composition", "probability"],
                                       rows: r.compositions.prefix(10).map { [$0.label, formatNumber($0.probability, 3)] })
        return ReportSection(title: "Solvation shells: \(label)",
                             text: ["\(r.centreCount) centres (\(r.centreParticles)) '\(r.centres)', \(r.frames) frames. Distinct partner molecules per centre: \(formatEstimate(r.distinctPartners, r.distinctPartnersError))."],
                             plots: plots, tables: [summary, compositions], files: [name + ".json", name + ".csv"])
    }

    static func clustersSection(_ label: String, _ r: ClusterResult, units u: UnitLabels, files: inout FileSet) throws -> ReportSection {
        let name = "clusters-\(slug(label))"
        try files.json(name + ".json", r)
        let times = r.series.times ?? r.series.frameIndices.map(Double.init)
        var columns: [DataTable.Column] = [.init("t", unit: r.series.times == nil ? "frames" : u.time, times)]
        var series: [Plot.Series] = []
        for (k, ion) in r.ions.enumerated() {
            columns += [.init("free_\(ion.name)", r.series.free[k]), .init("pairs_\(ion.name)", r.series.pairs[k]),
                        .init("aggregates_\(ion.name)", r.series.aggregates[k])]
            series += [Plot.Series("\(ion.name) free", x: times, y: r.series.free[k]),
                       Plot.Series("\(ion.name) aggregated", x: times, y: r.series.aggregates[k], style: .dashed)]
        }
        try files.csv(name + ".csv", DataTable(columns))
        let overTime = Plot(title: "Free and aggregated ions over time", x: .init("t (\(r.series.times == nil ? "frames" : u.time))"),
                            y: .init("fraction of ions", range: 0...1), series: series)
        let sizes = Plot(title: "Cluster sizes", x: .init("ions in the cluster"), y: .init("clusters per frame", logarithmic: true),
                         series: [Plot.Series("clusters per frame", x: r.sizes.map(\.value), y: r.sizes.map(\.perFrame), style: .points)])
        let fractions = ReportTable(caption: "Fractions of each ion species (± standard error over blocks)",
                                    columns: ["ion", "count", "free", "contact pair", "aggregate (> 2 ions)"],
                                    rows: r.fractions.map { f in
                                        [f.species, "\(r.ions.first { $0.name == f.species }?.count ?? 0)",
                                         formatEstimate(f.free, f.freeError), formatEstimate(f.pairs, f.pairsError),
                                         formatEstimate(f.aggregates, f.aggregatesError)]
                                    })
        let rules = ReportTable(caption: "Contacts", columns: ["cation", "anion", "cutoff (\(r.distanceUnit))", "from"],
                                rows: r.contacts.map { [$0.cation, $0.anion, formatNumber($0.cutoff, 3), $0.cutoffSource] })
        let charges = ReportTable(caption: "Net charge of clusters", columns: ["charge (e)", "clusters per frame", "fraction"],
                                  rows: r.charges.prefix(12).map { [formatNumber($0.value, 3), formatEstimate($0.perFrame, $0.perFrameError), formatNumber($0.fraction, 3)] })
        return ReportSection(title: "Ion clusters: \(label)",
                             text: ["Cation–anion contacts joined into connected clusters (\(r.counting.rawValue)); \(r.frames) frames."],
                             plots: [overTime, sizes], tables: [fractions, rules, charges], files: [name + ".json", name + ".csv"])
    }

    static func cdfSection(_ label: String, _ r: CombinedDistributionResult, files: inout FileSet) throws -> ReportSection {
        let name = "cdf-\(slug(label))"
        try files.json(name + ".json", r)
        let angleName = r.kind == "dihedral" ? "dihedral |φ| (°)" : "angle θ (°)"
        let g = Heatmap(title: "g(r, \(r.kind)) \(label)", x: r.r, xLabel: "r (\(r.distanceUnit))", y: r.angle, yLabel: angleName, values: r.g)
        let c = Heatmap(title: "Correlation p(r, θ) − p(r)·p(θ)", x: r.r, xLabel: "r (\(r.distanceUnit))", y: r.angle, yLabel: angleName,
                        values: r.correlation, diverging: true)
        let marginal = Plot(title: "Angle distribution relative to isotropic", x: .init(angleName), y: .init("p(θ) / p_iso(θ)"),
                            series: [Plot.Series(r.kind, x: r.angle, y: r.angleDistribution)], horizontalLine: 1)
        var section = ReportSection(title: "Combined distribution: \(label)",
                                    text: ["Distance from each centre ('\(r.centres)', \(r.centreParticles)) to the centre of mass of each partner molecule ('\(r.partners)') against the \(r.kind) of the points \(r.points.map { "'\($0)'" }.joined(separator: ", ")); 1 everywhere for an uncorrelated, structureless system. \(r.frames) frames."],
                                    plots: [marginal], tables: [], files: [name + ".json"])
        section.heatmaps = [g, c]
        return section
    }
}
