import Foundation
import IonAnalysis
import IonNumerics
import IonReport

extension JobWriter {
    static func kineticsSection(_ label: String, _ k: KineticsResult, units u: UnitLabels, files: inout FileSet) throws -> ReportSection {
        let name = "kinetics-\(slug(label))"
        try files.json(name + ".json", k)
        let l = k.lifetimes
        try files.csv(name + "-acf.csv", DataTable([
            .init("lag", unit: "frames", l.lags.map(Double.init)), .init("t", unit: u.time, l.times),
            .init("continuous", l.continuous), .init("continuous_error", l.continuousError), .init("intermittent", l.intermittent)]))
        // ACFs with the preferred fit, drawn from its residuals at the fitted lags.
        var acf = [Plot.Series("continuous", x: l.times, y: l.continuous,
                               band: l.continuousError.count == l.continuous.count
                                   ? (zip(l.continuous, l.continuousError).map { $0 - $1 }, zip(l.continuous, l.continuousError).map { $0 + $1 }) : nil),
                   Plot.Series("intermittent", x: l.times, y: l.intermittent)]
        if let preferred = l.fits.preferred, let fit = l.fits.fits.first(where: { $0.model == preferred }), fit.residuals.count == l.continuous.count {
            acf.append(Plot.Series("fit: \(preferred.displayName)", x: l.times, y: zip(l.continuous, fit.residuals).map { $0 - $1 }, style: .dashed))
        }
        let acfPlot = Plot(title: "Pair existence autocorrelation", x: .init("t (\(u.time))", logarithmic: true), y: .init("c(t)"), series: acf, horizontalLine: 0)
        var plots = [acfPlot]
        // Bursty-train sizes, log–log, with the power law where it was fitted.
        var trains: [Plot.Series] = []
        for t in k.bursts.trains where !t.statistics.distribution.isEmpty {
            let sizes = t.statistics.distribution.indices.filter { t.statistics.distribution[$0] > 0 }
            trains.append(Plot.Series("Δt = \(formatNumber(t.statistics.fraction, 2))·⟨τ⟩", x: sizes.map { Double($0 + 1) },
                                      y: sizes.map { t.statistics.distribution[$0] }, style: .points))
        }
        // The fitted discrete power law over its tail: P(E) = (n_tail/n)·E^(−α)/ζ(α, E_min).
        if let first = k.bursts.trains.first, let law = first.powerLaw, first.statistics.distribution.count >= law.fit.xMin {
            let sizes = (law.fit.xMin...first.statistics.distribution.count).map(Double.init)
            let norm = law.tailFraction / hurwitzZeta(law.fit.alpha, Double(law.fit.xMin))
            trains.append(Plot.Series("power law α = \(formatNumber(law.fit.alpha, 3)) (Δt = ⟨τ⟩)", x: sizes,
                                      y: sizes.map { norm * pow($0, -law.fit.alpha) }, style: .dashed))
        }
        if !trains.isEmpty {
            plots.append(Plot(title: "Bursty-train sizes P(E)", x: .init("events in a train, E", logarithmic: true),
                              y: .init("P(E)", logarithmic: true), series: trains))
        }
        let intervals = k.bursts.intervalCounts
        let total = Double(intervals.reduce(0, +))
        if total > 0 {
            let taus = intervals.indices.filter { intervals[$0] > 0 }
            plots.append(Plot(title: "Inter-event times", x: .init("τ (\(u.time))", logarithmic: true), y: .init("P(τ)", logarithmic: true),
                              series: [Plot.Series("exchange events", x: taus.map { Double($0 + 1) * k.bursts.frameInterval },
                                                   y: taus.map { Double(intervals[$0]) / total }, style: .points)]))
        }
        if let s = k.states, !s.windowTimes.isEmpty {
            plots.append(Plot(title: "Soft fraction of ions over time", x: .init("t (\(u.time))"), y: .init("soft fraction", range: 0...1),
                              series: [Plot.Series("soft", x: s.windowTimes, y: s.statistics.softFractionByWindow)]))
        }
        var rows: [[String]] = [
            ["pairs seen", "\(l.pairs) (\(formatNumber(l.partnersPerCentre, 3)) partners per centre over the run)"],
            ["mean residence time", "\(formatNumber(l.meanResidenceTime, 3)) \(u.time) (all runs), \(formatNumber(l.meanCompleteResidenceTime, 3)) \(u.time) (\(l.completeRuns) runs inside the trajectory)"],
            ["lifetime", "\(formatNumber(l.fits.lifetime, 3)) \(u.time) (\(l.fits.lifetimeSource))"],
            ["model-free", "∫c = \(formatNumber(l.fits.modelFree.integralToFirstZero, 3)) \(u.time)\(l.fits.modelFree.reachedZero ? "" : " (lower bound)"), 1/e time \(l.fits.modelFree.oneOverETime.map { formatNumber($0, 3) + " \(u.time)" } ?? "not reached")"],
            ["exchange events", "\(k.bursts.events), \(formatNumber(k.bursts.eventRate, 3)) per centre per \(u.time)"],
            ["burstiness B", "\(formatNumber(k.bursts.burstiness, 3)) (Poisson: \(formatNumber(k.bursts.poissonBurstiness, 3)))"],
            ["memory M", formatNumber(k.bursts.memory, 3)],
        ]
        if let law = k.bursts.trains.first?.powerLaw {
            rows.append(["train sizes (Δt = ⟨τ⟩)", "α = \(formatEstimate(law.fit.alpha, law.fit.alphaError)), x_min = \(law.fit.xMin), p = \(law.pValue.map { formatNumber($0, 2) } ?? "—"), \(law.powerLawFavoured ? "power law favoured over exponential" : "power law not favoured")"])
        }
        if let s = k.states {
            rows.append(["soft fraction", "\(formatEstimate(s.statistics.softFraction, s.statistics.softFractionError)) (window \(formatNumber(s.windowTime, 3)) \(u.time), > \(s.threshold) events; \(s.thresholdSource))"])
            rows.append(["event rate soft / hard", "\(formatEstimate(s.softEventRate, s.softEventRateError)) / \(formatEstimate(s.hardEventRate, s.hardEventRateError)) per \(u.time)"])
            if let d = s.diffusion {
                rows.append(["D soft / hard / total", "\(formatEstimate(d.soft, d.softError)) / \(formatEstimate(d.hard, d.hardError)) / \(formatEstimate(d.total, d.totalError)) \(u.diffusion)"])
            }
        }
        let fits = ReportTable(caption: "Fits of the continuous ACF (errors: \(l.bootstrapReplicates >= 2 ? "bootstrap over pairs" : "fit covariance"))",
                               columns: ["model", "lifetime (\(u.time))", "AIC", "BIC", "parameters", "note"],
                               rows: l.fits.fits.map { f in
                                   [f.model.displayName + (f.model == l.fits.preferred ? " (preferred)" : ""), formatEstimate(f.lifetime, f.lifetimeError),
                                    formatNumber(f.aic, 4), formatNumber(f.bic, 4),
                                    f.parameters.indices.map { "\(f.parameterNames[$0]) = \(formatEstimate(f.parameters[$0], f.standardErrors?[$0]))" }.joined(separator: ", "),
                                    f.note ?? ""]
                               })
        return ReportSection(title: "Shell kinetics: \(label)",
                             text: ["'\(k.definition.partners)' in the shell of '\(k.definition.centres)' within \(formatNumber(k.definition.cutoff ?? .nan, 3)) \(k.lengthUnit) (\(k.cutoffSource)), counted by \(k.definition.counting.rawValue); \(l.centres) centres, \(l.frames) frames, δt = \(formatNumber(l.frameInterval, 3)) \(u.time), tolerance \(l.tolerance) frames."],
                             plots: plots, tables: [ReportTable(caption: "", columns: ["", ""], rows: rows), fits],
                             files: [name + ".json", name + "-acf.csv"])
    }
}
