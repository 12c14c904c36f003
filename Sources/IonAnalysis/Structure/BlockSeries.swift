/// Time averages of per-frame vectors with standard errors whose block length is chosen from the
/// data, in memory that grows with the logarithm of the frames. Vectors may grow from frame to
/// frame (histograms meeting a larger count); missing entries are 0.
///
/// The frames are blocked by the repeated pairing of Flyvbjerg and Petersen (J. Chem. Phys. 91,
/// 461 (1989), doi:10.1063/1.457480): level k holds the means of blocks of 2ᵏ frames. For each
/// entry the error comes from the first level, with at least `minimumBlocks` blocks, whose
/// neighbouring block means are uncorrelated (lag-1 autocorrelation r < 1/√n, its noise on n
/// independent values), scaled by 1 + 2r for what correlation is left, or the next level's when
/// that is larger (a long-tailed correlation can pass the test a level early). An error is doubtful when
/// no level passes, or when the run holds fewer than ``BlockErrors/independentSamplesNeeded``
/// independent samples by that error's own measure (N·s²/(n σ²)): a run shorter than its
/// correlation time can look settled.
/// - Complexity: O(length) per frame (amortised); memory O(length · log frames).
struct BlockSeries: Sendable, Codable {
    /// Fewest blocks an error may rest on.
    let minimumBlocks: Int
    private var levels: [BlockingLevel] = []
    /// The first frame's vector, subtracted from every frame so that sums of squares do not cancel.
    private var shift: [Double] = []
    /// Sum over all frames.
    private var total: [Double] = []
    private(set) var frames = 0

    init(minimumBlocks: Int = 8) { self.minimumBlocks = max(4, minimumBlocks) }

    /// Adds one frame's vector.
    mutating func add(_ values: [Double]) {
        if frames == 0 { shift = values }
        BlockSums.accumulate(values, into: &total)
        // Shifted values; an entry this frame lacks is 0, so its shifted value is −shift.
        var carry = values
        if carry.count < shift.count { carry += repeatElement(0, count: shift.count - carry.count) }
        for k in carry.indices where k < shift.count { carry[k] -= shift[k] }
        var level = 0
        while true {
            if level == levels.count { levels.append(BlockingLevel()) }
            guard let paired = levels[level].add(carry) else { break }
            carry = paired
            level += 1
        }
        frames += 1
    }

    /// Appends `other`'s frames as if they followed these. Each level's sums add, with the one
    /// neighbour product across the seam; `other`'s blocks keep their own boundaries, so at levels
    /// whose block length does not divide this series' frame count the seam pairs differ from a
    /// single pass (errors agree to about one block in the count; means are exact).
    mutating func append(_ other: BlockSeries) {
        guard other.frames > 0 else { return }
        guard frames > 0 else { self = other; return }
        var shifted = other
        shifted.reshift(to: shift)
        for k in shifted.levels.indices {
            if k == levels.count { levels.append(BlockingLevel()) }
            levels[k].append(shifted.levels[k])
        }
        BlockSums.accumulate(other.total, into: &total)
        frames += other.frames
    }

    /// The series with entry k moved to entry `destination[k]` of vectors of `length` entries
    /// (the others 0): for histograms whose bins two runs numbered in different orders.
    func relabelled(_ destination: [Int], length: Int) -> BlockSeries {
        var moved = self
        let move = { (values: [Double]) in BlockSeries.move(values, destination, length) }
        moved.shift = move(shift); moved.total = move(total)
        for k in moved.levels.indices { moved.levels[k].relabel(move) }
        return moved
    }

    static func move(_ values: [Double], _ destination: [Int], _ length: Int) -> [Double] {
        var moved = [Double](repeating: 0, count: length)
        for (k, value) in values.enumerated() { moved[destination[k]] = value }
        return moved
    }

    /// Re-expresses the stored levels relative to `newShift` instead of ``shift``.
    private mutating func reshift(to newShift: [Double]) {
        let n = max(newShift.count, shift.count)
        let delta = (0..<n).map { k in (k < shift.count ? shift[k] : 0) - (k < newShift.count ? newShift[k] : 0) }
        for k in levels.indices { levels[k].offset(by: delta) }
        shift = newShift
    }

