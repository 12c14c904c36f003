import IonNumerics

/// Pair-existence autocorrelation functions over all time origins.
///
/// * Continuous: X_p(k, m) = Π_{j=k}^{k+m} h_p(j) — the pair existed without a break; this is what
///   the two-state survival S(n) models.
/// * Intermittent: X_p(k, m) = h_p(k)·h_p(k + m) — re-formation counts.
///
/// Origins k = 0…K−1−m. Pooled (default): C(m) = Σ_{k,p} X_p(k, m) / Σ_{k,p} h_p(k); per origin
/// (the c(t) of Lee et al. 2023, eq. 6): the mean over origins with N(k) = Σ_p h_p(k) > 0 of
/// Σ_p X_p(k, m)/N(k). Both give C(0) = 1. Lags in frames.
/// - SeeAlso: Lee et al. 2023, doi:10.1140/epje/s10189-023-00365-9, eq. 6;
///   A. Luzar, D. Chandler, Nature 379, 55 (1996),
///   doi:10.1038/379055a0 (continuous vs intermittent hydrogen-bond correlations).
public enum PairCorrelationKind: String, Sendable, Codable, CaseIterable {
    case continuous, intermittent
}

/// How a pair ACF averages over time origins.
public enum PairCorrelationNormalisation: String, Sendable, Codable, CaseIterable {
    case pooled
    case perOrigin
}

extension PairExistence {
    /// C(m) at each lag in `lags` (frames ≥ 0); NaN for lags ≥ K or when no pair exists at any origin.
    /// - Complexity: O(runs · lags) pooled; O((runs + K) · lags) per origin.
    public func correlation(
        _ kind: PairCorrelationKind, lags: [Int], normalisation: PairCorrelationNormalisation = .pooled
    ) -> [Double] {
        switch normalisation {
        case .pooled:
            // Many lags on many runs: the intermittent function by FFT over every lag is cheaper
            // than run overlaps (measured: ~7 ns per run and lag against ~50 ns per pair and frame).
            if kind == .intermittent,
                Double(runFirst.count) * Double(lags.count) > 8 * Double(pairCount) * Double(frameCount),
                let top = lags.max(), top < frameCount
            {
                let all = intermittentCorrelationAllLags(maxLag: top)
                return lags.map { $0 >= 0 && $0 <= top ? all[$0] : .nan }
            }
            var numerator = [Double](repeating: 0, count: lags.count), denominator = numerator
            for p in 0..<pairCount {
                let c = contributions(of: p, kind, lags: lags)
                for l in lags.indices { numerator[l] += c[l]; denominator[l] += c[lags.count + l] }
            }
            return lags.indices.map {
                lags[$0] < frameCount && denominator[$0] > 0 ? numerator[$0] / denominator[$0] : .nan
            }
        case .perOrigin:
            return lags.map { perOriginCorrelation(kind, lag: $0) }
        }
    }

    /// The pooled continuous ACF at every lag m = 0…`maxLag` in O(runs + K): the numerator is
    /// Σ_runs max(0, L − m) (suffix sums over the run-length histogram), the denominator
    /// Σ_{k ≤ K−1−m} N(k) (prefix sums of the pairs present at each frame).
    public func continuousCorrelationAllLags(maxLag: Int) -> [Double] {
        let top = min(maxLag, frameCount - 1)
        guard top >= 0 else { return [] }
        var lengths = [Double](repeating: 0, count: frameCount + 2),
            present = [Double](repeating: 0, count: frameCount + 1)
        for r in runFirst.indices {
            lengths[Int(runLast[r] - runFirst[r]) + 1] += 1
            present[Int(runFirst[r])] += 1; present[Int(runLast[r]) + 1] -= 1
        }
        // above[m] = #runs with L > m; numerator[m] = Σ_{L > m} (L − m) n_L = Σ_{j ≥ m} above[j].
        var above = [Double](repeating: 0, count: frameCount + 2)
        for m in stride(from: frameCount, through: 0, by: -1) { above[m] = above[m + 1] + lengths[m + 1] }
        var numerator = [Double](repeating: 0, count: frameCount + 2)
        for m in stride(from: frameCount, through: 0, by: -1) { numerator[m] = numerator[m + 1] + above[m] }
        var cumulative = [Double](repeating: 0, count: frameCount + 1), n = 0.0  // cumulative[k] = Σ_{j < k} N(j)
        for k in 0..<frameCount { n += present[k]; cumulative[k + 1] = cumulative[k] + n }
        return (0...top).map { m in
            let denominator = cumulative[frameCount - m]
            return denominator > 0 ? numerator[m] / denominator : .nan
        }
    }

