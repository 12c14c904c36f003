import Foundation
import IonAnalysis
import IonCore
import IonLearn
import IonReport

/// A local-molar-conductivity ensemble trained on a dataset (Jones et al. 2022,
/// doi:10.48550/arXiv.2208.03182): each system's measured and predicted Λ, R² on the held-out
/// systems and out of fold, and the per-system statistics of the predicted k_i field that the
/// paper relates to transport (Figs. 5, 7, 8).
public struct ConductivityTrainingResult: Codable, Sendable, CarriesWarnings {
    public var unit: String
    public var options: EnsembleOptions
    public var members: Int
    public var systems: [SystemFit]
    /// R² of the ensemble's Λ on the held-out systems (nil for fewer than two), and of the
    /// out-of-fold Λ (each system predicted by the members it validated) over the others.
    public var testR2: Double?
    public var outOfFoldR2: Double?
    /// Pearson r across systems: std(k) with Λ (Fig. 5), the fraction of negative k with
    /// L_self^{++}/c (Fig. 7) and with L^{+−}/c (Fig. 8).
    public var spreadVersusLambda: Double?
    public var negativeVersusSelf: Double?
    public var negativeVersusCross: Double?
    public var warnings: [String]

    public struct SystemFit: Codable, Sendable {
        public var name: String
        /// "test", or "training" (training and validation).
        public var role: String
        public var saltConcentration: Double
        public var measured: Estimate
        /// The ensemble's Λ and its spread over the members.
        public var predicted: Estimate
        /// The mean Λ of the members that validated on this system (nil for test systems).
        public var outOfFold: Double?
        public var negativeFraction: Double
        public var spread: Double
        public var selfCationOverC: Estimate
        public var crossOverC: Estimate
    }
}

public enum ConductivityTraining {
    /// Trains the ensemble on `dataset` and describes how well it predicts.
    public static func train(
        _ dataset: ConductivityDataset, features: [Float], options: EnsembleOptions, threads: Int?,
        progress: (@Sendable (Int, Int) -> Void)? = nil
    ) throws -> (ensemble: NetworkEnsemble<Float>, result: ConductivityTrainingResult) {
        let data = try dataset.grouped(features)
        let ensemble = try NetworkEnsemble<Float>.trained(
            on: data, options: options, threads: threads, progress: progress)
        return (ensemble, try assess(ensemble, dataset, data))
    }

    /// How `ensemble` fits each system of `dataset`.
    public static func assess(
        _ ensemble: NetworkEnsemble<Float>, _ dataset: ConductivityDataset, _ data: GroupedDataset<Float>
    ) throws -> ConductivityTrainingResult {
        let outputs = ensemble.memberOutputs(data.x, rows: data.x.count / data.width)
        let groupMeans = outputs.map { out in
            data.groups.map { range in range.reduce(0.0) { $0 + out[$1] } / Double(range.count) }
        }
        let (mean, spread) = NetworkEnsemble<Float>.meanAndSpread(groupMeans)
        let samples = NetworkEnsemble<Float>.meanAndSpread(outputs).mean
        var fits: [ConductivityTrainingResult.SystemFit] = []
        for (g, system) in dataset.systems.enumerated() {
            let validating = ensemble.validationGroups.indices.filter { ensemble.validationGroups[$0].contains(g) }
            let k = Array(samples[data.groups[g]])
            let m = k.reduce(0, +) / Double(k.count)
            var squares = 0.0
            for value in k { squares += (value - m) * (value - m) }
            let sd = (squares / Double(max(1, k.count - 1))).squareRoot()
            var outOfFold: Double?
            if !validating.isEmpty {
                var sum = 0.0
                for member in validating { sum += groupMeans[member][g] }
                outOfFold = sum / Double(validating.count)
            }
            let negative = Double(k.filter { $0 < 0 }.count) / Double(k.count)
            fits.append(
                .init(
                    name: system.name, role: ensemble.testGroups.contains(g) ? "test" : "training",
                    saltConcentration: system.saltConcentration, measured: system.molarConductivity,
                    predicted: Estimate(mean[g], spread[g]), outOfFold: outOfFold, negativeFraction: negative,
                    spread: sd,
                    selfCationOverC: system.selfCationOverC, crossOverC: system.crossOverC))
        }
        let test = fits.filter { $0.role == "test" }
        let folded = fits.filter { $0.outOfFold != nil }
        var warnings: [String] = []
        if test.count < 2 {
            warnings.append(
                "\(test.count) held-out system(s): no test R² (the paper holds out 10 % of 108 systems); see the out-of-fold R²"
            )
        }
        let short = dataset.systems.filter { $0.molarConductivity.uncertainty == nil }.map(\.name)
        if !short.isEmpty {
            warnings.append(
                "no uncertainty of Λ for \(short.joined(separator: ", ")): their weight in the loss is a guess")
        }
        return ConductivityTrainingResult(
            unit: dataset.molarConductivityUnit, options: ensemble.options, members: ensemble.members.count,
            systems: fits,
            testR2: coefficientOfDetermination(test.map(\.measured.value), test.map(\.predicted.value)),
            outOfFoldR2: coefficientOfDetermination(folded.map(\.measured.value), folded.map { $0.outOfFold! }),
            spreadVersusLambda: pearson(fits.map(\.spread), fits.map(\.measured.value)),
            negativeVersusSelf: pearson(fits.map(\.negativeFraction), fits.map(\.selfCationOverC.value)),
            negativeVersusCross: pearson(fits.map(\.negativeFraction), fits.map(\.crossOverC.value)),
            warnings: warnings)
    }

