import IonNumerics

/// The lags of an Einstein fit and the random-walk covariance of their all-origin MSD estimates,
/// computed once and shared by fits over any trailing part of the set (the fit-start scan).
struct EinsteinLagSet {
    /// Lags in frames, ascending, and their times (ps).
    let lags: [Int]
    let times: [Double]
    /// ``randomWalkMSDCovariance(lags:frames:dimensions:)`` for one dimension, s² = 1, P = 1.
    let unitCovariance: [Double]
    let frameInterval: Double
    let particles: Double

    /// One GLS fit: the line (its variances scaled by s⁴/P from its own slope) and the unscaled
    /// slope variance, for comparisons between nested fits.
    struct Fit {
        var line: LineFit
        var unscaledSlopeVariance: Double
        var scale: Double
    }

    /// Lags from `range`: at most `most` evenly spread, joined by the `extra` lags inside it (the
    /// candidate starts), so that every candidate start begins a trailing part of the set.
    init(range: ClosedRange<Int>, extra: [Int], most: Int, frames: Int, frameInterval: Double, particles: Int) {
        let even = SelfDiffusion.fitLags(range, most: most)
        lags = Array(Set(even + extra.filter { range.contains($0) })).sorted()
        times = lags.map { Double($0) * frameInterval }
        unitCovariance = randomWalkMSDCovariance(lags: lags, frames: frames, dimensions: 1)
        self.frameInterval = frameInterval
        self.particles = Double(particles)
    }

    /// The index of `lag` in ``lags`` (it must be one of them).
    func index(of lag: Int) -> Int { lags.firstIndex(of: lag)! }

    /// The covariance of lags[first...] for `dimensions` summed components, unscaled.
    func covariance(from first: Int, dimensions: Int) -> [Double] {
        let n = lags.count, m = n - first
        var block = [Double](repeating: 0, count: m * m)
        for a in 0..<m {
            for b in 0..<m { block[a * m + b] = Double(dimensions) * unitCovariance[(first + a) * n + first + b] }
        }
        return block
    }

    /// GLS of `msd` (indexed by lag) over lags[first...]; nil when fewer than two lags remain.
    func fit(_ msd: [Double], from first: Int, dimensions: Int) -> Fit? {
        let x = Array(times[first...]), y = lags[first...].map { msd[$0] }
        let covariance = covariance(from: first, dimensions: dimensions)
        guard var line = generalizedLeastSquaresLine(x: x, y: y, covariance: covariance) else { return nil }
        let unscaled = line.slopeVariance
        // Step variance per dimension s² = 2DΔt = slope·Δt/d; the covariance scales by s⁴/P.
        let s2 = abs(line.slope) * frameInterval / Double(dimensions)
        let scale = s2 * s2 / particles
        line.slopeVariance *= scale; line.interceptVariance *= scale; line.covariance *= scale
        return Fit(line: line, unscaledSlopeVariance: unscaled, scale: scale)
    }
}
