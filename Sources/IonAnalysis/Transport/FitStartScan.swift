import IonCore
import IonNumerics

/// D fitted with the start of the Einstein window moved later and later, its end fixed: where D
/// stops moving, and how much it may still move.
///
/// In a liquid the MSD approaches its straight line slowly (the velocity autocorrelation has a
/// cage lobe and a long tail), and a GLS fit with the random-walk covariance draws most of its
/// information from the lags just after its start: a window that starts where the log–log slope
/// first reaches 1 ± 0.15 gives a D many of its σ off, in the same direction on every segment of
/// a run. Each candidate start s is fitted over the same lags at and after s, so a later fit uses
/// a subset of the data of an earlier one; on a random walk the earlier fit is the efficient one,
/// and then Var(D(s′) − D(s)) = σ(s′)² − σ(s)² for s′ > s (Hausman 1978, doi:10.2307/1913827).
/// Each start is compared with the start ``comparisonRatio`` times later (its ``Point/drift``).
///
/// The start used: the earliest s at which ``confirmations`` consecutive candidates pass
/// (drift ≤ ``threshold``), moved a ``defaultMargin`` later — the test cannot see a bias smaller
/// than the σ of the later fit, so the start moves past where D was first seen to settle. What the
/// comparison at that start shows beyond its noise, √max(0, ΔD² − Var ΔD), is kept as
/// ``windowUncertainty`` and added to the GLS σ in quadrature.
public struct FitStartScan: Sendable, Codable, Equatable {
    /// One candidate start.
    public struct Point: Sendable, Codable, Equatable {
        /// The window's first lag, in frames, and its time (ps; τ in lj units).
        public var startLag: Int
        public var startTime: Double
        /// GLS D over [start, end] and its σ, in the result's unit.
        public var value: Double
        public var uncertainty: Double
        /// |D(s′) − D(s)| / √(σ(s′)² − σ(s)²) for s′ the first candidate at or past
        /// ``FitStartScan/comparisonRatio`` × s (the latest when none is); 0 for the latest.
        public var drift: Double
        /// √max(0, (D(s′) − D(s))² − (σ(s′)² − σ(s)²)): the change of D that noise does not explain.
        public var unexplained: Double
    }

    /// The candidates, earliest start first.
    public var points: [Point]
    /// Index of the start used for D, in ``points``.
    public var chosen: Int
    /// Index of the earliest start that met the criterion (the start used is a margin later).
    public var firstPassing: Int
    /// Allowed drift of D, in standard deviations of the difference.
    public var threshold: Double
    /// Whether the criterion was met before the latest candidates: D was seen to settle. False
    /// when D still moved at the latest starts tried, or when too few starts could be tried.
    public var settled: Bool

    /// Systematic uncertainty of D from the window's start, in the result's unit.
    public var windowUncertainty: Double { points[chosen].unexplained }

    /// Default allowed drift.
    public static let defaultThreshold = 2.0
    /// Consecutive candidates that must pass.
    public static let confirmations = 3
    /// How much later the start each candidate is compared with lies.
    public static let comparisonRatio = 3.0
    /// Default factor between the earliest start that passes and the start used.
    public static let defaultMargin = 2.0
    /// Latest candidate start, as a fraction of the window's end: the shortest window kept spans
    /// a factor of three in lag.
    public static let latestStartFraction = 1.0 / 3

    /// Candidate start lags in `first...end/3`: a logarithmic grid of 10 per decade (at least
    /// `first` itself).
    static func candidateStarts(first: Int, end: Int) -> [Int] {
        let last = max(first, Int(Double(end) * latestStartFraction))
        return [first] + logarithmicLags(maxLag: last, perDecade: 10).filter { $0 > first && $0 <= last }
    }

    /// Smallest peak of α₂ taken as a cage regime.
    public static let cagePeak = 0.05

    /// The lag after the peak of the non-Gaussian parameter α₂ (at `lags`, up to `latest`) where
    /// it has fallen to half its peak: displacements half as non-Gaussian as at the cage escape,
    /// the earliest start the scan considers. `latest` when α₂ has not fallen that far by then;
    /// nil when α₂ never rises clearly above zero (no cage regime resolved). A peak counts when
    /// it reaches ``cagePeak`` and three times the noise of α₂ for Gaussian displacements of
    /// `particles` particles over `frames` frames, √(3.2·lag / (P·(T − lag))) (independent
    /// origins only; 3.2 = (3/5)²·Var(r⁴)/⟨r²⟩⁴ in 3D).
    static func nonGaussianFloor(lags: [Int], alpha: [Double], latest: Int, particles: Int, frames: Int) -> Int? {
        let usable = lags.indices.filter { lags[$0] >= 1 && lags[$0] <= latest && lags[$0] < frames }
        func noise(_ k: Int) -> Double {
            (3.2 * Double(lags[k]) / (Double(max(particles, 1)) * Double(frames - lags[k]))).squareRoot()
        }
        let significant = usable.filter { alpha[$0] >= max(cagePeak, 3 * noise($0)) }
        guard let top = significant.max(by: { alpha[$0] < alpha[$1] }) else { return nil }
        return usable.first { $0 > top && alpha[$0] <= alpha[top] / 2 }.map { lags[$0] } ?? latest
    }

