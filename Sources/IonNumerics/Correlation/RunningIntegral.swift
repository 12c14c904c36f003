import Foundation

/// The running integral I(m) = ∫₀^{m·dt} f(t) dt of a function sampled every `dt`, by the
/// trapezoid rule: I(0) = 0, I(m) = I(m−1) + dt·(f(m−1) + f(m))/2. Units: those of f times dt.
/// - Complexity: O(T).
public func runningIntegral(_ f: [Double], dt: Double) -> [Double] {
    guard !f.isEmpty else { return [] }
    var out = [Double](repeating: 0, count: f.count)
    var sum = 0.0
    for m in 1..<f.count {
        sum += 0.5 * dt * (f[m - 1] + f[m])
        out[m] = sum
    }
    return out
}

/// A fit of a running integral to I(t) = I∞ (1 − e^{−t/τ}).
public struct PlateauFit: Sendable, Codable, Equatable {
    /// The plateau I∞, in the units of the integral.
    public var plateau: Double
    /// Its standard error from the fit (least-squares covariance scaled by the residual variance);
    /// nil when the fit is singular.
    public var plateauError: Double?
    /// The relaxation time τ, in the units of t.
    public var time: Double
    public var timeError: Double?
    /// Whether Levenberg–Marquardt converged.
    public var converged: Bool
    /// Lags fitted: t from 0 to this time, in the units of t.
    public var fitEnd: Double
}

/// Fits I(t) ≈ I∞ (1 − e^{−t/τ}) to a running integral (the plateau estimate of a Green–Kubo
/// integral; Zhang, Otani & Maginn, J. Chem. Theory Comput. 11, 3537 (2015),
/// doi:10.1021/acs.jctc.5b00351, fit a double exponential the same way) by ``levenbergMarquardt``.
///
/// Starting values: I∞ from the mean of the last quarter, τ from the first lag where |I| reaches
/// (1 − 1/e)·|I∞|. τ is kept between 0 and the last fitted time (a longer τ would extrapolate
/// a plateau the integral never reaches).
/// - Parameters:
///   - integral: I(m), m = 0…, sampled every `dt` (any units).
///   - points: fit lags 0..<points (default all).
/// - Returns: nil when fewer than 3 points or the integral is all zero.
/// - Complexity: O(iterations × points).
public func fitExponentialPlateau(_ integral: [Double], dt: Double, points: Int? = nil) -> PlateauFit? {
    let n = min(points ?? integral.count, integral.count)
    guard n >= 3, dt > 0 else { return nil }
    let y = Array(integral[0..<n])
    let x = (0..<n).map { Double($0) * dt }
    let tail = y[(3 * n / 4)...]
    let guess = tail.reduce(0, +) / Double(tail.count)
    guard guess != 0, guess.isFinite else { return nil }
    let reach = y.firstIndex { abs($0) >= (1 - exp(-1.0)) * abs(guess) } ?? n / 4
    let tau0 = max(Double(reach), 1) * dt
    let fit = levenbergMarquardt(
        x: x, y: y, initial: [guess, min(tau0, x[n - 1])], lower: [-.infinity, 1e-6 * dt],
        upper: [.infinity, x[n - 1]], model: { t, p in p[0] * (1 - exp(-t / p[1])) })
    return PlateauFit(
        plateau: fit.parameters[0], plateauError: fit.standardErrors?[0],
        time: fit.parameters[1], timeError: fit.standardErrors?[1],
        converged: fit.converged, fitEnd: x[n - 1])
}
