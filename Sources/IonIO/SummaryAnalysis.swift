import IonCore

/// The ``TrajectorySummary`` of the trajectory being read, as a participant of a shared pass.
public struct SummaryAnalysis: FrameAnalysis {
    private let trajectory: Trajectory
    private var statistics = FrameStatistics()

    public init(_ trajectory: Trajectory) { self.trajectory = trajectory }
    public mutating func prepare(_ context: AnalysisContext) throws {}
    public mutating func accumulate(_ view: FrameView) throws { statistics.add(view.frame) }
    public mutating func finish(_ pass: PassRecord) throws -> TrajectorySummary {
        try TrajectorySummary(trajectory, statistics: statistics)
    }
}
