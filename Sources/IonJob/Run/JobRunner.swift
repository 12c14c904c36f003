import Foundation
import IonAnalysis
import IonCore
import IonIO

/// Runs the analyses of a ``JobConfig`` over one read of the trajectory.
public enum JobRunner {
    /// - Parameter progress: called after each frame with the frames done.
    public static func run(_ config: JobConfig, progress: ((Int) -> Void)? = nil) throws -> JobResults {
        let trajectory = try Trajectory(config.input)
        var timings: [(String, Double)] = []
        let cutoffStart = ContinuousClock.now
        let (shellAnalyses, clusterAnalyses) = try structureAnalyses(config, trajectory)
        if config.shells.contains(where: { $0.species.contains { $0.definition.cutoff == nil } })
            || config.clusters.contains(where: { $0.cutoffs.contains { $0.cutoff == nil } }) {
            timings.append(("shell cutoffs from RDF minima (extra passes)", seconds(since: cutoffStart)))
        }
        let shells = zip(config.shells, shellAnalyses).map { AnalysisTask("shells \($0.label)", $1) }
        let clusters = zip(config.clusters, clusterAnalyses).map { AnalysisTask("clusters \($0.label)", $1) }
        let cdf = try config.cdf.map { AnalysisTask("cdf \($0.label)", try $0.analysis()) }
        var kineticsSources: [String] = []
        let kinetics = try config.kinetics.map { job -> AnalysisTask<ShellKineticsCollection> in
            var definition = job.definition
            kineticsSources.append(definition.cutoff == nil ? "first minimum of the RDF" : "given")
            if definition.cutoff == nil { definition.cutoff = try ShellCutoff.firstMinimum(trajectory, definition: definition).r }
            return AnalysisTask("kinetics \(job.label)", ShellKineticsCollection(definition: definition, positionWindow: job.states.window))
        }
        let summary = AnalysisTask("summary", SummaryAnalysis(trajectory))
        let msd = config.msd.map {
            AnalysisTask("msd \($0.label)", ParticleSeriesCollector(selection: $0.selection, byMolecule: $0.molecules, drift: $0.drift))
        }
        let rdf = config.rdf.map { AnalysisTask("rdf \($0.label)", RDFAnalysis(selection: $0.selection, with: $0.with, options: $0.options)) }
        let onsager = config.conductivity.map { AnalysisTask("conductivity", OnsagerSeriesCollector(species: $0.species, acceptsReducedUnits: true)) }
        let source = config.input.trajectoryPaths.joined(separator: ", ")
        let vacf = config.vacf.map {
            AnalysisTask("vacf \($0.label)", VelocityAutocorrelation(selection: $0.selection, byMolecule: $0.molecules, window: $0.window, source: source))
        }
        let rotation = config.rotation.map {
            AnalysisTask("rotation \($0.label)", RotationalRelaxation(tail: $0.tail, head: $0.head, window: $0.window))
        }
        let greenKubo = config.conductivity.flatMap { job in
            job.greenKubo ? AnalysisTask("Green–Kubo conductivity", GreenKuboConductivity(species: job.species, temperature: job.options.temperature,
                                                                                         window: job.greenKuboWindow, blocks: job.options.blocks, source: source)) : nil
        }
        var participants: [any PassParticipant] = [summary]
        participants += vacf as [any PassParticipant]
        participants += rotation as [any PassParticipant]
        if let greenKubo { participants.append(greenKubo) }
        participants += msd as [any PassParticipant]
        participants += rdf as [any PassParticipant]
        if let onsager { participants.append(onsager) }
        participants += shells as [any PassParticipant]
        participants += clusters as [any PassParticipant]
        participants += cdf as [any PassParticipant]
        participants += kinetics as [any PassParticipant]
        let reading = try AnalysisPass.run(trajectory, participants, progress: progress)
        timings.insert(("reading the trajectory", reading), at: 0)

        var msdResults: [(String, MSDResult)] = []
        for (job, task) in zip(config.msd, msd) {
            let start = ContinuousClock.now
            msdResults.append((job.label, msdResult(task.result!, job: job, reduced: trajectory.units.isReduced)))
            timings.append((task.name, task.seconds + seconds(since: start)))
        }
        var rdfResults: [(String, RDFResult)] = []
        for (job, task) in zip(config.rdf, rdf) {
            rdfResults.append((job.label, task.result!))
            timings.append((task.name, task.seconds))
        }
        var conductivity: OnsagerResult?
        var replicaRuns = ReplicaRuns()
        if !config.replicas.isEmpty {
            let start = ContinuousClock.now
            replicaRuns = try runReplicas(config)
            timings.append(("reading and analysing \(config.replicas.count) further replicas", seconds(since: start)))
        }
        if let job = config.conductivity, let onsager {
            let start = ContinuousClock.now
            var result = try OnsagerAnalysis.compute([onsager.result!] + replicaRuns.onsager, options: job.options)
            for (k, item) in job.species.enumerated() {
                result.species[k].selection = item.selection.text
                result.species[k].particles = item.byMolecule ? "molecules" : "atoms"
            }
            conductivity = result
            timings.append((onsager.name, onsager.seconds + seconds(since: start)))
        }
        var results = JobResults(summary: summary.result!, msd: msdResults, rdf: rdfResults, conductivity: conductivity,
                                 timings: [], warnings: [])
        for (job, task) in zip(config.shells, shells) { results.shells.append((job.label, task.result!)); timings.append((task.name, task.seconds)) }
        for (job, task) in zip(config.clusters, clusters) { results.clusters.append((job.label, task.result!)); timings.append((task.name, task.seconds)) }
        for (job, task) in zip(config.cdf, cdf) { results.cdf.append((job.label, task.result!)); timings.append((task.name, task.seconds)) }
        for (k, (job, task)) in zip(config.kinetics, kinetics).enumerated() {
            let start = ContinuousClock.now
            results.kinetics.append((job.label, try kineticsResult(task.result!, job: job, cutoffSource: kineticsSources[k],
                                                                   lengthUnit: trajectory.units.lengthUnit)))
            timings.append((task.name, task.seconds + seconds(since: start)))
        }
        for (job, task) in zip(config.vacf, vacf) { results.vacf.append((job.label, task.result!)); timings.append((task.name, task.seconds)) }
        for (job, task) in zip(config.rotation, rotation) { results.rotation.append((job.label, task.result!)); timings.append((task.name, task.seconds)) }
        if let greenKubo { results.greenKubo = greenKubo.result; timings.append((greenKubo.name, greenKubo.seconds)) }
        results.replicas = ReplicaSummary(first: results, further: replicaRuns)
        let summaryResult = summary.result!
        var warnings = summaryResult.warnings
        for (label, r) in msdResults { warnings += r.warnings + (r.diffusion?.warnings ?? []).map { "D of \(label): \($0)" } }
        for (_, r) in rdfResults { warnings += r.warnings }
        warnings += conductivity?.warnings ?? []
        for (_, r) in results.shells { warnings += r.warnings }
        for (_, r) in results.clusters { warnings += r.warnings }
        for (_, r) in results.cdf { warnings += r.warnings }
        for (_, r) in results.kinetics { warnings += r.warnings }
        for (_, r) in results.vacf { warnings += r.warnings }
        for (_, r) in results.rotation { warnings += r.warnings }
        warnings += results.greenKubo?.warnings ?? []
        var seen = Set<String>()
        results.warnings = warnings.filter { seen.insert($0).inserted }
        results.timings = timings
        return results
    }

