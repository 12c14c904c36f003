import Foundation
import IonAnalysis
import IonCore
import IonIO

/// Runs the analyses of a ``JobConfig`` over one read of the trajectory.
public enum JobRunner {
    /// - Parameter progress: called after each frame with the frames done.
    public static func run(_ config: JobConfig, progress: ((Int) -> Void)? = nil) throws -> JobResults {
        let trajectory = try Trajectory(config.input)
        let summary = AnalysisTask("summary", SummaryAnalysis(trajectory))
        let msd = config.msd.map {
            AnalysisTask("msd \($0.label)", ParticleSeriesCollector(selection: $0.selection, byMolecule: $0.molecules, drift: $0.drift))
        }
        let rdf = config.rdf.map { AnalysisTask("rdf \($0.label)", RDFAnalysis(selection: $0.selection, with: $0.with, options: $0.options)) }
        let onsager = config.conductivity.map { AnalysisTask("conductivity", OnsagerSeriesCollector(species: $0.species)) }
        var participants: [any PassParticipant] = [summary]
        participants += msd as [any PassParticipant]
        participants += rdf as [any PassParticipant]
        if let onsager { participants.append(onsager) }
        let reading = try AnalysisPass.run(trajectory, participants, progress: progress)
        var timings: [(String, Double)] = [("reading the trajectory", reading)]

        var msdResults: [(String, MSDResult)] = []
        for (job, task) in zip(config.msd, msd) {
            let start = ContinuousClock.now
            let series = task.result!
            var result = MeanSquaredDisplacement.compute(series, selection: job.selection.text,
                                                         particles: job.molecules ? "molecules" : "atoms", drift: job.drift.description)
            var options = SelfDiffusionOptions()
            options.fitStart = job.fitStart; options.fitEnd = job.fitEnd
            options.reducedUnits = trajectory.units.isReduced
            result.diffusion = SelfDiffusion.estimate(series, msd: result, options: options)
            msdResults.append((job.label, result))
            timings.append((task.name, task.seconds + seconds(since: start)))
        }
        var rdfResults: [(String, RDFResult)] = []
        for (job, task) in zip(config.rdf, rdf) {
            rdfResults.append((job.label, task.result!))
            timings.append((task.name, task.seconds))
        }
        var conductivity: OnsagerResult?
        if let job = config.conductivity, let onsager {
            let start = ContinuousClock.now
            var result = try OnsagerAnalysis.compute([onsager.result!], options: job.options)
            for (k, item) in job.species.enumerated() {
                result.species[k].selection = item.selection.text
                result.species[k].particles = item.byMolecule ? "molecules" : "atoms"
            }
            conductivity = result
            timings.append((onsager.name, onsager.seconds + seconds(since: start)))
        }
        let summaryResult = summary.result!
        var warnings = summaryResult.warnings
        for (_, r) in msdResults { warnings += r.warnings + (r.diffusion?.warnings ?? []) }
        for (_, r) in rdfResults { warnings += r.warnings }
        warnings += conductivity?.warnings ?? []
        var seen = Set<String>()
        warnings = warnings.filter { seen.insert($0).inserted }
        return JobResults(summary: summaryResult, msd: msdResults, rdf: rdfResults, conductivity: conductivity,
                          timings: timings, warnings: warnings)
    }

    static func seconds(since start: ContinuousClock.Instant) -> Double {
        let elapsed = ContinuousClock.now - start
        return Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18
    }
}
