import IonCore

/// Split conformal calibration of a heuristic uncertainty (Angelopoulos & Bates 2021,
/// doi:10.48550/arXiv.2107.07511; for machine-learned potentials Hu et al. 2022,
/// doi:10.1088/2632-2153/aca7b1, as Shayestehpour & Zahn use it to pick structures for active
/// learning).
///
/// The scores of n calibration points are sᵢ = eᵢ/uᵢ (actual error over heuristic uncertainty).
/// The conformal quantile q̂ is the k-th smallest score with k = ⌈(n + 1)(1 − α)⌉, that is the
/// empirical quantile at level (1 − α)(n + 1)/n rounded up to a score. For a fresh point
/// exchangeable with the calibration points, P(e ≤ u·q̂) ≥ 1 − α, and below 1 − α + 1/(n + 1)
/// when the scores have no ties. The calibrated uncertainty is ũ = u·q̂.
public struct ConformalCalibration: Sendable, Codable, Equatable {
    /// The miscoverage α (the confidence level is 1 − α).
    public let alpha: Double
    /// Calibration points n.
    public let count: Int
    /// The rank k = ⌈(n + 1)(1 − α)⌉ of q̂ among the sorted scores.
    public let rank: Int
    /// The conformal quantile q̂ (dimensionless).
    public let quantile: Double

    /// Calibrates from actual errors and heuristic uncertainties of the same points (same units).
    /// - Throws: ``InputError`` when the lengths differ, a value is negative or not finite, n is too
    ///   small for α (k > n), or q̂ would be infinite (the k-th score has an error where u = 0).
    public init(errors: [Double], uncertainties: [Double], alpha: Double) throws {
        guard errors.count == uncertainties.count else {
            throw InputError("\(errors.count) errors but \(uncertainties.count) uncertainties")
        }
        var scores = [Double](repeating: 0, count: errors.count)
        for i in errors.indices {
            let (e, u) = (errors[i], uncertainties[i])
            guard e.isFinite, u.isFinite, e >= 0, u >= 0 else {
                throw InputError("calibration point \(i): error \(e) and uncertainty \(u) must be finite and ≥ 0")
            }
            scores[i] = Self.score(error: e, uncertainty: u)
        }
        try self.init(scores: scores, alpha: alpha)
    }

    /// Calibrates from the scores e/u themselves.
    public init(scores: [Double], alpha: Double) throws {
        guard alpha > 0, alpha < 1 else { throw InputError("α = \(alpha) must lie between 0 and 1") }
        let n = scores.count
        let k = Self.rank(count: n, alpha: alpha)
        guard k <= n else {
            throw InputError(
                "\(n) calibration points are too few for α = \(alpha): q̂ is the ⌈(n + 1)(1 − α)⌉ = \(k)-th smallest score; need at least \(Self.minimumCount(alpha: alpha))"
            )
        }
        var sorted = scores
        sorted.sort()
        let q = sorted[k - 1]
        guard q.isFinite else {
            throw InputError(
                "q̂ is infinite: the \(k)-th smallest of \(n) scores has an error where the ensemble's uncertainty is 0 (the models agree exactly but differ from the reference)"
            )
        }
        self.alpha = alpha; count = n; self.rank = k; quantile = q
    }

    /// e/u; 0 when both are 0, infinite for an error without uncertainty.
    @inlinable
    public static func score(error e: Double, uncertainty u: Double) -> Double {
        u > 0 ? e / u : (e > 0 ? .infinity : 0)
    }

    /// k = ⌈(n + 1)(1 − α)⌉, computed so that a product a hair above an integer is not rounded up.
    public static func rank(count n: Int, alpha: Double) -> Int {
        let x = (Double(n) + 1) * (1 - alpha)
        let nearest = x.rounded()
        return abs(x - nearest) <= 1e-9 * max(1, x) ? Int(nearest) : Int(x.rounded(.up))
    }

    /// The fewest calibration points for which k ≤ n at level α.
    public static func minimumCount(alpha: Double) -> Int {
        var n = 1
        while rank(count: n, alpha: alpha) > n { n += 1 }
        return n
    }

    /// The calibrated uncertainty ũ = u·q̂.
    @inlinable
    public func calibrated(_ uncertainty: Double) -> Double { uncertainty * quantile }

    /// The guaranteed coverage range [1 − α, 1 − α + 1/(n + 1)) of a fresh point (the upper bound
    /// holds for scores without ties).
    public var coverageBounds: (lower: Double, upper: Double) {
        (1 - alpha, min(1, 1 - alpha + 1 / (Double(count) + 1)))
    }

    /// The fraction of points whose error is at most ũ = u·q̂.
    public func coverage(errors: [Double], uncertainties: [Double]) -> Double {
        precondition(errors.count == uncertainties.count && !errors.isEmpty)
        var covered = 0
        for i in errors.indices where errors[i] <= calibrated(uncertainties[i]) { covered += 1 }
        return Double(covered) / Double(errors.count)
    }
}

/// The spread of an ensemble's per-atom vector predictions (forces of several machine-learned
/// potentials), and the error of its mean against a reference.
public enum EnsembleSpread {
    /// For one atom whose `models` predictions of a `d`-component vector lie in
    /// `predictions[m·d + α]`: the heuristic uncertainty u = (1/d) Σ_α std_m(p_mα) (population
    /// standard deviation over the models) and, with a reference r, the error
    /// e = (1/d) Σ_α |r_α − p̄_α| of the ensemble mean (Shayestehpour & Zahn's ΔF_i), in the
    /// predictions' units. Conformal calibration rescales u, so its normalisation does not
    /// change ũ.
    @inlinable
    public static func atom(
        _ predictions: UnsafeBufferPointer<Double>, models: Int, components d: Int,
        reference: UnsafeBufferPointer<Double>?
    ) -> (uncertainty: Double, error: Double?) {
        var spread = 0.0
        var error = 0.0
        let m = Double(models)
        for a in 0..<d {
            var mean = 0.0
            for k in 0..<models { mean += predictions[k * d + a] }
            mean /= m
            var squares = 0.0
            for k in 0..<models {
                let x = predictions[k * d + a] - mean
                squares += x * x
            }
            spread += (squares / m).squareRoot()
            if let reference { error += abs(reference[a] - mean) }
        }
        return (spread / Double(d), reference == nil ? nil : error / Double(d))
    }
}
