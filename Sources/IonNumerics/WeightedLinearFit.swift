/// A straight line y = intercept + slope·x fitted by weighted least squares, with the parameter
/// covariance.
///
/// Weights wᵢ = 1/σᵢ² from given standard errors: the covariance is (XᵀWX)⁻¹, valid when the σᵢ
/// are true standard errors; ``reducedChiSquared`` χ²/(n − 2) tests that (≈ 1 expected), and
/// ``scaledSlopeError`` multiplies by √χ²_ν when it is larger than 1 (Birge ratio). Without σᵢ
/// (all weights 1) the errors come from the residuals, s² = χ²/(n − 2).
/// See P. R. Bevington & D. K. Robinson, *Data Reduction and Error Analysis*, 3rd ed. (2003), §6.3.
public struct WeightedLinearFit: Sendable, Codable, Equatable {
    public var slope: Double
    public var intercept: Double
    public var slopeError: Double
    public var interceptError: Double
    /// Covariance of slope and intercept.
    public var covariance: Double
    /// χ² = Σ wᵢ (yᵢ − a − b xᵢ)².
    public var chiSquared: Double
    public var pointCount: Int
    /// Whether the errors come from given σᵢ (true) or from the residuals (false).
    public var errorsGiven: Bool

    /// χ²/(n − 2); NaN with 2 points.
    public var reducedChiSquared: Double { pointCount > 2 ? chiSquared / Double(pointCount - 2) : .nan }
    /// ``slopeError`` × max(1, √χ²_ν) when σᵢ were given; else ``slopeError``.
    public var scaledSlopeError: Double {
        errorsGiven && reducedChiSquared > 1 ? slopeError * reducedChiSquared.squareRoot() : slopeError
    }

    /// Fits `y` against `x`; `sigma` are the standard errors of y (nil: unweighted, errors from
    /// the residuals, needing ≥ 3 points). nil for fewer than 2 distinct x, or a σ ≤ 0.
    /// - Complexity: O(n).
    public init?(x: [Double], y: [Double], sigma: [Double]? = nil) {
        guard x.count == y.count, x.count >= (sigma == nil ? 3 : 2), sigma?.count ?? x.count == x.count else { return nil }
        if let sigma, !sigma.allSatisfy({ $0 > 0 && $0.isFinite }) { return nil }
        let w = sigma?.map { 1 / ($0 * $0) } ?? [Double](repeating: 1, count: x.count)
        var s = 0.0, sx = 0.0, sy = 0.0, sxx = 0.0, sxy = 0.0
        for i in x.indices {
            s += w[i]; sx += w[i] * x[i]; sy += w[i] * y[i]; sxx += w[i] * x[i] * x[i]; sxy += w[i] * x[i] * y[i]
        }
        let delta = s * sxx - sx * sx
        guard delta > 0 else { return nil }
        slope = (s * sxy - sx * sy) / delta
        intercept = (sxx * sy - sx * sxy) / delta
        var chi2 = 0.0
        for i in x.indices { let r = y[i] - intercept - slope * x[i]; chi2 += w[i] * r * r }
        chiSquared = chi2
        pointCount = x.count
        errorsGiven = sigma != nil
        let scale = sigma == nil ? chi2 / Double(x.count - 2) : 1
        slopeError = (scale * s / delta).squareRoot()
        interceptError = (scale * sxx / delta).squareRoot()
        covariance = -scale * sx / delta
    }
}
