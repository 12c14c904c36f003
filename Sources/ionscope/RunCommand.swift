import ArgumentParser
import Foundation
import IonCore
import IonIO
import IonJob
import IonReport

struct Run: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Run the analyses described in a TOML job file and write their results and a report.",
        discussion: """
            Writes into one directory: a JSON and a CSV per analysis, summary.json, provenance.json (version, \
            inputs with SHA-256, the job, timings), the job file, and report.html (self-contained, with plots). \
            The directory appears only when everything was written; an existing one is replaced only with --force. \
            See README.md for the job file's tables and keys.
            """)

    @Argument(help: "The job file (TOML).")
    var job: String

    @Option(name: .shortAndLong, help: "Output directory (default: the job's 'output' key, else ionscope-report).")
    var output: String?

    @Flag(help: "Replace the output directory if it exists.")
    var force = false

    @Flag(help: "Check the job file and its inputs, then stop without reading trajectories.")
    var check = false

    @OptionGroup var verbosity: VerbosityOptions

    func run() throws {
        try reportingErrors {
            let config = try JobConfig.load(job)
            if check {
                _ = try Trajectory(config.input)
                let counts = AnalysisPlugins.all.compactMap { plugin -> String? in
                    let n = config.analyses.filter { $0.plugin == plugin.name }.count
                    return n == 0 ? nil : "\(n) \(plugin.name)"
                }
                print("\(job): OK (\(counts.joined(separator: ", ")))")
                return
            }
            let path = try runJob(
                config, output: output ?? config.output ?? "ionscope-report", force: force, verbosity: verbosity)
            print("report: \(path)")
        }
    }
}

struct VerbosityOptions: ParsableArguments {
    @Flag(name: .shortAndLong, help: "Print nothing but errors.")
    var quiet = false

    @Flag(name: .shortAndLong, help: "Print the time each step took.")
    var verbose = false
}

/// Runs `config` into the directory `output` with progress on a terminal; returns the report's path.
func runJob(_ config: JobConfig, output: String, force: Bool, verbosity: VerbosityOptions, printHeadlines: Bool = false)
    throws -> String
{
    let directory = try OutputDirectory(output, force: force) { note in  // refuse before the long work
        if !verbosity.quiet { printError("note: \(note)") }
    }
    OutputDirectory.installInterruptCleanup()
    let progress = ProgressLine("reading frames", total: nil, enabled: !verbosity.quiet)
    if progress.isEnabled { countFramesInBackground(config.input, into: progress) }
    let results: JobResults
    do {
        results = try JobRunner.run(
            config, progress: { progress.update($0) },
            note: { note in if !verbosity.quiet { progress.finish(); printError("note: \(note)") } })
    } catch {
        progress.finish(); directory.discard(); throw error
    }
    progress.finish()
    if !verbosity.quiet { for warning in results.warnings { printError("warning: \(warning)") } }
    if printHeadlines { for table in JobWriter.summaryTables(results) { print(TextReport.render(table)) } }
    let report = try JobWriter.write(results, config: config, to: directory)
    if verbosity.verbose {
        for (step, seconds) in results.timings { printError("\(formatNumber(seconds, 3).leftPadded(9)) s  \(step)") }
    }
    return report
}

/// Counts the frames of the range on a second thread (its own readers, one frame of memory), so
/// the progress line can show the total and the time left once the count is in.
func countFramesInBackground(_ input: TrajectoryInput, into progress: ProgressLine) {
    let thread = Thread {
        guard let trajectory = try? Trajectory(input), let counts = try? trajectory.frameCounts() else { return }
        let frames = min(counts.reduce(0, +), input.range.stop ?? .max)
        progress.total =
            frames > input.range.start ? (frames - input.range.start + input.range.stride - 1) / input.range.stride : 0
    }
    thread.qualityOfService = .utility
    thread.start()
}
