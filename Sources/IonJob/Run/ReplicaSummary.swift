import IonCore
import IonNumerics

/// Each replica's headline numbers and their combination: the mean over replicas with the
/// standard error of that mean from their spread (s/√n), the uncertainty a reader can trust when
/// runs are independent.
public struct ReplicaSummary: Sendable, Codable {
    public struct Combined: Sendable, Codable {
        public var label: String
        public var unit: PhysicalUnit
        /// One value per replica, the first run first.
        public var values: [Double]
        public var mean: Double
        /// s/√n over the replicas.
        public var standardError: Double?
    }
    public var runs: Int
    public var framesPerRun: [Int]
    public var quantities: [Combined]

    /// Every headline number that each run has; nil for a single run.
    init?(_ analyses: [AnalysisOutcome], framesPerRun: [Int]) {
        guard framesPerRun.count >= 2 else { return nil }
        runs = framesPerRun.count
        self.framesPerRun = framesPerRun
        quantities = []
        for analysis in analyses {
            guard let first = analysis.runHeadlines.first else { continue }
            for headline in first where headline.value != nil {
                let values = analysis.runHeadlines.compactMap { run in run.first { $0.label == headline.label }?.value }
                guard values.count == runs else { continue }
                let (mean, error) = meanAndStandardError(values)
                quantities.append(
                    Combined(
                        label: headline.label, unit: headline.unit, values: values, mean: mean, standardError: error))
            }
        }
    }
}