    /// Mean over all frames, padded to `length` (at least the longest vector seen).
    func mean(length: Int = 0) -> [Double] {
        let n = max(length, total.count)
        return (0..<n).map { k in k < total.count && frames > 0 ? total[k] / Double(frames) : 0 }
    }

    /// Standard errors of ``mean(length:)``; nil with fewer than `minimumBlocks` frames.
    func standardErrors(length: Int = 0) -> BlockErrors? {
        let candidates = levels.filter { $0.count >= minimumBlocks }
        guard let perFrame = candidates.first else { return nil }
        let n = max(length, total.count)
        var errors = [Double](repeating: 0, count: n), doubtful: [Int] = [], blockFrames = [Int](repeating: 1, count: n)
        for k in 0..<n {
            let frameVariance = perFrame.variance(k)
            guard frameVariance > 0 else { continue }
            // The first level whose neighbouring blocks are uncorrelated, else the last one.
            let index =
                candidates.indices.first {
                    candidates[$0].lagOneCorrelation(k) < 1 / Double(candidates[$0].count).squareRoot()
                } ?? candidates.count - 1
            // That level's error, or the next one's when larger: correlations with a long tail
            // (diffusive ones) can pass the lag-1 test a level early.
            func variance(_ i: Int) -> Double {
                let level = candidates[i], r = level.lagOneCorrelation(k)
                return level.variance(k) / Double(level.count) * (1 + 2 * max(r, 0))
            }
            let level = candidates[index], r = level.lagOneCorrelation(k)
            let variance = index + 1 < candidates.count ? max(variance(index), variance(index + 1)) : variance(index)
            errors[k] = variance.squareRoot()
            blockFrames[k] = 1 << index  // the candidates are the first levels
            let settled = r < 1 / Double(level.count).squareRoot()
            if !settled || frameVariance / variance < BlockErrors.independentSamplesNeeded { doubtful.append(k) }
        }
        return BlockErrors(values: errors, doubtful: doubtful, blockFrames: blockFrames, frames: frames)
    }
}

/// Standard errors of a ``BlockSeries`` and how far they can be trusted.
struct BlockErrors: Sendable {
    /// Fewer independent samples than this make an error doubtful.
    static let independentSamplesNeeded = 20.0
    /// One standard error per entry (0 for an entry that never changed).
    var values: [Double]
    /// Entries whose error is doubtful: the blocks are still correlated at the longest block length
    /// with enough blocks, or the run holds too few independent samples.
    var doubtful: [Int]
    /// Per entry, the frames in a block at the chosen level.
    var blockFrames: [Int]
    var frames: Int

    subscript(index: Int) -> Double { values[index] }

    /// The warning for a run with too few frames for any standard error.
    static func tooFewFrames(_ frames: Int, _ minimumBlocks: Int) -> String {
        "\(frames) frame\(frames == 1 ? "" : "s") cannot give standard errors (at least \(max(4, minimumBlocks)) blocks of frames are needed): the values carry no ±"
    }

    /// A warning naming `what` when any of `entries` (all when nil) has a doubtful error.
    func warning(_ what: String, entries: Range<Int>? = nil) -> String? {
        let range = entries ?? values.indices
        let bad = doubtful.filter { range.contains($0) }
        guard !bad.isEmpty else { return nil }
        let which = range.count == 1 ? "" : " (\(bad.count) of \(range.count) values)"
        let longest = bad.map { blockFrames[$0] }.max() ?? 1
        return
            "the standard errors of \(what)\(which) may be too small: they stay correlated over much of the \(frames) frames (fewer than \(Int(Self.independentSamplesNeeded)) independent samples, blocks of \(longest) frames); a longer run is needed for a trustworthy ±"
    }
}

