import IonCore

/// Reads LAMMPS text dumps (`dump custom` / `dump atom`), plain or gzip-compressed.
///
/// Any column order; positions from `xu yu zu`, `xsu ysu zsu`, `x y z` or `xs ys zs` (in that
/// order of preference); image flags, velocities, forces, charges, molecule ids, elements and
/// masses when present; orthogonal, restricted triclinic (`xy xz yz`) and general triclinic
/// (`abc origin`) boxes. Atoms may come in any order and with ids that are not 1…N: frames are
/// put in ascending id order, or in the topology's order when ``ReaderOptions/atomIDs`` is given.
/// `ITEM: UNITS` and `ITEM: TIME` (from `dump_modify units/time yes`) are honoured. Other
/// numeric columns (`c_pe`, `v_phi`, …) are kept in ``Frame/perAtom`` when
/// ``ReaderOptions/perAtomColumns`` names them.
///
/// - Complexity: frames are indexed as they are met; `frameCount()` and seeks past the known
///   frames skip atom lines without parsing them. On gzip files a backward seek decompresses
///   from the start.
public final class LAMMPSDumpReader: TrajectoryReader {
    public var path: String { trajectory.path }
    public let atomCount: Int
    public let units: UnitSystem
    /// False when neither the file (`ITEM: UNITS`) nor the user said which unit system it uses
    /// and `real` was assumed.
    public let unitsAreKnown: Bool
    public let embeddedTopology: Topology?
    public let perAtomColumns: [String]
    private var trajectory: TextTrajectory<LAMMPSDumpFrameParser>

    public init(path: String, options: ReaderOptions = ReaderOptions()) throws {
        let lines = try LineReader(path: path)
        var units = options.units ?? .real
        // The first frame fixes the atom count, the columns and the atom order.
        var fields = TextFields()
        var header = LAMMPSDumpHeader()
        guard try header.read(from: lines, fields: &fields, frame: 0, units: units) else {
            throw FormatError(path: path, "the file is empty; expected a LAMMPS dump starting with 'ITEM: TIMESTEP'")
        }
        if let fileUnits = header.units, options.units == nil { units = fileUnits }
        self.units = units
        unitsAreKnown = options.units != nil || header.units != nil
        atomCount = header.atomCount
        let layout = try LAMMPSDumpLayout(
            header: header.columns, extras: options.perAtomColumns, path: path, line: header.atomsLine)
        perAtomColumns = options.perAtomColumns
        let first = try LAMMPSDumpReader.readIdentities(
            lines: lines, fields: &fields, layout: layout,
            count: atomCount, path: path)
        let atomOrder = try LAMMPSAtomOrder(fileIDs: first.ids, topologyIDs: options.atomIDs, path: path)
        embeddedTopology = first.topology(order: atomOrder, units: units)
        try lines.seek(toOffset: 0, lineNumber: 0)
        let parser = LAMMPSDumpFrameParser(
            path: path, atomCount: atomCount, units: units, atomOrder: atomOrder, layout: layout,
            extras: options.perAtomColumns)
        trajectory = TextTrajectory(lines: lines, parser: parser)
    }

    public func read(into frame: inout Frame) throws -> Bool { try trajectory.read(into: &frame) }
    public func skipFrame() throws -> Bool { try trajectory.skipFrame() }
    public func rewind() throws { try trajectory.rewind() }
    public func frameCount() throws -> Int { try trajectory.frameCount() }
    public func seek(toFrame index: Int) throws { try trajectory.seek(toFrame: index) }
}
