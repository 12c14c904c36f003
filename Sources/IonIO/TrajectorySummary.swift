import IonCore

/// What `ionscope inspect` reports: a summary of a system and its trajectory that a user can
/// check at a glance. Lengths in Å, times in ps, charges in e, masses in g/mol.
public struct TrajectorySummary: Codable, Sendable {
    public struct Count: Codable, Sendable {
        public var label: String
        public var count: Int
    }
    public struct Composition: Codable, Sendable {
        /// Atom names of one molecule, in order, e.g. "S N S".
        public var atoms: String
        public var molecules: Int
        public var mass: Double
        /// Net charge, e; nil when no input gave charges.
        public var charge: Double?
    }
    public struct BoxSummary: Codable, Sendable {
        public var orthorhombic: Bool
        public var lengths: Vec3
        public var anglesDegrees: Vec3
        public var volume: Double
        public var changes: Bool
        public var minVolume: Double
        public var maxVolume: Double
    }
    public struct FileInfo: Codable, Sendable {
        public var path: String
        public var format: String
        public var role: String
        public var frames: Int?
    }

    /// Atoms picked by a selection, and how they split by type and molecule.
    public struct SelectionSummary: Codable, Sendable {
        public var selection: String
        public var atoms: Int
        public var atomsByType: [Count]
        /// Molecules with at least one selected atom.
        public var molecules: Int
    }

    public var files: [FileInfo]
    public var selections: [SelectionSummary] = []
    public var atoms: Int
    public var units: String
    public var unitsKnown: Bool
    public var topologyFields: [String]
    public var guessedFields: [String]
    public var atomsByType: [Count]
    public var atomsByElement: [Count]
    public var atomsByResidue: [Count]
    public var molecules: Int
    public var moleculesFrom: String
    public var compositions: [Composition]
    /// Sum of charges, e; nil when no input gave charges.
    public var totalCharge: Double?
    public var totalMass: Double
    public var frames: Int
    public var firstStep: Int?
    public var lastStep: Int?
    /// Steps between frames when constant.
    public var stepInterval: Int?
    /// Time between frames, ps, when known and constant.
    public var timeInterval: Double?
    public var timeIntervalSource: String
    public var box: BoxSummary?
    public var frameFields: [String]
    public var positions: String
    public var warnings: [String]
}

extension TrajectorySummary {
    /// Reads the whole trajectory once and summarises it.
    /// - Complexity: one pass over every frame; memory of one frame.
    public init(_ trajectory: Trajectory) throws {
        var statistics = FrameStatistics()
        try trajectory.forEachFrame { _, frame in statistics.add(frame) }
        try self.init(trajectory, statistics: statistics)
    }

    /// Summarises `trajectory` from statistics gathered in a pass made elsewhere (so a summary
    /// can share the pass of other analyses).
    public init(_ trajectory: Trajectory, statistics: FrameStatistics) throws {
        let topology = trajectory.topology
        let input = trajectory.input
        files = []
        if let path = input.topologyPath {
            files.append(FileInfo(path: path, format: (try? Formats.format(of: path).name) ?? "?", role: "topology"))
        }
        atoms = topology.atomCount
        units = trajectory.units.rawValue
        unitsKnown = trajectory.unitsAreKnown
        topologyFields = topology.given.names
        guessedFields = topology.guessed.names
        func tally(_ labels: [String]) -> [Count] {
            var order: [String] = [], counts: [String: Int] = [:]
            for label in labels {
                if counts[label] == nil { order.append(label) }
                counts[label, default: 0] += 1
            }
            return order.map { Count(label: $0, count: counts[$0]!) }
        }
        atomsByType =
            topology.given.contains(.types)
            ? tally(zip(topology.types, topology.names).map { $0 == $1 ? $0 : "\($0) (\($1))" }) : []
        atomsByElement = tally(topology.elements.map { $0.isEmpty ? "unknown" : $0 })
        atomsByResidue = topology.given.contains(.residues) ? tally(topology.residueNames) : []
        let molecules = Molecules(topology)
        self.molecules = molecules.count
        moleculesFrom = molecules.source.rawValue
        var compositionIndex: [String: Int] = [:]
        var compositions: [Composition] = []
        for m in 0..<molecules.count {
            let members = molecules.atoms(of: m)
            let key = Self.compact(members.map { topology.names[Int($0)] })
            if let k = compositionIndex[key] { compositions[k].molecules += 1; continue }
            compositionIndex[key] = compositions.count
            compositions.append(
                Composition(
                    atoms: key, molecules: 1,
                    mass: members.reduce(0) { $0 + topology.masses[Int($1)] },
                    charge: topology.given.contains(.charges)
                        ? members.reduce(0) { $0 + topology.charges[Int($1)] } : nil))
        }
        self.compositions = compositions
        totalCharge = topology.given.contains(.charges) ? topology.totalCharge : nil
        totalMass = topology.masses.reduce(0, +)

        let counts = try trajectory.frameCounts()
        for (k, reader) in trajectory.readers.enumerated() {
            files.append(
                FileInfo(
                    path: reader.path, format: (try? Formats.format(of: reader.path).name) ?? "?",
                    role: "trajectory", frames: counts[k]))
        }
        let stats = statistics
        frames = stats.frames
        firstStep = stats.steps.first.map { Int($0) }
        lastStep = stats.steps.last.map { Int($0) }
        stepInterval = stats.steps.constantInterval.map { Int($0) }
        if let interval = input.frameInterval {
            timeInterval = interval; timeIntervalSource = "given with --dt"
        } else if let interval = stats.times.constantInterval {
            timeInterval = interval
            timeIntervalSource = input.timestep != nil ? "steps × --timestep" : "stored in the file"
        } else {
            timeInterval = nil
            timeIntervalSource =
                stats.times.first == nil
                ? "unknown: the file stores no time; pass --timestep (ps per MD step) or --dt (ps between frames)"
                : "not constant"
        }
        if let box = stats.firstBox {
            self.box = BoxSummary(
                orthorhombic: box.isOrthorhombic, lengths: box.lengths, anglesDegrees: box.anglesDegrees,
                volume: box.volume, changes: stats.boxChanges, minVolume: stats.minVolume, maxVolume: stats.maxVolume)
        } else if trajectory.readers.isEmpty, let box = trajectory.topology.box {
            self.box = BoxSummary(
                orthorhombic: box.isOrthorhombic, lengths: box.lengths, anglesDegrees: box.anglesDegrees,
                volume: box.volume, changes: false, minVolume: box.volume, maxVolume: box.volume)
        } else {
            box = nil
        }
        frameFields = stats.fields.names
        positions = stats.wrapping.rawValue
        warnings = trajectory.warnings
        if !unitsKnown {
            warnings.append(
                "the unit system was assumed to be LAMMPS 'real'; pass --units (real, metal, lj, si, gromacs) to be sure"
            )
        }
    }

