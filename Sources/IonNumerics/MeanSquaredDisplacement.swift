/// Mean squared displacement over all time origins, by FFT (Calandrini et al., École
/// thématique de la Société Française de la Neutronique 12, 201 (2011),
/// doi:10.1051/sfn/201112010; the algorithm of tidynamics and MDAnalysis's EinsteinMSD).
///
/// For a series r(0…T−1), MSD(m) = S₁(m) − 2 S₂(m) with
/// S₂(m) = 1/(T−m) Σₖ r(k)·r(k+m) (an autocorrelation, by FFT with zero padding to ≥ 2T) and
/// S₁(m) = 1/(T−m) Σₖ [r(k)² + r(k+m)²] (a running sum). Both are linear in the particles, so
/// the power spectra and squared norms are summed over particles and components first and
/// transformed back once.
///
/// Feed each particle's component series with ``add(_:)`` (or two at once with
/// ``add(_:_:)``, which packs them into one complex FFT), then read ``result()``.
/// - Complexity: O(T log T) per series; memory O(T), independent of the number of particles.
public struct MSDAccumulator: Sendable, Codable {
    /// Frames per series.
    public var length: Int { correlation.length }
    var correlation: CorrelationAccumulator
    var squaredNormSum: [Double]
    /// Number of one-dimensional series added.
    public var seriesCount: Int { correlation.seriesCount }

    public init(length: Int) {
        precondition(length >= 1)
        correlation = CorrelationAccumulator(length: length)
        squaredNormSum = [Double](repeating: 0, count: length)
    }

    /// Adds one component series (e.g. x(t) of one particle), length ``length``.
    public mutating func add(_ series: [Double]) {
        add(series, nil)
    }

    /// Adds two component series with one complex FFT (a in the real part, b in the imaginary).
    public mutating func add(_ a: [Double], _ b: [Double]?) {
        correlation.add(a, b)
        for k in 0..<length { squaredNormSum[k] += a[k] * a[k] }
        if let b { for k in 0..<length { squaredNormSum[k] += b[k] * b[k] } }
    }

    /// The MSD summed over all added component series, averaged over time origins, for lags
    /// 0…length−1 (per particle: divide by the number of particles; the caller adds x, y, z).
    public func result() -> [Double] {
        let s2 = correlation.result()
        var msd = [Double](repeating: 0, count: length)
        var q = 2 * squaredNormSum.reduce(0, +)
        for m in 0..<length {
            if m > 0 { q -= squaredNormSum[m - 1] + squaredNormSum[length - m] }
            msd[m] = q / Double(length - m) - 2 * s2[m]
        }
        msd[0] = 0
        return msd
    }
}
