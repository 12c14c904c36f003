import IonCore
import IonNumerics

/// Conformal calibration of an ensemble's per-atom uncertainty and its checks: q̂ from a labelled
/// calibration set, the coverage it reaches on frames it did not see (random half/half splits of
/// the calibration frames, and a labelled test set when there is one), the coverage at other
/// confidence levels, and the uncalibrated coverage for comparison.
///
/// Splits are over frames, not atoms: atoms of one frame share its configuration, so a test frame
/// must be unseen as a whole for the coverage check to be honest.
public struct ConformalStudy: Sendable, Codable {
    /// q̂ from every calibration atom.
    public var calibration: ConformalCalibration
    /// Frames and atoms of the calibration set.
    public var calibrationFrames: Int
    public var atomsPerFrame: Int
    /// Mean error and mean heuristic uncertainty over the calibration atoms.
    public var meanError: Double
    public var meanUncertainty: Double
    /// Spearman rank correlation of e with u over the calibration atoms (does u rank the errors?).
    public var rankCorrelation: Double?
    /// The fraction of calibration atoms with e ≤ u: the coverage of the uncalibrated u.
    public var uncalibratedCoverage: Double
    /// Coverage of held-out halves: for each split, q̂ from half of the frames, coverage of the
    /// other half's atoms.
    public var splits: SplitCoverage?
    /// Coverage at several confidence levels over the same splits (nominal 1 − α → observed).
    public var levels: [LevelCoverage]
    /// Coverage on the labelled test set, when one was given.
    public var test: TestCoverage?

    public struct SplitCoverage: Sendable, Codable {
        public var count: Int
        public var seed: UInt64
        public var mean: Double
        public var standardDeviation: Double
        public var minimum: Double
        public var maximum: Double
    }

    public struct LevelCoverage: Sendable, Codable {
        public var nominal: Double
        public var observed: Double
    }

    public struct TestCoverage: Sendable, Codable {
        public var frames: Int
        public var atoms: Int
        /// Fraction of test atoms with e ≤ ũ.
        public var coverage: Double
        /// √(p(1 − p)/frames) from the spread of the per-frame coverages (atoms of a frame are
        /// not independent, so the frame is the unit).
        public var standardError: Double?
        /// Fraction of test atoms with e ≤ u.
        public var uncalibratedCoverage: Double
        public var meanError: Double
    }

