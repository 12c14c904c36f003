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
public struct MSDAccumulator: Sendable {
    /// Frames per series.
    public let length: Int
    private let plan: FFTPlan
    private var powerSum: [Double]
    private var squaredNormSum: [Double]
    private var scratchReal: [Double]
    private var scratchImaginary: [Double]
    /// Number of one-dimensional series added.
    public private(set) var seriesCount = 0

    public init(length: Int) {
        precondition(length >= 1)
        self.length = length
        plan = FFTPlan(count: FFTPlan.paddedLength(2 * length))
        powerSum = [Double](repeating: 0, count: plan.count)
        squaredNormSum = [Double](repeating: 0, count: length)
        scratchReal = [Double](repeating: 0, count: plan.count)
        scratchImaginary = [Double](repeating: 0, count: plan.count)
    }

    /// Adds one component series (e.g. x(t) of one particle), length ``length``.
    public mutating func add(_ series: [Double]) {
        add(series, nil)
    }

    /// Adds two component series with one complex FFT (a in the real part, b in the imaginary).
    public mutating func add(_ a: [Double], _ b: [Double]?) {
        precondition(a.count == length && (b?.count ?? length) == length, "series length must match")
        let n = plan.count
        for k in 0..<n { scratchReal[k] = 0; scratchImaginary[k] = 0 }
        for k in 0..<length { scratchReal[k] = a[k]; squaredNormSum[k] += a[k] * a[k] }
        if let b { for k in 0..<length { scratchImaginary[k] = b[k]; squaredNormSum[k] += b[k] * b[k] } }
        plan.forward(real: &scratchReal, imaginary: &scratchImaginary)
        // |A_k|² + |B_k|² = (|Z_k|² + |Z_{n−k}|²) / 2 for z = a + ib with a, b real.
        for k in 0..<n {
            let mirror = (n - k) & (n - 1)
            let zk = scratchReal[k] * scratchReal[k] + scratchImaginary[k] * scratchImaginary[k]
            let zm = scratchReal[mirror] * scratchReal[mirror] + scratchImaginary[mirror] * scratchImaginary[mirror]
            powerSum[k] += b == nil ? zk : 0.5 * (zk + zm)
        }
        // For a alone the spectrum of a real series already satisfies |Z_k| = |Z_{n−k}|.
        seriesCount += b == nil ? 1 : 2
    }

    /// The MSD summed over all added component series, averaged over time origins, for lags
    /// 0…length−1 (per particle: divide by the number of particles; the caller adds x, y, z).
    public func result() -> [Double] {
        var real = powerSum
        var imaginary = [Double](repeating: 0, count: plan.count)
        plan.inverse(real: &real, imaginary: &imaginary)
        var msd = [Double](repeating: 0, count: length)
        var q = 2 * squaredNormSum.reduce(0, +)
        for m in 0..<length {
            if m > 0 { q -= squaredNormSum[m - 1] + squaredNormSum[length - m] }
            let origins = Double(length - m)
            msd[m] = q / origins - 2 * real[m] / origins
        }
        msd[0] = 0
        return msd
    }
}
