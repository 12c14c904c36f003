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
    public var kinetics: [(label: String, result: KineticsResult)] = []
    public var vacf: [(label: String, result: VACFResult)] = []
    public var rotation: [(label: String, result: RotationResult)] = []
    public var greenKubo: GreenKuboConductivityResult?
    /// Estimates per replica and combined, when the job has several runs.
    public var replicas: ReplicaSummary?
    /// Seconds per step ("reading", and each analysis by name).
    public var timings: [(String, Double)]
    public var warnings: [String]
}

extension JobResults {
    /// Every analysis' warnings once each, the reading warnings first; self-diffusion warnings
    /// name their group.
    func allWarnings() -> [String] {
        var warnings = summary.warnings
        for (label, r) in msd { warnings += r.warnings + (r.diffusion?.warnings ?? []).map { "D of \(label): \($0)" } }
        warnings += rdf.flatMap(\.result.warnings) + (conductivity?.warnings ?? [])
        warnings += shells.flatMap(\.result.warnings) + clusters.flatMap(\.result.warnings) + cdf.flatMap(\.result.warnings)
        warnings += kinetics.flatMap(\.result.warnings) + vacf.flatMap(\.result.warnings) + rotation.flatMap(\.result.warnings)
        warnings += greenKubo?.warnings ?? []
        var seen = Set<String>()
        return warnings.filter { seen.insert($0).inserted }
    }
}

/// Shell kinetics of one shell: lifetimes, exchange bursts and soft/hard states.
public struct KineticsResult: Sendable, Codable {
    public var definition: ShellDefinition
    public var cutoffSource: String
    /// Unit of the cutoff: Å, or σ for LAMMPS lj inputs.
    public var lengthUnit: String
    public var lifetimes: ShellLifetimes
    public var bursts: ShellBursts
    /// nil when the run holds fewer than two state windows.
    public var states: ShellStates?
    public var warnings: [String]
}
