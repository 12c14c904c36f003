/// Runs any number of analyses over one read of a frame source: the one driver, which owns the
/// frame loop, the frame timing and the time each analysis takes.
public enum AnalysisPass {
    /// Reads the frames of `source` once, handing each to every participant in order, and ends
    /// each with the pass's ``PassRecord`` (reading warnings, frame timing).
    /// - Parameter progress: called after each frame with the number of frames done.
    /// - Returns: seconds spent reading (total wall time less the analyses' own time).
    @discardableResult
    public static func run(_ source: some FrameSource, _ participants: [any PassParticipant],
                           progress: ((Int) -> Void)? = nil) throws -> Double {
        let start = ContinuousClock.now
        let context = AnalysisContext(topology: source.topology, units: source.units)
        for participant in participants { try participant.prepare(context) }
        var timing = FrameTiming()
        try source.forEachFrame { index, frame in
            timing.record(frame.time)
            for participant in participants { try participant.accumulate(frame, index: index) }
            progress?(timing.frames)
        }
        let record = PassRecord(warnings: source.warnings, timing: timing)
        for participant in participants { try participant.finish(record) }
        let total = ContinuousClock.now - start
        let seconds = Double(total.components.seconds) + Double(total.components.attoseconds) * 1e-18
        return max(0, seconds - participants.reduce(0) { $0 + $1.seconds })
    }

    /// Runs one analysis over `source` and returns its result.
    public static func run<Analysis: FrameAnalysis>(_ source: some FrameSource, _ analysis: Analysis) throws -> Analysis.Result {
        let task = AnalysisTask("analysis", analysis)
        try run(source, [task])
        guard let result = task.result else { throw InternalError("the analysis has no result after the pass") }
        return result
    }

    /// Runs one analysis over frames in memory.
    public static func run<Analysis: FrameAnalysis>(_ analysis: Analysis, topology: Topology, units: UnitSystem = .real,
                                                    frames: [Frame]) throws -> Analysis.Result {
        try run(FrameList(topology: topology, units: units, frames: frames), analysis)
    }
}
