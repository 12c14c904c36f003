/// Time averages of per-frame vectors with standard errors over blocks of consecutive frames,
/// in bounded memory (the blocks of ``BlockSums``). Vectors may grow from frame to frame
/// (histograms meeting a larger count); missing entries are 0.
///
/// The standard error is s/√B over the B complete blocks (H. Flyvbjerg and H. G. Petersen,
/// J. Chem. Phys. 91, 461 (1989), doi:10.1063/1.457480, at one block length); nil with fewer
/// than 2.
/// - Complexity: O(length) per frame; memory O(length · blocks).
struct BlockSeries: Sendable {
    private var blocks: BlockSums
    /// Sum over all frames.
    private var total: [Double] = []
    private(set) var frames = 0

    init(blocks: Int) { self.blocks = BlockSums(blocks: blocks) }

    /// Adds one frame's vector.
    mutating func add(_ values: [Double]) {
        blocks.add(values)
        BlockSums.accumulate(values, into: &total)
        frames += 1
    }

    /// Mean over all frames, padded to `length` (at least the longest vector seen).
    func mean(length: Int = 0) -> [Double] {
        let n = max(length, total.count)
        return (0..<n).map { k in k < total.count && frames > 0 ? total[k] / Double(frames) : 0 }
    }

    /// Standard errors of ``mean(length:)``; nil with fewer than 2 complete blocks.
    func standardErrors(length: Int = 0) -> [Double]? {
        let n = max(length, total.count)
        let complete = blocks.complete
        guard complete.count >= 2 else { return nil }
        let blockMeans = complete.map { b in
            let (sum, count) = (blocks.sums[b], Double(blocks.counts[b]))
            return (0..<n).map { k in k < sum.count ? sum[k] / count : 0 }
        }
        return IonAnalysis.standardErrors(blockMeans)
    }
}
