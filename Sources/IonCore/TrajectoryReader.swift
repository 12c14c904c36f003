/// How to interpret a file's numbers, given by the user or known from the format.
public struct ReaderOptions: Sendable {
    /// Unit system of the file; nil means the format's own (GROMACS formats: `.gromacs`;
    /// LAMMPS files: must be given for SI output, `.real` assumed only when the user says so).
    public var units: UnitSystem?
    /// Atom ids of the topology in topology order, so trajectories that store atoms by id in any
    /// order (LAMMPS dumps) can be put in topology order. Nil: ids are 1…N.
    public var atomIDs: [Int]?
    /// Per-atom columns to keep in ``Frame/perAtom``, by the names the file gives them (LAMMPS
    /// dump `c_pe`, `v_phi`); a reader that cannot find one throws.
    public var perAtomColumns: [String]

    public init(units: UnitSystem? = nil, atomIDs: [Int]? = nil, perAtomColumns: [String] = []) {
        self.units = units; self.atomIDs = atomIDs; self.perAtomColumns = perAtomColumns
    }
}

/// One trajectory file read frame by frame, with memory bounded by one frame.
///
/// Formats implement what they support: `read(into:)` and `rewind()` are required; random
/// access (`seek(toFrame:)`) and `frameCount()` have default implementations that read through
/// the file, which formats with an offset index or fixed-size frames replace.
public protocol TrajectoryReader {
    /// Path of the file, for messages.
    var path: String { get }
    /// Atoms in every frame.
    var atomCount: Int { get }
    /// Unit system the file's numbers were converted from.
    var units: UnitSystem { get }
    /// False when neither the file nor the user said which unit system the numbers are in and
    /// one was assumed (LAMMPS files without `ITEM: UNITS`).
    var unitsAreKnown: Bool { get }
    /// What the file itself says about the atoms (names, types, charges…), if anything.
    var embeddedTopology: Topology? { get }
    /// The per-atom columns every frame's ``Frame/perAtom`` holds, in that order (the
    /// ``ReaderOptions/perAtomColumns`` the format could keep; none for most formats).
    var perAtomColumns: [String] { get }
    /// Reads the next frame into `frame`, reusing its arrays. Returns false at the end of the
    /// file. A frame cut short by the end of the file throws a ``FormatError`` with
    /// `isTruncation` set; the frames before it stay readable.
    mutating func read(into frame: inout Frame) throws -> Bool
    /// Goes back to the first frame.
    mutating func rewind() throws
    /// Skips the next frame without converting it; false at the end of the file.
    mutating func skipFrame() throws -> Bool
    /// Skips up to `count` frames without converting them, adding each one passed to `skipped`
    /// (so a caller knows how far it got when a frame cut short throws); stops at the end of the
    /// file. Formats with fixed-size frames or an offset index jump instead of stepping.
    mutating func skipFrames(_ count: Int, skipped: inout Int) throws
    /// Number of complete frames in the file.
    mutating func frameCount() throws -> Int
    /// Places the reader so the next `read(into:)` returns frame `index` (from 0).
    mutating func seek(toFrame index: Int) throws
}

extension TrajectoryReader {
    public var embeddedTopology: Topology? { nil }
    public var perAtomColumns: [String] { [] }
    public var unitsAreKnown: Bool { true }

    public mutating func skipFrame() throws -> Bool {
        var scratch = Frame()
        return try read(into: &scratch)
    }

    public mutating func skipFrames(_ count: Int, skipped: inout Int) throws {
        for _ in 0..<max(0, count) {
            guard try skipFrame() else { return }
            skipped += 1
        }
    }

    public mutating func frameCount() throws -> Int {
        try rewind()
        var count = 0
        do {
            while try skipFrame() { count += 1 }
        } catch let error as FormatError where error.isTruncation {
            // Complete frames before a truncated last one still count.
        }
        try rewind()
        return count
    }

    public mutating func seek(toFrame index: Int) throws {
        try rewind()
        for skipped in 0..<index {
            guard try skipFrame() else {
                throw FormatError(
                    path: path, frame: skipped, "asked for frame \(index), but the file has only \(skipped) frames")
            }
        }
    }
}
