import IonIO

/// Everything one job computed, before it is written out.
public struct JobResults: Sendable {
    public var summary: TrajectorySummary
    /// Each analysis' outputs, in the job's order.
    public var analyses: [AnalysisOutcome]
    /// Headline numbers per replica and combined, when the job has several runs.
    public var replicas: ReplicaSummary?
    /// Seconds per step ("reading", and each analysis by name).
    public var timings: [(String, Double)]
    /// The reading warnings, then every analysis' warnings, each once.
    public var warnings: [String]

    /// The output of the analysis with this plug-in and label.
    public func output<Output>(_ plugin: String, _ label: String? = nil, as type: Output.Type = Output.self) -> Output?
    {
        analyses.first { $0.plugin == plugin && (label == nil || $0.label == label) }?.output as? Output
    }
}
