import Foundation

/// The discrete two-state pair-survival model of Lee et al. 2023 (doi:10.1140/epje/s10189-023-00365-9;
/// Li–anion pairs in a soft or a hard state), solved exactly by its transfer matrix.
///
/// A hidden Markov chain X_k ∈ {1, 2} stays in state i for one step with probability σ_i
/// (switches with p_i = 1 − σ_i); independently the pair survives one step spent in state i with
/// probability φ_i. With D = diag(φ) and P = [[σ₁, p₁], [p₂, σ₂]] the one-step matrix is M = D·P
/// (``StepOrder/surviveThenSwitch``, the default) or M = P·D. The survival of a pair whose state
/// at the origin has law r is S_r(n) = rᵀMⁿ1 = A·z₁ⁿ + (1 − A)·z₂ⁿ, where z₁ ≥ z₂ are the
/// (always real) eigenvalues of M and A = (S_r(1) − z₂)/(z₁ − z₂).
///
/// This replaces the paper's renewal equations A5–A10, which do not conserve probability (see
/// ``printedPaperSurvival(_:model:start:)``, kept only as a labelled comparison).
/// Time is counted in steps (analysed frames, length δt).
/// - SeeAlso: the paper: Lee et al. 2023, doi:10.1140/epje/s10189-023-00365-9, appendix A.2.
public struct TwoStateModel: Sendable, Equatable, Codable {
    /// How a per-step exponent α (or β) becomes a probability.
    public enum Parameterisation: String, Sendable, Codable {
        /// σ = e^{−α}, φ = e^{−β} (eq. 2 of Lee et al. 2023).
        case exponential
        /// σ = 1 − α, φ = 1 − β (the "discrete alternative" of Lee et al. 2023).
        case linear
    }
    /// The order of survival and switching inside one step.
    public enum StepOrder: String, Sendable, Codable {
        /// Convention A: survive with φ of the state at the step's start, then switch (M = D·P).
        case surviveThenSwitch
        /// Convention B: switch, then survive with φ of the new state (M = P·D).
        case switchThenSurvive
    }

    /// Stay probabilities per step σ₁, σ₂.
    public var stay: (Double, Double) { (stay1, stay2) }
    /// Survival probabilities per step φ₁, φ₂.
    public var survive: (Double, Double) { (survive1, survive2) }
    public let stay1: Double, stay2: Double, survive1: Double, survive2: Double
    public let order: StepOrder

    /// A model from per-step probabilities; nil unless all lie in [0, 1].
    public init?(stay: (Double, Double), survive: (Double, Double), order: StepOrder = .surviveThenSwitch) {
        let all = [stay.0, stay.1, survive.0, survive.1]
        guard all.allSatisfy({ $0 >= 0 && $0 <= 1 }) else { return nil }
        (stay1, stay2, survive1, survive2, self.order) = (stay.0, stay.1, survive.0, survive.1, order)
    }

    /// A model from per-step switching exponents α and dissociation exponents β (dimensionless;
    /// a rate k in 1/ps gives k·δt). nil when a probability leaves [0, 1].
    public init?(
        alpha: (Double, Double), beta: (Double, Double), parameterisation: Parameterisation = .exponential,
        order: StepOrder = .surviveThenSwitch
    ) {
        func probability(_ x: Double) -> Double { parameterisation == .exponential ? exp(-x) : 1 - x }
        self.init(
            stay: (probability(alpha.0), probability(alpha.1)),
            survive: (probability(beta.0), probability(beta.1)), order: order)
    }

    /// Switching probabilities per step p_i = 1 − σ_i.
    public var switchProbabilities: (Double, Double) { (1 - stay1, 1 - stay2) }

    /// The one-step matrix M, row-major [M11, M12, M21, M22]: M_ij is the probability to survive
    /// the step and end it in state j, having started it in i.
    public var matrix: [Double] {
        let (p1, p2) = switchProbabilities
        switch order {
        case .surviveThenSwitch: return [survive1 * stay1, survive1 * p1, survive2 * p2, survive2 * stay2]
        case .switchThenSurvive: return [stay1 * survive1, p1 * survive2, p2 * survive1, stay2 * survive2]
        }
    }

    /// Eigenvalues z₁ ≥ z₂ of M (the same for both step orders):
    /// z = ½[(e₁+e₂) ± √((e₁−e₂)² + 4c)], e_i = σ_iφ_i, c = p₁p₂φ₁φ₂; z₂ = (e₁e₂ − c)/z₁.
    public var roots: (z1: Double, z2: Double) {
        let e1 = stay1 * survive1, e2 = stay2 * survive2
        let (p1, p2) = switchProbabilities
        let c = p1 * p2 * survive1 * survive2
        let root = ((e1 - e2) * (e1 - e2) + 4 * c).squareRoot()
        let z1 = 0.5 * (e1 + e2 + root)
        let z2 = z1 != 0 ? (e1 * e2 - c) / z1 : 0.5 * (e1 + e2 - root)
        return (z1, z2)
    }

