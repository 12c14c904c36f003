/// The Yeh–Hummer finite-size correction of a self-diffusion coefficient computed in a periodic
/// cubic cell of edge L (Yeh & Hummer, J. Phys. Chem. B 108, 15873 (2004),
/// doi:10.1021/jp0477147):
///
///     D_∞ = D_PBC + k_B T ξ / (6π η L),   ξ = 2.837297.
///
/// σ(D_∞)² = σ(D_PBC)² + (ΔD · σ_η/η)²; T and L are taken as exact. For a non-cubic cell
/// L = V^(1/3) is used and ``lengthNote`` says so (the correction is then approximate). SI inputs:
/// T in K, η in Pa·s, L in Å; ΔD in Å²/ps. Reduced (lj) inputs: k_B = 1, T, η and L reduced.
public struct YehHummerCorrection: Sendable, Codable, Equatable {
    public static let xi = 2.837297

    public var temperature: Double
    public var viscosity: Double
    public var viscosityUncertainty: Double
    /// L, Å (σ), and how it was obtained.
    public var boxLength: Double
    public var lengthNote: String
    /// k_B T ξ / (6π η L), Å²/ps (σ²/τ).
    public var correction: Double
    /// D_∞ with its σ, Å²/ps (σ²/τ).
    public var corrected: DiffusionEstimate

    public init(
        diffusion: DiffusionEstimate, temperature: Double, viscosity: Double, viscosityUncertainty: Double = 0,
        volume: Double, isCubic: Bool, reducedUnits: Bool = false
    ) {
        self.temperature = temperature
        self.viscosity = viscosity
        self.viscosityUncertainty = viscosityUncertainty
        boxLength = volume.squareRoot() == 0 ? 0 : pow(volume, 1.0 / 3)
        lengthNote = isCubic ? "cubic cell edge" : "non-cubic cell: L = V^(1/3), the correction is approximate"
        if reducedUnits {
            correction = temperature * Self.xi / (6 * .pi * viscosity * boxLength)
        } else {
            correction =
                TransportUnits.boltzmann * temperature * Self.xi / (6 * .pi * viscosity * boxLength * 1e-10)
                / TransportUnits.squareAngstromPerPicosecond
        }
        let relative = viscosity > 0 ? viscosityUncertainty / viscosity : 0
        let sigma = (diffusion.uncertainty * diffusion.uncertainty + (correction * relative) * (correction * relative))
            .squareRoot()
        corrected = DiffusionEstimate(
            value: diffusion.value + correction, uncertainty: sigma,
            method: "Yeh–Hummer: D_PBC + k_B T ξ/(6π η L)")
    }
}

#if canImport(Glibc)
    import Glibc
#else
    import Darwin
#endif
