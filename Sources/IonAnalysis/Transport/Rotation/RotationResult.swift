import Foundation
import IonNumerics

/// Legendre autocorrelations of a molecular axis and their relaxation times.
public struct RotationResult: Codable, Sendable {
    public var tail: String
    public var head: String
    public var molecules: Int
    public var frames: Int
    /// ps (τ for `lj`).
    public var frameInterval: Double
    /// Lags, ps (τ).
    public var times: [Double]
    /// P₁(t) = ⟨u(0)·u(t)⟩.
    public var p1: [Double]
    /// P₂(t) = ⟨P₂(u(0)·u(t))⟩.
    public var p2: [Double]
    public var p1Fit: RelaxationFits?
    public var p2Fit: RelaxationFits?
    /// "ps" or "τ".
    public var timeUnit: String
    public var warnings: [String]
}

/// A decay C(t) from 1 fitted as exp(−(t/τ)^β) (KWW) and as exp(−t/τ), with τ_R = ∫₀^∞ of each.
public struct RelaxationFits: Codable, Sendable {
    /// KWW τ and β with standard errors, and τ_R = τ Γ(1/β)/β, in the unit of t.
    public var kwwTime: Double
    public var kwwTimeError: Double?
    public var kwwExponent: Double
    public var kwwExponentError: Double?
    public var kwwIntegral: Double
    /// Single exponential τ (= its τ_R) and standard error.
    public var exponentialTime: Double
    public var exponentialTimeError: Double?
    /// Lags fitted: from 0 to this time (the first lag where C < 0.05, or the window end).
    public var fitEnd: Double

    /// Fits `values` (sampled at `times`) over the lags before it first drops below 0.05; nil with
    /// fewer than 3 such lags.
    init?(_ values: [Double], times: [Double]) {
        let count = values.firstIndex { $0 < 0.05 } ?? values.count
        guard count >= 3 else { return nil }
        let x = Array(times[0..<count]), y = Array(values[0..<count])
        let last = x[count - 1]
        // 1/e crossing (or the fitted range) as the starting τ.
        let guess = x[y.firstIndex { $0 < exp(-1.0) } ?? count - 1]
        let kww = levenbergMarquardt(x: x, y: y, initial: [max(guess, x[1]), 1], lower: [1e-9 * x[1], 0.05], upper: [.infinity, 2],
                                     model: { t, p in exp(-pow(t / p[0], p[1])) })
        let single = levenbergMarquardt(x: x, y: y, initial: [max(guess, x[1])], lower: [1e-9 * x[1]],
                                        model: { t, p in exp(-t / p[0]) })
        let (tau, beta) = (kww.parameters[0], kww.parameters[1])
        kwwTime = tau; kwwTimeError = kww.standardErrors?[0]
        kwwExponent = beta; kwwExponentError = kww.standardErrors?[1]
        kwwIntegral = tau * tgamma(1 / beta) / beta
        exponentialTime = single.parameters[0]; exponentialTimeError = single.standardErrors?[0]
        fitEnd = last
    }
}
