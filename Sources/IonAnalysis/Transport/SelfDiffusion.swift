import IonNumerics

/// One estimate of a diffusion coefficient with its standard uncertainty.
public struct DiffusionEstimate: Sendable, Codable, Equatable {
    /// D, Å²/ps (σ²/τ in LAMMPS `lj` units).
    public var value: Double
    /// One standard deviation, same unit.
    public var uncertainty: Double
    /// How it was obtained.
    public var method: String
    public init(value: Double, uncertainty: Double, method: String) {
        self.value = value; self.uncertainty = uncertainty; self.method = method
    }
}

/// Self-diffusion coefficient from the Einstein relation MSD(t) = a + 2·d·D·t (d = 3, or 1 per
/// axis), fitted over the diffusive window.
public struct SelfDiffusionResult: Sendable, Codable {
    public var particleCount: Int
    /// The primary estimate: generalised least squares with the random-walk covariance.
    public var coefficient: DiffusionEstimate
    /// The same D and σ in m²/s (nil for reduced units).
    public var coefficientSI: Double?
    public var uncertaintySI: Double?
    /// Unit of ``DiffusionEstimate/value``: "Å²/ps" or "σ²/τ".
    public var unit: String
    /// Block average over independent segments of the trajectory, when the window fits in a block.
    public var blockAverage: DiffusionEstimate?
    /// D along x, y and z (GLS, 1-dimensional covariance).
    public var components: [DiffusionEstimate]
    /// Fitted intercept a, Å², and its σ.
    public var intercept: Double
    public var interceptUncertainty: Double
    /// The fit window: lags in frames and times in ps; "automatic" or "user".
    public var window: DiffusiveWindow
    public var windowStart: Double
    public var windowEnd: Double
    public var windowChoice: String
    /// Number of MSD points used in the GLS fit.
    public var fitPoints: Int
    /// Whether the log-log slope of the MSD reaches 1 within tolerance.
    public var diffusive: Bool
    /// Yeh–Hummer finite-size correction, when temperature and viscosity were given.
    public var finiteSize: YehHummerCorrection?
    public var warnings: [String]
}

/// Options of ``SelfDiffusion/estimate(_:msd:options:)``.
public struct SelfDiffusionOptions: Sendable {
    /// Fit window in ps (σ units: τ); nil picks it from the local log-log slope.
    public var fitStart: Double?
    public var fitEnd: Double?
    /// Allowed |d log MSD / d log t − 1| in the automatic window.
    public var slopeTolerance = 0.15
    /// Independent segments for the block average.
    public var blocks = 5
    /// Most MSD points in one GLS fit (evenly spaced over the window).
    public var maxFitPoints = 64
    /// Reduced (LAMMPS lj) units: no SI conversion; Yeh–Hummer in reduced units (k_B = 1).
    public var reducedUnits = false
    /// Temperature, K (reduced for lj), viscosity, Pa·s (reduced for lj) and its σ, for Yeh–Hummer.
    public var temperature: Double?
    public var viscosity: Double?
    public var viscosityUncertainty: Double?
    public init() {}
}

public enum SelfDiffusion {
    /// The primary method, as named in results.
    public static let glsMethod =
        "GLS with the exact covariance of all-origin MSD estimates of a random walk (kinisi-style, scaled by the fitted D)"