    /// Stationary law π = (p₂, p₁)/(p₁ + p₂) of the switching chain; (½, ½) when it never switches.
    public var stationaryLaw: (Double, Double) {
        let (p1, p2) = switchProbabilities
        return p1 + p2 > 0 ? (p2 / (p1 + p2), p1 / (p1 + p2)) : (0.5, 0.5)
    }

    /// S_r(1) = rᵀM1, the one-step survival from state law `start`.
    public func oneStepSurvival(start r: (Double, Double)) -> Double {
        let m = matrix
        return r.0 * (m[0] + m[1]) + r.1 * (m[2] + m[3])
    }

    /// The closed form S_r(n) = A·z₁ⁿ + B·z₂ⁿ with B = 1 − A, for state law `start` at n = 0.
    public func coefficients(start r: (Double, Double)) -> (z1: Double, z2: Double, a: Double, b: Double) {
        let (z1, z2) = roots
        let a = (oneStepSurvival(start: r) - z2) / (z1 - z2)
        return (z1, z2, a, 1 - a)
    }

    /// Survival S_r(n) = P(T > n) after `n` steps; exact. Falls back to repeated squaring of M when
    /// z₁ − z₂ < 1e−9 (the degenerate case).
    /// - Complexity: O(1), or O(log n) in the degenerate case.
    public func survival(_ n: Int, start r: (Double, Double)) -> Double {
        precondition(n >= 0, "step count must be non-negative")
        let (z1, z2) = roots
        if z1 - z2 < 1e-9 {
            let power = matrixPower(matrix, n)
            return r.0 * (power[0] + power[1]) + r.1 * (power[2] + power[3])
        }
        let c = coefficients(start: r)
        return c.a * pow(z1, Double(n)) + c.b * pow(z2, Double(n))
    }

    /// Final-state-resolved survivals s_ij(n) = [Mⁿ]_ij, row-major [s11, s12, s21, s22].
    public func resolvedSurvival(_ n: Int) -> [Double] {
        let (z1, z2) = roots
        if z1 - z2 < 1e-9 { return matrixPower(matrix, n) }
        let m = matrix, d = z1 - z2
        let w1 = pow(z1, Double(n)), w2 = pow(z2, Double(n))
        return [
            (w1 * (z1 - m[3]) + w2 * (m[3] - z2)) / d, m[1] * (w1 - w2) / d,
            m[2] * (w1 - w2) / d, (w1 * (z1 - m[0]) + w2 * (m[0] - z2)) / d,
        ]
    }

    /// Mean lifetime in steps E[T] = Σ_{n≥0} S(n) = rᵀ(I − M)⁻¹1; +∞ when a state never dissociates
    /// and can be reached for ever.
    public func meanLifetime(start r: (Double, Double)) -> Double {
        let m = matrix
        let det = (1 - m[0]) * (1 - m[3]) - m[1] * m[2]
        guard det > 0 else { return .infinity }
        let row1 = (1 - m[3] + m[1]) / det, row2 = (1 - m[0] + m[2]) / det
        return r.0 * row1 + r.1 * row2
    }

    /// The state law of pairs alive at a random time origin when pairs form with law `birth`:
    /// ν ∝ rᵀ(I − M)⁻¹ (occupation measure). The pooled continuous pair ACF of a stationary
    /// trajectory is S_ν(n), with the same z₁, z₂ as S_r(n) but another amplitude.
    public func occupationLaw(birth r: (Double, Double)) -> (Double, Double) {
        let m = matrix
        let det = (1 - m[0]) * (1 - m[3]) - m[1] * m[2]
        let v1 = (r.0 * (1 - m[3]) + r.1 * m[2]) / det, v2 = (r.0 * m[1] + r.1 * (1 - m[0])) / det
        return (v1 / (v1 + v2), v2 / (v1 + v2))
    }
}

/// Mⁿ for a 2×2 row-major matrix by repeated squaring.
func matrixPower(_ m: [Double], _ n: Int) -> [Double] {
    func product(_ a: [Double], _ b: [Double]) -> [Double] {
        [a[0] * b[0] + a[1] * b[2], a[0] * b[1] + a[1] * b[3], a[2] * b[0] + a[3] * b[2], a[2] * b[1] + a[3] * b[3]]
    }
    var result = [1.0, 0, 0, 1], base = m, k = n
    while k > 0 {
        if k & 1 == 1 { result = product(result, base) }
        base = product(base, base); k >>= 1
    }
    return result
}
