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
public final class GROReader: TrajectoryReader {
    public var path: String { lines.path }
    public let atomCount: Int
    public let units: UnitSystem
    /// Names and residues of the first frame, with elements and masses guessed from the names.
    public let topology: Topology
    public var embeddedTopology: Topology? { topology }
    private let lines: LineReader
    private var nextFrame = 0
    private var fields = TextFields()
    private var spareVelocities: [Vec3] = []
    private var index: (starts: [Position], end: Position)?

    /// A place in the file: byte offset and the number of lines before it.
    private struct Position { var offset: Int; var line: Int }

    /// Opens `path` and reads the topology from its first frame. `options.units` overrides the
    /// GROMACS units if given.
    public init(path: String, options: ReaderOptions = ReaderOptions()) throws {
        lines = try LineReader(path: path)
        units = options.units ?? .gromacs
        var names: [String] = [], residueNames: [String] = [], residueIDs: [Int] = []
        var residues = ResidueNumberUnwrapper()
        var first = Frame()
        var scratch = TextFields()
        let found = try Self.readFrame(lines, path: path, frame: 0, atomCount: nil, units: units, fields: &scratch,
                                       spareVelocities: &spareVelocities, into: &first) { line, lineNumber in
            guard let number = parseInt(GROLayout.trimmed(line, from: 0, to: 5)) else {
                throw FormatError(path: path, frame: 0, line: lineNumber,
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
        try lines.seek(toOffset: 0, lineNumber: 0)
    }

    /// The topology of the first frame of `path`.
    public static func readTopology(path: String, options: ReaderOptions = ReaderOptions()) throws -> Topology {
        try GROReader(path: path, options: options).topology
    }

    public func read(into frame: inout Frame) throws -> Bool {
        let found = try Self.readFrame(lines, path: path, frame: nextFrame, atomCount: atomCount, units: units,
                                       fields: &fields, spareVelocities: &spareVelocities, into: &frame, atomLine: nil)
        if found { nextFrame += 1 }
        return found
    }

    public func rewind() throws {
        try lines.seek(toOffset: 0, lineNumber: 0)
        nextFrame = 0
    }

    public func skipFrame() throws -> Bool {
        guard let title = try lines.nextLine() else { return false }
        let blankTitle = GROLayout.trimmed(title, from: 0, to: title.count).isEmpty
        let count = try Self.readAtomCount(lines, path: path, frame: nextFrame, atomCount: atomCount, blankTitle: blankTitle)
        guard let count else { return false }
        let skipped = try lines.skipLines(count + 1)
        guard skipped == count + 1 else {
            throw Self.truncated(path, frame: nextFrame, line: lines.lineNumber,
                                 skipped < count ? "after \(skipped) of \(count) atom lines" : "before the box line")
        }
        nextFrame += 1
        return true
    }

    /// Complete frames in the file; a truncated last frame is not counted.
    /// - Complexity: one pass over the lines the first time (no number is parsed), O(1) after.
    public func frameCount() throws -> Int { try frameIndex().starts.count }

    public func seek(toFrame frame: Int) throws {
        let index = try frameIndex()
        guard frame >= 0, frame <= index.starts.count else {
            throw FormatError(path: path, frame: frame, "asked for frame \(frame), but the file has only \(index.starts.count) frames")
        }
        let place = frame < index.starts.count ? index.starts[frame] : index.end
        try lines.seek(toOffset: place.offset, lineNumber: place.line)
        nextFrame = frame
    }

    private func frameIndex() throws -> (starts: [Position], end: Position) {
        if let index { return index }
        let (here, hereFrame) = (Position(offset: lines.offset, line: lines.lineNumber), nextFrame)
        try rewind()
        var starts: [Position] = []
        while true {
            let start = Position(offset: lines.offset, line: lines.lineNumber)
            do {
                guard try skipFrame() else { break }
            } catch let error as FormatError where error.isTruncation {
                index = (starts, start)
                break
            }
            starts.append(start)
        }
        let built = index ?? (starts, Position(offset: lines.offset, line: lines.lineNumber))
        index = built
        try lines.seek(toOffset: here.offset, lineNumber: here.line)
        nextFrame = hereFrame
        return built
    }
}
