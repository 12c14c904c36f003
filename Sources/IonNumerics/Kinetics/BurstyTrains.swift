import Foundation

/// Sizes of the bursty trains of one sorted sequence of event times: consecutive events belong to
/// the same train iff t_{j+1} − t_j ≤ Δt (`window`, same unit as the times).
/// - SeeAlso: M. Karsai, K. Kaski, A.-L. Barabási, J. Kertész, Sci. Rep. 2, 397 (2012), doi:10.1038/srep00397.
/// - Complexity: O(n).
public func burstyTrainSizes(_ times: [Int], window: Double) -> [Int] {
    guard !times.isEmpty else { return [] }
    var sizes: [Int] = [], current = 1
    for k in 1..<times.count {
        if Double(times[k] - times[k - 1]) <= window { current += 1 } else { sizes.append(current); current = 1 }
    }
    sizes.append(current)
    return sizes
}

/// Train-size distribution P_Δt(E) = #trains of size E / #trains, for E = 1…max (index E − 1).
public func trainSizeDistribution(_ sizes: [Int]) -> [Double] {
    guard let largest = sizes.max() else { return [] }
    var counts = [Double](repeating: 0, count: largest)
    for size in sizes { counts[size - 1] += 1 }
    return counts.map { $0 / Double(sizes.count) }
}

/// Trains of many event sequences (one per ion) for one window Δt.
public struct BurstyTrainStatistics: Sendable, Codable, Equatable {
    /// Δt as a fraction of the mean inter-event time.
    public var fraction: Double
    /// Δt, frames.
    public var window: Double
    /// Δt < 1 frame: every train has size 1.
    public var degenerate: Bool
    /// All train sizes, pooled over sequences.
    public var sizes: [Int]
    /// P(E) for E = 1…max (index E − 1).
    public var distribution: [Double]
    /// F = P(τ ≤ Δt), the fraction of intervals that join two events into one train.
    public var joiningFraction: Double
    /// The shuffled-interval null, geometric P(E) = (1 − F)F^{E−1}, same indices.
    public var geometricNull: [Double]

    /// - Parameters:
    ///   - sequences: sorted event times (frames) per ion.
    ///   - fraction: f in Δt = f·⟨τ⟩.
    ///   - meanInterval: ⟨τ⟩, frames (pooled over ions by default).
    ///   - dropBoundaryTrains: leave out the first and last train of each sequence (cut by the run's ends).
    public init(sequences: [[Int]], fraction: Double, meanInterval: Double, dropBoundaryTrains: Bool = false) {
        self.fraction = fraction
        window = fraction * meanInterval
        degenerate = window < 1
        var sizes: [Int] = [], below = 0, intervals = 0
        for times in sequences {
            var trains = burstyTrainSizes(times, window: window)
            if dropBoundaryTrains { trains = trains.count > 2 ? Array(trains.dropFirst().dropLast()) : [] }
            sizes.append(contentsOf: trains)
            for tau in interEventTimes(times) { intervals += 1; if Double(tau) <= window { below += 1 } }
        }
        self.sizes = sizes
        distribution = trainSizeDistribution(sizes)
        let f = intervals > 0 ? Double(below) / Double(intervals) : 0
        joiningFraction = f
        geometricNull = distribution.indices.map { (1 - f) * pow(f, Double($0)) }
    }

    /// Pools statistics computed with per-sequence windows (per-ion ⟨τ⟩): sizes are concatenated and
    /// the null is the train-weighted mean of the parts' nulls; ``window`` is f times `meanInterval`.
    public init(pooling parts: [BurstyTrainStatistics], fraction: Double, meanInterval: Double) {
        self.fraction = fraction
        window = fraction * meanInterval
        degenerate = parts.contains(where: \.degenerate)
        sizes = parts.flatMap(\.sizes)
        distribution = trainSizeDistribution(sizes)
        var null = [Double](repeating: 0, count: distribution.count)
        for part in parts where !part.sizes.isEmpty {
            let weight = Double(part.sizes.count) / Double(sizes.count), f = part.joiningFraction
            for e in null.indices { null[e] += weight * (1 - f) * pow(f, Double(e)) }
        }
        joiningFraction =
            parts.reduce(0) { $0 + $1.joiningFraction * Double($1.sizes.count) } / Double(max(sizes.count, 1))
        geometricNull = null
    }
}