    /// The MSD of a collected series and its Einstein self-diffusion coefficient.
    static func msdResult(_ series: ParticleSeries, job: JobConfig.MSDJob, reduced: Bool) -> MSDResult {
        var result = MeanSquaredDisplacement.compute(series, selection: job.selection.text,
                                                     particles: job.molecules ? "molecules" : "atoms", drift: job.drift.description)
        var options = SelfDiffusionOptions()
        options.fitStart = job.fitStart; options.fitEnd = job.fitEnd
        options.reducedUnits = reduced
        result.diffusion = SelfDiffusion.estimate(series, msd: result, options: options)
        return result
    }

    /// Lifetimes, bursts and states from one collection of existence runs.
    static func kineticsResult(_ collected: ShellKineticsCollection.Result, job: JobConfig.KineticsJob,
                               cutoffSource: String, lengthUnit: String) throws -> KineticsResult {
        let lifetimes = try ShellLifetimes(collected.existence, frameInterval: collected.frameInterval, options: job.lifetimes)
        let events = ExchangeEvents(collected.existence.fillingGaps(upTo: job.lifetimes.tolerance))
        let bursts = try ShellBursts(events, frameInterval: collected.frameInterval, options: job.bursts)
        var warnings = collected.warnings
        var states: ShellStates?
        do {
            states = try ShellStates(events, frameInterval: collected.frameInterval, options: job.states, positions: collected.positions)
        } catch let error as InputError {
            warnings.append("soft/hard states of \(job.label) not computed: \(error.description)")
        }
        return KineticsResult(definition: collected.definition, cutoffSource: cutoffSource, lengthUnit: lengthUnit, lifetimes: lifetimes,
                              bursts: bursts, states: states, warnings: warnings)
    }

    /// Shell and cluster analyses with every cutoff settled: missing ones are the first minimum
    /// of the RDF (``ShellCutoff``), one extra pass each.
    static func structureAnalyses(_ config: JobConfig, _ trajectory: Trajectory) throws -> ([SolvationShellAnalysis], [ClusterAnalysis]) {
        let shells = try config.shells.map { job in
            try SolvationShellAnalysis(species: try job.species.map { name, definition in
                var definition = definition
                var source = "given"
                if definition.cutoff == nil {
                    definition.cutoff = try ShellCutoff.firstMinimum(trajectory, definition: definition).r
                    source = "first minimum of the RDF"
                }
                return SolvationShellAnalysis.Species(name: name, definition: definition, cutoffSource: source)
            }, blocks: job.blocks)
        }
        let clusters = try config.clusters.map { job in
            let rules = try job.cutoffs.map { cation, anion, cutoff -> ContactRule in
                if let cutoff { return ContactRule(cation: cation, anion: anion, cutoff: cutoff) }
                let c = job.cations.first { $0.name == cation }!, a = job.anions.first { $0.name == anion }!
                let definition = ShellDefinition(centres: c.selection, partners: a.selection, centresByMolecule: true, counting: .centresOfMass)
                return ContactRule(cation: cation, anion: anion, cutoff: try ShellCutoff.firstMinimum(trajectory, definition: definition).r,
                                   cutoffSource: "first minimum of the RDF")
            }
            return try ClusterAnalysis(cations: job.cations, anions: job.anions, rules: rules, counting: job.counting, blocks: job.blocks)
        }
        return (shells, clusters)
    }

    static func seconds(since start: ContinuousClock.Instant) -> Double {
        let elapsed = ContinuousClock.now - start
        return Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18
    }
}
