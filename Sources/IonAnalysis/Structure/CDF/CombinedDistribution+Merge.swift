import IonCore

extension CombinedDistribution: MergeableAnalysis {
    /// The volume-weighted counts of every (distance, angle) cell so far.
    public struct Partial: Codable, Sendable {
        var bins: [Int]
        var counts: [Double]
        var frames: Int
        var pairsCounted: Double
    }

    public func partial() -> Partial {
        Partial(bins: [distanceBins, angleBins], counts: counts, frames: frames, pairsCounted: pairsCounted)
    }

    /// Counts add (exact for the pair counts, to rounding for the volume weights).
    public mutating func merge(_ later: Partial) throws {
        guard later.bins == [distanceBins, angleBins], later.counts.count == counts.count else {
            throw InputError(
                "cannot merge a combined distribution of \(later.bins) bins into one of \([distanceBins, angleBins])")
        }
        for k in counts.indices { counts[k] += later.counts[k] }
        frames += later.frames; pairsCounted += later.pairsCounted
    }
}
