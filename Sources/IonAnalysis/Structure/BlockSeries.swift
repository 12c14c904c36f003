/// Time averages of per-frame vectors with standard errors over blocks of consecutive frames,
/// in bounded memory: at most 2·`blocks` blocks of equal length are kept, two neighbours merged
/// (and the block length doubled) when the list is full, as in ``RDFAccumulator``. Vectors may
/// grow from frame to frame (histograms meeting a larger count); missing entries are 0.
///
/// The standard error is s/√B over the B complete blocks (H. Flyvbjerg and H. G. Petersen,
/// J. Chem. Phys. 91, 461 (1989), doi:10.1063/1.457480, at one block length); nil with fewer
/// than 2.
/// - Complexity: O(length) per frame; memory O(length · blocks).
struct BlockSeries: Sendable {
    let targetBlocks: Int
    var sums: [[Double]] = []
    var counts: [Int] = []
    var blockLength = 1
    var total: [Double] = []
    private(set) var frames = 0

    init(blocks: Int) { targetBlocks = max(2, blocks) }

    /// Adds one frame's vector.
    mutating func add(_ values: [Double]) {
        if counts.last.map({ $0 == blockLength }) ?? true {
            if sums.count == 2 * targetBlocks {
                for k in 0..<targetBlocks {
                    sums[k] = Self.sum(sums[2 * k], sums[2 * k + 1]); counts[k] = counts[2 * k] + counts[2 * k + 1]
                }
                sums.removeLast(targetBlocks); counts.removeLast(targetBlocks)
                blockLength *= 2
            }
            sums.append([]); counts.append(0)
        }
        sums[sums.count - 1] = Self.sum(sums[sums.count - 1], values)
        counts[counts.count - 1] += 1
        total = Self.sum(total, values)
        frames += 1
    }

    static func sum(_ a: [Double], _ b: [Double]) -> [Double] {
        var out = a.count >= b.count ? a : b
        for (k, v) in (a.count >= b.count ? b : a).enumerated() { out[k] += v }
        return out
    }

    /// Mean over all frames, padded to `length` (at least the longest vector seen).
    func mean(length: Int = 0) -> [Double] {
        let n = max(length, total.count)
        return (0..<n).map { k in k < total.count && frames > 0 ? total[k] / Double(frames) : 0 }
    }

    /// Standard errors of ``mean(length:)``; nil with fewer than 2 complete blocks.
    func standardErrors(length: Int = 0) -> [Double]? {
        let n = max(length, total.count)
        let complete = zip(sums, counts).filter { $0.1 == blockLength }
        guard complete.count >= 2 else { return nil }
        let blockMeans = complete.map { sum, count in (0..<n).map { k in k < sum.count ? sum[k] / Double(count) : 0 } }
        return IonAnalysis.standardErrors(blockMeans)
    }
}