    /// Pearson's r; nil for fewer than three points or no spread.
    static func pearson(_ a: [Double], _ b: [Double]) -> Double? {
        guard a.count >= 3, a.count == b.count else { return nil }
        let n = Double(a.count)
        let ma = a.reduce(0, +) / n, mb = b.reduce(0, +) / n
        var sab = 0.0, saa = 0.0, sbb = 0.0
        for (p, q) in zip(a, b) { sab += (p - ma) * (q - mb); saa += (p - ma) * (p - ma); sbb += (q - mb) * (q - mb) }
        return saa > 0 && sbb > 0 ? sab / (saa * sbb).squareRoot() : nil
    }

    /// The report section: the parity plot with error bars and the per-system table.
    public static func section(_ r: ConductivityTrainingResult, files: inout FileSet) throws -> ReportSection {
        try files.json("conductivity-training.json", r)
        let names = r.systems.map(\.name)
        try files.csv(
            "conductivity-training.csv",
            DataTable([
                .init("system_index", names.indices.map { Double($0) }),
                .init("measured", unit: r.unit, r.systems.map { Optional($0.measured.value) }),
                .init("measured_error", r.systems.map { $0.measured.uncertainty }),
                .init("predicted", unit: r.unit, r.systems.map { Optional($0.predicted.value) }),
                .init("predicted_spread", r.systems.map { $0.predicted.uncertainty }),
                .init("out_of_fold", r.systems.map(\.outOfFold)),
                .init("negative_fraction", r.systems.map { Optional($0.negativeFraction) }),
                .init("k_std", r.systems.map { Optional($0.spread) }),
            ]))
        func series(_ role: String) -> Plot.Series {
            let chosen = r.systems.filter { $0.role == role }
            return Plot.Series(
                role == "test" ? "held-out systems" : "training systems (out of fold)",
                x: chosen.map(\.measured.value),
                y: chosen.map { role == "test" ? $0.predicted.value : $0.outOfFold ?? .nan },
                style: .points)
        }
        let all = r.systems.flatMap { [$0.measured.value, $0.predicted.value] }
        let (low, high) = (all.min() ?? 0, all.max() ?? 1)
        let parity = Plot(
            title: "Predicted against measured molar conductivity", x: .init("Λ measured (\(r.unit))"),
            y: .init("Λ predicted (\(r.unit))"),
            series: [
                series("training"), series("test"), .init("y = x", x: [low, high], y: [low, high], style: .dashed),
            ]
            .filter { !$0.x.isEmpty })
        func cell(_ e: Estimate) -> String {
            formatNumber(e.value) + (e.uncertainty.map { " ± \(formatNumber($0, 2))" } ?? "")
        }
        return ReportSection(
            title: "Local molar conductivity: the ensemble",
            text: [
                "\(r.members) networks (\(r.options.folds) folds × \(r.options.seedsPerFold) seeds, hidden \(r.options.hidden.map(String.init).joined(separator: "×")), \(r.options.activation.rawValue), Adam at \(formatNumber(r.options.training.learningRate)), up to \(r.options.training.epochs) epochs, early stopping with patience \(r.options.training.patience)), trained on each system's Λ only (Jones et al. 2022, doi:10.48550/arXiv.2208.03182, eq. 12). Error bars: measured, the Onsager analysis' blocks; predicted, the members' spread.",
                "R² held-out: \(r.testR2.map { formatNumber($0, 3) } ?? "—"); R² out of fold: \(r.outOfFoldR2.map { formatNumber($0, 3) } ?? "—"). Across systems, Pearson r of std(k) with Λ: \(r.spreadVersusLambda.map { formatNumber($0, 2) } ?? "—"); of the fraction of negative k with L_self^{++}/c: \(r.negativeVersusSelf.map { formatNumber($0, 2) } ?? "—"), with L^{+−}/c: \(r.negativeVersusCross.map { formatNumber($0, 2) } ?? "—").",
            ],
            plots: [parity],
            tables: [
                ReportTable(
                    caption: "Systems (Λ in \(r.unit))",
                    columns: ["system", "role", "c", "Λ measured", "Λ predicted", "out of fold", "k < 0", "std k"],
                    rows: r.systems.map {
                        [
                            $0.name, $0.role, formatNumber($0.saltConcentration, 3), cell($0.measured),
                            cell($0.predicted),
                            $0.outOfFold.map { formatNumber($0) } ?? "—", formatNumber($0.negativeFraction, 3),
                            formatNumber($0.spread, 3),
                        ]
                    })
            ], files: ["conductivity-training.json", "conductivity-training.csv"])
    }
}
