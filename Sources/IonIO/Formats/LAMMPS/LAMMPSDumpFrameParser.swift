import IonCore

/// Parses one LAMMPS dump frame (its `ITEM:` lines, then one line per atom) for
/// ``TextTrajectory``; frame 0 fixes the atom count and the atom order.
struct LAMMPSDumpFrameParser: TextFrameParser {
    let path: String
    let atomCount: Int
    let units: UnitSystem
    let atomOrder: LAMMPSAtomOrder
    /// The per-atom columns to keep (``ReaderOptions/perAtomColumns``).
    let extras: [String]
    /// The columns of the latest frame; a frame with other columns replaces it.
    var layout: LAMMPSDumpLayout
    var fields = TextFields()
    /// Per atom, the read pass that last placed it (catches duplicate ids).
    var seen: [Int32]
    /// Scratch for the per-atom columns of one frame, column-major.
    var extraValues: [Double] = []
    var stamp: Int32 = 0

    init(
        path: String, atomCount: Int, units: UnitSystem, atomOrder: LAMMPSAtomOrder, layout: LAMMPSDumpLayout,
        extras: [String]
    ) {
        self.path = path; self.atomCount = atomCount; self.units = units; self.atomOrder = atomOrder
        self.layout = layout; self.extras = extras
        seen = [Int32](repeating: -1, count: atomCount)
    }

    mutating func read(_ lines: LineReader, frame index: Int, into frame: inout Frame) throws -> Bool {
        guard let header = try readHeader(lines, frame: index) else { return false }
        try readAtoms(lines, frame: index, into: &frame, box: header.box)
        frame.step = header.step
        frame.time = header.time
        frame.box = header.box
        frame.wrapping = layout.positions.wrapping
        return true
    }

    mutating func skip(_ lines: LineReader, frame index: Int) throws -> Bool {
        guard try readHeader(lines, frame: index) != nil else { return false }
        let skipped = try lines.skipLines(atomCount)
        guard skipped == atomCount else { throw truncated(lines, frame: index, after: skipped) }
        return true
    }

    /// Reads the frame's items up to `ITEM: ATOMS` and checks the atom count; takes up new
    /// columns. Nil at a clean end of the file.
    private mutating func readHeader(_ lines: LineReader, frame index: Int) throws -> LAMMPSDumpHeader? {
        var header = LAMMPSDumpHeader()
        guard try header.read(from: lines, fields: &fields, frame: index, units: units) else { return nil }
        guard header.atomCount == atomCount else {
            throw FormatError(
                path: path, frame: index, line: header.countLine,
                "the number of atoms changed from \(atomCount) to \(header.atomCount); IonScope needs the same atoms in every frame"
            )
        }
        if header.columns != layout.header {
            layout = try LAMMPSDumpLayout(
                header: header.columns, extras: extras, path: path, line: header.atomsLine)
        }
        return header
    }

    func truncated(_ lines: LineReader, frame index: Int, after atoms: Int) -> FormatError {
        FormatError(
            path: path, frame: index, line: lines.lineNumber, truncation: true,
            "the file ends inside this frame after \(atoms) of \(atomCount) atom lines (the earlier frames are complete)"
        )
    }
}
