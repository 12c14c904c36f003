import Foundation
import IonAnalysis
import IonCore
import IonIO

/// Runs the analyses of a ``JobConfig`` over one read of the trajectory.
public enum JobRunner {
    /// - Parameter progress: called after each frame with the frames done.
    public static func run(_ config: JobConfig, progress: ((Int) -> Void)? = nil) throws -> JobResults {
        var timings: [(String, Double)] = []
        var (results, series) = try analyse(config.input, config, timings: &timings, progress: progress)
        // Further replicas: the whole job again on each run; the conductivity combines every
        // run's series, the other headline numbers are compared run by run.
        var further: [JobResults] = []
        for (k, input) in config.replicas.enumerated() {
            var replicaTimings: [(String, Double)] = []
            let start = ContinuousClock.now
            let (replica, replicaSeries) = try analyse(input, config, timings: &replicaTimings, progress: nil)
            further.append(replica)
            series += replicaSeries
            timings.append(("replica \(k + 2): all analyses", seconds(since: start)))
        }
        results.replicas = ReplicaSummary(runs: [results] + further)  // before κ is replaced by the combined one
        if let job = config.conductivity, !further.isEmpty {
            let start = ContinuousClock.now
            results.conductivity = try conductivityResult(series, job: job)
            timings.append(("conductivity over all replicas", seconds(since: start)))
        }
        results.warnings = results.allWarnings() + further.enumerated().flatMap { k, r in r.allWarnings().map { "replica \(k + 2): \($0)" } }
        results.timings = timings
        return results
    }

    /// Every analysis of `config` over one read of `input`; also returns the Onsager series (for
    /// combining replicas).
    static func analyse(_ input: TrajectoryInput, _ config: JobConfig, timings: inout [(String, Double)],
                        progress: ((Int) -> Void)?) throws -> (JobResults, [OnsagerSeries]) {
        let trajectory = try Trajectory(input)
        let setup = ContinuousClock.now
        let tasks = try JobTasks(config, trajectory)
        if config.needsCutoffPasses { timings.append(("shell cutoffs from RDF minima (extra passes)", seconds(since: setup))) }
        timings.append(("reading the trajectory", try AnalysisPass.run(trajectory, tasks.participants, progress: progress)))
        var results = JobResults(summary: tasks.summary.result!, msd: [], rdf: [], conductivity: nil, timings: [], warnings: [])
        var spent: [(String, Double)] = []
        /// A task's result under its job label, with the time it took (its own time in the pass
        /// plus what `make` took).
        func collect<A, R>(_ task: AnalysisTask<A>, _ make: (A.Result) throws -> R) throws -> R {
            let start = ContinuousClock.now
            let value = try make(task.result!)
            spent.append((task.name, task.seconds + seconds(since: start)))
            return value
        }
        let reduced = trajectory.units.isReduced
        for (job, task) in zip(config.msd, tasks.msd) { results.msd.append((job.label, try collect(task) { msdResult($0, job: job, reduced: reduced) })) }
        for (job, task) in zip(config.rdf, tasks.rdf) { results.rdf.append((job.label, try collect(task) { $0 })) }
        var series: [OnsagerSeries] = []
        if let job = config.conductivity, let onsager = tasks.onsager {
            results.conductivity = try collect(onsager) { series = [$0]; return try conductivityResult([$0], job: job) }
        }
        for (job, task) in zip(config.shells, tasks.shells) { results.shells.append((job.label, try collect(task) { $0 })) }
        for (job, task) in zip(config.clusters, tasks.clusters) { results.clusters.append((job.label, try collect(task) { $0 })) }
        for (job, task) in zip(config.cdf, tasks.cdf) { results.cdf.append((job.label, try collect(task) { $0 })) }
        for (k, (job, task)) in zip(config.kinetics, tasks.kinetics).enumerated() {
            results.kinetics.append((job.label, try collect(task) {
                try kineticsResult($0, job: job, cutoffSource: tasks.kineticsCutoffSources[k], lengthUnit: trajectory.units.lengthUnit)
            }))
        }
        for (job, task) in zip(config.vacf, tasks.vacf) { results.vacf.append((job.label, try collect(task) { $0 })) }
        for (job, task) in zip(config.rotation, tasks.rotation) { results.rotation.append((job.label, try collect(task) { $0 })) }
        if let greenKubo = tasks.greenKubo { results.greenKubo = try collect(greenKubo) { $0 } }
        timings += spent
        results.warnings = results.allWarnings()
        return (results, series)
    }

    /// The Onsager analysis of every run, with the species' selections named in the result.
    static func conductivityResult(_ series: [OnsagerSeries], job: JobConfig.ConductivityJob) throws -> OnsagerResult {
        var result = try OnsagerAnalysis.compute(series, options: job.options)
        for (k, item) in job.species.enumerated() {
            result.species[k].selection = item.selection.text
            result.species[k].particles = item.byMolecule ? "molecules" : "atoms"
        }
        return result
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
