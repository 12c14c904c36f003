import IonCore

/// Reads LAMMPS text dumps (`dump custom` / `dump atom`), plain or gzip-compressed.
///
/// Any column order; positions from `xu yu zu`, `xsu ysu zsu`, `x y z` or `xs ys zs` (in that
/// order of preference); image flags, velocities, forces, charges, molecule ids, elements and
/// masses when present; orthogonal, restricted triclinic (`xy xz yz`) and general triclinic
/// (`abc origin`) boxes. Atoms may come in any order and with ids that are not 1…N: frames are
/// put in ascending id order, or in the topology's order when ``ReaderOptions/atomIDs`` is given.
/// `ITEM: UNITS` and `ITEM: TIME` (from `dump_modify units/time yes`) are honoured.
///
/// Random access uses a frame-offset index built on the first `seek` or `frameCount()`; on
/// gzip files a seek decompresses from the start.
public final class LAMMPSDumpReader: TrajectoryReader {
    public let path: String
    public let atomCount: Int
    public private(set) var units: UnitSystem
    /// False when neither the file (`ITEM: UNITS`) nor the user said which unit system it uses
    /// and `real` was assumed.
    public private(set) var unitsAreKnown: Bool
    public private(set) var embeddedTopology: Topology?
    let lines: LineReader
    var layout: LAMMPSDumpLayout
    let atomOrder: LAMMPSAtomOrder
    var fields = TextFields()
    /// Index of the next frame to be read.
    var nextFrame = 0
    /// Stream offset and line number of each frame's first line, once indexed.
    var frameStarts: [(offset: Int, line: Int)]?
    /// Per atom, the read pass that last placed it (catches duplicate ids).
    var seen: [Int32]
    var stamp: Int32 = 0

    public init(path: String, options: ReaderOptions = ReaderOptions()) throws {
        self.path = path
        lines = try LineReader(path: path)
        units = options.units ?? .real
        unitsAreKnown = options.units != nil
        // The first frame fixes the atom count, the columns and the atom order.
        var header = LAMMPSDumpHeader()
        guard try header.read(from: lines, fields: &fields, frame: 0, units: units) else {
            throw FormatError(path: path, "the file is empty; expected a LAMMPS dump starting with 'ITEM: TIMESTEP'")
        }
        if let fileUnits = header.units, options.units == nil { units = fileUnits; unitsAreKnown = true }
        atomCount = header.atomCount
        layout = try LAMMPSDumpLayout(header: header.columns, path: path, line: header.atomsLine)
        let first = try LAMMPSDumpReader.readIdentities(lines: lines, fields: &fields, layout: layout,
                                                        count: atomCount, path: path)
        atomOrder = try LAMMPSAtomOrder(fileIDs: first.ids, topologyIDs: options.atomIDs, path: path)
        seen = [Int32](repeating: -1, count: atomCount)
        embeddedTopology = first.topology(order: atomOrder, units: units)
        try rewind()
    }

    public func rewind() throws {
        try lines.seek(toOffset: 0, lineNumber: 0)
        nextFrame = 0
    }

    public func read(into frame: inout Frame) throws -> Bool {
        var header = LAMMPSDumpHeader()
        guard try header.read(from: lines, fields: &fields, frame: nextFrame, units: units) else { return false }
        try check(header)
        try readAtoms(into: &frame, box: header.box)
        frame.step = header.step
        frame.time = header.time
        frame.box = header.box
        frame.wrapping = layout.positions.wrapping
        nextFrame += 1
        return true
    }

    public func skipFrame() throws -> Bool {
        var header = LAMMPSDumpHeader()
        guard try header.read(from: lines, fields: &fields, frame: nextFrame, units: units) else { return false }
        try check(header)
        let skipped = try lines.skipLines(atomCount)
        guard skipped == atomCount else { throw truncated(after: skipped) }
        nextFrame += 1
        return true
    }

    public func frameCount() throws -> Int {
        try buildIndex()
        return frameStarts!.count
    }

    public func seek(toFrame index: Int) throws {
        try buildIndex()
        guard index >= 0 && index < frameStarts!.count else {
            throw FormatError(path: path, frame: index, "asked for frame \(index), but the file has \(frameStarts!.count) complete frames")
        }
        let start = frameStarts![index]
        try lines.seek(toOffset: start.offset, lineNumber: start.line)
        nextFrame = index
    }

    /// Records where each complete frame starts, by reading headers and skipping atom lines.
    func buildIndex() throws {
        guard frameStarts == nil else { return }
        try rewind()
        var starts: [(offset: Int, line: Int)] = []
        while true {
            let start = (lines.offset, lines.lineNumber)
            do {
                guard try skipFrame() else { break }
            } catch let error as FormatError where error.isTruncation {
                break
            }
            starts.append(start)
        }
        frameStarts = starts
        try rewind()
    }

    func check(_ header: LAMMPSDumpHeader) throws {
        guard header.atomCount == atomCount else {
            throw FormatError(path: path, frame: nextFrame, line: header.countLine,
                              "the number of atoms changed from \(atomCount) to \(header.atomCount); IonScope needs the same atoms in every frame")
        }
        if header.columns != layout.header {
            layout = try LAMMPSDumpLayout(header: header.columns, path: path, line: header.atomsLine)
        }
    }

    func truncated(after atoms: Int) -> FormatError {
        FormatError(path: path, frame: nextFrame, line: lines.lineNumber, truncation: true,
                    "the file ends inside this frame after \(atoms) of \(atomCount) atom lines (the earlier frames are complete)")
    }
}
