import IonCore
import IonIO

/// Runs any number of analyses over one read of a trajectory.
public enum AnalysisPass {
    /// Reads the frames of `trajectory` once, handing each to every participant in order.
    /// - Parameter progress: called after each frame with the number of frames done.
    /// - Returns: seconds spent reading (total wall time less the analyses' own time).
    @discardableResult
    public static func run(_ trajectory: Trajectory, _ participants: [any PassParticipant],
                           progress: ((Int) -> Void)? = nil) throws -> Double {
        let start = ContinuousClock.now
        let context = AnalysisContext(topology: trajectory.topology, units: trajectory.units)
        for participant in participants { try participant.prepare(context) }
        var done = 0
        try trajectory.forEachFrame { index, frame in
            for participant in participants { try participant.accumulate(frame, index: index) }
            done += 1
            progress?(done)
        }
        for participant in participants { try participant.finish(warnings: trajectory.warnings) }
        let total = ContinuousClock.now - start
        let seconds = Double(total.components.seconds) + Double(total.components.attoseconds) * 1e-18
        return max(0, seconds - participants.reduce(0) { $0 + $1.seconds })
    }

    /// Runs one analysis over `trajectory` and returns its result.
    public static func run<Analysis: FrameAnalysis>(_ trajectory: Trajectory, _ analysis: Analysis) throws -> Analysis.Result {
        let task = AnalysisTask("analysis", analysis)
        try run(trajectory, [task])
        return task.result!
    }
}
