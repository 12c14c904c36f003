import IonCore

/// Ion clusters: connected components of cation–anion contacts, averaged over frames. Counts
/// are per frame; charges in e; errors are standard errors over blocks of consecutive frames
/// whose length is chosen from the data (``BlockSeries``; nil with fewer frames than
/// `minimumBlocks`).
public struct ClusterResult: Codable, Sendable {
    /// Unit of the cutoffs.
    public var distanceUnit: PhysicalUnit
    /// Unit of the net charges.
    public var chargeUnit: PhysicalUnit
    public var ions: [IonSpecies]
    public var contacts: [ContactRule]
    public var counting: ShellDefinition.Counting
    public var frames: Int
    /// Fewest blocks an error may rest on.
    public var minimumBlocks: Int
    /// Per species: fractions of its ions that are free, in contact ion pairs (a cluster of
    /// exactly one cation and one anion) and in larger aggregates; they sum to 1.
    public var fractions: [IonFractions]
    /// Clusters of each size (ions), free ions included as size 1.
    public var sizes: [Bin]
    /// Clusters of each net charge.
    public var charges: [Bin]
    /// The fractions frame by frame, for plotting.
    public var series: FractionSeries
    public var warnings: [String]

    /// One ion species: its molecules and their mean net charge (e).
    public struct IonSpecies: Codable, Sendable {
        public var name: String
        public var selection: String
        public var isCation: Bool
        public var count: Int
        public var charge: Double
    }

    public struct IonFractions: Codable, Sendable {
        public var species: String
        public var free: Double
        public var freeError: Double?
        public var pairs: Double
        public var pairsError: Double?
        public var aggregates: Double
        public var aggregatesError: Double?
    }

    /// Clusters with one size (ions) or one net charge (e): mean number per frame, its error,
    /// and its share of all clusters.
    public struct Bin: Codable, Sendable {
        public var value: Double
        public var perFrame: Double
        public var perFrameError: Double?
        public var fraction: Double
    }

    /// `free[s][f]`, `pairs[s][f]`, `aggregates[s][f]`: species s at the f-th frame analysed.
    public struct FractionSeries: Codable, Sendable {
        public var frameIndices: [Int]
        /// Frame times, ps, when the trajectory has them.
        public var times: [Double]?
        public var free: [[Double]]
        public var pairs: [[Double]]
        public var aggregates: [[Double]]
    }
}

/// When a cation and an anion of the named species are in contact: within `cutoff` Å (centres
/// of mass, or any selected atom of the anion, by the analysis' counting).
public struct ContactRule: Codable, Sendable {
    public var cation: String
    public var anion: String
    public var cutoff: Double
    /// "given", or "first minimum of the RDF".
    public var cutoffSource: String
    public init(cation: String, anion: String, cutoff: Double, cutoffSource: String = "given") {
        self.cation = cation; self.anion = anion; self.cutoff = cutoff; self.cutoffSource = cutoffSource
    }
}
