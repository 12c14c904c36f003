import Foundation
import IonAnalysis
import IonCore
import IonIO
import IonLearn

/// The systems a local-conductivity model learns from, as a TOML file (`ionscope campaign`
/// writes one):
///
///     [dataset]
///     units = "lj"
///     temperature = 1
///     cation = "type 1"
///     anion = "type 2"
///     snapshot_every = 80        # frames between the environments taken
///     rcut = 5                   # SOAP, the paper's: 5 σ, n_max 6, l_max 5, σ_G 1
///     nmax = 6
///     lmax = 5
///     sigma = 1
///     blocks = 5                 # of the Onsager analysis, for Λ's uncertainty
///
///     [[system]]
///     name = "c0.016-lB2.5"
///     trajectories = ["c0.016-lB2.5/ions.lammpstrj.gz"]   # relative to this file
///     timestep = 0.005
///
/// A system may also give `topology`, `timestep`, `temperature` of its own.
public struct ConductivityManifest: Sendable {
    public var settings: ConductivitySettings
    public var units: UnitSystem?
    public var systems: [System]

    public struct System: Sendable {
        public var name: String
        public var input: TrajectoryInput
        public var temperature: Double
    }

    /// Reads and checks the manifest at `path`.
    public static func read(_ path: String) throws -> ConductivityManifest {
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else {
            throw InputError("cannot read the manifest \(path)")
        }
        let root: TOMLTable
        do { root = try TOMLParser.parse(text) } catch { throw InputError("\(path): \(error)") }
        let folder = URL(fileURLWithPath: path).deletingLastPathComponent()
        var top = ConfigTable(root, name: "manifest", path: path)
        guard var dataset = try top.subtable("dataset") else {
            throw InputError("\(path): no [dataset] table (units, temperature, cation, anion)")
        }
        var settings = ConductivitySettings()
        settings.cation = try dataset.string("cation") ?? settings.cation
        settings.anion = try dataset.string("anion") ?? settings.anion
        settings.snapshotEvery = try dataset.integer("snapshot_every", minimum: 1) ?? settings.snapshotEvery
        settings.rCut = try dataset.double("rcut", positive: true) ?? settings.rCut
        settings.nMax = try dataset.integer("nmax", minimum: 1) ?? settings.nMax
        settings.lMax = try dataset.integer("lmax", minimum: 0) ?? settings.lMax
        settings.sigma = try dataset.double("sigma", positive: true) ?? settings.sigma
        settings.blocks = try dataset.integer("blocks", minimum: 2) ?? settings.blocks
        var units: UnitSystem?
        if let name = try dataset.string("units") {
            guard let system = UnitSystem(rawValue: name) else { throw dataset.error("units", "unknown unit system") }
            units = system
        }
        let temperature = try dataset.double("temperature", positive: true)
        let timestep = try dataset.double("timestep", positive: true)
        try dataset.finish()
        top.markKnown("system")
        guard case .array(let items, _)? = root["system"], !items.isEmpty else {
            throw InputError("\(path): no [[system]] tables")
        }
        var systems: [System] = []
        for (k, item) in items.enumerated() {
            guard case .table(let t) = item else { throw InputError("\(path): system \(k + 1) is not a table") }
            var table = ConfigTable(t, name: "[[system]] #\(k + 1)", path: path)
            func resolve(_ file: String, _ key: String) throws -> String {
                let url = file.hasPrefix("/") ? URL(fileURLWithPath: file) : folder.appendingPathComponent(file)
                guard FileManager.default.fileExists(atPath: url.path) else {
                    throw table.error(key, "the file \(url.path) does not exist")
                }
                return url.path
            }
            let name = try table.string("name") ?? "system \(k + 1)"
            guard let files = try table.strings("trajectories"), !files.isEmpty else {
                throw table.error(nil, "give trajectories = [\"…\"]")
            }
            let trajectories = try files.map { try resolve($0, "trajectories") }
            let topology = try table.string("topology").map { try resolve($0, "topology") }
            guard let t = try table.double("temperature", positive: true) ?? temperature else {
                throw table.error("temperature", "is required (here or in [dataset])")
            }
            let input = TrajectoryInput(
                topologyPath: topology, trajectoryPaths: trajectories, units: units,
                timestep: try table.double("timestep", positive: true) ?? timestep, frameInterval: nil,
                range: FrameRange(start: 0, stop: nil, stride: 1))
            try table.finish()
            systems.append(System(name: name, input: input, temperature: t))
        }
        try top.finish()
        guard Set(systems.map(\.name)).count == systems.count else { throw InputError("\(path): system names repeat") }
        return ConductivityManifest(settings: settings, units: units, systems: systems)
    }

    /// Measures every system (one after another, each pass on `threads`) into one dataset.
    public func measure(threads: Int?, note: (String) -> Void = { _ in }) throws -> (
        dataset: ConductivityDataset, features: [Float]
    ) {
        var systems: [ConductivitySystem] = []
        var features: [Float] = []
        var columns: [String] = [], descriptor: DescriptorParameters?
        var unitsName = "", lengthUnit = "", lambdaUnit = ""
        for (k, system) in self.systems.enumerated() {
            let trajectory = try Trajectory(system.input)
            note("measuring \(system.name) (\(k + 1) of \(self.systems.count))")
            var measured = try ConductivityMeasurement.measure(
                trajectory, name: system.name, temperature: system.temperature, settings: settings, threads: threads)
            if let descriptor, descriptor != measured.descriptor || columns != measured.columns {
                throw InputError("\(system.name): its environments are described differently from the first system's")
            }
            measured.system.firstRow = features.count / max(1, measured.columns.count)
            systems.append(measured.system)
            features += measured.features
            columns = measured.columns; descriptor = measured.descriptor
            unitsName = trajectory.units.rawValue
            lengthUnit = trajectory.units.lengthUnit.symbol
            lambdaUnit = (trajectory.units.isReduced ? OnsagerUnits.reduced : OnsagerUnits.si).molarConductivity.symbol
        }
        guard let descriptor else { throw InputError("the manifest lists no systems") }
        return (
            ConductivityDataset(
                settings: settings, units: unitsName, lengthUnit: lengthUnit, molarConductivityUnit: lambdaUnit,
                columns: columns, descriptor: descriptor, systems: systems), features
        )
    }
}
