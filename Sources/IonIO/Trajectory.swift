import IonCore

/// Which frames to use: `start..<stop` every `stride` frames, counted over all trajectory
/// files one after another.
public struct FrameRange: Sendable, Equatable {
    public var start: Int
    public var stop: Int?
    public var stride: Int
    public init(start: Int = 0, stop: Int? = nil, stride: Int = 1) {
        self.start = start; self.stop = stop; self.stride = stride
    }
}

/// What the user gives to read a system: a topology, one or more trajectory files (read one
/// after another), the unit system and how to know the time of each frame.
public struct TrajectoryInput: Sendable {
    /// Topology file (LAMMPS data, GRO, PDB, …); nil to take what the first trajectory carries.
    public var topologyPath: String?
    /// Trajectory files, in order.
    public var trajectoryPaths: [String]
    /// Unit system of the files; nil for the format's own or the file's `ITEM: UNITS`.
    public var units: UnitSystem?
    /// MD timestep, ps: frame time = step × timestep (LAMMPS dumps store only the step).
    public var timestep: Double?
    /// Time between frames, ps; overrides any time the files store.
    public var frameInterval: Double?
    public var range: FrameRange
    /// The periodic cell of frames that carry none (plain XYZ, a PDB without CRYST1), Å (σ for
    /// lj); a frame that carries a cell of its own with this set is an error.
    public var box: Box?
    /// Whether a trajectory that stores no atom names (XTC, TRR, DCD) may be read without a
    /// topology, its atoms unnamed: for `inspect`, which needs only frames (as `gmx check` does).
    public var allowsUnnamedAtoms = false
    /// Per-atom columns the analyses read from the trajectory (LAMMPS dump `c_pe`, …), in the
    /// order of ``Frame/perAtom``.
    public var perAtomColumns: [String] = []

    public init(
        topologyPath: String? = nil, trajectoryPaths: [String], units: UnitSystem? = nil,
        timestep: Double? = nil, frameInterval: Double? = nil, range: FrameRange = FrameRange()
    ) {
        self.topologyPath = topologyPath; self.trajectoryPaths = trajectoryPaths; self.units = units
        self.timestep = timestep; self.frameInterval = frameInterval; self.range = range
    }
}

extension TrajectoryInput {
    /// Files as the command line takes them: a topology first, then trajectories read one after
    /// another; a single file is a trajectory that carries its own atom types, or a topology alone.
    public init(files: [String], units: UnitSystem?, timestep: Double?, frameInterval: Double?, range: FrameRange)
        throws
    {
        var topology: String?
        var trajectories = files
        if files.count >= 2 {
            topology = files[0]; trajectories.removeFirst()
        } else if let only = files.first, !(try Formats.format(of: only).providesTrajectory) {
            topology = only; trajectories = []
        }
        self.init(
            topologyPath: topology, trajectoryPaths: trajectories, units: units, timestep: timestep,
            frameInterval: frameInterval, range: range)
    }
}

/// A topology and its trajectory files opened together and checked against each other.
public final class Trajectory: FrameSource {
    public let input: TrajectoryInput
    public let topology: Topology
    /// Readers of the trajectory files, in order.
    public private(set) var readers: [any TrajectoryReader]
    /// Unit system the numbers were converted from.
    public let units: UnitSystem
    /// False when the unit system was assumed rather than given or read from a file.
    public let unitsAreKnown: Bool
    /// Problems that did not stop reading (a truncated last frame, large jumps), for the user.
    public private(set) var warnings: [String] = []

