/// An ordinary least-squares straight line y = slope·x + intercept.
public struct LinearFit: Sendable, Equatable, Codable {
    public var slope: Double
    public var intercept: Double

    /// Fits `y` against `x` (same length, at least two distinct x); nil otherwise.
    /// - Complexity: O(n).
    public init?(x: [Double], y: [Double]) {
        guard x.count == y.count, x.count >= 2 else { return nil }
        let n = Double(x.count)
        let mx = x.reduce(0, +) / n, my = y.reduce(0, +) / n
        var sxx = 0.0, sxy = 0.0
        for k in x.indices { sxx += (x[k] - mx) * (x[k] - mx); sxy += (x[k] - mx) * (y[k] - my) }
        guard sxx > 0 else { return nil }
        slope = sxy / sxx
        intercept = my - slope * mx
    }
}

/// Mean and standard error of the mean (sample standard deviation / √n) of independent
/// samples; the error is nil for fewer than two samples.
public func meanAndStandardError(_ samples: [Double]) -> (mean: Double, error: Double?) {
    guard !samples.isEmpty else { return (.nan, nil) }
    let n = Double(samples.count)
    let mean = samples.reduce(0, +) / n
    guard samples.count >= 2 else { return (mean, nil) }
    let variance = samples.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / (n - 1)
    return (mean, (variance / n).squareRoot())
}
