import IonCore
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
    /// Unit of ``DiffusionEstimate/value``: Å²/ps, or σ²/τ for lj inputs.
    public var unit: PhysicalUnit
    /// Mean over independent segments of the trajectory, σ = std/√n, when the fit fits in a segment.
    public var blockAverage: DiffusionEstimate?
    /// The segments behind ``blockAverage`` and the factor their scatter puts on the GLS σ.
    public var segmentCheck: SegmentCheck?
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
    /// D against the start of the fit window, and the start where it stopped moving.
    public var startScan: FitStartScan
    /// The two parts of D's σ (in quadrature): GLS with the random-walk covariance times the
    /// segments' ``SegmentCheck/inflation``, and the window's start
    /// (``FitStartScan/windowUncertainty``; 0 when the start was not chosen: a window set by the
    /// user, or no diffusive regime).
    public var statisticalUncertainty: Double
    public var windowUncertainty: Double
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
    /// Allowed drift of D, in σ of the difference, as the automatic window's start moves later.
    public var startDriftThreshold = FitStartScan.defaultThreshold
    /// Factor by which the start is moved past the earliest start that passes.
    public var startMargin = FitStartScan.defaultMargin
    /// Most independent segments for the check of σ (fewer, down to three, when the fit needs).
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
    /// The window: its end and earliest start from the local log–log slope
    /// (``DiffusiveWindow``), its start from where D stops moving as the start moves later
    /// (``FitStartScan``), unless the user set it. D: generalised least squares with the analytic
    /// covariance of all-origin MSD estimates of a Gaussian random walk of P independent particles
    /// (``randomWalkMSDCovariance(lags:frames:dimensions:)``), scaled by s⁴/P with s² = 2DΔt from
    /// the fitted D (the GLS slope does not depend on the scale, so this is self-consistent in one
    /// step). σ: that GLS σ, scaled up when independent segments of the run scatter more than it
    /// says (``SegmentCheck``), with the window's systematic part added in quadrature. Returns nil
    /// when frame times are unknown or there are fewer than 4 frames.
    /// - Complexity: O(L² · window) for the covariance (L ≤ maxFitPoints + 20), O(L³) per
    ///   candidate start, plus O(P · T log T) for the segments' MSDs.
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
        var window: DiffusiveWindow
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
                msd: result.msd, particles: series.particleCount, startLag: min(start, max(1, end - 1)),
                endLag: max(end, start + 1),
                tolerance: options.slopeTolerance)
            choice = "user"
        } else {
            window = DiffusiveWindow.find(
                msd: result.msd, particles: series.particleCount, tolerance: options.slopeTolerance)
            choice = "automatic"
        }
        let system: UnitSystem = options.reducedUnits ? .lj : .real
        let unit = system.diffusionUnit
        if !window.diffusive {
            warnings.append(
                String(
                    format:
                        choice == "user"
                        ? "no diffusive regime: the local slope d log MSD / d log t leaves 1 ± %.2f inside the fit window (it ranges over %.2f–%.2f there, %.2f at the longest usable lag); D is not a diffusion coefficient here — move the window or run longer"
                        : "no diffusive regime: the local slope d log MSD / d log t never stays within 1 ± %.2f (or its noise) over three successive lags (%.2f–%.2f in the last third of the run's usable lags, %.2f at the longest); D is not a diffusion coefficient here, run longer",
                    options.slopeTolerance, window.slopeRange.lowerBound, window.slopeRange.upperBound,
                    window.finalSlope))
        }
        let end = min(window.endLag, frames - 1)
        // The start is chosen only for an automatic window that reached diffusion.
        let automatic = choice == "automatic" && window.diffusive
        var first = window.startLag
        if automatic,
            let floor = FitStartScan.nonGaussianFloor(
                lags: result.nonGaussianLags, alpha: result.nonGaussian,
                latest: Int(Double(end) * FitStartScan.latestStartFraction), particles: series.particleCount,
                frames: frames)
        {
            first = max(first, floor)
        }
        let starts = FitStartScan.candidateStarts(first: first, end: end)
        let lagSet = EinsteinLagSet(
            range: first...end, extra: starts, most: options.maxFitPoints, frames: frames, frameInterval: dt,
            particles: series.particleCount)
        guard
            var scan = FitStartScan.scan(
                result.msd, lagSet: lagSet, starts: starts, threshold: options.startDriftThreshold)
        else { return nil }
        if automatic { scan.settle(margin: options.startMargin) }
        let timeUnit = system.timeUnit
        warnings += scan.warnings(automatic: automatic, unit: unit, timeUnit: timeUnit)
        let firstFitted = lagSet.index(of: scan.points[scan.chosen].startLag)
        guard let fit = lagSet.fit(result.msd, from: firstFitted, dimensions: 3) else { return nil }
        let startLag = scan.points[scan.chosen].startLag
        let segments = SegmentCheck.measure(
            series, startLag: startLag, most: options.blocks, maxFitPoints: options.maxFitPoints)
        if segments == nil {
            warnings.append(
                "σ is the random-walk model's, unchecked: thirds of the run (\(formatted(Double(frames / SegmentCheck.fewestSegments) * dt)) \(timeUnit)) are too short for a fit from \(formatted(Double(startLag) * dt)) \(timeUnit), and real liquids often scatter more than that σ — run longer"
            )
        }
        let statistical = fit.line.slopeVariance.squareRoot() / 6 * (segments?.inflation ?? 1)
        let systematic = automatic ? scan.windowUncertainty : 0
        let primary = DiffusionEstimate(
            value: fit.line.slope / 6, uncertainty: (statistical * statistical + systematic * systematic).squareRoot(),
            method: glsMethod)
        let curvature = hausmanStatistic(
            x: Array(lagSet.times[firstFitted...]), y: lagSet.lags[firstFitted...].map { result.msd[$0] },
            covariance: lagSet.covariance(from: firstFitted, dimensions: 3), scale: fit.scale, gls: fit.line)
        if let z = curvature, z > 3 {
            warnings.append(
                "the MSD is not straight over the fit window: ordinary and generalised least squares differ by "
                    + String(format: "%.1f", z)
                    + " standard deviations of their difference (a random walk gives less than 3 in 997 of 1000 runs); "
                    + "the GLS σ understates the error — choose a later fit start or compare the segments' D")
        }
        let components = [result.msdX, result.msdY, result.msdZ].compactMap { y in
            lagSet.fit(y, from: firstFitted, dimensions: 1).map {
                DiffusionEstimate(
                    value: $0.line.slope / 2, uncertainty: $0.line.slopeVariance.squareRoot() / 2, method: glsMethod)
            }
        }
        let diffusive = window.diffusive
        window = DiffusiveWindow.fixed(
            msd: result.msd, particles: series.particleCount, startLag: startLag, endLag: end,
            tolerance: options.slopeTolerance)
        window.diffusive = diffusive
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
            unit: unit,
            blockAverage: segments.map {
                DiffusionEstimate(
                    value: $0.mean, uncertainty: $0.standardError,
                    method:
                        "mean of \($0.segments) independent segments of \($0.segmentFrames) frames (GLS each, lags \($0.startLag)–\($0.endLag)), σ = std/√n"
                )
            }, segmentCheck: segments, components: components,
            intercept: fit.line.intercept, interceptUncertainty: fit.line.interceptVariance.squareRoot(),
            window: window, windowStart: Double(window.startLag) * dt, windowEnd: Double(window.endLag) * dt,
            windowChoice: choice, fitPoints: lagSet.lags.count - firstFitted, startScan: scan,
            statisticalUncertainty: statistical, windowUncertainty: systematic, diffusive: window.diffusive,
            finiteSize: finiteSize,
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

    /// Three significant digits, for messages.
    static func formatted(_ x: Double) -> String { String(format: "%.3g", x) }

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
