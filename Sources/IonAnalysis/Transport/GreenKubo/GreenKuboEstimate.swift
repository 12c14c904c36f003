import IonCore
import IonNumerics

/// A Green–Kubo transport coefficient: the plateau of the running integral of a time correlation
/// function, fitted as I(t) = I∞ (1 − e^{−t/τ}) (``fitExponentialPlateau(_:dt:points:)``), with
/// two uncertainties: the fit's standard error and the standard error of the plateaus fitted to
/// consecutive blocks of the run. Units are named in ``unit``.
public struct GreenKuboEstimate: Codable, Sendable, Equatable {
    /// The fitted plateau, in ``unit``.
    public var value: Double
    /// Standard error of the plateau from the fit, in ``unit``; nil when the fit is singular.
    public var fitError: Double?
    /// Standard error over ``blocks`` blocks (std/√n), in ``unit``; nil with fewer than 2 blocks.
    public var blockError: Double?
    /// Blocks behind ``blockError``.
    public var blocks: Int
    /// The running integral at the end of the window, in ``unit`` (the unfitted estimate).
    public var integralAtWindowEnd: Double
    /// Relaxation time τ of the fit, ps (τ for LAMMPS `lj`).
    public var relaxationTime: Double
    /// Whether the plateau fit converged — never for an under-resolved correlation.
    public var converged: Bool
    public var unit: PhysicalUnit
    /// C(Δt)/C(0) of an autocorrelation: how far it decays within one frame interval (nil for
    /// cross-correlations and a vanishing C(0)). Below ``GreenKuboEstimate/resolvedDecay`` the
    /// frames are too far apart to integrate it (``underResolved``).
    public var firstLagDecay: Double?

    /// C(Δt)/C(0) below which an autocorrelation is under-resolved: the trapezoid integral is then
    /// dominated by its first interval, biased by up to Δt·C(0)/2. On the primitive-model fixture
    /// (cations' VACF) frames 0.05, 0.1 and 0.2 τ apart give C(Δt)/C(0) = 0.71, 0.27 and −0.01
    /// and D_GK = 0.0711, 0.0717 and 0.0937 σ²/τ against the MSD's 0.0719 ± 0.0011.
    public static let resolvedDecay = 0.2
    /// Below this the correlation is resolved but coarsely; a warning says so.
    public static let wellResolvedDecay = 0.5

    /// Whether the frames are too far apart to integrate the correlation.
    public var underResolved: Bool { (firstLagDecay ?? 1) < Self.resolvedDecay }

    /// What to tell the user about the sampling of `what` every `dt`, if anything.
    public func resolutionWarning(_ what: String, dt: Double, timeUnit: PhysicalUnit) -> String? {
        guard let r = firstLagDecay, r < Self.wellResolvedDecay else { return nil }
        let ratio = String(format: "%.2f", r)
        if r < Self.resolvedDecay {
            return
                "\(what) falls to \(ratio) of its initial value within one frame interval (\(dt) \(timeUnit)): the frames are too far apart to integrate it, so its Green–Kubo value is not trustworthy (not converged); save velocities more often (at least 4 frames per decay)"
        }
        return
            "\(what) falls to \(ratio) of its initial value within one frame interval (\(dt) \(timeUnit)): coarsely resolved; compare with the Einstein value, or save velocities more often"
    }

    /// The larger of the two uncertainties (what to quote), in ``unit``.
    public var uncertainty: Double? {
        switch (fitError, blockError) {
        case let (a?, b?): max(a, b)
        case let (a, b): a ?? b
        }
    }

    /// The same estimate with every value multiplied by `factor`, in `unit`.
    public func scaled(by factor: Double, unit: PhysicalUnit) -> GreenKuboEstimate {
        var copy = self
        copy.value *= factor; copy.integralAtWindowEnd *= factor
        copy.fitError = fitError.map { abs($0 * factor) }; copy.blockError = blockError.map { abs($0 * factor) }
        copy.unit = unit
        return copy
    }

    /// Integrates `correlation` (sampled every `dt` ps over the window), multiplied by `factor`,
    /// and fits its plateau; the same for each of `blockCorrelations` for the block error.
    /// - Returns: the estimate and the running integral (× `factor`).
    /// - Throws: ``InputError`` when the running integral cannot be fitted.
    static func estimate(
        _ correlation: [Double], blocks blockCorrelations: [[Double]], dt: Double,
        factor: Double, unit: PhysicalUnit, what: String, autocorrelation: Bool = true
    ) throws -> (GreenKuboEstimate, [Double]) {
        let decay =
            autocorrelation && correlation.count >= 2 && correlation[0] > 0 ? correlation[1] / correlation[0] : nil
        let integral = runningIntegral(correlation, dt: dt).map { $0 * factor }
        if integral.allSatisfy({ $0 == 0 }) {  // a correlation that vanishes: the coefficient is exactly 0
            return (
                GreenKuboEstimate(
                    value: 0, fitError: 0, blockError: blockCorrelations.count >= 2 ? 0 : nil,
                    blocks: blockCorrelations.count, integralAtWindowEnd: 0, relaxationTime: 0,
                    converged: true, unit: unit, firstLagDecay: nil), integral
            )
        }
        guard let fit = fitExponentialPlateau(integral, dt: dt) else {
            throw InputError(
                "the running integral of \(what) is zero or shorter than 3 lags: no Green–Kubo plateau (use more frames or a longer window)"
            )
        }
        let blockPlateaus = blockCorrelations.map { block -> Double in
            let running = runningIntegral(block, dt: dt).map { $0 * factor }
            return running.allSatisfy { $0 == 0 }
                ? 0 : fitExponentialPlateau(running, dt: dt)?.plateau ?? running.last ?? 0
        }
        let spread = blockPlateaus.count >= 2 ? meanAndStandardError(blockPlateaus).error : nil
        let estimate = GreenKuboEstimate(
            value: fit.plateau, fitError: fit.plateauError, blockError: spread,
            blocks: blockCorrelations.count, integralAtWindowEnd: integral.last ?? 0,
            relaxationTime: fit.time, converged: fit.converged && (decay ?? 1) >= resolvedDecay, unit: unit,
            firstLagDecay: decay)
        return (estimate, integral)
    }

    /// The convergence view: the plateau (fit error only) from the first ¼, ½, ¾ and all of
    /// `frames`, with `correlation(range)` the correlation function of those frames.
    static func convergence(
        frames: Int, dt: Double, factor: Double, unit: PhysicalUnit, what: String,
        _ correlation: (Range<Int>) -> [Double]
    ) throws -> [ConvergencePoint] {
        try [1, 2, 3, 4].map { quarter in
            let used = frames * quarter / 4
            let (partial, _) = try estimate(
                correlation(0..<used), blocks: [], dt: dt, factor: factor, unit: unit,
                what: "\(what) of the first \(used) frames")
            return ConvergencePoint(frames: used, value: partial.value, fitError: partial.fitError)
        }
    }
}

/// An estimate from the first `frames` frames of a run: the convergence view (does the value
/// settle as more of the trajectory is used?).
public struct ConvergencePoint: Codable, Sendable, Equatable {
    public var frames: Int
    /// The plateau, in the unit of the estimate it belongs to.
    public var value: Double
    public var fitError: Double?
}
