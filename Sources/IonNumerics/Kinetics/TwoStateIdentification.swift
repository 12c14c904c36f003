import Foundation

/// What the three identifiable numbers of a pair ACF — z₁, z₂ (or λ_s, λ_f) and S(1) — fix of the
/// two-state model (Lee et al. 2023, doi:10.1140/epje/s10189-023-00365-9, appendix A.2; five
/// parameters) once the switching probabilities are known from elsewhere (soft/hard label
/// statistics). Survive-then-switch order; per-step quantities.
///
/// z₁ + z₂ = σ₁φ₁ + σ₂φ₂ and z₁z₂ = φ₁φ₂(σ₁ + σ₂ − 1) fix φ up to the two roots of
/// σ₁φ₁² − (z₁ + z₂)φ₁ + σ₂z₁z₂/(σ₁ + σ₂ − 1) = 0; S(1) = r·φ then fixes the origin law r.
public enum TwoStateIdentification {
    /// One admissible solution: survival probabilities per step and the origin law.
    public struct Solution: Sendable, Equatable, Codable {
        public var survive: [Double]
        public var start: [Double]
    }

    /// All solutions with φ ∈ [0, 1] and r ∈ [0, 1] (up to two; a tolerance of 1e−9 allows for
    /// rounding), given stay probabilities σ and the ACF's z₁, z₂, S(1).
    public static func solutions(stay: (Double, Double), z1: Double, z2: Double, oneStepSurvival s1: Double)
        -> [Solution]
    {
        let (s1s, s2s) = stay
        let denominator = s1s + s2s - 1
        guard abs(denominator) > 1e-15, s1s > 0, s2s > 0 else { return [] }
        let product = z1 * z2 / denominator, sum = z1 + z2
        let discriminant = sum * sum - 4 * s1s * s2s * product
        guard discriminant >= -1e-12 else { return [] }
        let root = max(discriminant, 0).squareRoot()
        var out: [Solution] = []
        for phi1 in Set([(sum + root) / (2 * s1s), (sum - root) / (2 * s1s)]) {
            let phi2 = (sum - s1s * phi1) / s2s
            guard (-1e-9...(1 + 1e-9)).contains(phi1), (-1e-9...(1 + 1e-9)).contains(phi2), abs(phi1 - phi2) > 1e-12
            else { continue }
            let r1 = (s1 - phi2) / (phi1 - phi2)
            guard (-1e-9...(1 + 1e-9)).contains(r1) else { continue }
            out.append(Solution(survive: [phi1, phi2], start: [r1, 1 - r1]))
        }
        return out.sorted { $0.survive[0] < $1.survive[0] }
    }

    /// With the origin law assumed stationary (r = π from σ), φ follows from the two linear
    /// equations z₁ + z₂ = σ₁φ₁ + σ₂φ₂ and S(1) = π·φ; the returned residual
    /// φ₁φ₂(σ₁ + σ₂ − 1) − z₁z₂ is the consistency check (0 when the assumption holds).
    public static func stationarySolution(stay: (Double, Double), z1: Double, z2: Double, oneStepSurvival s1: Double)
        -> (survive: [Double], residual: Double)?
    {
        let p1 = 1 - stay.0, p2 = 1 - stay.1
        guard p1 + p2 > 0 else { return nil }
        let pi1 = p2 / (p1 + p2), pi2 = p1 / (p1 + p2)
        let det = stay.0 * pi2 - stay.1 * pi1
        guard abs(det) > 1e-15 else { return nil }
        let phi1 = ((z1 + z2) * pi2 - stay.1 * s1) / det, phi2 = (stay.0 * s1 - (z1 + z2) * pi1) / det
        return ([phi1, phi2], phi1 * phi2 * (stay.0 + stay.1 - 1) - z1 * z2)
    }
}
