import IonCore

/// Reads XYZ files: extended XYZ as ASE, GPUMD, QUIP and LAMMPS `dump extxyz` write it, and
/// plain XYZ (`element x y z` per atom, as LAMMPS `dump xyz` writes it). Plain or gzip.
///
/// Each frame is an atom count line, a comment line and one line per atom. In extended XYZ the
/// comment holds `key=value` pairs: `Properties` names the per-atom columns (see
/// ``ExtXYZLayout`` for the ones read; unknown columns are skipped by their width),
/// `Lattice="ax ay az bx by bz cx cy cz"` the cell (rows are the lattice vectors, any
/// orientation), `Origin` its corner, `pbc="F F F"` says there is no periodic cell, `Time` the
/// time and `Timestep`/`step` the step. Without `Properties` the columns are
/// `species:S:1:pos:R:3`, so plain XYZ reads the same way; LAMMPS' "Timestep: N" comment gives
/// the step.
///
/// Further per-atom columns (``ReaderOptions/perAtomColumns``) are read by name as the file stores
/// them: `name` for a one-component column, `name[k]` for component k of a vector (see ``ExtXYZLayout``).
///
/// Units: see ``ExtXYZUnits`` (Å, Å/fs for `vel`, eV/Å, fs unless ``ReaderOptions/units``
/// says otherwise; ASE `momenta` in ASE units). ``units`` reports the given system, else
/// `.metal` (Å and eV, the nearest named system to those conventions).
/// Topology from frame 0: species as names and types, elements where they are element symbols
/// (others guessed from the name), masses and charges from their columns.
/// - Complexity: frames are indexed as they are met; `frameCount()` and seeks past the known
///   frames skip whole frames by counting lines, without parsing numbers.
public struct ExtendedXYZReader: TrajectoryReader {
    public var path: String { trajectory.path }
    public let atomCount: Int
    public let units: UnitSystem
    public let embeddedTopology: Topology?
    public let perAtomColumns: [String]
    private var trajectory: TextTrajectory<ExtXYZFrameParser>

    public init(path: String, options: ReaderOptions = ReaderOptions()) throws {
        let lines = try LineReader(path: path)
        var parser = ExtXYZFrameParser(path: path, units: ExtXYZUnits(options.units))
        parser.extras = options.perAtomColumns
        perAtomColumns = options.perAtomColumns
        parser.collectsTopology = true
        var first = Frame()
        guard try parser.read(lines, frame: 0, into: &first) else {
            throw FormatError(path: path, "no frames: expected an atom count line")
        }
        atomCount = first.atomCount
        var topology = Topology(atomCount: atomCount)
        topology.names = parser.species
        topology.types = parser.species
        topology.given = [.names, .types]
        if let masses = parser.masses {
            topology.masses = masses
            topology.given.insert(.masses)
        }
        if let charges = parser.charges {
            topology.charges = charges
            topology.given.insert(.charges)
        }
        topology.setElements(parser.species.map { Elements.mass(of: $0) == nil ? "" : $0 })
        embeddedTopology = topology
        units = options.units ?? .metal
        parser.collectsTopology = false
        parser.atomCount = atomCount
        parser.topologyMasses = topology.masses
        try lines.seek(toOffset: 0, lineNumber: 0)
        trajectory = TextTrajectory(lines: lines, parser: parser)
    }

    /// The topology of frame 0 of `path`.
    public static func readTopology(path: String, options: ReaderOptions = ReaderOptions()) throws -> Topology {
        try ExtendedXYZReader(path: path, options: options).embeddedTopology ?? Topology(atomCount: 0)
    }

    public mutating func read(into frame: inout Frame) throws -> Bool { try trajectory.read(into: &frame) }
    public mutating func skipFrame() throws -> Bool { try trajectory.skipFrame() }
    public mutating func rewind() throws { try trajectory.rewind() }
    public mutating func frameCount() throws -> Int { try trajectory.frameCount() }
    public mutating func seek(toFrame index: Int) throws { try trajectory.seek(toFrame: index) }
}