    /// Adds what `selection` picks out of `topology`.
    public mutating func add(_ selection: Selection, topology: Topology) throws {
        let atoms = try selection.atomIndices(in: topology)
        let molecules = Molecules(topology)
        let touched = Set(atoms.map { molecules.moleculeOfAtom[$0] })
        var order: [String] = [], counts: [String: Int] = [:]
        for i in atoms {
            let (type, name) = (topology.types[i], topology.names[i])
            let label = type == name || name.isEmpty ? type : (type.isEmpty ? name : "\(type) (\(name))")
            if counts[label] == nil { order.append(label) }
            counts[label, default: 0] += 1
        }
        selections.append(
            SelectionSummary(
                selection: selection.text, atoms: atoms.count,
                atomsByType: order.map { Count(label: $0, count: counts[$0]!) },
                molecules: touched.count))
    }

    /// Atom names with runs collapsed: ["C", "H", "H", "H"] → "C H×3".
    static func compact(_ names: [String]) -> String {
        var parts: [String] = []
        var k = 0
        while k < names.count {
            var run = 1
            while k + run < names.count && names[k + run] == names[k] { run += 1 }
            parts.append(run == 1 ? names[k] : "\(names[k])×\(run)")
            k += run
        }
        return parts.joined(separator: " ")
    }
}

/// What a summary learns from the frames themselves, gathered one frame at a time in constant
/// memory.
public struct FrameStatistics: Sendable {
    public private(set) var frames = 0
    var steps = IntervalTracker(), times = IntervalTracker()
    var firstBox: Box?
    var minVolume = Double.infinity, maxVolume = -Double.infinity
    var boxChanges = false
    var fields: FrameFields = []
    var wrapping = PositionWrapping.unknown

    public init() {}

    public mutating func add(_ frame: Frame) {
        frames += 1
        if let step = frame.step { steps.add(Double(step)) }
        if let time = frame.time { times.add(time) }
        fields = frames == 1 ? FrameFields(of: frame) : fields.intersection(FrameFields(of: frame))
        wrapping = frame.wrapping
        if let box = frame.box {
            if firstBox == nil { firstBox = box }
            if box.a != firstBox!.a || box.b != firstBox!.b || box.c != firstBox!.c { boxChanges = true }
            minVolume = min(minVolume, box.volume); maxVolume = max(maxVolume, box.volume)
        }
    }
}

/// First and last value of a sequence and whether it has a common difference (to 1 part in
/// 10⁶), in constant memory.
struct IntervalTracker: Sendable {
    private(set) var first: Double?
    private(set) var last: Double?
    private var interval: Double?
    private var constant = true

    mutating func add(_ value: Double) {
        if let last {
            let step = value - last
            if let interval {
                if Swift.abs(step - interval) > 1e-6 * Swift.max(1, Swift.abs(interval)) { constant = false }
            } else {
                interval = step
            }
        } else {
            first = value
        }
        last = value
    }

    /// The common difference, when there are at least two values and it is constant.
    var constantInterval: Double? { constant ? interval : nil }
}
