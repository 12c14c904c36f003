import Foundation

/// All decay models fitted to one correlation function, the one the data support best, and a
/// model-free fallback when no fit converges.
public struct DecayModelComparison: Sendable, Codable, Equatable {
    /// Fits that returned a result (converged or not; see ``DecayFit/converged``).
    public var fits: [DecayFit]
    /// The converged fit with the smallest AIC; nil when none converged.
    public var preferred: DecayFit.Model?
    /// The converged fit with the smallest BIC.
    public var preferredByBIC: DecayFit.Model?
    /// Model-free estimates from the full-resolution ACF.
    public var modelFree: ModelFreeLifetime
    /// Lifetime reported: the preferred fit's integral, or the model-free integral to the first
    /// zero when no fit converged (``lifetimeSource`` says which), in the time unit.
    public var lifetime: Double
    public var lifetimeSource: String

    /// σ of ``lifetime`` from the preferred fit's covariance (bootstrapped when the shell
    /// lifetimes ran replicates); nil for the model-free fallback.
    public var lifetimeError: Double? {
        preferred.flatMap { model in fits.first { $0.model == model }?.lifetimeError }
    }

    /// Fits single-, double-exponential, KWW and two-state forms (with and without a prefactor) to `c` at the log-spaced `lags`
    /// (frames ≥ 1) of a full-resolution ACF `acf` (acf[0] = 1 at lag 0), frame interval `step`.
    /// - Parameters:
    ///   - weights: optional 1/s² per fitted lag (block averages).
    /// - Complexity: a few hundred Levenberg–Marquardt iterations on `lags.count` points.
    public init(acf: [Double], lags: [Int], step: Double, weights: [Double]? = nil) {
        let t = lags.map { Double($0) * step }, c = lags.map { acf[$0] }
        let fits = DecayFit.Model.allCases.compactMap {
            DecayModelComparison.fit($0, t: t, c: c, step: step, weights: weights)
        }
        self.fits = fits
        let good = fits.filter(\.converged)
        preferred = good.min { $0.aic < $1.aic }?.model
        preferredByBIC = good.min { $0.bic < $1.bic }?.model
        modelFree = ModelFreeLifetime(c: acf, step: step)
        if let best = good.min(by: { $0.aic < $1.aic }) {
            lifetime = best.lifetime; lifetimeSource = "fit: \(best.model.displayName)"
        } else {
            lifetime = modelFree.integralToFirstZero
            lifetimeSource =
                modelFree.reachedZero
                ? "model-free: integral to the first zero (no fit converged)"
                : "model-free: integral to the last lag, a lower bound (no fit converged, ACF never reached zero)"
        }
    }

    /// Fits one model as the comparison does (two exponentials for ``DecayFit/Model/multiExponential``;
    /// `weights` are used by the two-state fit only). t and `step` in one time unit.
    public static func fit(_ model: DecayFit.Model, t: [Double], c: [Double], step: Double, weights: [Double]? = nil)
        -> DecayFit?
    {
        switch model {
        case .singleExponential: return fitSingleExponential(t: t, c: c)
        case .multiExponential: return fitMultiExponential(t: t, c: c, terms: 2)
        case .stretchedExponential: return fitStretchedExponential(t: t, c: c)
        case .twoState: return fitTwoStateDecay(t: t, c: c, step: step, weights: weights)
        case .twoStateWithPrefactor: return fitTwoStateDecay(t: t, c: c, step: step, weights: weights, prefactor: true)
        }
    }
}
