/// Sums of per-frame vectors over blocks of consecutive frames, in bounded memory: at most
/// 2·`targetBlocks` blocks of equal length are kept; when the list is full, neighbours are merged
/// and the block length doubled. Vectors may grow from frame to frame; missing entries are 0.
///
/// The storage behind the block standard errors of ``BlockSeries`` and ``RDFAccumulator``
/// (H. Flyvbjerg and H. G. Petersen, J. Chem. Phys. 91, 461 (1989), doi:10.1063/1.457480).
/// - Complexity: O(length) per frame; memory O(length · blocks).
struct BlockSums: Sendable, Codable {
    /// Blocks kept after a merge; the list holds at most twice as many.
    let targetBlocks: Int
    /// Per block, the sum of its frames' vectors.
    private(set) var sums: [[Double]] = []
    /// Per block, its number of frames.
    private(set) var counts: [Int] = []
    /// Frames in a complete block.
    private(set) var blockLength = 1

    init(blocks: Int) { targetBlocks = max(2, blocks) }

    /// Indices of the complete blocks (those with `blockLength` frames).
    var complete: [Int] { counts.indices.filter { counts[$0] == blockLength } }

    /// Adds one frame's vector to the last block, starting a new block when that one is complete.
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
        Self.accumulate(values, into: &sums[sums.count - 1])
        counts[counts.count - 1] += 1
    }

    /// Appends `other`'s blocks as if its frames followed these, then merges neighbours (doubling
    /// the block length) until at most 2·`targetBlocks` blocks remain.
    mutating func append(_ other: BlockSums) {
        sums += other.sums; counts += other.counts
        while sums.count > 2 * targetBlocks {
            var merged: [[Double]] = [], mergedCounts: [Int] = []
            for k in stride(from: 0, to: sums.count, by: 2) {
                if k + 1 < sums.count {
                    merged.append(Self.sum(sums[k], sums[k + 1])); mergedCounts.append(counts[k] + counts[k + 1])
                } else {
                    merged.append(sums[k]); mergedCounts.append(counts[k])
                }
            }
            sums = merged; counts = mergedCounts; blockLength *= 2
        }
    }

    /// Element-wise a + b, as long as the longer of the two.
    static func sum(_ a: [Double], _ b: [Double]) -> [Double] {
        var out = a
        accumulate(b, into: &out)
        return out
    }

    /// Adds `values` into `total` element by element; entries past the end of `total` are appended.
    static func accumulate(_ values: [Double], into total: inout [Double]) {
        let common = min(total.count, values.count)
        for k in 0..<common { total[k] += values[k] }
        if values.count > common { total += values[common...] }
    }
}
