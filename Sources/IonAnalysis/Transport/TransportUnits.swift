/// Exact SI constants (2019 redefinition) and the conversions from IonScope's internal units
/// (Å, ps, e, K) to the SI units transport results are reported in.
public enum TransportUnits {
    /// Boltzmann constant, J/K.
    public static let boltzmann = 1.380_649e-23
    /// Elementary charge, C.
    public static let elementaryCharge = 1.602_176_634e-19
    /// Avogadro constant, 1/mol.
    public static let avogadro = 6.022_140_76e23
    /// Faraday constant F = e·N_A, C/mol.
    public static let faraday = elementaryCharge * avogadro

    /// Multiply Å²/ps by this to get m²/s.
    public static let squareAngstromPerPicosecond = 1e-8
    /// Multiply Å³ by this to get m³.
    public static let cubicAngstrom = 1e-30
    /// Multiply a concentration in particles/Å³ by this to get mol/m³ (1 mol/L = 1000 mol/m³).
    public static let particlesPerCubicAngstrom = 1 / (cubicAngstrom * avogadro)

    /// The Onsager coefficient per particle, l = slope / (6 k_B T V), in 1/(J·m·s), from the slope
    /// of a collective cross displacement ⟨ΣΔr·ΣΔr⟩ in Å²/ps, the temperature in K and the volume
    /// in Å³.
    public static func particleCoefficient(slope: Double, temperature: Double, volume: Double) -> Double {
        slope * squareAngstromPerPicosecond / (6 * boltzmann * temperature * volume * cubicAngstrom)
    }

    /// The molar Onsager coefficient L = l / N_A², mol²/(J·m·s): fluxes in mol/(m²·s) driven by
    /// gradients of molar electrochemical potentials in J/(mol·m). Then κ = F² Σ z_i z_j L^ij and
    /// L_self^ii = D_i c_i / (RT) (c in mol/m³), as in Fong et al. and Jones et al. 2022,
    /// doi:10.48550/arXiv.2208.03182.
    public static func molarCoefficient(particleCoefficient l: Double) -> Double { l / (avogadro * avogadro) }

    /// LAMMPS `lj` inputs stay reduced (σ, τ, charge q*, T* = k_B T/ε). The SI conductivity
    /// formulas applied to those numbers as if they were Å, ps, e and K give κ* times this factor,
    /// e² · 10⁻⁸ / (k_B · 10⁻³⁰): divide by it for κ* in q*²/(σ·τ·ε) (k_B = 1).
    public static let reducedConductivityScale =
        elementaryCharge * elementaryCharge * squareAngstromPerPicosecond / (boltzmann * cubicAngstrom)
}
