import IonCore
import IonNumerics

/// Options for ``ShellLifetimes``.
public struct ShellLifetimeOptions: Sendable, Codable, Equatable {
    /// t*: interior absences of at most this many frames are bridged (0: none).
    public var tolerance = 0
    /// Log-spaced fit lags per decade.
    public var lagsPerDecade = 15
    /// Longest fitted lag as a fraction of the run (default 1/10), unless the ACF falls below 1e−3 earlier.
    public var maxLagFraction = 0.1
    /// Bootstrap replicates over pairs for ACF and fit errors (0: fit covariance only).
    public var bootstrapReplicates = 100
    public var seed: UInt64 = 1
    /// Average over origins: pooled (default) or per origin (the c(t) of Lee et al. 2023,
    /// doi:10.1140/epje/s10189-023-00365-9, eq. 6); per-origin ACFs are not additive over
    /// pairs, so their errors come from the fit covariance.
    public var normalisation = PairCorrelationNormalisation.pooled
    public init() {}
}

/// Pair lifetimes of one shell definition: continuous and intermittent pair ACFs (pooled over all
/// origins), residence times, and the decay fits of the continuous ACF with bootstrap errors over pairs.
/// Times in ps; the ACF is dimensionless.
public struct ShellLifetimes: Sendable, Codable, Equatable {
    /// Frame interval δt, ps; tolerance t*, frames.
    public var frameInterval: Double
    public var tolerance: Int
    public var frames: Int
    public var centres: Int
    /// Pairs ever seen, and their existence runs (after gap filling).
    public var pairs: Int
    public var runs: Int
    /// Mean number of distinct partners a centre had over the run.
    public var partnersPerCentre: Double
    /// Mean run length δt·⟨L⟩ over all runs, ps (biased low by runs cut at the ends), and over the
    /// runs that start and end inside the trajectory only, with their count.
    public var meanResidenceTime: Double
    public var meanCompleteResidenceTime: Double
    public var completeRuns: Int
    /// Fit lags, frames, and times, ps.
    public var lags: [Int]
    public var times: [Double]
    public var continuous: [Double]
    /// Bootstrap standard error of ``continuous`` over pairs (empty without bootstrap).
    public var continuousError: [Double]
    public var intermittent: [Double]
    /// All fits and the preferred lifetime; parameter and lifetime errors are bootstrap errors over
    /// pairs when ``bootstrapReplicates`` > 0, else from the fit covariance.
    public var fits: DecayModelComparison
    public var normalisation: PairCorrelationNormalisation
    public var bootstrapReplicates: Int
    /// Model-free 1/e time of the intermittent ACF interpolated between fit lags, ps (nil if it stays above 1/e).
    public var intermittentOneOverETime: Double?

    /// - Parameters:
    ///   - existence: pair existence as recorded (gaps are filled here with `options.tolerance`).
    ///   - frameInterval: δt between analysed frames, ps (> 0).
    /// - Throws: ``InputError`` when there are fewer than 10 frames, no pair, or δt ≤ 0.
    /// - Complexity: O(runs + K) for the full-resolution continuous ACF, O(runs · lags) at the fit
    /// lags, plus replicates × four fits.
    public init(_ existence: PairExistence, frameInterval: Double, options: ShellLifetimeOptions = .init()) throws {
        guard frameInterval > 0 else {
            throw InputError("shell lifetimes: the frame interval must be positive, got \(frameInterval) ps")
        }
        guard existence.frameCount >= 10 else {
            throw InputError("shell lifetimes: need at least 10 frames, got \(existence.frameCount)")
        }
        guard !existence.runFirst.isEmpty else {
            throw InputError(
                "shell lifetimes: no centre ever had a partner in its shell; check the selections and the cutoff")
        }
        let data = existence.fillingGaps(upTo: options.tolerance)
        self.frameInterval = frameInterval; tolerance = options.tolerance
        frames = data.frameCount; centres = data.centreCount; pairs = data.pairCount; runs = data.runFirst.count
        partnersPerCentre = Double(pairs) / Double(max(centres, 1))
        var total = 0, complete = 0, completeLength = 0
        for r in data.runFirst.indices {
            let length = Int(data.runLast[r] - data.runFirst[r]) + 1
            total += length
            if data.runFirst[r] > 0 && Int(data.runLast[r]) < frames - 1 { complete += 1; completeLength += length }
        }
        meanResidenceTime = Double(total) / Double(runs) * frameInterval
        meanCompleteResidenceTime = complete > 0 ? Double(completeLength) / Double(complete) * frameInterval : .nan
        completeRuns = complete
        let longest = min(frames - 1, max(4, Int(Double(frames) * options.maxLagFraction)))
        normalisation = options.normalisation
        // Every lag for the model-free lifetimes: pooled in O(runs + K); per origin up to the longest fit lag.
        let full =
            options.normalisation == .pooled
            ? data.continuousCorrelationAllLags(maxLag: frames - 1)
            : data.correlation(.continuous, lags: Array(0...min(frames - 1, longest)), normalisation: .perOrigin)
        let cut = full.firstIndex { $0 < 1e-3 } ?? longest
        lags = logarithmicLags(maxLag: max(4, min(longest, cut)), perDecade: options.lagsPerDecade)
        times = lags.map { Double($0) * frameInterval }
        continuous = lags.map { full[$0] }
        intermittent = data.correlation(.intermittent, lags: lags, normalisation: options.normalisation)
        intermittentOneOverETime = oneOverETime(t: [0] + times, c: [1] + intermittent)
        var comparison = DecayModelComparison(acf: full, lags: lags, step: frameInterval)
        bootstrapReplicates = options.bootstrapReplicates
        continuousError = []
        if options.bootstrapReplicates >= 2 && data.pairCount >= 2 && options.normalisation == .pooled {
            let lags = lags, step = frameInterval
            let perPair = (0..<data.pairCount).map { data.contributions(of: $0, .continuous, lags: lags) }
            let models = comparison.fits.map(\.model), widths = comparison.fits.map(\.parameters.count)
            // Outputs: the ACF at each lag, then per model its parameters and lifetime.
            let errors = bootstrapStandardErrors(
                perUnit: perPair, replicates: options.bootstrapReplicates, seed: options.seed
            ) { sums in
                let c = lags.indices.map { sums[$0] / sums[lags.count + $0] }
                let t = lags.map { Double($0) * step }
                var out = c
                for (model, width) in zip(models, widths) {
                    let fit = DecayModelComparison.fit(model, t: t, c: c, step: step)
                    out += (fit?.parameters ?? [Double](repeating: .nan, count: width)) + [fit?.lifetime ?? .nan]
                }
                return out
            }
            continuousError = Array(errors.prefix(lags.count))
            var offset = lags.count
            for k in comparison.fits.indices {
                let count = comparison.fits[k].parameters.count
                comparison.fits[k].standardErrors = Array(errors[offset..<(offset + count)])
                comparison.fits[k].lifetimeError = errors[offset + count]
                offset += count + 1
            }
        }
        fits = comparison
    }
}
