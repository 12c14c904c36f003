import Foundation

/// Fits the identifiable form of the two-state model (Lee et al. 2023,
/// doi:10.1140/epje/s10189-023-00365-9, appendix A.2),
/// c(t) = A_s e^{−λ_s t} + (1 − A_s) e^{−λ_f t}, through
/// θ = (ln λ_s, ln(λ_f − λ_s), logit A_s) so that 0 < λ_s < λ_f and
/// 0 < A_s < 1 (valid when the origin law is stationary); λ boxed in [1/(100 t_max), 10/δt];
/// initial λ_s and A_s from a regression of ln c on t over 0.02 < c < 0.5; multi-start with
/// λ_f ∈ {3, 10, 30, 100, 300}·λ_s; the smallest loss wins. If A_s runs to 1 the fit is repeated
/// with A_s free in [0, 2] (a "shoulder": pairs that start in the longer-lived state give A_s > 1).
///
/// Reported parameters: λ_s, λ_f (1/unit of t), A_s; lifetime τ = A_s/λ_s + (1 − A_s)/λ_f.
/// Only these three numbers are identifiable from c(t): per-state rates need extra information
/// (``TwoStateIdentification``).
/// - Parameters:
///   - t: lags (log-spaced, in time units), > 0.
///   - c: continuous pair ACF at t.
///   - step: frame interval δt, same unit as t.
///   - weights: 1/s_k² from block averages; nil for all 1 (each decade weighted equally on a log grid).
///   - prefactor: fit c_0·[A_s e^{−λ_s t} + (1 − A_s) e^{−λ_f t}] with c_0 ∈ (0, 1) for sub-frame
///     librations; the lifetime is then c_0·τ.
/// - Complexity: O(starts · iterations · n).
public func fitTwoStateDecay(
    t: [Double], c: [Double], step: Double, weights: [Double]? = nil,
    prefactor: Bool = false
) -> DecayFit? {
    guard t.count >= (prefactor ? 5 : 4), t.count == c.count, step > 0, let tMax = t.last, tMax > 0 else { return nil }
    var xs: [Double] = [], ys: [Double] = []
    for (x, y) in zip(t, c) where y > 0.02 && y < 0.5 { xs.append(x); ys.append(log(y)) }
    var slow0 = 1 / max(oneOverETime(t: t, c: c) ?? tMax, step), amplitude0 = 0.5
    if let line = LinearFit(x: xs, y: ys), line.slope < 0 {
        slow0 = -line.slope; amplitude0 = min(max(exp(line.intercept), 0.02), 0.98)
    }
    let lowRate = log(1 / (100 * tMax)), highRate = log(10 / step)
    slow0 = min(max(slow0, exp(lowRate) * 1.01), exp(highRate) * 0.99)
    let extra: [Double] = prefactor ? [log(0.98 / 0.02)] : []
    let starts = [3.0, 10, 30, 100, 300].map {
        [log(slow0), log(($0 - 1) * slow0), log(amplitude0 / (1 - amplitude0))] + extra
    }
    func rates(_ p: [Double]) -> (Double, Double) { (exp(p[0]), exp(p[0]) + exp(p[1])) }
    func logistic(_ x: Double) -> Double { 1 / (1 + exp(-x)) }
    func scale(_ p: [Double]) -> Double { prefactor ? logistic(p[3]) : 1 }
    let names = ["lambda_slow", "lambda_fast", "A_slow"] + (prefactor ? ["c0"] : [])
    let model: DecayFit.Model = prefactor ? .twoStateWithPrefactor : .twoState
    /// One fit with the amplitude A_s = amplitude(p[2]) bounded by `a`.
    func run(_ amplitude: @escaping (Double) -> Double, _ a: ClosedRange<Double>, _ starts: [[Double]]) -> DecayFit? {
        fitDecay(
            model, names: names, t: t, c: c, weights: weights, starts: starts,
            lower: [lowRate, lowRate, a.lowerBound] + (prefactor ? [-40] : []),
            upper: [highRate, highRate, a.upperBound] + (prefactor ? [40] : []),
            function: { x, p in
                let (s, f) = rates(p), w = amplitude(p[2])
                return scale(p) * (w * exp(-s * x) + (1 - w) * exp(-f * x))
            },
            natural: { p in
                let (s, f) = rates(p); return [s, f, amplitude(p[2])] + (prefactor ? [scale(p)] : [])
            },
            lifetime: { p in
                let (s, f) = rates(p), w = amplitude(p[2]); return scale(p) * (w / s + (1 - w) / f)
            })
    }
    let bounded = run(logistic, -40...40, starts)
    guard let fit = bounded, fit.parameters[2] > 1 - 1e-6 else { return bounded }
    // A_s ran to 1: refit with A_s itself free in [0, 2] (a shoulder: start in the longer-lived state).
    return run(
        { $0 }, 0...2,
        starts.map {
            var q = $0; q[2] = 1; return q
        }) ?? fit
}
