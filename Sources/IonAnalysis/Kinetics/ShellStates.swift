import IonCore
import IonNumerics

/// Options for ``ShellStates``.
public struct ShellStateOptions: Sendable, Codable, Equatable {
    /// Window W, frames.
    public var window = 20
    /// E_c: a window with more events is soft. nil: the 95 % quantile of the Poisson-like null
    /// Binomial(W, ρ̄) (IonScope's default; Lee et al. 2023 tune E_c by F1 score against GNN labels;
    /// with ``multiplicity`` the counts can exceed one per frame and this null is only a guide).
    public var threshold: Int?
    /// Count border crossings μ instead of events Ξ.
    public var multiplicity = false
    public var bootstrapReplicates = 200
    public var seed: UInt64 = 1
    /// Temperature of the run, K (recorded for Arrhenius fits across runs).
    public var temperature: Double?
    /// Reduced (LAMMPS lj) positions and times: diffusion in σ²/τ instead of m²/s.
    public var reducedUnits = false
    public init() {}
}

/// Soft/hard states of centres from their shell-exchange counts per window (Lee et al. 2023,
/// doi:10.1140/epje/s10189-023-00365-9, §3, Table A1, Fig. 4): state fractions over time, switching and
/// per-state exchange rates, and per-state diffusion coefficients. Rates in 1/ps (1/τ for lj), diffusion in
/// m²/s (σ²/τ for lj, ``ShellStateOptions/reducedUnits``).
public struct ShellStates: Sendable, Codable, Equatable {
    public struct Diffusion: Sendable, Codable, Equatable {
        /// ⟨|Δr|²⟩/(6Wδt) over all windows, over hard windows, and over soft windows (direct), m²/s
        /// (σ²/τ for reduced units), with bootstrap errors over centres.
        public var total: Double, totalError: Double
        public var hard: Double, hardError: Double
        public var softDirect: Double, softDirectError: Double
        /// D_soft from D_total = r_soft·D_soft + r_hard·D_hard (Lee et al. 2023,
        /// doi:10.1140/epje/s10189-023-00365-9, §3), with propagated error.
        public var soft: Double, softError: Double
    }
    public var frameInterval: Double
    public var window: Int
    public var windowTime: Double
    public var threshold: Int
    /// "given" or "binomial null, 95 % quantile".
    public var thresholdSource: String
    public var countsCrossings: Bool
    public var temperature: Double?
    public var statistics: SoftHardStatistics
    /// Exchange events per ps in soft and hard windows (Table A1's f_s, f_h), with errors.
    public var softEventRate: Double, softEventRateError: Double
    public var hardEventRate: Double, hardEventRateError: Double
    /// Label switching rates soft → hard and hard → soft, 1/ps.
    public var softToHardRate: Double, hardToSoftRate: Double
    /// Window start times, ps, for ``SoftHardStatistics/softFractionByWindow``.
    public var windowTimes: [Double]
    public var diffusion: Diffusion?

    /// - Parameters:
    ///   - positions: optional unwrapped centre positions, Å, at frames 0, W, 2W, … (one array of
    ///     centres per boundary) for per-state diffusion; a window without its end boundary (the last
    ///     one when the run ends exactly at its end) is left out of the diffusion.
    /// - Throws: ``InputError`` for W < 1, fewer than two windows, or positions of the wrong shape.
    public init(
        _ events: ExchangeEvents, frameInterval: Double, options: ShellStateOptions = .init(),
        positions: [[Vec3]]? = nil
    ) throws {
        let w = options.window
        guard w >= 1, frameInterval > 0 else {
            throw InputError("shell states: the window must be ≥ 1 frame and the frame interval positive")
        }
        let windows = events.frameCount / w
        guard windows >= 2 else {
            throw InputError(
                "shell states: \(events.frameCount) frames hold fewer than two windows of \(w) frames; use a shorter --window"
            )
        }
        let counts = events.windowCounts(window: w, multiplicity: options.multiplicity)
        let total = counts.reduce(0) { $0 + $1.reduce(0, +) }
        let rho = Double(total) / Double(counts.count * windows * w)
        threshold = options.threshold ?? SoftHardLabelling.nullThreshold(window: w, rate: rho)
        thresholdSource = options.threshold == nil ? "binomial null, 95 % quantile" : "given"
        let statistics = SoftHardStatistics(
            windowCounts: counts, window: w, threshold: threshold,
            replicates: options.bootstrapReplicates, seed: options.seed)
        self.statistics = statistics
        self.frameInterval = frameInterval; window = w; windowTime = Double(w) * frameInterval
        countsCrossings = options.multiplicity; temperature = options.temperature
        softEventRate = statistics.softEventRate / frameInterval;
        softEventRateError = statistics.softEventRateError / frameInterval
        hardEventRate = statistics.hardEventRate / frameInterval;
        hardEventRateError = statistics.hardEventRateError / frameInterval
        softToHardRate = statistics.softToHardRate / frameInterval;
        hardToSoftRate = statistics.hardToSoftRate / frameInterval
        windowTimes = (0..<windows).map { Double($0 * w) * frameInterval }
        if let positions {
            guard positions.count >= 2, positions.allSatisfy({ $0.count == counts.count }) else {
                throw InputError(
                    "shell states: need positions of \(counts.count) centres at two or more window boundaries, got \(positions.count)"
                )
            }
            diffusion = Self.diffusion(
                counts: counts, threshold: threshold, positions: positions, statistics: statistics,
                windowTime: windowTime, options: options)
        }
    }

    private static func diffusion(
        counts: [[Int]], threshold: Int, positions: [[Vec3]], statistics: SoftHardStatistics,
        windowTime: Double, options: ShellStateOptions
    ) -> Diffusion {
        // Per centre: Σd² soft, soft windows, Σd² hard, hard windows.
        let perCentre = counts.indices.map { i -> [Double] in
            var s = [0.0, 0, 0, 0]
            for (j, n) in counts[i].enumerated() where j + 1 < positions.count {
                let d = positions[j + 1][i] - positions[j][i], squared = d.dot(d)
                if n > threshold { s[0] += squared; s[1] += 1 } else { s[2] += squared; s[3] += 1 }
            }
            return s
        }
        let scale = (options.reducedUnits ? 1 : TransportUnits.squareAngstromPerPicosecond) / (6 * windowTime)
        func coefficients(_ s: [Double]) -> [Double] {
            [(s[0] + s[2]) / (s[1] + s[3]) * scale, s[2] / s[3] * scale, s[0] / s[1] * scale]
        }
        let sums = perCentre.reduce([0.0, 0, 0, 0]) { zip($0, $1).map { $0 + $1 } }
        let values = coefficients(sums)
        let errors = bootstrapStandardErrors(
            perUnit: perCentre, replicates: options.bootstrapReplicates, seed: options.seed,
            statistic: coefficients)
        func error(_ k: Int) -> Double { errors.count > k ? errors[k] : .nan }
        let soft = softStateDiffusion(
            total: values[0], totalError: error(0), hard: values[1], hardError: error(1),
            softFraction: statistics.softFraction, softFractionError: statistics.softFractionError)
        return Diffusion(
            total: values[0], totalError: error(0), hard: values[1], hardError: error(1),
            softDirect: values[2], softDirectError: error(2), soft: soft.value, softError: soft.error)
    }
}
