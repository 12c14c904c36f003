import IonCore

/// When each (centre, partner) pair existed — was in the centre's first shell — over a trajectory,
/// stored as runs of consecutive frames: for pair p, runs `runOffsets[p]..<runOffsets[p + 1]`, each
/// from `runFirst` to `runLast` (frames, inclusive, counted from 0 in the analysed range).
///
/// Run storage keeps the memory at 8 bytes per run plus 8 per pair ever seen, instead of one bit per
/// pair and frame; every pair-existence quantity (h_p(k), ACFs, exchange events) follows from it.
/// - SeeAlso: Lee et al. 2023, doi:10.1140/epje/s10189-023-00365-9, eq. 6;
///   Shayestehpour & Zahn 2024, doi:10.1063/5.0232631, eq. 11.
public struct PairExistence: Sendable, Equatable, Codable {
    /// Frames in the analysed range, K.
    public let frameCount: Int
    /// Centres (e.g. Li⁺ ions), numbered as in ``ShellContacts``.
    public let centreCount: Int
    /// Centre and partner of each pair, sorted by centre, then partner.
    public let pairCentre: [Int32]
    public let pairPartner: [Int32]
    public let runOffsets: [Int]
    public let runFirst: [Int32]
    public let runLast: [Int32]

    /// Builds from runs per pair (first, last inclusive, ascending, disjoint, non-adjacent).
    /// - Throws: ``InputError`` when a run leaves [0, frameCount) or runs overlap or touch.
    public init(
        frameCount: Int, centreCount: Int, pairs: [(centre: Int32, partner: Int32)],
        runs: [[(first: Int, last: Int)]]
    ) throws {
        guard pairs.count == runs.count else {
            throw InputError("pair existence: \(pairs.count) pairs but \(runs.count) run lists")
        }
        let order = pairs.indices.sorted {
            (pairs[$0].centre, pairs[$0].partner) < (pairs[$1].centre, pairs[$1].partner)
        }
        var offsets = [0], first: [Int32] = [], last: [Int32] = []
        for p in order {
            var previous = -2
            for run in runs[p] {
                guard run.first > previous + 1, run.last >= run.first, run.first >= 0, run.last < frameCount else {
                    throw InputError(
                        "pair existence: run \(run.first)…\(run.last) of pair \(pairs[p]) is outside 0..<\(frameCount), reversed, or overlaps or touches the previous run"
                    )
                }
                first.append(Int32(run.first)); last.append(Int32(run.last)); previous = run.last
            }
            offsets.append(first.count)
        }
        guard pairs.allSatisfy({ $0.centre >= 0 && Int($0.centre) < centreCount }) else {
            throw InputError("pair existence: a centre id is outside 0..<\(centreCount)")
        }
        self.frameCount = frameCount; self.centreCount = centreCount
        pairCentre = order.map { pairs[$0].centre }; pairPartner = order.map { pairs[$0].partner }
        runOffsets = offsets; runFirst = first; runLast = last
    }

    /// From explicit indicator series h_p(k) (tests, small inputs); pair p has centre 0 and partner p.
    public init(indicators h: [[Bool]]) throws {
        let frames = h.first?.count ?? 0
        guard h.allSatisfy({ $0.count == frames }) else {
            throw InputError("pair existence: series of different lengths")
        }
        let runs = h.map { series -> [(first: Int, last: Int)] in
            var runs: [(first: Int, last: Int)] = [], start: Int?
            for (k, present) in series.enumerated() {
                if present, start == nil { start = k }
                if !present, let s = start { runs.append((s, k - 1)); start = nil }
            }
            if let s = start { runs.append((s, frames - 1)) }
            return runs
        }
        try self.init(frameCount: frames, centreCount: 1, pairs: h.indices.map { (0, Int32($0)) }, runs: runs)
    }

    /// Number of pairs ever seen.
    public var pairCount: Int { pairCentre.count }

    /// Runs of pair `p` as (first, last) frames.
    public func runs(of p: Int) -> [(first: Int, last: Int)] {
        (runOffsets[p]..<runOffsets[p + 1]).map { (Int(runFirst[$0]), Int(runLast[$0])) }
    }

    /// The same existence with every interior gap of ≤ `tolerance` frames (absent frames with the pair
    /// present on both sides) filled: brief excursions across the shell border do not break a pair.
    /// Leading and trailing gaps are never filled.
    /// - Complexity: O(runs).
    public func fillingGaps(upTo tolerance: Int) -> PairExistence {
        guard tolerance > 0 else { return self }
        let runs = (0..<pairCount).map { p -> [(first: Int, last: Int)] in
            var merged: [(first: Int, last: Int)] = []
            for run in self.runs(of: p) {
                if let previous = merged.last, run.first - previous.last - 1 <= tolerance {
                    merged[merged.count - 1].last = run.last
                } else {
                    merged.append(run)
                }
            }
            return merged
        }
        // Valid by construction: the runs stay sorted, disjoint and inside the range.
        return try! PairExistence(
            frameCount: frameCount, centreCount: centreCount,
            pairs: (0..<pairCount).map { (pairCentre[$0], pairPartner[$0]) }, runs: runs)
    }
}

extension PairExistence {
    /// This range's existence followed by `later`'s — the next frames of the same centres, pairs
    /// numbered alike — as one record: a pair's run that ends on this range's last frame and one
    /// that starts on `later`'s first frame are one run. Recording the parts of a split trajectory
    /// and appending them in order gives the record of the whole.
    /// - Throws: ``InputError`` when the centre counts differ.
    public func appending(_ later: PairExistence) throws -> PairExistence {
        guard later.centreCount == centreCount || later.pairCentre.isEmpty || pairCentre.isEmpty else {
            throw InputError("pair existence: \(centreCount) centres, then \(later.centreCount)")
        }
        struct Key: Hashable { var centre: Int32, partner: Int32 }
        var order: [Key] = []
        var runs: [Key: [(first: Int, last: Int)]] = [:]
        for p in pairCentre.indices {
            let key = Key(centre: pairCentre[p], partner: pairPartner[p])
            order.append(key); runs[key] = self.runs(of: p)
        }
        for p in later.pairCentre.indices {
            let key = Key(centre: later.pairCentre[p], partner: later.pairPartner[p])
            var list = runs[key] ?? []
            if runs[key] == nil { order.append(key) }
            for run in later.runs(of: p) {
                let shifted = (first: run.first + frameCount, last: run.last + frameCount)
                if let last = list.last, last.last == shifted.first - 1 {
                    list[list.count - 1].last = shifted.last
                } else {
                    list.append(shifted)
                }
            }
            runs[key] = list
        }
        return try PairExistence(
            frameCount: frameCount + later.frameCount, centreCount: max(centreCount, later.centreCount),
            pairs: order.map { ($0.centre, $0.partner) }, runs: order.map { runs[$0]! })
    }
}
