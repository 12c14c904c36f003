import IonAnalysis
import IonCore
import IonIO
import IonNumerics

/// What the further replicas of a job gave: the transport analyses only.
struct ReplicaRuns {
    /// Per further replica: the self-diffusion result of each `[[msd]]` job.
    var diffusion: [[SelfDiffusionResult?]] = []
    /// Per further replica: the VACF result of each `[[vacf]]` job.
    var vacf: [[VACFResult]] = []
    /// Per further replica: the Green–Kubo conductivity, when asked for.
    var greenKubo: [GreenKuboConductivityResult] = []
    /// Per further replica: the Onsager series, combined with the first run's.
    var onsager: [OnsagerSeries] = []
    var frames: [Int] = []
}

/// Each replica's estimates and their combination: the mean over replicas with the standard
/// error of that mean from their spread (s/√n), the uncertainty a reader can trust when runs are
/// independent.
public struct ReplicaSummary: Sendable, Codable {
    public struct Combined: Sendable, Codable {
        public var label: String
        public var unit: String
        /// One value per replica, the first run first.
        public var values: [Double]
        public var mean: Double
        /// s/√n over the replicas.
        public var standardError: Double?
    }
    public var runs: Int
    public var framesPerRun: [Int]
    public var quantities: [Combined]

    init?(first: JobResults, further: ReplicaRuns) {
        guard !further.frames.isEmpty else { return nil }
        runs = 1 + further.frames.count
        framesPerRun = [first.summary.frames] + further.frames
        quantities = []
        for (k, (label, msd)) in first.msd.enumerated() {
            let all = [msd.diffusion] + further.diffusion.map { $0[k] }
            let values = all.compactMap { $0.map { $0.coefficientSI ?? $0.coefficient.value } }
            guard values.count == all.count, let unit = msd.diffusion.map({ $0.coefficientSI == nil ? $0.unit : "m²/s" }) else { continue }
            add("D(\(label)), Einstein", unit, values)
        }
        for (k, (label, vacf)) in first.vacf.enumerated() {
            let all = [vacf] + further.vacf.map { $0[k] }
            add("D(\(label)), Green–Kubo", (vacf.diffusionSI ?? vacf.diffusion).unit, all.map { ($0.diffusionSI ?? $0.diffusion).value })
        }
        if let g = first.greenKubo {
            add("κ, Green–Kubo", g.conductivity.unit, [g.conductivity.value] + further.greenKubo.map(\.conductivity.value))
        }
    }

    private mutating func add(_ label: String, _ unit: String, _ values: [Double]) {
        let (mean, error) = meanAndStandardError(values)
        quantities.append(Combined(label: label, unit: unit, values: values, mean: mean, standardError: error))
    }
}

extension JobRunner {
    /// Reads every further replica once, with the transport collectors only.
    static func runReplicas(_ config: JobConfig) throws -> ReplicaRuns {
        var runs = ReplicaRuns()
        for input in config.replicas {
            let trajectory = try Trajectory(input)
            let source = input.trajectoryPaths.joined(separator: ", ")
            let msd = config.msd.map {
                AnalysisTask("msd", ParticleSeriesCollector(selection: $0.selection, byMolecule: $0.molecules, drift: $0.drift))
            }
            let vacf = config.vacf.map {
                AnalysisTask("vacf", VelocityAutocorrelation(selection: $0.selection, byMolecule: $0.molecules, window: $0.window, source: source))
            }
            let onsager = config.conductivity.map { AnalysisTask("conductivity", OnsagerSeriesCollector(species: $0.species, acceptsReducedUnits: true)) }
            let greenKubo = config.conductivity.flatMap { job in
                job.greenKubo ? AnalysisTask("gk", GreenKuboConductivity(species: job.species, temperature: job.options.temperature,
                                                                        window: job.greenKuboWindow, blocks: job.options.blocks, source: source)) : nil
            }
            let summary = AnalysisTask("summary", SummaryAnalysis(trajectory))
            var participants: [any PassParticipant] = [summary]
            participants += msd as [any PassParticipant]
            participants += vacf as [any PassParticipant]
            if let onsager { participants.append(onsager) }
            if let greenKubo { participants.append(greenKubo) }
            try AnalysisPass.run(trajectory, participants)
            runs.frames.append(summary.result!.frames)
            runs.diffusion.append(zip(config.msd, msd).map { job, task in
                msdResult(task.result!, job: job, reduced: trajectory.units.isReduced).diffusion
            })
            runs.vacf.append(vacf.map { $0.result! })
            if let onsager { runs.onsager.append(onsager.result!) }
            if let greenKubo { runs.greenKubo.append(greenKubo.result!) }
        }
        return runs
    }
}
