/// A straight line y = intercept + slope·x fitted by generalised least squares, with the
/// covariance of its two parameters.
public struct LineFit: Sendable, Codable, Equatable {
    public var intercept: Double
    public var slope: Double
    /// Variance of the slope and of the intercept, and their covariance, from the supplied data
    /// covariance (GLS) or from the residuals (ordinary least squares).
    public var slopeVariance: Double
    public var interceptVariance: Double
    public var covariance: Double
}

/// Fits y = a + b·x by generalised least squares: minimises (y − Xβ)ᵀ Σ⁻¹ (y − Xβ), giving
/// β = (XᵀΣ⁻¹X)⁻¹ XᵀΣ⁻¹y and Cov(β) = (XᵀΣ⁻¹X)⁻¹ (Aitken 1936; e.g. Kariya & Kurata,
/// *Generalized Least Squares*, Wiley 2004, ch. 2).
///
/// `covariance` is the n × n data covariance, row-major, symmetric positive definite; it is
/// factorised by Cholesky. A relative jitter of 1e-12 of the mean diagonal is added when the
/// factorisation meets a non-positive pivot (covariances of overlapping MSD estimates are nearly
/// singular). Returns nil when fewer than two points are given or Σ cannot be factorised.
/// - Complexity: O(n³) time, O(n²) memory.
public func generalizedLeastSquaresLine(x: [Double], y: [Double], covariance: [Double]) -> LineFit? {
    let n = x.count
    guard n >= 2, y.count == n, covariance.count == n * n else { return nil }
    var jitter = 0.0
    let meanDiagonal = (0..<n).reduce(0) { $0 + covariance[$1 * n + $1] } / Double(n)
    for _ in 0..<8 {
        if let factor = choleskyFactor(covariance, n: n, jitter: jitter) {
            // Whiten: solve L u = x, L v = 1, L w = y; then ordinary least squares on whitened data.
            let ones = [Double](repeating: 1, count: n)
            let u = forwardSubstitute(factor, n: n, ones), v = forwardSubstitute(factor, n: n, x)
            let w = forwardSubstitute(factor, n: n, y)
            var s11 = 0.0, s12 = 0.0, s22 = 0.0, t1 = 0.0, t2 = 0.0
            for i in 0..<n {
                s11 += u[i] * u[i]; s12 += u[i] * v[i]; s22 += v[i] * v[i]
                t1 += u[i] * w[i]; t2 += v[i] * w[i]
            }
            let det = s11 * s22 - s12 * s12
            guard det > 0 else { return nil }
            let a = (s22 * t1 - s12 * t2) / det, b = (s11 * t2 - s12 * t1) / det
            return LineFit(
                intercept: a, slope: b, slopeVariance: s11 / det, interceptVariance: s22 / det,
                covariance: -s12 / det)
        }
        jitter = jitter == 0 ? 1e-12 * meanDiagonal : jitter * 100
    }
    return nil
}

/// Ordinary least squares y = a + b·x, with parameter variances from the residual scatter
/// (n − 2 degrees of freedom; zero variances for two points).
public func ordinaryLeastSquaresLine(x: [Double], y: [Double]) -> LineFit? {
    let n = x.count
    guard n >= 2, y.count == n else { return nil }
    let mx = x.reduce(0, +) / Double(n), my = y.reduce(0, +) / Double(n)
    var sxx = 0.0, sxy = 0.0
    for i in 0..<n { sxx += (x[i] - mx) * (x[i] - mx); sxy += (x[i] - mx) * (y[i] - my) }
    guard sxx > 0 else { return nil }
    let b = sxy / sxx, a = my - b * mx
    var rss = 0.0
    for i in 0..<n { let r = y[i] - a - b * x[i]; rss += r * r }
    let s2 = n > 2 ? rss / Double(n - 2) : 0
    return LineFit(
        intercept: a, slope: b, slopeVariance: s2 / sxx,
        interceptVariance: s2 * (1 / Double(n) + mx * mx / sxx), covariance: -mx * s2 / sxx)
}

/// Lower Cholesky factor L (row-major) of `matrix` + jitter·I, or nil at a non-positive pivot.
func choleskyFactor(_ matrix: [Double], n: Int, jitter: Double) -> [Double]? {
    var l = [Double](repeating: 0, count: n * n)
    for i in 0..<n {
        for j in 0...i {
            var sum = matrix[i * n + j] + (i == j ? jitter : 0)
            for k in 0..<j { sum -= l[i * n + k] * l[j * n + k] }
            if i == j {
                guard sum > 0 else { return nil }
                l[i * n + i] = sum.squareRoot()
            } else {
                l[i * n + j] = sum / l[j * n + j]
            }
        }
    }
    return l
}

/// Solves L z = b for lower-triangular L (row-major).
func forwardSubstitute(_ l: [Double], n: Int, _ b: [Double]) -> [Double] {
    var z = b
    for i in 0..<n {
        var sum = z[i]
        for k in 0..<i { sum -= l[i * n + k] * z[k] }
        z[i] = sum / l[i * n + i]
    }
    return z
}
