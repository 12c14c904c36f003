import IonCore
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
    /// ps, or τ for lj inputs.
    public var timeUnit: PhysicalUnit
    public var warnings: [String]
}

/// A decay C(t) from 1 fitted as exp(−(t/τ)^β) (KWW, β ∈ [0.05, 2]) and as exp(−t/τ)
/// (``fitStretchedExponential(t:c:betaRange:)``, ``fitSingleExponential(t:c:)``); τᵣ = ∫₀^∞ of
/// each is its ``DecayFit/lifetime`` (τΓ(1/β)/β and τ).
public struct RelaxationFits: Codable, Sendable {
    public var stretched: DecayFit?
    public var exponential: DecayFit?
    /// Lags fitted: from 0 to this time (the first lag where C < 0.05, or the window end).
    public var fitEnd: Double

    /// Fits `values` (sampled at `times`) over the lags before it first drops below 0.05; nil with
    /// fewer than 3 such lags.
    init?(_ values: [Double], times: [Double]) {
        let count = values.firstIndex { $0 < 0.05 } ?? values.count
        guard count >= 3 else { return nil }
        let x = Array(times[0..<count]), y = Array(values[0..<count])
        stretched = fitStretchedExponential(t: x, c: y, betaRange: 0.05...2)
        exponential = fitSingleExponential(t: x, c: y)
        fitEnd = x[count - 1]
    }
}
