/// Green–Kubo conductivity of an electrolyte, total and by species pairs.
public struct GreenKuboConductivityResult: Codable, Sendable {
    public struct SpeciesInfo: Codable, Sendable {
        public var name: String
        public var count: Int
        /// Net charge of each particle, e.
        public var charge: Double
    }
    public var species: [SpeciesInfo]
    /// K (k_B T/ε for `lj`).
    public var temperature: Double
    /// Mean cell volume, Å³ (σ³).
    public var volume: Double
    public var frames: Int
    /// ps (τ).
    public var frameInterval: Double
    /// Lags, ps (τ).
    public var times: [Double]
    /// ⟨J(0)·J(t)⟩, e²Å²/ps² (reduced for `lj`).
    public var chargeCurrentACF: [Double]
    /// κ(t) = 1/(3 V k_B T) ∫₀ᵗ ⟨J(0)·J(s)⟩ ds, in the unit of ``conductivity``.
    public var runningConductivity: [Double]
    /// κ, S/m (q²/(σ·τ·ε) for `lj`).
    public var conductivity: GreenKuboEstimate
    /// Σ_s κ_self,s: the Green–Kubo Nernst–Einstein conductivity.
    public var nernstEinstein: GreenKuboEstimate
    /// κ_st, symmetric, self parts included on the diagonal; Σ_st κ_st = κ.
    public var pairs: [[GreenKuboEstimate]]
    /// κ_self,s per species.
    public var selfParts: [GreenKuboEstimate]
    /// κ from the first ¼, ½, ¾ and all of the frames.
    public var convergence: [ConvergencePoint]
    /// Internal units of the inputs: "Å, ps, e, K" or "lj".
    public var units: String
    public var warnings: [String]
}
