/// A frame analysis whose accumulated state can be taken out, kept (`Codable`: a checkpoint, a
/// message between ranks) and joined with the state of the frames that follow, so that a run
/// split into consecutive blocks of frames ends as the single pass would.
///
/// Split at frame k, analysis A (frames 0..<k) merged with B (frames k…, prepared alike) and
/// finished with the merged ``PassRecord`` gives the serial result: exactly for counts and
/// histograms, to rounding for sums taken in another order; block errors agree exactly when k
/// is a multiple of the longest block used (see each analysis).
public protocol MergeableAnalysis: FrameAnalysis {
    /// What the frames so far left behind, without the set-up that `prepare` rebuilds.
    associatedtype Partial: Codable & Sendable
    /// The state accumulated so far (frames held back for a batch are taken in first).
    mutating func partial() throws -> Partial
    /// Appends `later`, the state of an analysis set up alike (the same settings, prepared on the
    /// same system) that saw the frames following these.
    /// - Throws: ``InputError`` when `later` was made by an analysis set up otherwise.
    mutating func merge(_ later: Partial) throws
}

extension PassRecord {
    /// Appends the record of the frames that followed these (another rank's block, or the run
    /// after a checkpoint): warnings one after the other, timings merged.
    public mutating func merge(_ later: PassRecord) {
        for warning in later.warnings where !warnings.contains(warning) { warnings.append(warning) }
        timing.merge(later.timing)
        sharing.asked += later.sharing.asked; sharing.made += later.sharing.made
        sharing.keys = max(sharing.keys, later.sharing.keys)
    }
}