    /// Fits the Einstein relation to `msd` (every lag of `series`, as from
    /// ``MeanSquaredDisplacement/compute(_:selection:particles:drift:)``).
    ///
    /// Primary uncertainty: generalised least squares with the analytic covariance of all-origin
    /// MSD estimates of a Gaussian random walk of P independent particles
    /// (``randomWalkMSDCovariance(lags:frames:dimensions:)``), scaled by s⁴/P with s² = 2DΔt from
    /// the fitted D (the GLS slope does not depend on the scale, so this is self-consistent in one
    /// step). Second opinion: block averaging, the trajectory cut into `blocks` independent
    /// segments, each fitted by OLS over the same window, D = mean, σ = std/√n. Returns nil when
    /// frame times are unknown or there are fewer than 4 frames.
    /// - Complexity: O(L² · window) for the covariance (L ≤ maxFitPoints), O(L³) for the fit,
    ///   plus O(P · T log T) for the block MSDs.
    public static func estimate(
        _ series: ParticleSeries, msd result: MSDResult,
        options: SelfDiffusionOptions = SelfDiffusionOptions()
    ) -> SelfDiffusionResult? {
        guard let times = series.times, series.frameCount >= 4, result.lags.count == series.frameCount else {
            return nil
        }
        let frames = series.frameCount
        let dt = times[1] - times[0]
        guard dt > 0 else { return nil }
        var warnings: [String] = []
        let window: DiffusiveWindow
        let choice: String
        if options.fitStart != nil || options.fitEnd != nil {
            let start = max(1, Int(((options.fitStart ?? dt) / dt).rounded()))
            let requestedEnd = Int(((options.fitEnd ?? times[frames - 1] / 2) / dt).rounded())
            let end = min(frames - 1, requestedEnd)
            // A window changed from what was asked is said, never done silently.
            if requestedEnd > frames - 1 {
                warnings.append(
                    "the fit window's end \(options.fitEnd ?? 0) lies beyond the run's longest lag \(times[frames - 1]); the fit ends there"
                )
            }
            if start >= end {
                warnings.append(
                    "the fit window starts at or after its end (lags \(start)…\(end) of \(frames - 1)); it was widened to two lags"
                )
            }
            window = DiffusiveWindow.fixed(
                msd: result.msd, startLag: min(start, max(1, end - 1)), endLag: max(end, start + 1),
                tolerance: options.slopeTolerance)
            choice = "user"
        } else {
            window = DiffusiveWindow.find(msd: result.msd, tolerance: options.slopeTolerance)
            choice = "automatic"
        }
        let unit = options.reducedUnits ? "σ²/τ" : "Å²/ps"
        if !window.diffusive {
            warnings.append(
                String(
                    format:
                        "no diffusive regime: the local slope d log MSD / d log t in the window is %.2f–%.2f (%.2f at the longest usable lag), not 1 ± %.2f; D is not a diffusion coefficient here, run longer",
                    window.slopeRange.lowerBound, window.slopeRange.upperBound, window.finalSlope,
                    options.slopeTolerance))
        }
        let lags = fitLags(window.startLag...min(window.endLag, frames - 1), most: options.maxFitPoints)
        let p = Double(series.particleCount)
        var curvature: Double?
        func gls(_ y: [Double], dimensions: Int) -> (DiffusionEstimate, LineFit)? {
            let x = lags.map { Double($0) * dt }
            let values = lags.map { y[$0] }
            let covariance = randomWalkMSDCovariance(lags: lags, frames: frames, dimensions: dimensions)
            guard
                var fit = generalizedLeastSquaresLine(x: x, y: values, covariance: covariance)
                    ?? ordinaryLeastSquaresLine(x: x, y: values)
            else { return nil }
            // Scale: step variance per dimension s² = 2DΔt = slope·Δt/d; Cov × s⁴/P.
            let s2 = abs(fit.slope) * dt / Double(dimensions)
            let scale = s2 * s2 / p
            fit.slopeVariance *= scale; fit.interceptVariance *= scale; fit.covariance *= scale
            if dimensions == 3 {
                curvature = hausmanStatistic(x: x, y: values, covariance: covariance, scale: scale, gls: fit)
            }
            let d = fit.slope / Double(2 * dimensions)
            return (
                DiffusionEstimate(
                    value: d, uncertainty: fit.slopeVariance.squareRoot() / Double(2 * dimensions),
                    method: glsMethod), fit
            )
        }
        guard let (primary, fit) = gls(result.msd, dimensions: 3) else { return nil }
        if let z = curvature, z > 3 {
            warnings.append(
                "the MSD is not straight over the fit window: ordinary and generalised least squares differ by "
                    + String(format: "%.1f", z)
                    + " standard deviations of their difference (a random walk gives less than 3 in 997 of 1000 runs); "
                    + "the GLS σ understates the error — choose a later fit start or check the block average")
        }
        let components = [result.msdX, result.msdY, result.msdZ].compactMap { gls($0, dimensions: 1)?.0 }
        let blocks = blockAverage(series, window: window, blocks: options.blocks)
        if blocks == nil {
            warnings.append(
                "block average not available: the fit window (\(window.endLag) frames) is longer than half a block of \(frames / max(options.blocks, 1)) frames"
            )
        }
        var finiteSize: YehHummerCorrection?
        if let temperature = options.temperature, let viscosity = options.viscosity, let volume = series.meanVolume {
            finiteSize = YehHummerCorrection(
                diffusion: primary, temperature: temperature, viscosity: viscosity,
                viscosityUncertainty: options.viscosityUncertainty ?? 0,
                volume: volume, isCubic: series.isCubic, reducedUnits: options.reducedUnits)
        } else if options.temperature != nil || options.viscosity != nil {
            warnings.append("the Yeh–Hummer correction needs --temperature, --viscosity and a periodic cell")
        }
        return SelfDiffusionResult(
            particleCount: series.particleCount, coefficient: primary,
            coefficientSI: options.reducedUnits ? nil : primary.value * TransportUnits.squareAngstromPerPicosecond,
            uncertaintySI: options.reducedUnits
                ? nil : primary.uncertainty * TransportUnits.squareAngstromPerPicosecond,
            unit: unit, blockAverage: blocks, components: components,
            intercept: fit.intercept, interceptUncertainty: fit.interceptVariance.squareRoot(),
            window: window, windowStart: Double(window.startLag) * dt, windowEnd: Double(window.endLag) * dt,
            windowChoice: choice, fitPoints: lags.count, diffusive: window.diffusive, finiteSize: finiteSize,
            warnings: warnings)
    }

