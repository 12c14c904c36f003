import Foundation
import IonAnalysis
import IonCore
import IonIO

/// A job: the inputs, named selections and the analyses to run, read from a TOML file.
/// ``JobConfig/load(_:)`` checks every key, type and file before anything is read.
public struct JobConfig: Sendable {
    public var path: String
    /// The file's text, kept for the provenance record.
    public var text: String
    public var title: String
    /// Output directory from the file (relative to the current directory); nil for the default.
    public var output: String?
    public var input: TrajectoryInput
    /// Further runs of the same system (replicas), read after ``input``: the transport analyses
    /// (MSD and D, VACF, conductivity) combine them; structure and kinetics use the first run.
    public var replicas: [TrajectoryInput] = []
    /// K; needed by conductivity.
    public var temperature: Double?
    /// Named selections, in the order written.
    public var selections: [(name: String, selection: Selection)]
    public var msd: [MSDJob]
    public var rdf: [RDFJob]
    public var conductivity: ConductivityJob?
    public var shells: [ShellsJob] = []
    public var clusters: [ClustersJob] = []
    public var cdf: [CDFJob] = []
    public var kinetics: [KineticsJob] = []
    public var vacf: [VACFJob] = []
    public var rotation: [RotationJob] = []

    public struct MSDJob: Sendable {
        public var label: String
        public var selection: Selection
        public var molecules: Bool
        public var drift: DriftPolicy
        public var fitStart: Double?
        public var fitEnd: Double?
    }

    public struct RDFJob: Sendable {
        public var label: String
        public var selection: Selection
        public var with: Selection?
        public var options: RDFOptions
    }

    /// Shells of `centres` by each partner species; a nil cutoff is taken from the first
    /// minimum of the RDF (one extra pass).
    public struct ShellsJob: Sendable {
        public var label: String
        public var species: [(name: String, definition: ShellDefinition)]
        public var blocks: Int
    }

    /// Ion clusters; a nil cutoff of a cation–anion pair comes from the RDF's first minimum.
    public struct ClustersJob: Sendable {
        public var label: String
        public var cations: [ClusterAnalysis.Ion]
        public var anions: [ClusterAnalysis.Ion]
        public var cutoffs: [(cation: String, anion: String, cutoff: Double?)]
        public var counting: ShellDefinition.Counting
        public var blocks: Int
    }

    public struct CDFJob: Sendable {
        public var label: String
        public var centres: String, centresByMolecule: Bool, partners: String, points: [String]
        public var rMax: Double, distanceBins: Int, angleBins: Int

        /// The analysis these settings describe.
        public func analysis() throws -> CombinedDistribution {
            try CombinedDistribution(centres: centres, centresByMolecule: centresByMolecule, partners: partners, points: points,
                                     rMax: rMax, distanceBins: distanceBins, angleBins: angleBins)
        }
    }

    /// Shell kinetics of one centre–partner shell: lifetimes, bursts and soft/hard states, from one
    /// collection of pair-existence runs.
    public struct KineticsJob: Sendable {
        public var label: String
        /// The shell; a nil cutoff comes from the RDF's first minimum.
        public var definition: ShellDefinition
        public var lifetimes: ShellLifetimeOptions
        public var bursts: ShellBurstOptions
        public var states: ShellStateOptions
    }

    public struct ConductivityJob: Sendable {
        public var species: [OnsagerSpecies]
        public var options: OnsagerOptions
        /// Also the Green–Kubo conductivity from the charge-current ACF (needs velocities);
        /// its longest lag in ps (nil: half a block).
        public var greenKubo: Bool
        public var greenKuboWindow: Double?
    }

    /// VACF and Green–Kubo self-diffusion of a group (needs velocities).
    public struct VACFJob: Sendable {
        public var label: String
        public var selection: Selection
        public var molecules: Bool
        /// Longest lag, ps; nil for half a block.
        public var window: Double?
    }

    /// P1/P2 relaxation of the axis tail → head in each molecule.
    public struct RotationJob: Sendable {
        public var label: String
        public var tail: Selection
        public var head: Selection
        public var window: Double?
    }

    /// Whether some shell, cluster or kinetics cutoff must come from an RDF minimum first.
    var needsCutoffPasses: Bool {
        shells.contains { $0.species.contains { $0.definition.cutoff == nil } }
            || clusters.contains { $0.cutoffs.contains { $0.cutoff == nil } }
            || kinetics.contains { $0.definition.cutoff == nil }
    }

    /// Reads and checks the job file at `path`. Relative file names in it are relative to its
    /// folder.
    public static func load(_ path: String) throws -> JobConfig {
        guard let data = FileManager.default.contents(atPath: path), let text = String(data: data, encoding: .utf8) else {
            throw ConfigError(path: path, line: nil, "cannot read the job file (missing, unreadable or not UTF-8)")
        }
        return try parse(text, path: path)
    }

    /// Checks `text` as the job file `path` (whose folder anchors relative file names).
    public static func parse(_ text: String, path: String) throws -> JobConfig {
        let root: TOMLTable
        do { root = try TOMLParser.parse(text) } catch { throw ConfigError(path: path, line: error.line, "\(error.message) (column \(error.column))") }
        var reader = JobReader(path: path, folder: URL(fileURLWithPath: path).deletingLastPathComponent())
        return try reader.read(root, text: text)
    }
}
