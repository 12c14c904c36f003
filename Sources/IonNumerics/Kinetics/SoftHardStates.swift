import Foundation

/// Soft/hard labels of ions from their shell-exchange events (Lee et al. 2023, §3): in each
/// non-overlapping window of W frames, an ion with more than E_c events is *soft*, otherwise *hard*.
/// An incomplete last window is dropped.
/// - SeeAlso: Lee et al. 2023, doi:10.1140/epje/s10189-023-00365-9, §3 (Table A1 for per-state rates).
public enum SoftHardLabelling {
    /// Event counts N_j = Σ_{t ∈ [jW, (j+1)W)} x(t) per complete window.
    public static func windowCounts(_ perFrame: [Int], window: Int) -> [Int] {
        guard window >= 1 else { return [] }
        return (0..<(perFrame.count / window)).map { j in perFrame[(j * window)..<((j + 1) * window)].reduce(0, +) }
    }

    /// Soft (true) iff the count is strictly above `threshold` E_c.
    public static func labels(_ counts: [Int], threshold: Int) -> [Bool] { counts.map { $0 > threshold } }

    /// A threshold from the Poisson-like null N ~ Binomial(W, ρ̄): the smallest E with
    /// P(N ≤ E) ≥ `quantile`. ρ̄ = events per frame averaged over ions and frames.
    public static func nullThreshold(window: Int, rate: Double, quantile: Double = 0.95) -> Int {
        var cumulative = 0.0
        for e in 0...window {
            cumulative += exp(
                lgamma(Double(window + 1)) - lgamma(Double(e + 1)) - lgamma(Double(window - e + 1))
                    + Double(e) * log(max(rate, 1e-300)) + Double(window - e) * log1p(-min(rate, 1 - 1e-16)))
            if cumulative >= quantile { return e }
        }
        return window
    }
}

/// Soft/hard statistics pooled over ions, with bootstrap errors over ions.
public struct SoftHardStatistics: Sendable, Codable, Equatable {
    /// Window W, frames, and threshold E_c, events.
    public var window: Int
    public var threshold: Int
    /// Fraction of soft labels r_soft, and its bootstrap error over ions.
    public var softFraction: Double
    public var softFractionError: Double
    /// Fraction of ions soft in each window (index j: frames [jW, (j+1)W)).
    public var softFractionByWindow: [Double]
    /// Per-window switching probabilities P(soft → hard), P(hard → soft) over consecutive windows of one ion.
    public var softToHard: Double
    public var hardToSoft: Double
    /// Per-frame switching rates −ln(1 − P)/W (assume Markov labels; misclassification inflates them).
    public var softToHardRate: Double
    public var hardToSoftRate: Double
    /// Mean events per frame in soft and in hard windows (Lee et al. 2023,
    /// doi:10.1140/epje/s10189-023-00365-9, Table A1, after dividing by δt), with bootstrap errors
    /// over ions.
    public var softEventRate: Double
    public var hardEventRate: Double
    public var softEventRateError: Double
    public var hardEventRateError: Double

    /// - Parameters:
    ///   - events: per ion, the per-frame event indicator Ξ (or the multiplicity μ).
    ///   - window: W, frames; threshold: E_c, events.
    /// - Complexity: O(ions · frames + replicates · ions).
    public init(events: [[Int]], window: Int, threshold: Int, replicates: Int = 200, seed: UInt64 = 1) {
        self.init(
            windowCounts: events.map { SoftHardLabelling.windowCounts($0, window: window) }, window: window,
            threshold: threshold, replicates: replicates, seed: seed)
    }

    /// From event counts per ion and complete window (``SoftHardLabelling/windowCounts(_:window:)``).
    public init(windowCounts: [[Int]], window: Int, threshold: Int, replicates: Int = 200, seed: UInt64 = 1) {
        self.window = window; self.threshold = threshold
        // Per ion: soft windows, windows, soft→hard, soft→any, hard→soft, hard→any, events soft, events hard.
        var perIon: [[Double]] = []
        var byWindow: [Double] = [], ionsByWindow: [Double] = []
        for counts in windowCounts {
            let soft = SoftHardLabelling.labels(counts, threshold: threshold)
            var s = [Double](repeating: 0, count: 8)
            for (j, label) in soft.enumerated() {
                if j == byWindow.count { byWindow.append(0); ionsByWindow.append(0) }
                ionsByWindow[j] += 1
                if label { byWindow[j] += 1; s[0] += 1; s[6] += Double(counts[j]) } else { s[7] += Double(counts[j]) }
                s[1] += 1
                if j > 0 {
                    if soft[j - 1] { s[3] += 1; if !label { s[2] += 1 } } else { s[5] += 1; if label { s[4] += 1 } }
                }
            }
            perIon.append(s)
        }
        let w = Double(window)
        func statistic(_ s: [Double]) -> [Double] {
            [s[0] / s[1], s[2] / s[3], s[4] / s[5], s[6] / (s[0] * w), s[7] / ((s[1] - s[0]) * w)]
        }
        let total = perIon.reduce([Double](repeating: 0, count: 8)) { zip($0, $1).map { $0 + $1 } }
        let values = statistic(total)
        let errors = bootstrapStandardErrors(perUnit: perIon, replicates: replicates, seed: seed, statistic: statistic)
        func error(_ k: Int) -> Double { errors.count > k ? errors[k] : .nan }
        softFraction = values[0]; softFractionError = error(0)
        softFractionByWindow = zip(byWindow, ionsByWindow).map { $0 / $1 }
        softToHard = values[1]; hardToSoft = values[2]
        softToHardRate = -log1p(-values[1]) / w; hardToSoftRate = -log1p(-values[2]) / w
        softEventRate = values[3]; hardEventRate = values[4]
        softEventRateError = error(3); hardEventRateError = error(4)
    }
}