/// One level of the blocking: running sums of its block means (shifted values), of their squares
/// and of products of neighbours, and the block waiting for its partner.
struct BlockingLevel: Sendable, Codable {
    private(set) var count = 0
    private var sum: [Double] = [], squares: [Double] = [], neighbours: [Double] = []
    private var first: [Double] = [], last: [Double] = []
    private var pending: [Double]?

    /// Records one block mean; returns the mean of the pair it completes, if it does.
    mutating func add(_ x: [Double]) -> [Double]? {
        let n = max(x.count, sum.count)
        pad(to: n)
        for k in 0..<n {
            let value = k < x.count ? x[k] : 0
            sum[k] += value; squares[k] += value * value
            if count > 0 { neighbours[k] += last[k] * value } else { first[k] = value }
            last[k] = value
        }
        count += 1
        guard let partner = pending else {
            pending = x
            return nil
        }
        pending = nil
        var pair = [Double](repeating: 0, count: n)
        for k in 0..<n { pair[k] = 0.5 * ((k < partner.count ? partner[k] : 0) + (k < x.count ? x[k] : 0)) }
        return pair
    }

    /// Adds `delta` to every block mean stored (sums, squares, products and the ends follow).
    mutating func offset(by delta: [Double]) {
        let n = Double(count)
        pad(to: delta.count)
        for k in delta.indices where delta[k] != 0 {
            let d = delta[k]
            // Σ(x+d)² = Σx² + 2dΣx + nd²; Σ(x_i+d)(x_{i+1}+d) = Σx_i x_{i+1} + d(2Σx − first − last) + (n−1)d².
            neighbours[k] += d * (2 * sum[k] - first[k] - last[k]) + max(0, n - 1) * d * d
            squares[k] += 2 * d * sum[k] + n * d * d
            sum[k] += n * d
            first[k] += d; last[k] += d
        }
        if var p = pending {
            for k in delta.indices where k < p.count { p[k] += delta[k] }
            if p.count < delta.count { p += delta[p.count...] }
            pending = p
        }
    }

    /// Appends `other`'s blocks after these: sums add, plus the product across the seam; a block
    /// still waiting for its partner on either side is dropped from the pairing.
    mutating func append(_ other: BlockingLevel) {
        guard other.count > 0 else { return }
        guard count > 0 else { self = other; return }
        let n = max(sum.count, other.sum.count)
        pad(to: n)
        for k in 0..<n {
            let o = { (array: [Double]) in k < array.count ? array[k] : 0 }
            neighbours[k] += last[k] * o(other.first) + o(other.neighbours)
            sum[k] += o(other.sum); squares[k] += o(other.squares)
            last[k] = o(other.last)
        }
        count += other.count
        pending = other.pending
    }

    /// Applies `move` to every stored vector (``BlockSeries/relabelled(_:length:)``).
    mutating func relabel(_ move: ([Double]) -> [Double]) {
        sum = move(sum); squares = move(squares); neighbours = move(neighbours)
        first = move(first); last = move(last); pending = pending.map(move)
    }

    private mutating func pad(to n: Int) {
        guard sum.count < n else { return }
        let zeros = repeatElement(0.0, count: n - sum.count)
        sum += zeros; squares += zeros; neighbours += zeros; first += zeros; last += zeros
    }

    /// Sample variance (n − 1) of entry k's block means.
    func variance(_ k: Int) -> Double {
        guard count > 1, k < sum.count else { return 0 }
        let n = Double(count), mean = sum[k] / n
        return max(0, (squares[k] - n * mean * mean) / (n - 1))
    }

    /// Lag-1 autocorrelation of entry k's block means, γ(1)/γ(0) with 1/n normalisation.
    func lagOneCorrelation(_ k: Int) -> Double {
        guard count > 1, k < sum.count else { return 0 }
        let n = Double(count), mean = sum[k] / n
        let spread = squares[k] - n * mean * mean
        guard spread > 0 else { return 0 }
        let lagged = neighbours[k] - mean * (2 * sum[k] - first[k] - last[k]) + (n - 1) * mean * mean
        return lagged / spread
    }
}
