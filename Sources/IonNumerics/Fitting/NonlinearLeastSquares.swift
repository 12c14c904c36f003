import Foundation

/// Result of a nonlinear least-squares fit.
public struct CurveFitResult: Sendable, Codable, Equatable {
    /// Best-fit parameters, in the order of the model's parameter vector.
    public var parameters: [Double]
    /// Standard errors from the covariance s²·(JᵀWJ)⁻¹ (s² = χ²/(n − k); with weights that are
    /// true inverse variances use ``covariance`` scaled back by 1/s² instead). nil when singular.
    public var standardErrors: [Double]?
    /// Parameter covariance, row-major k×k; nil when JᵀWJ is singular.
    public var covariance: [Double]?
    /// Σ wᵢ (yᵢ − f(xᵢ))².
    public var chiSquared: Double
    /// Points fitted.
    public var pointCount: Int
    /// Whether the relative change of χ² and of the parameters fell below the tolerance.
    public var converged: Bool
    public var iterations: Int

    /// Akaike information criterion for Gaussian residuals, n·ln(χ²/n) + 2k.
    public var aic: Double {
        let n = Double(pointCount), k = Double(parameters.count)
        return n * log(max(chiSquared, .leastNormalMagnitude) / n) + 2 * k
    }
    /// Bayesian information criterion, n·ln(χ²/n) + k·ln n.
    public var bic: Double {
        let n = Double(pointCount), k = Double(parameters.count)
        return n * log(max(chiSquared, .leastNormalMagnitude) / n) + k * log(n)
    }
}

/// Levenberg–Marquardt minimisation of Σ wᵢ (yᵢ − f(xᵢ; p))² with a forward-difference Jacobian.
///
/// Parameters may be kept inside bounds (`lower`/`upper`): a step that leaves them is clipped to
/// the bound. The damping follows Marquardt's scaling by diag(JᵀWJ); convergence is declared when
/// the relative decrease of χ² and the relative parameter step are both below `tolerance`.
/// - Parameters:
///   - model: f(x; p).
///   - weights: wᵢ (1/σᵢ²); nil for all 1.
/// - Complexity: O(iterations · n · k²) plus k model evaluations per iteration per point.
/// - SeeAlso: D. W. Marquardt, J. Soc. Ind. Appl. Math. 11, 431 (1963), doi:10.1137/0111030;
///   W. H. Press et al., *Numerical Recipes*, 3rd ed. (2007), §15.5.
public func levenbergMarquardt(
    x: [Double], y: [Double], weights: [Double]? = nil, initial: [Double],
    lower: [Double]? = nil, upper: [Double]? = nil,
    maxIterations: Int = 200, tolerance: Double = 1e-10,
    model: (_ x: Double, _ parameters: [Double]) -> Double
) -> CurveFitResult {
    precondition(x.count == y.count && (weights?.count ?? x.count) == x.count)
    let n = x.count, k = initial.count
    let w = weights ?? [Double](repeating: 1, count: n)
    func clamp(_ p: [Double]) -> [Double] {
        (0..<k).map { i in min(max(p[i], lower?[i] ?? -.infinity), upper?[i] ?? .infinity) }
    }
    func chi2(_ p: [Double]) -> Double {
        var s = 0.0
        for i in 0..<n { let r = y[i] - model(x[i], p); s += w[i] * r * r }
        return s.isFinite ? s : .infinity
    }
    func jacobian(_ p: [Double], _ f0: [Double]) -> [Double] {  // n×k row-major
        var jac = [Double](repeating: 0, count: n * k)
        for j in 0..<k {
            var q = p
            var h = 1e-7 * max(abs(p[j]), 1e-6)
            if let u = upper?[j], q[j] + h > u { h = -h }
            q[j] += h
            for i in 0..<n { jac[i * k + j] = (model(x[i], q) - f0[i]) / h }
        }
        return jac
    }
    var p = clamp(initial)
    var current = chi2(p)
    var lambda = 1e-3
    var converged = false
    var iteration = 0
    var normal = [Double](repeating: 0, count: k * k)
    while iteration < maxIterations && !converged {
        iteration += 1
        let f0 = x.map { model($0, p) }
        let jac = jacobian(p, f0)
        var gradient = [Double](repeating: 0, count: k)
        for a in 0..<k * k { normal[a] = 0 }
        for i in 0..<n {
            let r = y[i] - f0[i]
            for a in 0..<k {
                let ja = jac[i * k + a] * w[i]
                gradient[a] += ja * r
                for b in 0...a { normal[a * k + b] += ja * jac[i * k + b] }
            }
        }
        for a in 0..<k { for b in 0..<a { normal[b * k + a] = normal[a * k + b] } }
        var improved = false
        while lambda < 1e12 {
            var damped = normal
            for a in 0..<k { damped[a * k + a] += lambda * max(normal[a * k + a], 1e-300) }
            guard let step = solveSymmetric(damped, gradient, n: k) else { lambda *= 10; continue }
            let trial = clamp((0..<k).map { p[$0] + step[$0] })
            let value = chi2(trial)
            if value <= current {
                let relativeStep = (0..<k).map { abs(trial[$0] - p[$0]) / max(abs(p[$0]), 1e-12) }.max() ?? 0
                converged =
                    (current - value) <= tolerance * max(current, 1e-300) && relativeStep < 1e-6
                    || current == 0
                p = trial; current = value; lambda = max(lambda / 10, 1e-12); improved = true
                break
            }
            lambda *= 10
        }
        if !improved { converged = true; break }  // no downhill step at any damping: a minimum
    }
    // Covariance at the optimum.
    let f0 = x.map { model($0, p) }
    let jac = jacobian(p, f0)
    for a in 0..<k * k { normal[a] = 0 }
    for i in 0..<n { for a in 0..<k { for b in 0..<k { normal[a * k + b] += w[i] * jac[i * k + a] * jac[i * k + b] } } }
    let scale = n > k ? current / Double(n - k) : .nan
    var covariance: [Double]?
    if let inverse = invertSymmetric(normal, n: k) { covariance = inverse.map { $0 * scale } }
    let errors = covariance.map { c in (0..<k).map { sqrt(max(0, c[$0 * k + $0])) } }
    return CurveFitResult(
        parameters: p, standardErrors: errors, covariance: covariance, chiSquared: current,
        pointCount: n, converged: converged && current.isFinite, iterations: iteration)
}

/// Solves A·x = b for symmetric positive-definite A (n×n, row-major) by Cholesky; nil when not
/// positive definite.
public func solveSymmetric(_ a: [Double], _ b: [Double], n: Int) -> [Double]? {
    guard let l = choleskyFactor(a, n: n, jitter: 0) else { return nil }
    let z = forwardSubstitute(l, n: n, b)
    var x = [Double](repeating: 0, count: n)
    for i in stride(from: n - 1, through: 0, by: -1) {
        var s = z[i]
        for j in (i + 1)..<max(i + 1, n) { s -= l[j * n + i] * x[j] }
        x[i] = s / l[i * n + i]
    }
    return x.allSatisfy(\.isFinite) ? x : nil
}

/// Inverse of a symmetric positive-definite matrix, or nil.
func invertSymmetric(_ a: [Double], n: Int) -> [Double]? {
    var inverse = [Double](repeating: 0, count: n * n)
    for column in 0..<n {
        var e = [Double](repeating: 0, count: n); e[column] = 1
        guard let x = solveSymmetric(a, e, n: n) else { return nil }
        for row in 0..<n { inverse[row * n + column] = x[row] }
    }
    return inverse
}
