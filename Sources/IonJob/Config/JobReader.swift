import Foundation
import IonAnalysis
import IonCore
import IonIO

/// Turns a parsed job file into a ``JobConfig``, one table at a time.
struct JobReader {
    let path: String
    let folder: URL
    var named: [String: Selection] = [:]
    var replicaInputs: [TrajectoryInput] = []

    init(path: String, folder: URL) { self.path = path; self.folder = folder }

    mutating func read(_ root: TOMLTable, text: String) throws -> JobConfig {
        var top = ConfigTable(root, name: "the top level", path: path)
        let title = try top.string("title") ?? "IonScope report"
        let output = try top.string("output")
        guard var input = try top.subtable("input") else { throw top.error(nil, "an [input] table with the trajectory files is required") }
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
        var config = JobConfig(path: path, text: text, title: title, output: output, input: trajectoryInput, temperature: temperature,
                               selections: selections, msd: [], rdf: [], conductivity: nil)
        config.replicas = replicas
        for var table in try tables(&top, "msd") {
            let selectionText = try table.requiredString("selection")
            let drift = try table.string("drift") ?? "system"
            config.msd.append(JobConfig.MSDJob(
                label: try table.string("label") ?? selectionText,
                selection: try selection(selectionText, &table, "selection"),
                molecules: try table.bool("molecules") ?? false,
                drift: try driftPolicy(drift, &table),
                fitStart: try table.double("fit_start"), fitEnd: try table.double("fit_end")))
            try table.finish()
        }
        for var table in try tables(&top, "rdf") {
            let selectionText = try table.requiredString("selection")
            let withText = try table.string("with")
            let options = RDFOptions(rMax: try table.double("rmax", positive: true) ?? 10, bins: try table.integer("bins", minimum: 1) ?? 200,
                                     byMolecule: try table.bool("molecules") ?? false,
                                     excludeIntramolecular: try table.bool("exclude_intramolecular") ?? false,
                                     blocks: try table.integer("blocks", minimum: 2) ?? 5)
            config.rdf.append(JobConfig.RDFJob(
                label: try table.string("label") ?? (withText.map { "\(selectionText)–\($0)" } ?? selectionText),
                selection: try selection(selectionText, &table, "selection"),
                with: try withText.map { try selection($0, &table, "with") }, options: options))
            try table.finish()
        }
        if var table = try top.subtable("conductivity") {
            let byMolecule = try table.bool("molecules") ?? true
            guard let names = try table.strings("species"), names.count >= 2 else {
                throw table.error("species", "give the ions as an array of at least two selections, e.g. species = [\"Li\", \"TFSI\"]")
            }
            var species: [OnsagerSpecies] = []
            for name in names { species.append(OnsagerSpecies(name: name, selection: try selection(name, &table, "species"), byMolecule: byMolecule)) }
            guard let temperature else { throw table.error(nil, "conductivity needs the temperature: add temperature = … (K) to [input]") }
            var options = OnsagerOptions(temperature: temperature)
            options.fitStart = try table.double("fit_start"); options.fitEnd = try table.double("fit_end")
            options.blocks = try table.integer("blocks", minimum: 2) ?? options.blocks
            options.saltConcentration = try table.double("salt_concentration", positive: true)
            config.conductivity = JobConfig.ConductivityJob(species: species, options: options,
                                                            greenKubo: try table.bool("green_kubo") ?? false,
                                                            greenKuboWindow: try table.double("green_kubo_window", positive: true))
            try table.finish()
        }
        for var table in try tables(&top, "shells") { config.shells.append(try readShells(&table)); try table.finish() }
        for var table in try tables(&top, "clusters") { config.clusters.append(try readClusters(&table)); try table.finish() }
        for var table in try tables(&top, "cdf") { config.cdf.append(try readCDF(&table)); try table.finish() }
        for var table in try tables(&top, "vacf") {
            let text = try table.requiredString("selection")
            config.vacf.append(JobConfig.VACFJob(label: try table.string("label") ?? text, selection: try selection(text, &table, "selection"),
                                                 molecules: try table.bool("molecules") ?? false,
                                                 window: try table.double("window", positive: true)))
            try table.finish()
        }
        for var table in try tables(&top, "rotation") {
            let tail = try table.requiredString("tail"), head = try table.requiredString("head")
            config.rotation.append(JobConfig.RotationJob(label: try table.string("label") ?? "\(tail) → \(head)",
                                                         tail: try selection(tail, &table, "tail"), head: try selection(head, &table, "head"),
                                                         window: try table.double("window", positive: true)))
            try table.finish()
        }
        for var table in try tables(&top, "kinetics") {
            config.kinetics.append(try readKinetics(&table, temperature: temperature)); try table.finish()
        }
        try top.finish()
        guard !config.msd.isEmpty || !config.rdf.isEmpty || config.conductivity != nil || !config.shells.isEmpty
                || !config.clusters.isEmpty || !config.cdf.isEmpty || !config.kinetics.isEmpty || !config.vacf.isEmpty
                || !config.rotation.isEmpty else {
            throw ConfigError(path: path, line: nil, "no analyses: add at least one [[msd]], [[rdf]], [conductivity], [[vacf]], [[rotation]], [[shells]], [[clusters]], [[cdf]] or [[kinetics]] table")
        }
        return config
    }