    /// Hausman's test of the straight-line model: on a random walk both OLS and GLS estimate the
    /// same slope and Var(b_OLS − b_GLS) = Var(b_OLS) − Var(b_GLS) (GLS is efficient), with
    /// Var(b_OLS) = wᵀCw for the OLS weights wᵢ = (xᵢ − x̄)/Sₓₓ. Returns |b_OLS − b_GLS| over the
    /// standard deviation of the difference.
    /// - SeeAlso: J. A. Hausman, Econometrica 46, 1251 (1978), doi:10.2307/1913827.
    static func hausmanStatistic(x: [Double], y: [Double], covariance: [Double], scale: Double, gls: LineFit) -> Double?
    {
        guard let ols = ordinaryLeastSquaresLine(x: x, y: y) else { return nil }
        let n = x.count
        let mean = x.reduce(0, +) / Double(n)
        let sxx = x.reduce(0) { $0 + ($1 - mean) * ($1 - mean) }
        guard sxx > 0 else { return nil }
        let w = x.map { ($0 - mean) / sxx }
        var variance = 0.0
        for i in 0..<n { for j in 0..<n { variance += w[i] * covariance[i * n + j] * w[j] } }
        let difference = variance * scale - gls.slopeVariance
        guard difference > 0 else { return nil }
        return abs(ols.slope - gls.slope) / difference.squareRoot()
    }

    /// Block average: the series cut into `blocks` segments, each MSD fitted by OLS over the
    /// window (clipped to half a segment). Nil when fewer than two lags remain or blocks < 2.
    public static func blockAverage(_ series: ParticleSeries, window: DiffusiveWindow, blocks: Int)
        -> DiffusionEstimate?
    {
        guard blocks >= 2, let times = series.times else { return nil }
        let length = series.frameCount / blocks
        let end = min(window.endLag, length / 2)
        guard length >= 4, end - window.startLag >= 2 else { return nil }
        let dt = times[1] - times[0]
        let lags = fitLags(window.startLag...end, most: 64)
        var values: [Double] = []
        for b in 0..<blocks {
            let segment = series.segment(b * length..<(b + 1) * length)
            let c = MeanSquaredDisplacement.msdComponents(
                segment.positions, particles: segment.particleCount, frames: length)
            let y = lags.map { (c[0][$0] + c[1][$0] + c[2][$0]) / Double(segment.particleCount) }
            guard let fit = ordinaryLeastSquaresLine(x: lags.map { Double($0) * dt }, y: y) else { return nil }
            values.append(fit.slope / 6)
        }
        let n = Double(blocks)
        let mean = values.reduce(0, +) / n
        let variance = values.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / (n - 1)
        return DiffusionEstimate(
            value: mean, uncertainty: (variance / n).squareRoot(),
            method:
                "block average over \(blocks) independent segments of \(length) frames (OLS each, lags \(window.startLag)–\(end)), σ = std/√n"
        )
    }

    /// At most `most` lags evenly spread over `range`, both ends included.
    static func fitLags(_ range: ClosedRange<Int>, most: Int) -> [Int] {
        let count = range.count
        guard count > most else { return Array(range) }
        var lags: [Int] = []
        for k in 0..<most {
            let lag = range.lowerBound + Int((Double(k) * Double(count - 1) / Double(most - 1)).rounded())
            if lag != lags.last { lags.append(lag) }
        }
        return lags
    }
}
