import ArgumentParser
import Foundation
import IonCore
import IonIO
import IonJob
import IonReport

/// `ionscope NAME FILES… --options`: one analysis plug-in on the command line. Its options are
/// the plug-in's settings (the job table's keys with dashes) and the input options every
/// analysis takes; the result prints as the report's tables, or as JSON.
struct AnalysisCommand<Plugin: AnalysisPlugin>: ParsableCommand {
    static var configuration: CommandConfiguration {
        CommandConfiguration(
            commandName: Plugin.name, abstract: Plugin.abstract,
            discussion: Plugin.discussion + "\n\n"
                + optionHelp(Plugin.allSettings, title: "OPTIONS OF \(Plugin.name.uppercased())")
                + "\n\n" + optionHelp(InputSettings.declared, title: "INPUT OPTIONS"))
    }

    @Argument(
        parsing: .allUnrecognized,
        help: ArgumentHelp("Topology, then trajectory files, and the options below.", valueName: "files-and-options"))
    var arguments: [String] = []

    func run() throws {
        try reportingErrors {
            let parsed = try ArgumentSettings(arguments, declared: InputSettings.declared + Plugin.allSettings)
            let input = try InputSettings(parsed)
            let job = try Plugin.job(parsed, temperature: input.temperature)
            let directory = try input.output.map { path in  // refused before the long work
                try OutputDirectory(path, force: input.force) { printError("note: \($0)") }
            }
            let arrayFile = try input.npy.map { path in
                guard Plugin.Output.self is any ArrayOutput.Type else {
                    throw SettingError("npy", "\(Plugin.name) has no array to write (descriptors has)")
                }
                return try ArrayFile(path, force: input.force)
            }
            if directory != nil { OutputDirectory.installInterruptCleanup() }
            var committed = false
            defer { if !committed { directory?.discard() } }
            let results = try JobRunner.run(
                [job], runs: try input.runs(), temperature: input.temperature, threads: input.threads,
                note: { printError("note: \($0)") })
            for warning in results.warnings { printError("warning: \(warning)") }
            guard let outcome = results.analyses.first else { throw InternalError("\(Plugin.name) produced no result") }
            if let directory {
                var written = FileSet(output: directory)
                _ = try JobWriter.analysisSections(
                    results.analyses, units: UnitLabels(results.summary.units), files: &written)
                try directory.commit()
                committed = true
                printError("wrote \(written.names.count) file(s) into \(directory.destination.path)")
            }
            if let arrayFile, let array = outcome.output as? any ArrayOutput {
                try arrayFile.write(shape: array.arrayShape, array.arrayValues, sidecar: try encodeJSON(outcome.output))
                printError("wrote \(arrayFile.path) and \(arrayFile.sidecar)")
            }
            if input.json {
                FileHandle.standardOutput.write(try encodeJSON(outcome.output))
                FileHandle.standardOutput.write(Data("\n".utf8))
                return
            }
            var files = FileSet(output: nil)
            var sections = try JobWriter.analysisSections(
                results.analyses, units: UnitLabels(results.summary.units), files: &files)
            for k in sections.indices { sections[k].files = [] }
            print(
                TextReport.render(
                    JobWriter.summaryTables(results).map { ReportSection(title: "Summary", tables: [$0]) } + sections))
        }
    }
}

/// The subcommand of a plug-in.
func command<Plugin: AnalysisPlugin>(_ plugin: Plugin.Type) -> any ParsableCommand.Type { AnalysisCommand<Plugin>.self }

/// Options as help text: `--fit-start X  (ps) Start of the fit window …`.
func optionHelp(_ settings: [Setting], title: String) -> String {
    var lines = [title + ":"]
    for setting in settings {
        var head = "  " + setting.option
        let placeholder = setting.kindPlaceholder
        if !placeholder.isEmpty { head += " " + placeholder }
        var help = setting.help
        if let unit = setting.unit { help += " [\(unit)]" }
        if case .integer(let lowest, let highest) = setting.kind, highest < .max {
            help += " (\(lowest) to \(highest))"
        }
        if let shown = setting.defaultText { help += " (default: \(shown))" }
        if setting.required { help += " (required)" }
        lines.append(head + "\n      " + help)
    }
    return lines.joined(separator: "\n")
}

/// The input options every analysis command takes: the unit system, timing, frame range,
/// temperature and replicas; the other arguments are the files.
struct InputSettings {
    static let declared = AnalysisPlugins.commandOptions

    let files: [String]
    let units: UnitSystem?
    let timestep: Double?, dt: Double?, temperature: Double?
    let range: FrameRange
    /// The cell of frames that store none.
    let box: Box?
    let replicas: Bool, json: Bool
    let threads: Int?
    /// Where to write the analysis' files and its array, and whether existing ones may be replaced.
    let output: String?, npy: String?, force: Bool

    init(_ parsed: ArgumentSettings) throws {
        let values = try parsed.values(for: Self.declared, temperature: nil)
        files = parsed.positional
        guard !files.isEmpty else { throw SettingError(nil, "give the input files: a topology, then trajectory files") }
        units = values.text("units").flatMap(UnitSystem.init(rawValue:))
        timestep = values.number("timestep"); dt = values.number("dt"); temperature = values.number("temperature")
        if timestep != nil && dt != nil {
            throw SettingError("dt", "give either --timestep (frame time = step × timestep) or --dt, not both")
        }
        let start = values.integer("start") ?? 0, stop = values.integer("stop")
        if let stop, stop <= start { throw SettingError("stop", "must be larger than --start (\(start))") }
        range = FrameRange(start: start, stop: stop, stride: values.integer("stride") ?? 1)
        do { box = try values.numbers("box").map(Box.given) } catch let error as InputError {
            throw SettingError("box", error.message)
        }
        replicas = values.bool("replicas"); json = values.bool("json")
        threads = values.integer("threads")
        output = values.text("output"); npy = values.text("npy"); force = values.bool("force")
        if force && output == nil && npy == nil { throw SettingError("force", "goes with --output DIR or --npy FILE") }
    }

    /// The runs: one (files read one after another), or one per trajectory file with --replicas.
    func runs() throws -> [TrajectoryInput] {
        var base = try TrajectoryInput(files: files, units: units, timestep: timestep, frameInterval: dt, range: range)
        base.box = box
        let trajectories = base.trajectoryPaths
        guard replicas, trajectories.count > 1 else { return [base] }
        return trajectories.map { path in
            var one = base
            one.trajectoryPaths = [path]
            return one
        }
    }
}
