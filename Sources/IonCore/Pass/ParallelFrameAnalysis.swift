import Foundation

/// A frame analysis whose per-frame work is a function of the frame alone (with per-thread
/// scratch space), followed by a cheap step that adds each frame's contribution in order. The
/// driver runs ``compute(_:worker:)`` for a batch of frames on several threads, then
/// ``add(_:index:)`` frame by frame: results are those of a serial pass, bit for bit, whatever
/// the number of threads (the map-reduce of freud's thread-local histograms, without their
/// reordered sums).
public protocol ParallelFrameAnalysis: FrameAnalysis, SendableMetatype {
    /// Scratch state for one thread: neighbour-search grids, buffers.
    associatedtype Worker
    /// One frame's contribution.
    associatedtype FrameOutput
    /// A worker, made after `prepare`.
    func makeWorker() -> Worker
    /// The frame's contribution; may run on any thread, for frames in any order, and must not
    /// change the analysis.
    func compute(_ view: FrameView, worker: inout Worker) throws -> FrameOutput
    /// Adds one frame's contribution; called on one thread, in frame order.
    mutating func add(_ output: FrameOutput, index: Int) throws
}

extension ParallelFrameAnalysis {
    /// One frame on its own (a worker made for it): for callers outside the driver.
    public mutating func accumulate(_ view: FrameView) throws {
        var worker = makeWorker()
        try add(try compute(view, worker: &worker), index: view.index)
    }
}

/// Frames read ahead for the analyses that run on several threads, with their indices and the
/// values derived from each (one memo per frame, reused from batch to batch).
public struct FrameBatch {
    public private(set) var frames: [Frame] = []
    public private(set) var indices: [Int] = []
    private var memos: [FrameMemo] = []
    private let context: AnalysisContext
    public var count: Int { indices.count }
    init(_ context: AnalysisContext) { self.context = context }
    /// The view of frame `f` of the batch.
    public func view(_ f: Int) -> FrameView { FrameView(frames[f], index: indices[f], memo: memos[f]) }
    mutating func append(_ frame: Frame, index: Int) {
        if memos.count == frames.count { memos.append(FrameMemo(context)) }
        memos[frames.count].reset()
        frames.append(frame); indices.append(index)
    }
    mutating func removeAll() { frames.removeAll(keepingCapacity: true); indices.removeAll(keepingCapacity: true) }
}

/// ``AnalysisTask`` for a ``ParallelFrameAnalysis``: batches of frames are computed on up to
/// `threads` threads, each with its own worker, then added in order.
public final class ParallelAnalysisTask<Analysis: ParallelFrameAnalysis>: PassParticipant {
    public private(set) var analysis: Analysis
    public private(set) var result: Analysis.Result?
    public let name: String
    public private(set) var seconds = 0.0
    private var workers: [Analysis.Worker] = []

    public init(_ name: String, _ analysis: Analysis) { self.name = name; self.analysis = analysis }

    public var runsInParallel: Bool { true }
    public var anyResult: (any Sendable)? { result }

    public func prepare(_ context: AnalysisContext) throws {
        try timed {
            try analysis.prepare(context)
            workers = [analysis.makeWorker()]
        }
    }

    public func accumulate(_ view: FrameView) throws {
        try timed { try analysis.add(try analysis.compute(view, worker: &workers[0]), index: view.index) }
    }

    public func accumulate(_ batch: FrameBatch, threads: Int) throws {
        let threads = max(1, min(threads, batch.count))
        guard threads > 1 else {
            for f in 0..<batch.count { try accumulate(batch.view(f)) }
            return
        }
        try timed {
            while workers.count < threads { workers.append(analysis.makeWorker()) }
            let outputs = try compute(batch, threads: threads)
            for (output, index) in zip(outputs, batch.indices) { try analysis.add(output, index: index) }
        }
    }

    /// Every frame's contribution, computed on `threads` threads (each takes the next frame when
    /// done with one). The analysis is only read here, so adding afterwards copies nothing.
    private func compute(_ batch: FrameBatch, threads: Int) throws -> [Analysis.FrameOutput] {
        let analysis = self.analysis
        var outputs = [Analysis.FrameOutput?](repeating: nil, count: batch.count)
        let failure = FirstError()
        let next = SharedCounter()
        workers.withUnsafeMutableBufferPointer { workers in
            outputs.withUnsafeMutableBufferPointer { outputs in
                let (workers, outputs) = (UnsafeTransfer(workers), UnsafeTransfer(outputs))
                let frames = UnsafeTransfer(batch)
                let reader = UnsafeTransfer(analysis)
                DispatchQueue.concurrentPerform(iterations: threads) { w in
                    while let f = next.take(below: frames.value.count) {
                        do {
                            outputs.value[f] = try reader.value.compute(
                                frames.value.view(f), worker: &workers.value[w])
                        } catch { failure.record(error, at: f) }
                    }
                }
            }
        }
        if let error = failure.error { throw error }
        return outputs.map { $0! }
    }

    public func finish(_ pass: PassRecord) throws {
        try timed { result = try analysis.finish(pass) }
        workers = []
    }

    private func timed(_ body: () throws -> Void) rethrows {
        let start = ContinuousClock.now
        try body()
        let elapsed = ContinuousClock.now - start
        seconds += Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18
    }
}

/// The next item of a batch for whichever thread asks (one lock per item).
public final class SharedCounter: @unchecked Sendable {
    private let lock = NSLock()
    private var value = 0
    public init() {}
    /// The next index below `limit`, or nil when all are taken.
    public func take(below limit: Int) -> Int? {
        lock.lock(); defer { lock.unlock() }
        guard value < limit else { return nil }
        value += 1
        return value - 1
    }
}

/// The error of the earliest item that failed, so a parallel batch fails as a serial one would.
final class FirstError: @unchecked Sendable {
    private let lock = NSLock()
    private var earliest: (index: Int, error: any Error)?
    func record(_ error: any Error, at index: Int) {
        lock.lock(); defer { lock.unlock() }
        if earliest.map({ index < $0.index }) ?? true { earliest = (index, error) }
    }
    var error: (any Error)? { earliest?.error }
}

/// A value handed to threads that touch disjoint parts of it (buffer pointers, read-only data).
public struct UnsafeTransfer<T>: @unchecked Sendable {
    public var value: T
    public init(_ value: T) { self.value = value }
}
