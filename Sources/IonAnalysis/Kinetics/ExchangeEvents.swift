/// Shell-exchange events of each centre (Lee et al. 2023, eq. A1): Ξ_i(t) = 1 when the set of
/// partners in centre i's shell differs from the previous frame's (t ≥ 1), with multiplicity
/// μ_i(t) = |S_i(t) △ S_i(t − 1)|, the number of border crossings in that frame. One event per frame.
/// - SeeAlso: Lee et al. 2023, doi:10.1140/epje/s10189-023-00365-9, appendix A.1, eq. A1.
public struct ExchangeEvents: Sendable, Equatable, Codable {
    /// Frames analysed, K.
    public var frameCount: Int
    /// Per centre, the frames with Ξ = 1, ascending.
    public var times: [[Int]]
    /// Per centre, μ at each event time (same indices as ``times``).
    public var multiplicities: [[Int]]

    /// Events given directly (simulated streams): sorted frames per centre with their multiplicities.
    public init(frameCount: Int, times: [[Int]], multiplicities: [[Int]]? = nil) {
        self.frameCount = frameCount; self.times = times
        self.multiplicities = multiplicities ?? times.map { [Int](repeating: 1, count: $0.count) }
    }

    /// Events from pair existence (apply ``PairExistence/fillingGaps(upTo:)`` first for a tolerance):
    /// a run starting at frame t > 0 or ending at frame t − 1 < K − 1 is one crossing at t.
    /// - Complexity: O(runs log runs).
    public init(_ existence: PairExistence) {
        frameCount = existence.frameCount
        var crossings = [[Int]](repeating: [], count: existence.centreCount)
        for p in 0..<existence.pairCount {
            let c = Int(existence.pairCentre[p])
            for (first, last) in existence.runs(of: p) {
                if first > 0 { crossings[c].append(first) }
                if last < existence.frameCount - 1 { crossings[c].append(last + 1) }
            }
        }
        times = []; multiplicities = []
        for var list in crossings {
            list.sort()
            var t: [Int] = [], mu: [Int] = []
            for frame in list {
                if frame == t.last { mu[mu.count - 1] += 1 } else { t.append(frame); mu.append(1) }
            }
            times.append(t); multiplicities.append(mu)
        }
    }

    /// Ξ_i(t) (or μ_i(t) with `multiplicity`) of centre `i` at every frame.
    public func series(of i: Int, multiplicity: Bool = false) -> [Int] {
        var out = [Int](repeating: 0, count: frameCount)
        for (k, t) in times[i].enumerated() { out[t] = multiplicity ? multiplicities[i][k] : 1 }
        return out
    }

    /// Per centre, event counts in consecutive complete windows of `window` frames (Ξ, or μ with `multiplicity`).
    public func windowCounts(window: Int, multiplicity: Bool = false) -> [[Int]] {
        guard window >= 1 else { return times.map { _ in [] } }
        let windows = frameCount / window
        return times.indices.map { i in
            var counts = [Int](repeating: 0, count: windows)
            for (k, t) in times[i].enumerated() where t / window < windows {
                counts[t / window] += multiplicity ? multiplicities[i][k] : 1
            }
            return counts
        }
    }
}
