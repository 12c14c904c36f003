import IonCore

/// A combined distribution function g(r, θ): the centre–partner distance r (Å) against an
/// angle or dihedral θ (degrees) of the partner molecule, normalised so an uncorrelated,
/// structureless system gives 1 everywhere, with the correlation map. Maps are row-major,
/// `map[i][j]` at `r[i]`, `angle[j]`.
public struct CombinedDistributionResult: Codable, Sendable {
    public var distanceUnit: PhysicalUnit
    public var angleUnit = PhysicalUnit.degree
    public var centres: String
    /// "atoms", or "molecules" (centres of mass).
    public var centreParticles: String
    public var partners: String
    /// The partner atoms that make the angle (3) or dihedral (4), in order.
    public var points: [String]
    /// "angle" (at the middle point, 0–180°) or "dihedral" (absolute, 0–180°).
    public var kind: String
    public var centreCount: Int
    public var partnerCount: Int
    /// Number of (centre, partner) pairs that may be counted (different molecules).
    public var pairCount: Double
    public var frames: Int
    /// Largest distance, Å.
    public var rMax: Double
    /// Bin centres.
    public var r: [Double]
    public var angle: [Double]
    /// g(r, θ) = ⟨n(r, θ) · V⟩ / (P · ΔV(r) · w(θ)), ΔV = 4π/3 (r₊³ − r₋³), w the bin's
    /// probability for isotropic orientations: (cos θ₋ − cos θ₊)/2 for an angle, Δφ/180° for a
    /// dihedral.
    public var g: [[Double]]
    /// Marginal over angles: the RDF g(r) of the pairs.
    public var gR: [Double]
    /// Marginal over distances < rMax: the angle distribution relative to isotropic, p(θ)/w(θ).
    public var angleDistribution: [Double]
    /// p(r, θ) − p(r)·p(θ), the joint probability over all counted pairs below rMax less the
    /// product of its marginals: positive where distance and angle occur together more often
    /// than by chance.
    public var correlation: [[Double]]
    /// Pairs counted below rMax, summed over frames.
    public var pairsCounted: Double
    public var warnings: [String]
}
