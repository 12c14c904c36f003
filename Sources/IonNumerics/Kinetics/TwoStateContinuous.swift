import Foundation

/// The continuous-time limit of ``TwoStateModel`` (δt → 0 with α_i = a_i·δt, β_i = b_i·δt):
/// S(t) = A_s·e^{−λ_s t} + (1 − A_s)·e^{−λ_f t}, with λ_s ≤ λ_f the eigenvalues of
/// K = [[a₁ + b₁, −a₁], [−a₂, a₂ + b₂]] and A_s = (λ_f − r·b)/(λ_f − λ_s).
///
/// Rates are per unit time (1/ps when t is in ps). The discrete model differs from this limit at
/// relative order δt.
/// - SeeAlso: the discrete model of Lee et al. 2023, doi:10.1140/epje/s10189-023-00365-9, appendix A.2.
public struct TwoStateContinuousModel: Sendable, Equatable, Codable {
    /// Switching rates a₁, a₂ (state 1 → 2 and 2 → 1), 1/time.
    public var switching: [Double]
    /// Dissociation rates b₁, b₂ in each state, 1/time.
    public var dissociation: [Double]
    /// State law r at the time origin (sums to 1).
    public var start: [Double]

    public init(switching a: (Double, Double), dissociation b: (Double, Double), start r: (Double, Double)) {
        switching = [a.0, a.1]; dissociation = [b.0, b.1]; start = [r.0, r.1]
    }

    /// Decay rates λ_s ≤ λ_f, 1/time.
    public var rates: (slow: Double, fast: Double) {
        let (a1, a2, b1, b2) = (switching[0], switching[1], dissociation[0], dissociation[1])
        let trace = a1 + a2 + b1 + b2
        let root = ((a1 + b1 - a2 - b2) * (a1 + b1 - a2 - b2) + 4 * a1 * a2).squareRoot()
        let fast = 0.5 * (trace + root)
        let determinant = a1 * b2 + a2 * b1 + b1 * b2
        return (fast > 0 ? determinant / fast : 0, fast)
    }

    /// Amplitude of the slow decay, A_s = (λ_f − r·b)/(λ_f − λ_s).
    public var slowAmplitude: Double {
        let (slow, fast) = rates
        let rb = start[0] * dissociation[0] + start[1] * dissociation[1]
        return (fast - rb) / (fast - slow)
    }

    /// S(t), t in the rates' time unit.
    public func survival(_ t: Double) -> Double {
        let (slow, fast) = rates, a = slowAmplitude
        return a * exp(-slow * t) + (1 - a) * exp(-fast * t)
    }

    /// Mean lifetime τ = ∫S dt = rᵀK⁻¹1
    /// = [r₁(a₁ + a₂ + b₂) + r₂(a₁ + a₂ + b₁)]/(a₁b₂ + a₂b₁ + b₁b₂), in the time unit.
    public var meanLifetime: Double {
        let (a1, a2, b1, b2) = (switching[0], switching[1], dissociation[0], dissociation[1])
        return (start[0] * (a1 + a2 + b2) + start[1] * (a1 + a2 + b1)) / (a1 * b2 + a2 * b1 + b1 * b2)
    }
}

/// The closed form of Lee et al. 2023 (doi:10.1140/epje/s10189-023-00365-9, eqs A9–A11)
/// **as printed**, for comparison only: it is not a model of the process. Its roots solve
/// (1 − h₁h₂)z² − (e₁ + e₂)z + e₁e₂ = 0 with h_i = p_i,
/// s₁₁ and s₂₂ carry a (1 − h₁h₂) prefactor, and s₁₂, s₂₁ a δ_{n,0} term; S = Σ_i r_i(s_i1 + s_i2).
/// It gives S(0) ≠ 1 and can exceed 1: the paper's renewal equations A5/A6 do not conserve
/// probability (their k = 0 term lets a switch take no time while the no-switch path is also
/// counted).
/// - Parameter n: step count ≥ 0.
public func printedPaperSurvival(_ n: Int, model: TwoStateModel, start r: (Double, Double)) -> Double {
    let (p1, p2) = model.switchProbabilities
    let e1 = model.stay1 * model.survive1, e2 = model.stay2 * model.survive2
    let quadratic = 1 - p1 * p2, linear = -(e1 + e2), constant = e1 * e2
    let root = (linear * linear - 4 * quadratic * constant).squareRoot()
    let z1 = (-linear + root) / (2 * quadratic)
    let z2 = constant / (quadratic * z1)
    let d = z1 - z2, w1 = pow(z1, Double(n)), w2 = pow(z2, Double(n))
    let bracket11 = (w1 * (z1 - e2) + w2 * (e2 - z2)) / d
    let bracket22 = (w1 * (z1 - e1) + w2 * (e1 - z2)) / d
    let delta = n == 0 ? -(e1 * e2) / (z1 * z2) : 0
    let bracket12 =
        delta + w2 * (e1 * e2 - e1 * z2 - e2 * z2) / (z2 * d) + w1 * (e1 * z1 + e2 * z1 - e1 * e2) / (z1 * d)
    let s11 = quadratic * bracket11, s22 = quadratic * bracket22
    let s12 = p1 * bracket12, s21 = p2 * bracket12
    return r.0 * (s11 + s12) + r.1 * (s21 + s22)
}
