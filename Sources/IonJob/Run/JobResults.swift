import IonAnalysis
import IonIO

/// Everything one job computed, before it is written out.
public struct JobResults: Sendable {
    public var summary: TrajectorySummary
    public var msd: [(label: String, result: MSDResult)]
    public var rdf: [(label: String, result: RDFResult)]
    public var conductivity: OnsagerResult?
    public var shells: [(label: String, result: SolvationShellResult)] = []
    public var clusters: [(label: String, result: ClusterResult)] = []
    public var cdf: [(label: String, result: CombinedDistributionResult)] = []
    /// Seconds per step ("reading", and each analysis by name).
    public var timings: [(String, Double)]
    public var warnings: [String]
}
