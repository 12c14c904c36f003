import Foundation
import IonNumerics

/// Per-state dissociation rates and the origin state law implied by the two-state fit of a pair ACF
/// once the state switching rates are supplied from elsewhere (e.g. `states`' soft/hard switching
/// rates). Rates in 1/ps. This rests on that assumption: the ACF alone fixes only λ_s, λ_f and A_s,
/// three numbers, while the two-state model (Lee et al. 2023, doi:10.1140/epje/s10189-023-00365-9,
/// appendix A.2) has five parameters (see ``TwoStateIdentification``).
public struct IdentifiedTwoState: Sendable, Codable, Equatable {
    /// Switching rates assumed, state 1 → 2 and 2 → 1, 1/ps.
    public var switching: [Double]
    /// Dissociation rates b_i = −ln φ_i/δt in each state, 1/ps.
    public var dissociation: [Double]
    /// State law of the pairs at the time origins.
    public var start: [Double]
}

extension ShellLifetimes {
    /// The solutions (up to two) of the plain two-state fit for switching rates `a` (1/ps, with
    /// σ_i = e^{−a_i δt}); empty when the fit is missing or no admissible (φ, r) exists.
    public func identify(switching a: (Double, Double)) -> [IdentifiedTwoState] {
        guard let fit = fits.fits.first(where: { $0.model == .twoState }), fit.converged else { return [] }
        let dt = frameInterval
        let z1 = exp(-fit.parameters[0] * dt), z2 = exp(-fit.parameters[1] * dt)
        let s1 = fit.parameters[2] * z1 + (1 - fit.parameters[2]) * z2
        return TwoStateIdentification.solutions(
            stay: (exp(-a.0 * dt), exp(-a.1 * dt)), z1: z1, z2: z2, oneStepSurvival: s1
        ).map {
            IdentifiedTwoState(
                switching: [a.0, a.1], dissociation: $0.survive.map { -log(min(max($0, 1e-300), 1)) / dt },
                start: $0.start)
        }
    }
}
