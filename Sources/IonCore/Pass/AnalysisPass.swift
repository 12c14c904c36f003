import Foundation

/// Runs any number of analyses over one read of a frame source: the one driver, which owns the
/// frame loop, the threads, the frame timing and the time each analysis takes.
public enum AnalysisPass {
    /// Reads the frames of `source` once, handing each to every participant in order, and ends
    /// each with the pass's ``PassRecord`` (reading warnings, frame timing).
    ///
    /// When some participant runs in parallel (``ParallelFrameAnalysis``) and `threads` > 1,
    /// frames are read ahead in batches of 8 × threads (memory: batch × atoms × 24 bytes per
    /// coordinate array) and every participant takes the batch in order; otherwise each frame goes
    /// to every participant as it is read, in one frame buffer.
    /// - Parameters:
    ///   - threads: threads for parallel analyses; nil for every core.
    ///   - progress: called as frames are done with the number done.
    /// - Returns: seconds spent reading (total wall time less the analyses' own time).
    @discardableResult
    public static func run(
        _ source: some FrameSource, _ participants: [any PassParticipant], threads: Int? = nil,
        progress: ((Int) -> Void)? = nil
    ) throws -> Double {
        let start = ContinuousClock.now
        let context = AnalysisContext(topology: source.topology, units: source.units)
        for participant in participants { try participant.prepare(context) }
        var timing = FrameTiming()
        // Frames without positions (velocity- or force-only .trr frames) are not handed out:
        // every analysis sees the same frames, and the timing is theirs.
        let atomCount = source.topology.atomCount
        var withoutPositions = 0
        let threads = max(1, threads ?? ProcessInfo.processInfo.activeProcessorCount)
        if threads > 1 && participants.contains(where: \.runsInParallel) {
            var batch = FrameBatch(context)
            func flush() throws {
                for participant in participants { try participant.accumulate(batch, threads: threads) }
                progress?(timing.frames)
                batch.removeAll()
            }
            try source.forEachFrame { index, frame in
                guard frame.positions.count == atomCount else { withoutPositions += 1; return }
                timing.record(frame.time)
                batch.append(frame, index: index)
                if batch.count == 8 * threads { try flush() }
            }
            if batch.count > 0 { try flush() }
        } else {
            let memo = FrameMemo(context)
            try source.forEachFrame { index, frame in
                guard frame.positions.count == atomCount else { withoutPositions += 1; return }
                timing.record(frame.time)
                memo.reset()
                let view = FrameView(frame, index: index, memo: memo)
                for participant in participants { try participant.accumulate(view) }
                progress?(timing.frames)
            }
        }
        var warnings = source.warnings
        if withoutPositions > 0 {
            warnings.append(
                "\(withoutPositions) frame(s) carry no positions (velocity- or force-only .trr frames, written when nstvout or nstfout is not a multiple of nstxout) and were left out: the analyses use the \(timing.frames) frames with positions"
            )
        }
        let record = PassRecord(warnings: warnings, timing: timing, sharing: context.shared.usage)
        for participant in participants { try participant.finish(record) }
        let total = ContinuousClock.now - start
        let seconds = Double(total.components.seconds) + Double(total.components.attoseconds) * 1e-18
        return max(0, seconds - participants.reduce(0) { $0 + $1.seconds })
    }

    /// Runs one analysis over `source` and returns its result.
    public static func run<Analysis: FrameAnalysis>(
        _ source: some FrameSource, _ analysis: Analysis,
        threads: Int? = nil
    ) throws -> Analysis.Result {
        let task = makeTask("analysis", analysis)
        try run(source, [task], threads: threads)
        guard let result = task.anyResult as? Analysis.Result else {
            throw InternalError("the analysis has no result after the pass")
        }
        return result
    }

    /// Runs one analysis over frames in memory.
    public static func run<Analysis: FrameAnalysis>(
        _ analysis: Analysis, topology: Topology, units: UnitSystem = .real,
        frames: [Frame], threads: Int? = nil
    ) throws -> Analysis.Result {
        try run(FrameList(topology: topology, units: units, frames: frames), analysis, threads: threads)
    }
}
