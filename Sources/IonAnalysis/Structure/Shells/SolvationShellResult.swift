import IonCore

/// First solvation shells of a set of centres by one or more partner species, averaged over
/// frames. Distances in Å; counts are per centre and per frame; errors are standard errors over
/// blocks of consecutive frames whose length is chosen from the data (``BlockSeries``; nil with
/// fewer frames than `minimumBlocks`).
public struct SolvationShellResult: Codable, Sendable {
    /// Unit of the cutoffs.
    public var distanceUnit: PhysicalUnit
    public var centres: String
    /// "atoms", or "molecules" (centres of mass of the molecules holding the selected atoms).
    public var centreParticles: String
    public var centreCount: Int
    public var frames: Int
    /// Fewest blocks an error may rest on.
    public var minimumBlocks: Int
    public var species: [SpeciesShell]
    /// Joint shell compositions over all species, most frequent first.
    public var compositions: [ShellComposition]
    /// Mean number of distinct partner molecules in a centre's shell, all species together.
    public var distinctPartners: Double
    public var distinctPartnersError: Double?
    public var warnings: [String]
}

/// One partner species' shells around the centres.
public struct SpeciesShell: Codable, Sendable {
    public var name: String
    public var partners: String
    public var counting: ShellDefinition.Counting
    /// Shell radius, Å.
    public var cutoff: Double
    /// Where the cutoff came from ("given", or "first minimum of the RDF").
    public var cutoffSource: String
    /// Number of partner ids (molecules or atoms) in the system.
    public var partnerCount: Int
    /// Mean coordination number ⟨n⟩ (partners per centre) and its standard error.
    public var meanCoordination: Double
    public var meanCoordinationError: Double?
    /// P(n): fraction of centres (time-averaged) with n partners, n = 0, 1, …
    public var coordination: [Bin]
    /// For d = 1, 2, … coordinating atoms of one partner (mono-, bi-, …dentate): `perCentre` is
    /// the mean number of such partners per centre (summing to ⟨n⟩), `fraction` their share of
    /// all contacts.
    public var denticity: [Bin]

    public struct Bin: Codable, Sendable {
        public var count: Int
        public var perCentre: Double?
        public var probability: Double?
        public var fraction: Double?
        public var error: Double?
    }
}

/// A joint shell composition ("2 TFSI + 1 PYR"): how many partners of each species, in the
/// order of ``SolvationShellResult/species``, and the fraction of centre-frames with it.
public struct ShellComposition: Codable, Sendable {
    public var label: String
    public var counts: [Int]
    public var probability: Double
}
