import IonCore

/// Reads GROMACS .gro files: the topology (residue numbers and names, atom names) and one or
/// more frames of positions, optional velocities, box, and the time and step that `trjconv`
/// writes into each title (`t= 0.10000 step= 50`).
///
/// Frame layout: title line, atom count, one fixed-column line per atom (see ``GROLayout``),
/// box line with 3 values (v1x v2y v3z) or 9 (… v1y v1z v2x v2z v3x v3y), nm. Positions are
/// converted to Å and velocities to Å/ps; the precision of each frame is read from the spacing
/// of the decimal points in its first atom line. Plain or gzip-compressed files.
///
/// Format: GROMACS manual, "File formats: gro"; GROMACS `src/gromacs/fileio/groio.cpp`.
/// - Complexity: frames are indexed as they are met; `frameCount()` and seeks past the known
///   frames count lines without parsing numbers.
public final class GROReader: TrajectoryReader {
    public var path: String { trajectory.path }
    public let atomCount: Int
    public let units: UnitSystem
    /// Names and residues of the first frame, with elements and masses guessed from the names.
    public let topology: Topology
    public var embeddedTopology: Topology? { topology }
    private var trajectory: TextTrajectory<GROFrameParser>

    /// Opens `path` and reads the topology from its first frame. `options.units` overrides the
    /// GROMACS units if given.
    public init(path: String, options: ReaderOptions = ReaderOptions()) throws {
        let lines = try LineReader(path: path)
        units = options.units ?? .gromacs
        var parser = GROFrameParser(path: path, units: units)
        var names: [String] = [], residueNames: [String] = [], residueIDs: [Int] = []
        var residues = ResidueNumberUnwrapper()
        var first = Frame()
        let found = try parser.read(lines, frame: 0, into: &first) { line, lineNumber in
            guard let number = parseInt(GROLayout.trimmed(line, from: 0, to: 5)) else {
                throw FormatError(
                    path: path, frame: 0, line: lineNumber,
                    "the residue number (columns 1–5) '\(GROLayout.text(line, from: 0, to: 5))' is not an integer")
            }
            residueIDs.append(residues.next(number))
            residueNames.append(GROLayout.text(line, from: 5, to: 10))
            names.append(GROLayout.text(line, from: 10, to: 15))
        }
        guard found else { throw FormatError(path: path, frame: 0, "the file is empty") }
        atomCount = names.count
        var topology = Topology(atomCount: atomCount)
        topology.names = names
        topology.residueNames = residueNames
        topology.residueIDs = residueIDs
        topology.given = [.names, .residues]
        topology.guessMissingElementsAndMasses()
        self.topology = topology
        parser.atomCount = atomCount
        try lines.seek(toOffset: 0, lineNumber: 0)
        trajectory = TextTrajectory(lines: lines, parser: parser)
    }

    /// The topology of the first frame of `path`.
    public static func readTopology(path: String, options: ReaderOptions = ReaderOptions()) throws -> Topology {
        try GROReader(path: path, options: options).topology
    }

    public func read(into frame: inout Frame) throws -> Bool { try trajectory.read(into: &frame) }
    public func skipFrame() throws -> Bool { try trajectory.skipFrame() }
    public func rewind() throws { try trajectory.rewind() }
    public func frameCount() throws -> Int { try trajectory.frameCount() }
    public func seek(toFrame index: Int) throws { try trajectory.seek(toFrame: index) }
}
