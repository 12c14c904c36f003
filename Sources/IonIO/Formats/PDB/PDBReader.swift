import IonCore

/// Reads Protein Data Bank files (wwPDB format 3.3): coordinates and, from the first model, the
/// topology.
///
/// - ATOM/HETATM records are read by column: serial (decimal, hybrid-36, or `*****`), name,
///   alternate location, residue name (columns 18–21, so four-letter names fit), chain,
///   residue number (decimal or hybrid-36), x y z, occupancy, temperature factor, element and
///   formal charge (`1-`, `2+`). Elements missing from column 77–78 are guessed from the names.
/// - CRYST1 gives the cell (a, b, c in Å, α, β, γ in degrees, restricted triclinic orientation);
///   a model without one takes the first model's. The 1 Å placeholder cell means no cell.
/// - Frames are the models: atom records up to ENDMDL or END, with or without MODEL records.
///   Every model must have the first model's number of atoms.
/// - CONECT records become bonds.
///
/// Coordinates are ångström in the format itself; ``ReaderOptions/units`` is not used.
/// - Complexity: opening reads the whole file once (to index the models and collect CONECT
///   records, which writers put after the last model); each frame after that is read directly.
public struct PDBReader: TrajectoryReader {
    public var path: String { trajectory.path }
    public let atomCount: Int
    public var units: UnitSystem { .real }
    /// Names, residues, elements, formal charges and bonds from the first model.
    public let embeddedTopology: Topology?
    /// Per-atom fields of the first model that ``Topology`` does not hold.
    public let records: PDBAtomRecords
    private var trajectory: TextTrajectory<PDBFrameParser>

    public init(path: String, options: ReaderOptions = ReaderOptions()) throws {
        let lines = try LineReader(path: path)
        let scan = try PDBScan(lines: lines)
        try lines.seek(toOffset: 0, lineNumber: 0)
        atomCount = scan.topology.atomCount
        embeddedTopology = scan.topology
        records = scan.records
        let parser = PDBFrameParser(path: path, atomCount: atomCount, firstBox: scan.firstBox)
        trajectory = TextTrajectory(lines: lines, parser: parser, index: scan.index)
    }

    /// The topology of the first model of `path`.
    public static func readTopology(path: String, options: ReaderOptions = ReaderOptions()) throws -> Topology {
        let lines = try LineReader(path: path)
        return try PDBScan(lines: lines).topology
    }

    public mutating func read(into frame: inout Frame) throws -> Bool { try trajectory.read(into: &frame) }
    public mutating func skipFrame() throws -> Bool { try trajectory.skipFrame() }
    public mutating func rewind() throws { try trajectory.rewind() }
    public mutating func frameCount() throws -> Int { try trajectory.frameCount() }
    public mutating func seek(toFrame index: Int) throws { try trajectory.seek(toFrame: index) }
}
