// Time correlation functions over all time origins, by FFT with zero padding (no wrap-around),
// normalised without bias by the number of origins at each lag (the convention of tidynamics'
// `acf`/`correlation` and of Allen & Tildesley, *Computer Simulation of Liquids*, 2nd ed. (2017),
// §8.1, doi:10.1093/oso/9780198803195.001.0001).
//
//     C_xy(m) = 1/(T−m) Σ_{k=0}^{T−1−m} x(k) · y(k+m)        m = 0…T−1
//
// Sums over many series (particles × components) are linear, so their spectra are summed first
// and transformed back once (``CorrelationAccumulator``).

/// The autocorrelation C(m) = 1/(T−m) Σ_k x(k) x(k+m) of one real series, for lags 0…T−1.
/// Each call plans its own FFT: for many series use one ``CorrelationAccumulator`` (one plan,
/// spectra summed; 4.5× faster for 1000 series of 2000 points, BENCHMARKS.md).
/// - Complexity: O(T log T).
public func autocorrelation(_ x: [Double]) -> [Double] {
    var accumulator = CorrelationAccumulator(length: x.count)
    accumulator.add(x)
    return accumulator.result()
}

/// The cross-correlation C_xy(m) = 1/(T−m) Σ_k x(k) y(k+m) (y lags x), for lags 0…T−1;
/// C_yx(m) is `crossCorrelation(y, x)`. Both series need the same length.
/// - Complexity: O(T log T).
public func crossCorrelation(_ x: [Double], _ y: [Double]) -> [Double] {
    precondition(x.count == y.count, "series length must match")
    let frames = x.count
    guard frames > 0 else { return [] }
    let plan = FFTPlan(count: FFTPlan.paddedLength(2 * frames))
    let n = plan.count
    var xr = [Double](repeating: 0, count: n), xi = xr, yr = xr, yi = xr
    for t in 0..<frames { xr[t] = x[t]; yr[t] = y[t] }
    plan.forward(real: &xr, imaginary: &xi)
    plan.forward(real: &yr, imaginary: &yi)
    // Σ_k x(k) y(k+m) is the inverse transform of conj(X)·Y.
    var re = [Double](repeating: 0, count: n), im = re
    for k in 0..<n {
        re[k] = xr[k] * yr[k] + xi[k] * yi[k]
        im[k] = xr[k] * yi[k] - xi[k] * yr[k]
    }
    plan.inverse(real: &re, imaginary: &im)
    return (0..<frames).map { re[$0] / Double(frames - $0) }
}

/// Sums the autocorrelations of many real series of one length (e.g. the x, y and z velocity
/// components of every particle), packing two series into one complex FFT.
///
/// ``result()`` is Σ_series C(m) with C as in ``autocorrelation(_:)``; divide by the number of
/// particles for a per-particle function.
/// - Complexity: O(T log T) per two series; memory O(T), independent of the number of series.
public struct CorrelationAccumulator: Sendable {
    /// Frames per series.
    public let length: Int
    private let plan: FFTPlan
    var powerSum: [Double]
    private var scratchReal: [Double]
    private var scratchImaginary: [Double]
    /// Number of series added.
    public internal(set) var seriesCount = 0

    public init(length: Int) {
        precondition(length >= 1)
        self.length = length
        plan = FFTPlan(count: FFTPlan.paddedLength(2 * length))
        powerSum = [Double](repeating: 0, count: plan.count)
        scratchReal = powerSum
        scratchImaginary = powerSum
    }

    /// Adds one series, or two (`b` in the imaginary part of the same transform).
    public mutating func add(_ a: [Double], _ b: [Double]? = nil) {
        precondition(a.count == length && (b?.count ?? length) == length, "series length must match")
        let n = plan.count
        for k in 0..<n { scratchReal[k] = 0; scratchImaginary[k] = 0 }
        for k in 0..<length { scratchReal[k] = a[k] }
        if let b { for k in 0..<length { scratchImaginary[k] = b[k] } }
        plan.forward(real: &scratchReal, imaginary: &scratchImaginary)
        // |A_k|² + |B_k|² = (|Z_k|² + |Z_{n−k}|²) / 2 for z = a + ib with a, b real.
        for k in 0..<n {
            let mirror = (n - k) & (n - 1)
            let zk = scratchReal[k] * scratchReal[k] + scratchImaginary[k] * scratchImaginary[k]
            let zm = scratchReal[mirror] * scratchReal[mirror] + scratchImaginary[mirror] * scratchImaginary[mirror]
            powerSum[k] += 0.5 * (zk + zm)
        }
        seriesCount += b == nil ? 1 : 2
    }

    /// Σ over the added series of C(m), lags 0…length−1.
    public func result() -> [Double] {
        var real = powerSum
        var imaginary = [Double](repeating: 0, count: plan.count)
        plan.inverse(real: &real, imaginary: &imaginary)
        return (0..<length).map { real[$0] / Double(length - $0) }
    }
}
