import Foundation

/// One fitted model of a decaying correlation function c(t) (a pair ACF), with what a user
/// needs to judge it: parameters with standard errors, the lifetime ∫₀^∞ c dt, residuals, AIC/BIC.
public struct DecayFit: Sendable, Codable, Equatable {
    public enum Model: String, Sendable, Codable, CaseIterable {
        /// c = e^{−t/τ}.
        case singleExponential
        /// c = Σ_k A_k e^{−t/τ_k}, A_k ≥ 0.
        case multiExponential
        /// c = exp[−(t/τ)^β] (Kohlrausch–Williams–Watts).
        case stretchedExponential
        /// c = A_s e^{−λ_s t} + (1 − A_s) e^{−λ_f t}: the identifiable form of the two-state model.
        case twoState
        /// c = c_0·[A_s e^{−λ_s t} + (1 − A_s) e^{−λ_f t}], c_0 < 1 absorbing sub-frame librations.
        case twoStateWithPrefactor
    }
    public var model: Model
    /// Names of ``parameters`` (times in the unit of the fitted t, rates in its inverse).
    public var parameterNames: [String]
    public var parameters: [Double]
    /// Standard errors from the fit covariance (delta method through the internal
    /// parameterisation); nil when the covariance is singular.
    public var standardErrors: [Double]?
    /// ∫₀^∞ c dt, in the unit of t.
    public var lifetime: Double
    /// Standard error of ``lifetime`` from the fit covariance (delta method); a bootstrap over pairs
    /// replaces it where the caller has one.
    public var lifetimeError: Double?
    /// c_k − model(t_k) at the fitted points.
    public var residuals: [Double]
    public var chiSquared: Double
    public var aic: Double
    public var bic: Double
    /// Whether the minimiser converged, the result is finite and the lifetime is below 10× the
    /// longest fitted lag (a longer one is an extrapolation the data do not support).
    public var converged: Bool
    /// Why the fit is not accepted, when ``converged`` is false.
    public var note: String?
}

/// Fits `internalModel` with ``levenbergMarquardt`` and maps the result to natural parameters.
/// - Parameters:
///   - natural: internal parameters → reported parameters.
///   - lifetime: internal parameters → ∫c dt.
func fitDecay(
    _ model: DecayFit.Model, names: [String], t: [Double], c: [Double], weights: [Double]? = nil, starts: [[Double]],
    lower: [Double]? = nil, upper: [Double]? = nil,
    function: @escaping (Double, [Double]) -> Double,
    natural: ([Double]) -> [Double], lifetime: ([Double]) -> Double
) -> DecayFit? {
    var best: CurveFitResult?
    for start in starts {
        let fit = levenbergMarquardt(
            x: t, y: c, weights: weights, initial: start, lower: lower, upper: upper,
            maxIterations: 400, tolerance: 1e-12, model: function)
        guard fit.chiSquared.isFinite else { continue }
        if best == nil || fit.chiSquared < best!.chiSquared { best = fit }
    }
    guard let fit = best else { return nil }
    let p = fit.parameters
    let values = natural(p)
    var errors: [Double]?, lifetimeError: Double?
    if let covariance = fit.covariance {
        let k = p.count
        func propagate(_ f: ([Double]) -> [Double]) -> [Double] {
            let f0 = f(p)
            var gradients = [[Double]](repeating: [Double](repeating: 0, count: k), count: f0.count)
            for j in 0..<k {
                var q = p
                let h = 1e-6 * max(abs(p[j]), 1e-3)
                q[j] += h
                let f1 = f(q)
                for i in f0.indices { gradients[i][j] = (f1[i] - f0[i]) / h }
            }
            return gradients.map { g in
                var v = 0.0
                for a in 0..<k { for b in 0..<k { v += g[a] * covariance[a * k + b] * g[b] } }
                return max(0, v).squareRoot()
            }
        }
        errors = propagate(natural)
        lifetimeError = propagate { [lifetime($0)] }[0]
    }
    let tau = lifetime(p)
    let residuals = zip(t, c).map { $1 - function($0, p) }
    let longest = t.last ?? 0
    var note: String?
    if !(fit.converged && fit.chiSquared.isFinite) {
        note = "the minimiser did not converge"
    } else if !(tau.isFinite && values.allSatisfy(\.isFinite)) {
        note = "non-finite parameters"
    } else if !(tau < 10 * longest) {
        note = "lifetime beyond 10× the longest fitted lag: an extrapolation"
    }
    return DecayFit(
        model: model, parameterNames: names, parameters: values, standardErrors: errors,
        lifetime: tau, lifetimeError: lifetimeError, residuals: residuals,
        chiSquared: fit.chiSquared, aic: fit.aic, bic: fit.bic,
        converged: note == nil, note: note)
}

