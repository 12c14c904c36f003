import IonAnalysis
import IonCore
import IonIO

/// Every analysis of a job as a task of one shared pass, built from the job's tables.
struct JobTasks {
    let summary: AnalysisTask<SummaryAnalysis>
    let msd: [AnalysisTask<ParticleSeriesCollector>]
    let rdf: [AnalysisTask<RDFAnalysis>]
    let onsager: AnalysisTask<OnsagerSeriesCollector>?
    let greenKubo: AnalysisTask<GreenKuboConductivity>?
    let vacf: [AnalysisTask<VelocityAutocorrelation>]
    let rotation: [AnalysisTask<RotationalRelaxation>]
    let shells: [AnalysisTask<SolvationShellAnalysis>]
    let clusters: [AnalysisTask<ClusterAnalysis>]
    let cdf: [AnalysisTask<CombinedDistribution>]
    let kinetics: [AnalysisTask<ShellKineticsCollection>]
    /// Where each kinetics shell's cutoff came from.
    let kineticsCutoffSources: [String]

    /// Missing shell, cluster and kinetics cutoffs are found first, from RDF minima (one extra
    /// pass each).
    init(_ config: JobConfig, _ trajectory: Trajectory) throws {
        let (shellAnalyses, clusterAnalyses) = try JobRunner.structureAnalyses(config, trajectory)
        shells = zip(config.shells, shellAnalyses).map { AnalysisTask("shells \($0.label)", $1) }
        clusters = zip(config.clusters, clusterAnalyses).map { AnalysisTask("clusters \($0.label)", $1) }
        cdf = try config.cdf.map { AnalysisTask("cdf \($0.label)", try $0.analysis()) }
        var sources: [String] = []
        kinetics = try config.kinetics.map { job in
            var definition = job.definition
            sources.append(definition.cutoff == nil ? "first minimum of the RDF" : "given")
            if definition.cutoff == nil { definition.cutoff = try ShellCutoff.firstMinimum(trajectory, definition: definition).r }
            return AnalysisTask("kinetics \(job.label)", ShellKineticsCollection(definition: definition, positionWindow: job.states.window))
        }
        kineticsCutoffSources = sources
        summary = AnalysisTask("summary", SummaryAnalysis(trajectory))
        msd = config.msd.map {
            AnalysisTask("msd \($0.label)", ParticleSeriesCollector(selection: $0.selection, byMolecule: $0.molecules, drift: $0.drift))
        }
        rdf = config.rdf.map { AnalysisTask("rdf \($0.label)", RDFAnalysis(selection: $0.selection, with: $0.with, options: $0.options)) }
        onsager = config.conductivity.map { AnalysisTask("conductivity", OnsagerSeriesCollector(species: $0.species, acceptsReducedUnits: true)) }
        let source = trajectory.input.trajectoryPaths.joined(separator: ", ")
        vacf = config.vacf.map {
            AnalysisTask("vacf \($0.label)", VelocityAutocorrelation(selection: $0.selection, byMolecule: $0.molecules, window: $0.window, source: source))
        }
        rotation = config.rotation.map {
            AnalysisTask("rotation \($0.label)", RotationalRelaxation(tail: $0.tail, head: $0.head, window: $0.window))
        }
        greenKubo = config.conductivity.flatMap { job in
            job.greenKubo ? AnalysisTask("Green–Kubo conductivity", GreenKuboConductivity(species: job.species, temperature: job.options.temperature,
                                                                                         window: job.greenKuboWindow, blocks: job.options.blocks, source: source)) : nil
        }
    }

    /// All tasks, in the order they see each frame.
    var participants: [any PassParticipant] {
        var all: [any PassParticipant] = [summary]
        all += vacf as [any PassParticipant]
        all += rotation as [any PassParticipant]
        if let greenKubo { all.append(greenKubo) }
        all += msd as [any PassParticipant]
        all += rdf as [any PassParticipant]
        if let onsager { all.append(onsager) }
        all += shells as [any PassParticipant]
        all += clusters as [any PassParticipant]
        all += cdf as [any PassParticipant]
        all += kinetics as [any PassParticipant]
        return all
    }
}
