import IonCore

extension OnsagerResult {
    /// The result of an analysis of LAMMPS `lj` numbers (σ, τ, charge q*, T* = k_B T/ε, which
    /// IonScope keeps unconverted) with every dimensional quantity in reduced units (k_B = 1):
    /// the SI formulas applied to reduced numbers are linear, so each quantity is rescaled by an
    /// exact factor.
    ///
    ///     L*  = (1/(6 T* V*)) d/dt ⟨ΣΔr·ΣΔr⟩            σ⁻¹τ⁻¹ε⁻¹
    ///     D*  in σ²/τ,  κ* = Σ z_i z_j L*^ij in q*²/(σ·τ·ε),  c* in σ⁻³,  Λ* = κ*/c* in q*²σ²/(τ·ε)
    ///
    /// Ratios (ionicity, transference numbers) are unchanged.
    func inReducedUnits() -> OnsagerResult {
        let diffusion = 1 / TransportUnits.squareAngstromPerPicosecond
        // L_SI = slope·1e-8 / (6 k_B T V·1e-30 N_A²); L* = slope / (6 T V).
        let coefficient =
            TransportUnits.avogadro * TransportUnits.avogadro * TransportUnits.boltzmann
            * TransportUnits.cubicAngstrom / TransportUnits.squareAngstromPerPicosecond
        let conductivity = 1 / TransportUnits.reducedConductivityScale
        let density = 1000 / TransportUnits.particlesPerCubicAngstrom  // mol/L → particles per σ³
        func scaled(_ e: Estimate, _ f: Double) -> Estimate { Estimate(e.value * f, e.uncertainty.map { $0 * f }) }
        var copy = self
        copy.coefficients = coefficients.map { $0.map { scaled($0, coefficient) } }
        copy.selfCoefficients = selfCoefficients.map { scaled($0, coefficient) }
        copy.distinctCoefficients = distinctCoefficients.map { $0.map { scaled($0, coefficient) } }
        copy.diffusionCoefficients = diffusionCoefficients.map { scaled($0, diffusion) }
        copy.conductivity = scaled(self.conductivity, conductivity)
        copy.nernstEinsteinConductivity = scaled(nernstEinsteinConductivity, conductivity)
        for k in copy.species.indices { copy.species[k].concentration *= density }
        copy.saltConcentration = saltConcentration * density
        // Λ_SI = κ_SI / (1000 c); Λ* = κ* / c*.
        copy.molarConductivity = scaled(
            molarConductivity, 1000 * saltConcentration * conductivity / copy.saltConcentration)
        copy.units = .reduced
        return copy
    }

}