    /// Chooses the start (see the type's description); `margin` is the factor past the first
    /// passing start.
    mutating func settle(margin: Double) {
        let need = Self.confirmations
        let passing = points.indices.first { k in
            k + need <= points.count && points[k..<(k + need)].allSatisfy { $0.drift <= threshold }
        }
        settled = passing != nil
        firstPassing = passing ?? points.count - 1
        let target = Double(points[firstPassing].startLag) * margin
        chosen = points.firstIndex { Double($0.startLag) >= target } ?? points.count - 1
    }

    /// Fits every candidate start of `lagSet` (they must be among its lags) and measures each
    /// one's drift against all later starts; `chosen` is the first start, `settled` whether it
    /// met the criterion with at least two later starts to compare. Nil when a fit fails.
    static func scan(_ msd: [Double], lagSet: EinsteinLagSet, starts: [Int], threshold: Double) -> FitStartScan? {
        var fits: [EinsteinLagSet.Fit] = []
        for start in starts {
            guard let fit = lagSet.fit(msd, from: lagSet.index(of: start), dimensions: 3) else { return nil }
            fits.append(fit)
        }
        let points = zip(starts, fits).enumerated().map { k, pair in
            let (start, fit) = pair
            // One comparison per start, with the first start `comparisonRatio` times later (or the
            // latest): the maximum over all later starts would raise false alarms on random walks
            // to one in four, and a moved start then carries the noise that moved it.
            var drift = 0.0, unexplained = 0.0
            let j = starts.firstIndex { Double($0) >= comparisonRatio * Double(start) } ?? starts.count - 1
            if j > k {
                // Var(b′ − b) = Var(b′) − Var(b), both on the scale of this fit's D.
                let variance = (fits[j].unscaledSlopeVariance - fit.unscaledSlopeVariance) * fit.scale
                let change = fits[j].line.slope - fit.line.slope
                if variance > 0 { drift = abs(change) / variance.squareRoot() }
                unexplained = max(0, change * change - max(variance, 0)).squareRoot() / 6
            }
            return Point(
                startLag: start, startTime: Double(start) * lagSet.frameInterval, value: fit.line.slope / 6,
                uncertainty: fit.line.slopeVariance.squareRoot() / 6, drift: drift, unexplained: unexplained)
        }
        return FitStartScan(
            points: points, chosen: 0, firstPassing: 0, threshold: threshold,
            settled: points.count >= Self.confirmations && points[0].drift <= threshold)
    }

    /// What a reader must know: D that did not settle, or a user's start from which D still moves.
    func warnings(automatic: Bool, unit: PhysicalUnit, timeUnit: PhysicalUnit) -> [String] {
        if points.count < Self.confirmations {
            return automatic
                ? [
                    "the run is too short to check that D stops moving as the fit start moves later (\(points.count) of \(Self.confirmations) starts fit): D may still carry the bias of the MSD's slow approach to its straight line — run longer"
                ] : []
        }
        if automatic && !settled {
            return [
                "D did not settle as the fit start moved later: up to \(formatted(points[points.count - 1].startTime)) \(timeUnit) (a third of the window's end), no \(Self.confirmations) consecutive starts agree within \(formatted(threshold)) σ with the start \(formatted(Self.comparisonRatio)) times later; the fit starts at the latest start tried and D may still be biased — run longer"
            ]
        }
        if !automatic && points[chosen].drift > threshold + 1 {
            let next = points.firstIndex { $0.drift <= threshold } ?? points.count - 1
            return [
                "D moves by \(formatted(points[chosen].drift)) σ when the fit start moves from \(formatted(points[chosen].startTime)) to \(formatted(Self.comparisonRatio)) times later: the MSD is not yet straight there (D = \(formatted(points[chosen].value)) \(unit) from there, \(formatted(points[next].value)) from \(formatted(points[next].startTime)) \(timeUnit) on); move the fit start later"
            ]
        }
        return []
    }

    private func formatted(_ x: Double) -> String { SelfDiffusion.formatted(x) }
}
