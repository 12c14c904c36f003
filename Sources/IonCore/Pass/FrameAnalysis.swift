/// What every analysis learns before the first frame: the system and how its frames are timed.
public struct AnalysisContext: Sendable {
    public let topology: Topology
    /// The topology's atoms grouped into molecules (computed once per pass).
    public let molecules: Molecules
    /// Unit system the files were converted from (numbers are already in internal units).
    public let units: UnitSystem
    /// Atom masses, g/mol; all 1 when the topology has none (centres become centroids).
    public let masses: [Double]
    /// Where analyses register what they derive from every frame, so that equal derivations are
    /// made once per frame and shared (``FrameView/shared(_:_:)``).
    public let shared = SharedValues()

    public init(topology: Topology, units: UnitSystem) {
        self.topology = topology
        self.molecules = Molecules(topology)
        self.units = units
        self.masses =
            topology.masses.allSatisfy { $0 == 0 } ? [Double](repeating: 1, count: topology.atomCount) : topology.masses
    }
}

/// An analysis that sees the frames of a trajectory once, in order: prepare → accumulate(frame)
/// for each frame → finish() → a typed result that exists only after `finish`.
///
/// One driver (``AnalysisPass``) owns the frame loop, the frame timing and the time spent, so any
/// set of analyses runs in a single read of the file, over any ``FrameSource``. Analyses that parallelise do it inside
/// `accumulate` (e.g. over batches of frames) and flush in `finish`. Analyses that need whole
/// time series (MSD, correlation functions) keep them and say so in their documentation, with
/// the memory they take.
public protocol FrameAnalysis {
    /// The analysis' output: a `Codable` result for finished analyses, or the collected series
    /// that a later computation (e.g. over replicas) takes.
    associatedtype Result: Sendable
    /// Called once before the first frame: resolve selections, size buffers.
    mutating func prepare(_ context: AnalysisContext) throws
    /// Called for each frame of the range, in order, with what other analyses already derived
    /// from it; `view.index` counts frames over all files.
    mutating func accumulate(_ view: FrameView) throws
    /// Called after the last frame with what the driver saw: the reading warnings and the frame
    /// timing (``FrameTiming/evenInterval(for:minimumFrames:)`` is the one rule for the time
    /// between frames).
    mutating func finish(_ pass: PassRecord) throws -> Result
}

/// A type-erased, reference-holding wrapper so analyses of different types share one pass.
/// One dynamic call per analysis per frame; the per-pair work stays inside each analysis.
public final class AnalysisTask<Analysis: FrameAnalysis>: PassParticipant {
    public private(set) var analysis: Analysis
    /// The result, after the pass.
    public private(set) var result: Analysis.Result?
    /// Name shown in progress and timing output.
    public let name: String
    /// Seconds spent in this analysis (prepare + accumulate + finish), wall clock.
    public private(set) var seconds = 0.0

    public init(_ name: String, _ analysis: Analysis) {
        self.name = name; self.analysis = analysis
    }

    public func prepare(_ context: AnalysisContext) throws {
        try timed { try analysis.prepare(context) }
    }
    public func accumulate(_ view: FrameView) throws {
        try timed { try analysis.accumulate(view) }
    }
    public func finish(_ pass: PassRecord) throws {
        try timed { result = try analysis.finish(pass) }
    }
    public var anyResult: (any Sendable)? { result }
    private func timed(_ body: () throws -> Void) rethrows {
        let start = ContinuousClock.now
        try body()
        let elapsed = ContinuousClock.now - start
        seconds += Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18
    }
}

/// What ``AnalysisPass`` drives; conform through ``AnalysisTask``.
public protocol PassParticipant: AnyObject {
    var name: String { get }
    var seconds: Double { get }
    func prepare(_ context: AnalysisContext) throws
    func accumulate(_ view: FrameView) throws
    func finish(_ pass: PassRecord) throws
    /// The result after the pass, type-erased.
    var anyResult: (any Sendable)? { get }
    /// Whether batches of frames are computed on several threads (``ParallelAnalysisTask``).
    var runsInParallel: Bool { get }
    /// A batch of frames in order, on up to `threads` threads where the analysis allows.
    func accumulate(_ batch: FrameBatch, threads: Int) throws
}

extension PassParticipant {
    public var runsInParallel: Bool { false }
    public func accumulate(_ batch: FrameBatch, threads: Int) throws {
        for f in 0..<batch.count { try accumulate(batch.view(f)) }
    }
}

/// The task that drives `analysis`: a ``ParallelAnalysisTask`` for a ``ParallelFrameAnalysis``,
/// else an ``AnalysisTask``.
public func makeTask<Analysis: FrameAnalysis>(_ name: String, _ analysis: Analysis) -> any PassParticipant {
    if let parallel = analysis as? any ParallelFrameAnalysis { return parallelTask(name, parallel) }
    return AnalysisTask(name, analysis)
}

private func parallelTask<Analysis: ParallelFrameAnalysis>(_ name: String, _ analysis: Analysis) -> any PassParticipant
{
    ParallelAnalysisTask(name, analysis)
}
