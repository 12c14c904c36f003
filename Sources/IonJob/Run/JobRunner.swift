import Foundation
import IonAnalysis
import IonCore
import IonIO

/// Runs the analyses of a job over one read of each run's trajectory.
public enum JobRunner {
    /// - Parameters:
    ///   - progress: called after each frame of the first run with the frames done.
    ///   - note: messages for the user that are not warnings (a cutoff taken from an RDF).
    public static func run(
        _ config: JobConfig, progress: ((Int) -> Void)? = nil,
        note: @escaping (String) -> Void = { _ in }
    ) throws -> JobResults {
        try run(
            config.analyses, runs: [config.input] + config.replicas, temperature: config.temperature,
            threads: config.threads,
            progress: progress, note: note)
    }

    /// Every analysis on every run (replicas of one system), each run read once.
    /// - Parameter threads: threads for the analyses that use several (nil: every core).
    public static func run(
        _ analyses: [any AnalysisJob], runs inputs: [TrajectoryInput], temperature: Double?, threads: Int? = nil,
        progress: ((Int) -> Void)? = nil, note: @escaping (String) -> Void = { _ in }
    ) throws -> JobResults {
        var timings: [(String, Double)] = []
        var collected = [[any Sendable]](repeating: [], count: analyses.count)
        var setups: [RunSetup] = []
        var summaries: [TrajectorySummary] = []
        var analysisSeconds = [Double](repeating: 0, count: analyses.count)
        var columns: [String] = []
        for name in analyses.flatMap(\.perAtomColumns) where !columns.contains(name) { columns.append(name) }
        for (k, given) in inputs.enumerated() {
            let prefix = k == 0 ? "" : "replica \(k + 1): "
            var input = given
            input.perAtomColumns = columns
            let trajectory = try Trajectory(input)
            var setup = RunSetup(trajectory: trajectory, temperature: temperature, index: k, note: note)
            setup.threads = threads
            setup.halfCellWidth = try? ShellCutoff.halfCellWidth(trajectory)
            let start = ContinuousClock.now
            let requests = try analyses.flatMap { try $0.cutoffRequests(setup) }
            if !requests.isEmpty {
                setup.minima = try ShellCutoff.firstMinima(trajectory, for: requests, threads: threads)
                timings.append(
                    (
                        prefix + "cutoffs from RDF minima (\(setup.minima.count) RDFs, one extra pass)",
                        seconds(since: start)
                    ))
            }
            setups.append(setup)
            let summary = AnalysisTask("summary", SummaryAnalysis(trajectory))
            let participants = try analyses.map { try $0.participant(setup) }
            let reading = try AnalysisPass.run(
                trajectory, [summary] + participants, threads: threads, progress: k == 0 ? progress : nil)
            timings.append((prefix + "reading the trajectory", reading))
            guard let result = summary.result else { throw InternalError("no trajectory summary after the pass") }
            summaries.append(result)
            for (j, participant) in participants.enumerated() {
                collected[j].append(try analyses[j].collected(participant))
                analysisSeconds[j] += participant.seconds
            }
        }
        var outcomes: [AnalysisOutcome] = []
        for (j, analysis) in analyses.enumerated() {
            let start = ContinuousClock.now
            outcomes.append(try analysis.outcome(collected[j], setups))
            timings.append(("\(analysis.plugin) \(analysis.label)", analysisSeconds[j] + seconds(since: start)))
        }
        var warnings = summaries[0].warnings
        for (k, summary) in summaries.enumerated().dropFirst() {
            warnings += summary.warnings.map { "replica \(k + 1): \($0)" }
        }
        for outcome in outcomes { warnings += outcome.warnings }
        var seen = Set<String>()
        return JobResults(
            summary: summaries[0], analyses: outcomes,
            replicas: ReplicaSummary(outcomes, framesPerRun: summaries.map(\.frames)),
            timings: timings, warnings: warnings.filter { seen.insert($0).inserted })
    }

    static func seconds(since start: ContinuousClock.Instant) -> Double {
        let elapsed = ContinuousClock.now - start
        return Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18
    }
}