    private mutating func readInput(_ table: inout ConfigTable) throws -> (TrajectoryInput, Double?) {
        func resolve(_ file: String, key: String) throws(ConfigError) -> String {
            let url = file.hasPrefix("/") ? URL(fileURLWithPath: file) : folder.appendingPathComponent(file)
            guard FileManager.default.fileExists(atPath: url.path) else { throw table.error(key, "the file \(url.path) does not exist") }
            return url.path
        }
        let topology = try table.string("topology").map { try resolve($0, key: "topology") }
        let runs = try replicaFiles(&table)
        let single = runs.isEmpty ? try table.strings("trajectories") : nil
        guard let files = runs.first ?? single, !files.isEmpty else {
            throw table.error(nil, "give the trajectory files: trajectories = [\"run.dump\"] (or replicas = [[\"run1.dump\"], [\"run2.dump\"]])")
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
        let input = TrajectoryInput(topologyPath: topology, trajectoryPaths: trajectories, units: units,
                                    timestep: try table.double("timestep", positive: true),
                                    frameInterval: try table.double("frame_interval", positive: true),
                                    range: FrameRange(start: start, stop: stop, stride: try table.integer("stride", minimum: 1) ?? 1))
        let temperature = try table.double("temperature", positive: true)
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
            throw table.error("replicas", "expected an array of at least two runs, each an array of files: [[\"run1.dump\"], [\"run2.dump\"]]")
        }
        return try runs.map { run throws(ConfigError) -> [String] in
            guard case .array(let files, _) = run, !files.isEmpty else { throw table.error("replicas", "each run is an array of files") }
            return try files.map { file throws(ConfigError) -> String in
                guard case .string(let name) = file else { throw table.error("replicas", "file names are strings in quotes") }
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
                guard case .table(let t) = item else { throw top.error(key, "write each analysis as a [[\(key)]] table") }
                out.append(ConfigTable(t, name: "[[\(key)]] #\(k + 1)", path: path))
            }
            return out
        case let other?: throw top.error(key, "expected [[\(key)]] tables, got \(other.typeName)")
        }
    }

    /// A named selection from [selections], or a selection expression.
    func selection(_ text: String, _ table: inout ConfigTable, _ key: String) throws(ConfigError) -> Selection {
        if let known = named[text] { return known }
        do { return try Selection(text) } catch {
            let names = named.keys.sorted()
            let hint = names.isEmpty ? "" : " (the named selections are: \(names.joined(separator: ", ")))"
            throw table.error(key, "'\(text)' is neither a named selection nor a valid selection\(hint): \(error)")
        }
    }

    private func driftPolicy(_ text: String, _ table: inout ConfigTable) throws(ConfigError) -> DriftPolicy {
        switch text {
        case "system": return .removeSystemCenterOfMass
        case "none": return .keep
        default: return .removeCenterOfMass(of: try selection(text, &table, "drift"))
        }
    }
}
