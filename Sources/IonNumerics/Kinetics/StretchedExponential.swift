import Foundation

/// Mean lifetime of a KWW decay, ⟨τ⟩ = ∫₀^∞ exp[−(t/τ)^β] dt = τΓ(1/β)/β = τΓ(1 + 1/β), in the unit
/// of τ.
/// - SeeAlso: G. Williams, D. C. Watts, Trans. Faraday Soc. 66, 80 (1970), doi:10.1039/TF9706600080.
public func stretchedExponentialMeanLifetime(tau: Double, beta: Double) -> Double {
    tau * tgamma(1 + 1 / beta)
}

/// Initial KWW guess from ln(−ln c) = β ln t − β ln τ by ordinary least squares over the points
/// with 0.05 < c < 0.95 and t > 0 (exact for noise-free data); nil with fewer than two such points.
public func stretchedExponentialGuess(t: [Double], c: [Double]) -> (tau: Double, beta: Double)? {
    var xs: [Double] = [], ys: [Double] = []
    for (x, y) in zip(t, c) where x > 0 && y > 0.05 && y < 0.95 { xs.append(log(x)); ys.append(log(-log(y))) }
    guard let line = LinearFit(x: xs, y: ys), line.slope != 0 else { return nil }
    let beta = line.slope
    return (exp((xs.reduce(0, +) / Double(xs.count)) - (ys.reduce(0, +) / Double(ys.count)) / beta), beta)
}

/// Fits c = exp[−(t/τ)^β] by unweighted least squares in c (τ through ln τ, β ∈ `betaRange`,
/// default [0.05, 1]; widen the upper end to 2 to allow compressed decays). Lifetime τΓ(1 + 1/β).
/// - SeeAlso: Lee et al. 2023, doi:10.1140/epje/s10189-023-00365-9, Fig. A3 (KWW fits of pair ACFs).
/// - Complexity: O(iterations · n).
public func fitStretchedExponential(t: [Double], c: [Double], betaRange: ClosedRange<Double> = 0.05...1) -> DecayFit? {
    guard t.count >= 3, t.count == c.count else { return nil }
    let guess = stretchedExponentialGuess(t: t, c: c) ?? (oneOverETime(t: t, c: c) ?? t[t.count / 2], 0.7)
    let beta0 = min(max(guess.beta, betaRange.lowerBound + 1e-6), betaRange.upperBound - 1e-6)
    return fitDecay(
        .stretchedExponential, names: ["tau", "beta"], t: t, c: c,
        starts: [[log(max(guess.tau, 1e-12)), beta0]],
        lower: [-.infinity, betaRange.lowerBound], upper: [.infinity, betaRange.upperBound],
        function: { x, p in exp(-pow(x / exp(p[0]), p[1])) },
        natural: { [exp($0[0]), $0[1]] },
        lifetime: { stretchedExponentialMeanLifetime(tau: exp($0[0]), beta: $0[1]) })
}

/// Discrete-sum lifetime of a multi-exponential, δtΣ_{n≥0} c(nδt) = δtΣ_k A_k/(1 − e^{−δt/τ_k}),
/// which exceeds the integral Σ A_kτ_k by about δt/2. Times in one unit.
public func multiExponentialDiscreteSum(amplitudes: [Double], times: [Double], step: Double) -> Double {
    zip(amplitudes, times).reduce(0) { $0 + step * $1.0 / -expm1(-step / $1.1) }
}

/// Model-free lifetime estimates of a decay sampled at every lag (c[0] at t = 0, spacing `step`).
public struct ModelFreeLifetime: Sendable, Codable, Equatable {
    /// Trapezoid integral of c from 0 to its first zero (or to the last lag), in the unit of step.
    public var integralToFirstZero: Double
    /// Whether c reached zero; if not, ``integralToFirstZero`` is a lower bound.
    public var reachedZero: Bool
    /// Time at which c first falls to 1/e (linear interpolation); nil if it never does.
    public var oneOverETime: Double?

    /// - Complexity: O(n).
    public init(c: [Double], step: Double) {
        var integral = 0.0, reached = false
        for k in 1..<max(c.count, 1) {
            if c[k] <= 0 {  // stop at the crossing, integrating the last piece to the zero
                let fraction = c[k - 1] / (c[k - 1] - c[k])
                integral += 0.5 * c[k - 1] * fraction * step
                reached = true
                break
            }
            integral += 0.5 * (c[k - 1] + c[k]) * step
        }
        integralToFirstZero = integral; reachedZero = reached
        oneOverETime = IonNumerics.oneOverETime(t: c.indices.map { Double($0) * step }, c: c)
    }
}

/// First t at which c falls to 1/e, interpolating linearly between samples; nil if it never does.
public func oneOverETime(t: [Double], c: [Double]) -> Double? {
    let level = exp(-1.0)
    for k in c.indices where c[k] <= level {
        guard k > 0 else { return t[0] }
        return t[k - 1] + (t[k] - t[k - 1]) * (c[k - 1] - level) / (c[k - 1] - c[k])
    }
    return nil
}