    public init(_ input: TrajectoryInput) throws {
        self.input = input
        var topology: Topology?
        let baseOptions = ReaderOptions(units: input.units)
        if let path = input.topologyPath { topology = try Formats.readTopology(path, options: baseOptions) }
        let options = ReaderOptions(
            units: input.units, atomIDs: topology?.atomIDs, perAtomColumns: input.perAtomColumns)
        readers = try input.trajectoryPaths.map { try Formats.openTrajectory($0, options: options) }
        for reader in readers where reader.perAtomColumns != input.perAtomColumns {
            throw InputError(
                "\(reader.path) cannot give the per-atom column(s) \(input.perAtomColumns.joined(separator: ", ")): only LAMMPS dumps (dump custom) and extended XYZ carry further per-atom columns"
            )
        }
        guard let first = readers.first else {
            if topology == nil { throw InputError("no input files: give a topology and/or trajectory files") }
            self.topology = topology!; units = input.units ?? .real; unitsAreKnown = input.units != nil
            try FramePlausibility.check(input, topology: self.topology)
            return
        }
        for reader in readers where reader.atomCount != first.atomCount {
            throw InputError(
                "\(reader.path) has \(reader.atomCount) atoms per frame, but \(first.path) has \(first.atomCount)")
        }
        if var given = topology {
            guard given.atomCount == first.atomCount else {
                throw InputError(
                    "the topology \(input.topologyPath!) has \(given.atomCount) atoms, but the trajectory \(first.path) has \(first.atomCount) per frame"
                )
            }
            if let embedded = first.embeddedTopology {
                // LAMMPS types mean the same in a data file and a dump; other formats' "types"
                // are element or atom names.
                if (try? Formats.format(of: first.path).name) == "LAMMPS dump",
                    (try? Formats.format(of: input.topologyPath!).name) == "LAMMPS data"
                {
                    try Self.checkTypes(of: embedded, from: first.path, against: given, from: input.topologyPath!)
                }
                given.fillMissing(from: embedded)
            }
            topology = given
        } else {
            if first.embeddedTopology == nil && input.allowsUnnamedAtoms {
                topology = Topology(atomCount: first.atomCount)  // atoms without names, types or masses
            } else if let embedded = first.embeddedTopology {
                topology = embedded
            } else {
                throw InputError(
                    "\(first.path) stores no atom names or types; give a topology file (LAMMPS data, GRO, PDB) before it"
                )
            }
        }
        self.topology = topology!
        try FramePlausibility.check(input, topology: self.topology)
        units = first.units
        unitsAreKnown = input.units != nil || first.unitsAreKnown
    }

    /// Refuses a trajectory whose atom types contradict the topology's (a dump of another
    /// system, or atoms in another order): a type that is neither the topology's type nor its
    /// name (LAMMPS type labels) for that atom.
    static func checkTypes(
        of embedded: Topology, from path: String, against topology: Topology, from topologyPath: String
    )
        throws
    {
        guard embedded.given.contains(.types), topology.given.contains(.types) else { return }
        for atom in 0..<min(embedded.atomCount, topology.atomCount) {
            let type = embedded.types[atom]
            if type != topology.types[atom] && type != topology.names[atom] {
                throw InputError(
                    "\(path) gives atom \(atom + 1) (in id order) type '\(type)', but \(topologyPath) gives it type '\(topology.types[atom])': the trajectory does not belong to this topology, or lists its atoms differently"
                )
            }
        }
    }

    /// Frames each file contributes (complete frames, less those repeating earlier steps), as counted
    /// by the last pass that read every file to its end (nil before such a pass).
    public private(set) var framesPerFile: [Int]?

    /// Number of frames in every file (complete frames only), before the frame range. Free after
    /// a full pass of ``forEachFrame(_:)``; otherwise each file is indexed.
    public func frameCounts() throws -> [Int] {
        if let framesPerFile { return framesPerFile }
        return try readers.indices.map { try readers[$0].frameCount() }
    }