    /// The pooled intermittent ACF at every lag m = 0…`maxLag` by FFT: Σ_{p,k} h_p(k) h_p(k+m) from
    /// the summed power spectra of the 0/1 existence series (two pairs per transform), over the
    /// same denominator Σ_{k ≤ K−1−m} N(k) as ``continuousCorrelationAllLags(maxLag:)``.
    /// - Complexity: O(pairs · K log K) time, O(K) memory.
    public func intermittentCorrelationAllLags(maxLag: Int) -> [Double] {
        let top = min(maxLag, frameCount - 1)
        guard top >= 0, frameCount > 0 else { return [] }
        var accumulator = CorrelationAccumulator(length: frameCount)
        var a = [Double](repeating: 0, count: frameCount), b = a
        var present = [Double](repeating: 0, count: frameCount + 1)
        func fill(_ series: inout [Double], _ p: Int) {
            for k in series.indices { series[k] = 0 }
            for r in runOffsets[p]..<runOffsets[p + 1] {
                for k in Int(runFirst[r])...Int(runLast[r]) { series[k] = 1 }
                present[Int(runFirst[r])] += 1; present[Int(runLast[r]) + 1] -= 1
            }
        }
        var p = 0
        while p < pairCount {
            fill(&a, p)
            if p + 1 < pairCount { fill(&b, p + 1); accumulator.add(a, b) } else { accumulator.add(a) }
            p += 2
        }
        let sums = accumulator.result()  // Σ_p Σ_k h h / (K − m)
        var cumulative = [Double](repeating: 0, count: frameCount + 1), n = 0.0
        for k in 0..<frameCount { n += present[k]; cumulative[k + 1] = cumulative[k] + n }
        return (0...top).map { m in
            let denominator = cumulative[frameCount - m]
            return denominator > 0 ? (sums[m] * Double(frameCount - m)).rounded() / denominator : .nan
        }
    }

    /// Pair p's additive share of the pooled ACF: Σ_k X_p(k, m) for each lag, then Σ_{k ≤ K−1−m} h_p(k)
    /// for each lag (2 × lags numbers). Summed over a bootstrap sample of pairs they give its ACF.
    public func contributions(of p: Int, _ kind: PairCorrelationKind, lags: [Int]) -> [Double] {
        var out = [Double](repeating: 0, count: 2 * lags.count)
        let range = runOffsets[p]..<runOffsets[p + 1]
        for (l, m) in lags.enumerated() where m < frameCount {
            var numerator = 0, denominator = 0
            var partner = range.lowerBound  // first run that can overlap run r shifted by m (intermittent)
            for r in range {
                let first = Int(runFirst[r]), last = Int(runLast[r])
                denominator += max(0, min(last, frameCount - 1 - m) - first + 1)
                switch kind {
                case .continuous:
                    numerator += max(0, last - first + 1 - m)
                case .intermittent:
                    // Σ over runs b of |[first, last] ∩ [b.first − m, b.last − m]|.
                    while partner < range.upperBound && Int(runLast[partner]) - m < first { partner += 1 }
                    var b = partner
                    while b < range.upperBound && Int(runFirst[b]) - m <= last {
                        numerator += max(0, min(last, Int(runLast[b]) - m) - max(first, Int(runFirst[b]) - m) + 1)
                        b += 1
                    }
                }
            }
            out[l] = Double(numerator); out[lags.count + l] = Double(denominator)
        }
        return out
    }

    private func perOriginCorrelation(_ kind: PairCorrelationKind, lag m: Int) -> Double {
        guard m < frameCount else { return .nan }
        let origins = frameCount - m
        var present = [Int](repeating: 0, count: origins + 1), joint = present  // difference arrays over k
        func add(_ array: inout [Int], _ from: Int, _ to: Int) {
            let a = max(from, 0), b = min(to, origins - 1)
            guard a <= b else { return }
            array[a] += 1; array[b + 1] -= 1
        }
        for p in 0..<pairCount {
            let range = runOffsets[p]..<runOffsets[p + 1]
            for r in range {
                let first = Int(runFirst[r]), last = Int(runLast[r])
                add(&present, first, last)
                switch kind {
                case .continuous: add(&joint, first, last - m)
                case .intermittent:
                    for b in range where Int(runFirst[b]) - m <= last && Int(runLast[b]) - m >= first {
                        add(&joint, max(first, Int(runFirst[b]) - m), min(last, Int(runLast[b]) - m))
                    }
                }
            }
        }
        var sum = 0.0, used = 0, n = 0, x = 0
        for k in 0..<origins {
            n += present[k]; x += joint[k]
            if n > 0 { sum += Double(x) / Double(n); used += 1 }
        }
        return used > 0 ? sum / Double(used) : .nan
    }
}