/// Fits c = e^{−t/τ} (τ > 0 through ln τ), unweighted, starting from the 1/e time.
/// - Parameters: t in any time unit (log-spaced lags recommended); c the ACF at t.
/// - Complexity: O(iterations · n).
public func fitSingleExponential(t: [Double], c: [Double]) -> DecayFit? {
    guard t.count >= 2, t.count == c.count else { return nil }
    let guess = oneOverETime(t: t, c: c) ?? t[t.count / 2]
    return fitDecay(
        .singleExponential, names: ["tau"], t: t, c: c, starts: [[log(max(guess, 1e-12))]],
        function: { x, p in exp(-x / exp(p[0])) }, natural: { [exp($0[0])] }, lifetime: { exp($0[0]) })
}

/// Fits c = Σ_{k=1}^{terms} A_k e^{−t/τ_k} (A_k ≥ 0, τ_k > 0 through ln τ_k), unweighted, from
/// several spreads of τ over the fitted range. Lifetime = Σ A_kτ_k (the integral, not the
/// discrete sum δtΣc(nδt) ≈ integral + δt/2).
/// - SeeAlso: Shayestehpour & Zahn 2024, doi:10.1063/5.0232631, eq. 11 (lifetime from a
///   poly-exponential fit).
public func fitMultiExponential(t: [Double], c: [Double], terms: Int = 2) -> DecayFit? {
    guard terms >= 1, t.count > 2 * terms, t.count == c.count, let tMin = t.first(where: { $0 > 0 }), let tMax = t.last
    else { return nil }
    var starts: [[Double]] = []
    for widen in [1.0, 0.3, 3.0] {
        var start: [Double] = []
        for k in 0..<terms {
            let fraction = terms == 1 ? 0.5 : Double(k) / Double(terms - 1)
            start.append(1 / Double(terms))
            start.append(log(tMin * widen) + fraction * (log(tMax) - log(tMin * widen)))
        }
        starts.append(start)
    }
    let lower = (0..<2 * terms).map { $0 % 2 == 0 ? 0 : -Double.infinity }
    let names = (1...terms).flatMap { ["A\($0)", "tau\($0)"] }
    return fitDecay(
        .multiExponential, names: names, t: t, c: c, starts: starts, lower: lower,
        function: { x, p in
            var s = 0.0
            for k in 0..<terms { s += p[2 * k] * exp(-x / exp(p[2 * k + 1])) }
            return s
        },
        natural: { p in  // terms ordered by τ, so replicates do not swap labels
            let order = (0..<terms).sorted { p[2 * $0 + 1] < p[2 * $1 + 1] }
            var out: [Double] = []
            for k in order { out.append(p[2 * k]); out.append(exp(p[2 * k + 1])) }
            return out
        },
        lifetime: { p in (0..<terms).reduce(0) { $0 + p[2 * $1] * exp(p[2 * $1 + 1]) } })
}

extension DecayFit.Model {
    /// The model's name as a reader knows it.
    public var displayName: String {
        switch self {
        case .singleExponential: "exponential"
        case .multiExponential: "two exponentials"
        case .stretchedExponential: "stretched exponential (KWW)"
        case .twoState: "two-state"
        case .twoStateWithPrefactor: "two-state with prefactor"
        }
    }
}