    /// Calls `body` for each frame in the range, in order, reusing one frame buffer. `index` counts
    /// frames over all files; `time` is set from the frame interval or timestep when given.
    /// A truncated last frame ends its file with a warning; reading goes on with the next file.
    /// A file that starts at or before the step the previous file ended with (a run restarted
    /// from its last or an earlier checkpoint) has the frames that repeat those steps dropped,
    /// once, with a warning; the earlier file's frames are kept. (Only when the previous file's
    /// last frame was read: with a stride that skips it, a repeat shows as uneven frame times.)
    public func forEachFrame(_ body: (_ index: Int, _ frame: inout Frame) throws -> Void) throws {
        let range = input.range
        guard range.stride >= 1, range.start >= 0 else {
            throw InputError("the frame range needs start ≥ 0 and stride ≥ 1")
        }
        var frame = Frame()
        var global = 0
        var counts: [Int] = []
        // Step of the last frame read, while it is the last frame of the file before.
        var previousFileLastStep: Int?
        for k in readers.indices {
            try readers[k].rewind()
            if k > 0, let step = previousFileLastStep {
                let (repeated, firstStep) = try skipRepeatedSteps(k, lastStep: step)
                if repeated == 1 && firstStep == step {
                    warnings.append(
                        "\(readers[k].path) starts with step \(step), the last step of \(readers[k - 1].path); that frame is used once"
                    )
                } else if repeated > 0 {
                    warnings.append(
                        "\(readers[k].path) starts at step \(firstStep ?? step), before \(readers[k - 1].path) ends (step \(step)): its first \(repeated) frames repeat steps already read (a restart from an earlier checkpoint) and are dropped; the earlier file's frames are used"
                    )
                }
            }
            let first = global
            defer { counts.append(global - first) }
            previousFileLastStep = nil
            while true {
                if let stop = range.stop, global >= stop { return }
                let wanted = global >= range.start && (global - range.start) % range.stride == 0
                do {
                    if wanted {
                        guard try readers[k].read(into: &frame) else { break }
                        previousFileLastStep = frame.step
                        assignTime(&frame, index: global)
                        try assignBox(&frame, index: global - first, path: readers[k].path)
                        try FramePlausibility.check(frame, index: global - first, path: readers[k].path)
                        try body(global, &frame)
                        global += 1
                    } else {
                        // Up to the next wanted frame (or the stop), in one skip: a jump where the format allows.
                        var target =
                            global < range.start
                            ? range.start : global + range.stride - (global - range.start) % range.stride
                        if let stop = range.stop { target = min(target, stop) }
                        var skipped = 0
                        defer { global += skipped }
                        try readers[k].skipFrames(target - global, skipped: &skipped)
                        previousFileLastStep = nil
                        guard skipped == target - global else { break }
                    }
                } catch let error as FormatError where error.isTruncation {
                    warnings.append("\(error.description); the complete frames before it are used")
                    break
                }
            }
        }
        framesPerFile = counts
    }

    /// Moves file `k`'s reader past its leading frames whose steps are at most `lastStep`, the
    /// previous file's last (a restarted run writes steps again from its checkpoint); returns how
    /// many and the first frame's step. With none, the reader is left at the start.
    private func skipRepeatedSteps(_ k: Int, lastStep: Int) throws -> (count: Int, firstStep: Int?) {
        var frame = Frame()
        var count = 0, firstStep: Int?
        while try readers[k].read(into: &frame), let step = frame.step, step <= lastStep {
            if count == 0 { firstStep = step }
            count += 1
        }
        try readers[k].rewind()
        for _ in 0..<count { _ = try readers[k].skipFrame() }
        return (count, firstStep)
    }

    /// Gives a frame without a cell the input's `box`; refuses one with a cell of its own.
    func assignBox(_ frame: inout Frame, index: Int, path: String) throws {
        guard let given = input.box else { return }
        guard frame.box == nil else {
            throw InputError(
                "\(path), frame \(index): the file gives a cell of its own; --box (box in a job) is only for frames without one"
            )
        }
        frame.box = given
    }

    func assignTime(_ frame: inout Frame, index: Int) {
        if let interval = input.frameInterval {
            frame.time = Double(index) * interval
        } else if let timestep = input.timestep, let step = frame.step {
            frame.time = Double(step) * timestep
        }
    }
}

extension Topology {
    /// Takes fields this topology lacks from `other` (e.g. charges or molecule ids stored in a
    /// dump when the data file is of style `atomic`).
    public mutating func fillMissing(from other: Topology) {
        guard other.atomCount == atomCount else { return }
        if !given.contains(.charges) && other.given.contains(.charges) {
            charges = other.charges; given.insert(.charges)
        }
        if !given.contains(.masses) && other.given.contains(.masses) { masses = other.masses; given.insert(.masses) }
        if !given.contains(.elements) && other.given.contains(.elements) {
            elements = other.elements; given.insert(.elements)
        }
        if !given.contains(.molecules) && other.given.contains(.molecules) {
            moleculeIDs = other.moleculeIDs; given.insert(.molecules)
        }
    }
}
