import Foundation
import IonCore
import IonIO

/// Turns a parsed job file into a ``JobConfig``, one table at a time.
struct JobReader {
    let path: String
    let folder: URL
    var named: [String: Selection] = [:]
    var replicaInputs: [TrajectoryInput] = []
    var threads: Int?

    init(path: String, folder: URL) { self.path = path; self.folder = folder }

    mutating func read(_ root: TOMLTable, text: String) throws -> JobConfig {
        var top = ConfigTable(root, name: "the top level", path: path)
        let title = try top.string("title") ?? "IonScope report"
        let output = try top.string("output")
        guard var input = try top.subtable("input") else {
            throw top.error(nil, "an [input] table with the trajectory files is required")
        }
        let (trajectoryInput, temperature) = try readInput(&input)
        let replicas = replicaInputs
        var selections: [(String, Selection)] = []
        if var table = try top.subtable("selections") {
            for entry in table.table.entries {
                guard let text = try table.string(entry.key) else { continue }
                do { selections.append((entry.key, try Selection(text))) } catch {
                    throw table.error(entry.key, "\(error)")
                }
                named[entry.key] = selections.last!.1
            }
            try table.finish()
        }
        let parser = SettingParser(named: named, folder: folder)
        var analyses: [any AnalysisJob] = []
        for plugin in AnalysisPlugins.all {
            let found = try tables(&top, plugin.name)
            if !plugin.repeatable && found.count > 1 {
                throw top.error(plugin.name, "a job holds one [\(plugin.name)] table")
            }
            for var table in found { analyses.append(try plugin.job(&table, parser: parser, temperature: temperature)) }
        }
        try top.finish()
        guard !analyses.isEmpty else {
            let names = AnalysisPlugins.all.map { $0.repeatable ? "[[\($0.name)]]" : "[\($0.name)]" }
            throw ConfigError(
                path: path, line: nil, "no analyses: add at least one table of \(names.joined(separator: ", "))")
        }
        var config = JobConfig(
            path: path, text: text, title: title, output: output, input: trajectoryInput, temperature: temperature,
            selections: selections, analyses: analyses)
        config.replicas = replicas
        config.threads = threads
        return config
    }

    private mutating func readInput(_ table: inout ConfigTable) throws -> (TrajectoryInput, Double?) {
        func resolve(_ file: String, key: String) throws(ConfigError) -> String {
            let url = file.hasPrefix("/") ? URL(fileURLWithPath: file) : folder.appendingPathComponent(file)
            guard FileManager.default.fileExists(atPath: url.path) else {
                throw table.error(key, "the file \(url.path) does not exist")
            }
            return url.path
        }
        let topology = try table.string("topology").map { try resolve($0, key: "topology") }
        let runs = try replicaFiles(&table)
        let single = runs.isEmpty ? try table.strings("trajectories") : nil
        guard let files = runs.first ?? single, !files.isEmpty else {
            throw table.error(
                nil,
                "give the trajectory files: trajectories = [\"run.dump\"] (or replicas = [[\"run1.dump\"], [\"run2.dump\"]])"
            )
        }
        if !runs.isEmpty && table.table["trajectories"] != nil {
            throw table.error("trajectories", "give either trajectories (one run) or replicas (several runs), not both")
        }
        let trajectories = try files.map { try resolve($0, key: runs.isEmpty ? "trajectories" : "replicas") }
        let extraRuns = try runs.dropFirst().map { try $0.map { try resolve($0, key: "replicas") } }
        var units: UnitSystem?
        if let name = try table.string("units") {
            guard let system = UnitSystem(rawValue: name) else {
                throw table.error("units", "'\(name)' is not a unit system; use one of real, metal, lj, si, gromacs")
            }
            units = system
        }
        let start = try table.integer("start", minimum: 0) ?? 0
        let stop = try table.integer("stop", minimum: 1)
        if let stop, stop <= start { throw table.error("stop", "must be larger than start (\(start))") }
        var input = TrajectoryInput(
            topologyPath: topology, trajectoryPaths: trajectories, units: units,
            timestep: try table.double("timestep", positive: true),
            frameInterval: try table.double("frame_interval", positive: true),
            range: FrameRange(start: start, stop: stop, stride: try table.integer("stride", minimum: 1) ?? 1))
        if let numbers = try table.doubles("box") {
            do { input.box = try Box.given(numbers) } catch let error as InputError {
                throw table.error("box", error.message)
            } catch { throw table.error("box", "\(error)") }
        }
        for (key, value) in [("timestep", input.timestep), ("frame_interval", input.frameInterval)] {
            if let value, value < FramePlausibility.smallestTime {
                throw table.error(
                    key,
                    "\(value) ps is not an MD time (at least \(FramePlausibility.smallestTime) ps); it is in ps (τ for lj)"
                )
            }
        }
        let temperature = try table.double("temperature", positive: true)
        threads = try table.integer("threads", minimum: 1)
        if input.timestep != nil && input.frameInterval != nil {
            throw table.error(
                "frame_interval", "give either timestep (frame time = step × timestep) or frame_interval, not both")
        }
        try table.finish()
        replicaInputs = extraRuns.map { files in
            var replica = input
            replica.trajectoryPaths = files
            return replica
        }
        return (input, temperature)
    }

    /// `replicas = [["run1.dump"], ["run2a.dump", "run2b.dump"]]`: one array of files per run.
    private func replicaFiles(_ table: inout ConfigTable) throws(ConfigError) -> [[String]] {
        table.markKnown("replicas")
        guard let value = table.table["replicas"] else { return [] }
        guard case .array(let runs, _) = value, runs.count >= 2 else {
            throw table.error(
                "replicas",
                "expected an array of at least two runs, each an array of files: [[\"run1.dump\"], [\"run2.dump\"]]")
        }
        return try runs.map { run throws(ConfigError) -> [String] in
            guard case .array(let files, _) = run, !files.isEmpty else {
                throw table.error("replicas", "each run is an array of files")
            }
            return try files.map { file throws(ConfigError) -> String in
                guard case .string(let name) = file else {
                    throw table.error("replicas", "file names are strings in quotes")
                }
                return name
            }
        }
    }

    /// The tables of an `[[array]]` (or a single `[table]`), each named for messages.
    private func tables(_ top: inout ConfigTable, _ key: String) throws(ConfigError) -> [ConfigTable] {
        let value = top.table[key]
        top.markKnown(key)
        switch value {
        case nil: return []
        case .table(let t)?: return [ConfigTable(t, name: "[\(key)]", path: path)]
        case .array(let items, _)?:
            var out: [ConfigTable] = []
            for (k, item) in items.enumerated() {
                guard case .table(let t) = item else {
                    throw top.error(key, "write each analysis as a [[\(key)]] table")
                }
                out.append(ConfigTable(t, name: "[[\(key)]] #\(k + 1)", path: path))
            }
            return out
        case let other?: throw top.error(key, "expected [[\(key)]] tables, got \(other.typeName)")
        }
    }
}
