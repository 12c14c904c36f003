import Foundation

/// Differences of consecutive sorted event times, τ_j = t_{j+1} − t_j (in the unit of the times).
public func interEventTimes(_ times: [Int]) -> [Int] {
    times.count < 2 ? [] : (1..<times.count).map { times[$0] - times[$0 - 1] }
}

/// Burstiness B = (σ − m)/(σ + m) of inter-event times (m mean, σ population std); −1 for periodic
/// events, 0 for a Poisson process, → 1 for heavy tails. NaN with fewer than two intervals.
/// - SeeAlso: K.-I. Goh, A.-L. Barabási, EPL 81, 48002 (2008), doi:10.1209/0295-5075/81/48002.
public func burstiness(_ intervals: [Double]) -> Double {
    guard intervals.count >= 2 else { return .nan }
    let (m, s) = meanAndPopulationDeviation(intervals[...])
    return s + m > 0 ? (s - m) / (s + m) : .nan
}

/// B of the discrete-time Poisson null: events as independent Bernoulli trials per frame with
/// probability ρ give geometric intervals and B₀ = (√(1−ρ) − 1)/(√(1−ρ) + 1) (not 0; −0.0263 at ρ = 0.1).
public func bernoulliBurstiness(rate rho: Double) -> Double {
    let r = (1 - rho).squareRoot()
    return (r - 1) / (r + 1)
}

/// Memory coefficient M: Pearson correlation of consecutive intervals (τ_j, τ_{j+1}), each with its
/// own mean and population std. NaN with fewer than three intervals or a zero deviation.
/// - SeeAlso: Goh & Barabási (2008), doi:10.1209/0295-5075/81/48002.
public func memoryCoefficient(_ intervals: [Double]) -> Double {
    guard intervals.count >= 3 else { return .nan }
    return pooledMemoryCoefficient([intervals])
}

/// M pooled over ions: consecutive pairs are taken within each sequence only, never across
/// sequences, and their Pearson correlation is returned (NaN when undefined).
/// - Complexity: O(total intervals).
public func pooledMemoryCoefficient(_ sequences: [[Double]]) -> Double {
    var first: [Double] = [], second: [Double] = []
    for sequence in sequences where sequence.count >= 2 {
        first.append(contentsOf: sequence.dropLast()); second.append(contentsOf: sequence.dropFirst())
    }
    guard first.count >= 2 else { return .nan }
    let (m1, s1) = meanAndPopulationDeviation(first[...]), (m2, s2) = meanAndPopulationDeviation(second[...])
    guard s1 > 0, s2 > 0 else { return .nan }
    var sum = 0.0
    for k in first.indices { sum += (first[k] - m1) * (second[k] - m2) }
    return sum / Double(first.count) / (s1 * s2)
}

/// Mean and population standard deviation (ddof = 0).
func meanAndPopulationDeviation(_ x: ArraySlice<Double>) -> (mean: Double, deviation: Double) {
    let n = Double(x.count)
    let mean = x.reduce(0, +) / n
    let variance = x.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / n
    return (mean, variance.squareRoot())
}