    /// - Parameters:
    ///   - splitCount: random half/half splits of the calibration frames for the coverage check
    ///     (none when the calibration set has fewer than four frames).
    public init(
        calibrating series: EnsembleUncertaintySeries, alpha: Double, test: EnsembleUncertaintySeries? = nil,
        splitCount: Int = 20, seed: UInt64 = 1
    ) throws {
        guard series.hasErrors, series.kept.count == series.frames.count else {
            throw InputError("the calibration set needs reference values on every frame")
        }
        let all = series.points(series.kept.indices)
        calibration = try ConformalCalibration(errors: all.errors, uncertainties: all.uncertainties, alpha: alpha)
        calibrationFrames = series.frames.count
        atomsPerFrame = series.atoms.count
        meanError = all.errors.reduce(0, +) / Double(all.errors.count)
        meanUncertainty = all.uncertainties.reduce(0, +) / Double(all.uncertainties.count)
        rankCorrelation = Self.spearman(all.errors, all.uncertainties)
        uncalibratedCoverage = Self.fraction(all.errors, all.uncertainties, scale: 1)
        let nominal = [0.5, 0.6, 0.7, 0.8, 0.9, 0.95]
        levels = []
        if series.frames.count >= 4, splitCount > 0 {
            var random = Xoshiro256(seed: seed)
            var coverages: [Double] = []
            var sums = [Double](repeating: 0, count: nominal.count)
            var counted = [Int](repeating: 0, count: nominal.count)
            for _ in 0..<splitCount {
                var order = Array(series.kept.indices)
                order.shuffle(using: &random)
                let half = order.count / 2
                let fit = series.points(order[..<half])
                let check = series.points(order[half...])
                if let q = try? ConformalCalibration(errors: fit.errors, uncertainties: fit.uncertainties, alpha: alpha)
                {
                    coverages.append(Self.fraction(check.errors, check.uncertainties, scale: q.quantile))
                }
                for (k, level) in nominal.enumerated() {
                    if let q = try? ConformalCalibration(
                        errors: fit.errors, uncertainties: fit.uncertainties, alpha: 1 - level)
                    {
                        sums[k] += Self.fraction(check.errors, check.uncertainties, scale: q.quantile)
                        counted[k] += 1
                    }
                }
            }
            if !coverages.isEmpty {
                let mean = coverages.reduce(0, +) / Double(coverages.count)
                let variance =
                    coverages.count > 1
                    ? coverages.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(coverages.count - 1) : 0
                splits = SplitCoverage(
                    count: coverages.count, seed: seed, mean: mean, standardDeviation: variance.squareRoot(),
                    minimum: coverages.min()!, maximum: coverages.max()!)
            }
            for k in nominal.indices where counted[k] > 0 {
                levels.append(LevelCoverage(nominal: nominal[k], observed: sums[k] / Double(counted[k])))
            }
        }
        if let test {
            guard test.hasErrors, test.kept.count == test.frames.count else {
                throw InputError("the test set needs reference values on every frame")
            }
            guard test.atoms.count == series.atoms.count else {
                throw InputError(
                    "the test set selects \(test.atoms.count) atoms per frame, the calibration set \(series.atoms.count)"
                )
            }
            let points = test.points(test.kept.indices)
            let q = calibration.quantile
            let perFrame = test.kept.indices.map { Self.fraction(test.errors[$0], test.uncertainties[$0], scale: q) }
            let p = Self.fraction(points.errors, points.uncertainties, scale: q)
            var standardError: Double?
            if perFrame.count > 1 {
                let mean = perFrame.reduce(0, +) / Double(perFrame.count)
                let variance = perFrame.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(perFrame.count - 1)
                standardError = (variance / Double(perFrame.count)).squareRoot()
            }
            self.test = TestCoverage(
                frames: test.frames.count, atoms: points.errors.count, coverage: p, standardError: standardError,
                uncalibratedCoverage: Self.fraction(points.errors, points.uncertainties, scale: 1),
                meanError: points.errors.reduce(0, +) / Double(points.errors.count))
        }
    }

    /// The fraction of points with e ≤ scale·u.
    static func fraction(_ errors: [Double], _ uncertainties: [Double], scale: Double) -> Double {
        var covered = 0
        for i in errors.indices where errors[i] <= scale * uncertainties[i] { covered += 1 }
        return Double(covered) / Double(max(1, errors.count))
    }

    /// Spearman's ρ (Pearson correlation of mid-ranks); nil when either has no spread.
    static func spearman(_ x: [Double], _ y: [Double]) -> Double? {
        func ranks(_ v: [Double]) -> [Double] {
            let order = v.indices.sorted { v[$0] < v[$1] }
            var r = [Double](repeating: 0, count: v.count)
            var start = 0
            while start < order.count {
                var end = start
                while end + 1 < order.count && v[order[end + 1]] == v[order[start]] { end += 1 }
                let mid = Double(start + end) / 2 + 1
                for k in start...end { r[order[k]] = mid }
                start = end + 1
            }
            return r
        }
        guard x.count > 2 else { return nil }
        let (a, b) = (ranks(x), ranks(y))
        let n = Double(a.count)
        let (ma, mb) = (a.reduce(0, +) / n, b.reduce(0, +) / n)
        var (sab, saa, sbb) = (0.0, 0.0, 0.0)
        for i in a.indices {
            sab += (a[i] - ma) * (b[i] - mb); saa += (a[i] - ma) * (a[i] - ma); sbb += (b[i] - mb) * (b[i] - mb)
        }
        return saa > 0 && sbb > 0 ? sab / (saa * sbb).squareRoot() : nil
    }
}
