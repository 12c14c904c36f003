import IonCore

/// A value with its standard error (nil when it cannot be estimated: one run too short to split
/// into blocks).
public struct Estimate: Codable, Sendable, Equatable {
    public var value: Double
    public var uncertainty: Double?
    public init(_ value: Double, _ uncertainty: Double? = nil) { self.value = value; self.uncertainty = uncertainty }
}

/// Onsager transport coefficients, conductivity and transference numbers of an electrolyte.
/// Every unit is spelled out in ``units``; matrices are indexed like ``species``.
public struct OnsagerResult: Codable, Sendable {
    public struct SpeciesInfo: Codable, Sendable {
        public var name: String
        public var selection: String
        /// "molecules" (centres of mass of whole molecules) or "atoms".
        public var particles: String
        public var count: Int
        /// Charge of each particle, e.
        public var charge: Double
        /// Number concentration, mol/L.
        public var concentration: Double
    }

    public var species: [SpeciesInfo]
    /// Temperature, K.
    public var temperature: Double
    /// Mean cell volume, Å³ (mean over replicas).
    public var volume: Double
    public var replicas: Int
    public var framesPerReplica: [Int]
    /// Time between frames, ps (of the first replica).
    public var frameInterval: Double
    /// Lags over which the slopes are fitted, ps: [start, end].
    public var fitWindow: [Double]
    /// What the uncertainties are.
    public var uncertaintyMethod: String

    /// L^ij, mol²/(J·m·s), from Jones et al. 2022, doi:10.48550/arXiv.2208.03182, eq. 6 (with 1/N_A² for
    /// molar units).
    public var coefficients: [[Estimate]]
    /// L_self^ii (eq. 7), mol²/(J·m·s).
    public var selfCoefficients: [Estimate]
    /// L^ij − δ_ij L_self^ii, mol²/(J·m·s).
    public var distinctCoefficients: [[Estimate]]
    /// Self-diffusion coefficients D_i from the self parts, m²/s.
    public var diffusionCoefficients: [Estimate]
    /// κ = F² Σ z_i z_j L^ij, S/m.
    public var conductivity: Estimate
    /// σ(NE) = F² Σ z_i² L_self^ii = e²/(V k_B T) Σ N_i z_i² D_i, S/m.
    public var nernstEinsteinConductivity: Estimate
    /// κ / σ(NE).
    public var ionicity: Estimate
    /// Salt concentration c used for the molar conductivity, mol/L, and where it came from.
    public var saltConcentration: Double
    public var saltConcentrationSource: String
    /// Λ = κ / c, S·m²/mol.
    public var molarConductivity: Estimate
    /// t_i = N_i z_i² D_i / Σ_j N_j z_j² D_j per species (ideal, uncorrelated ions).
    public var transferenceNernstEinstein: [Estimate]
    /// t_i = z_i Σ_j z_j L^ij / Σ_jk z_j z_k L^jk per species (centre-of-mass frame; may be negative).
    public var transferenceOnsager: [Estimate]
    /// Sums of the above over the cationic species.
    public var cationTransferenceNernstEinstein: Estimate
    public var cationTransferenceOnsager: Estimate
    /// D₊/(D₊ + D₋) when there is exactly one cationic and one anionic species.
    public var binaryTransferenceFromDiffusion: Estimate?

    /// ⟨Σ_α Δr_α(t) · Σ_β Δr_β(t)⟩ for each species pair and the self parts Σ_α ⟨Δr_α(t)²⟩, Å², at
    /// up to about 400 lags up to half the run (mean over replicas of equal length, else the
    /// first), to check the linear regime.
    public var curveTimes: [Double]
    public var collectiveDisplacements: [[[Double]]]
    public var selfDisplacements: [[Double]]

    public var units = OnsagerUnits.si
    public var warnings: [String]
    /// κ from the first ¼, ½, ¾ and all of the frames of a single run (same fit rules), in the
    /// unit of ``conductivity``: the convergence view. Empty for replicas or when a part is too
    /// short to fit.
    public var convergence: [ConvergencePoint] = []
}

/// The units of an ``OnsagerResult``'s quantities: SI for transport coefficients (Å, ps and e for
/// the curves behind them), or reduced Lennard-Jones units throughout for LAMMPS lj inputs.
public struct OnsagerUnits: Codable, Sendable, Equatable {
    public var coefficients: PhysicalUnit, diffusionCoefficients: PhysicalUnit, conductivity: PhysicalUnit
    public var molarConductivity: PhysicalUnit, saltConcentration: PhysicalUnit, concentration: PhysicalUnit
    public var temperature: PhysicalUnit, volume: PhysicalUnit, frameInterval: PhysicalUnit, fitWindow: PhysicalUnit
    public var curveTimes: PhysicalUnit, collectiveDisplacements: PhysicalUnit, selfDisplacements: PhysicalUnit
    public var charge: PhysicalUnit

    public static let si = OnsagerUnits(
        coefficients: .molarOnsager, diffusionCoefficients: .squareMetrePerSecond, conductivity: .siemensPerMetre,
        molarConductivity: .molarConductivity, saltConcentration: .molePerLitre, concentration: .molePerLitre,
        temperature: .kelvin, volume: PhysicalUnit.angstrom.cubed, frameInterval: .picosecond,
        fitWindow: .picosecond, curveTimes: .picosecond, collectiveDisplacements: PhysicalUnit.angstrom.squared,
        selfDisplacements: PhysicalUnit.angstrom.squared, charge: .elementaryCharge)

    /// Reduced units, k_B = 1: L* in 1/(σ·τ·ε), κ* in q²/(σ·τ·ε), c* in σ⁻³.
    public static let reduced = OnsagerUnits(
        coefficients: PhysicalUnit("1/(σ·τ·ε)", toSI: nil), diffusionCoefficients: PhysicalUnit.sigma.squared / .tau,
        conductivity: .reducedConductivity, molarConductivity: PhysicalUnit("q²·σ²/(τ·ε)", toSI: nil),
        saltConcentration: PhysicalUnit("σ⁻³", toSI: nil), concentration: PhysicalUnit("σ⁻³", toSI: nil),
        temperature: PhysicalUnit("ε/k_B", toSI: nil), volume: PhysicalUnit.sigma.cubed, frameInterval: .tau,
        fitWindow: .tau, curveTimes: .tau, collectiveDisplacements: PhysicalUnit.sigma.squared,
        selfDisplacements: PhysicalUnit.sigma.squared, charge: .reducedCharge)
}
