import IonCore

/// Reads DCD trajectories as CHARMM, NAMD, LAMMPS (`dump dcd`), X-PLOR and MDAnalysis write
/// them: either byte order (told from the first record marker), 32- or 64-bit record markers,
/// the optional unit-cell record (see ``DCDUnitCell``), the CHARMM 4th-dimension block (skipped)
/// and fixed atoms (NAMD/CHARMM: the first frame stores every atom, later frames only the free
/// ones; fixed atoms keep their first-frame position).
///
/// Frames have a fixed size, so `seek(toFrame:)` is O(1) and `frameCount()` comes from the
/// file size (not the header's NSET, which a crashed run leaves stale); a partial last frame is
/// reported as a truncation after the complete ones. Float32 coordinates become `Double`.
///
/// Units. Positions: Å (× ``ReaderOptions/units`` length factor when given, for LAMMPS files
/// from non-Å unit systems). Step of frame k: ISTART + k·NSAVC. Time:
/// - CHARMM, NAMD, MDAnalysis and other CHARMM-flagged files: DELTA is in AKMA time units
///   (48.888 21 fs), so time = step · DELTA · 0.048 888 21 ps.
/// - LAMMPS (title "Written by LAMMPS"): DELTA is the timestep in the run's own time unit, so
///   the time is given only when ``ReaderOptions/units`` names that unit system
///   (`.real`: fs, `.metal`: ps, …); otherwise `time` is nil and only `step` is set.
/// - X-PLOR files (no CHARMM flag): no time (the unit of DELTA is not reliable there).
public struct DCDReader: TrajectoryReader {
    /// Which program wrote the file, as far as the header tells.
    public enum Writer: String, Sendable {
        case lammps, namd, charmm, xplor
    }

    /// AKMA time unit (CHARMM, NAMD), ps: √(Å² · u / (kcal/mol)).
    public static let akmaTime = 0.048_888_212_9

    public var path: String { file.path }
    public var atomCount: Int { header.atomCount }
    public let units: UnitSystem
    /// False for LAMMPS files opened without ``ReaderOptions/units``: lengths are taken as Å
    /// (`real`, `metal`) and no time is given.
    public let unitsAreKnown: Bool
    public let writer: Writer
    /// Title lines of the header.
    public var title: [String] { header.title }
    /// Whether frames carry a unit cell.
    public var hasUnitCell: Bool { header.hasUnitCell }
    public var byteOrderIsBigEndian: Bool { header.endianness == .big }

    let header: DCDHeader
    private let file: BinaryFile
    private let lengthScale: Double
    private let timeStep: Double?  // ps per MD step, when known
    private var fixedPositions: [Vec3] = []
    private var freeScratch: [Vec3] = []
    private var nextFrame = 0
    private let completeFrames: Int
    private let truncatedBytes: Int  // bytes of a partial last frame, 0 when none

    public init(path: String, options: ReaderOptions = ReaderOptions()) throws {
        file = try BinaryFile(path: path)
        header = try DCDHeader(file: file)
        let joinedTitle = header.title.joined(separator: " ").uppercased()
        writer =
            joinedTitle.contains("LAMMPS")
            ? .lammps
            : joinedTitle.contains("NAMD")
                ? .namd
                : header.isCHARMM ? .charmm : .xplor
        units = options.units ?? .real
        unitsAreKnown = options.units != nil || writer != .lammps
        lengthScale = (options.units ?? .real).length
        switch writer {
        case .lammps:
            let delta = header.delta
            timeStep = options.units.map { delta * $0.time }
        case .namd, .charmm:
            timeStep = header.delta * Self.akmaTime
        case .xplor:
            timeStep = nil
        }
        let body = file.size - header.size
        if body < header.firstFrameSize {
            completeFrames = 0
            truncatedBytes = body
        } else {
            let later = body - header.firstFrameSize
            completeFrames = 1 + later / header.laterFrameSize
            truncatedBytes = later % header.laterFrameSize
        }
        if header.freeAtoms != nil, completeFrames > 0 {
            var first = Frame()
            try readFrame(0, into: &first)
            fixedPositions = first.positions
        }
    }

    /// Byte offset of frame `k`.
    private func offset(of k: Int) -> Int {
        k == 0 ? header.size : header.size + header.firstFrameSize + (k - 1) * header.laterFrameSize
    }

    public mutating func read(into frame: inout Frame) throws -> Bool {
        guard nextFrame < completeFrames else {
            if truncatedBytes > 0 && nextFrame == completeFrames {
                let expected = nextFrame == 0 ? header.firstFrameSize : header.laterFrameSize
                throw FormatError(
                    path: path, frame: nextFrame, truncation: true,
                    "the file ends \(truncatedBytes) bytes into this frame of \(expected) bytes")
            }
            return false
        }
        try readFrame(nextFrame, into: &frame)
        nextFrame += 1
        return true
    }

    public mutating func skipFrame() throws -> Bool {
        guard nextFrame < completeFrames else {
            var scratch = Frame()
            return try read(into: &scratch)
        }
        nextFrame += 1
        return true
    }

    /// Complete frames are jumped over; a frame cut short at the end is stepped into, so that it
    /// reports itself as the one-by-one skip does.
    public mutating func skipFrames(_ count: Int, skipped: inout Int) throws {
        let jump = max(0, min(count, completeFrames - nextFrame))
        nextFrame += jump; skipped += jump
        if jump < count, try skipFrame() { skipped += 1 }
    }

    public mutating func rewind() throws { nextFrame = 0 }

    public mutating func frameCount() throws -> Int { completeFrames }

    public mutating func seek(toFrame index: Int) throws {
        guard index >= 0, index <= completeFrames else {
            throw FormatError(
                path: path, frame: index,
                "asked for frame \(index), but the file has \(completeFrames) complete frames")
        }
        nextFrame = index
    }

    /// Reads frame `k` (complete, inside the file) with one `pread`.
    private mutating func readFrame(_ k: Int, into frame: inout Frame) throws {
        let n = header.atomCount
        let stored = k > 0 ? (header.freeAtoms?.count ?? n) : n
        let size = k == 0 ? header.firstFrameSize : header.laterFrameSize
        if frame.positions.count != n { frame.positions = [Vec3](repeating: .zero, count: n) }
        let partial = stored != n
        if partial {
            frame.positions = fixedPositions
            if freeScratch.count != stored { freeScratch = [Vec3](repeating: .zero, count: stored) }
        }
        var cell: [Double]?
        let header = self.header
        try file.withBytes(at: offset(of: k), count: size) { raw in
            var cursor = ByteCursor(raw, endianness: header.endianness)
            let start = offset(of: k)
            let fail = { (what: String, position: Int) in
                FormatError(path: self.path, frame: k, "\(what) at byte \(start + position)")
            }
            do {
                if header.hasUnitCell {
                    try Self.expectMarker(&cursor, 48, header.markerSize, fail)
                    cell = try (0..<6).map { _ in try cursor.float64() }
                    try Self.expectMarker(&cursor, 48, header.markerSize, fail)
                }
                for axis in 0..<3 {
                    try Self.expectMarker(&cursor, 4 * stored, header.markerSize, fail)
                    let floats = try cursor.bytes(4 * stored)
                    if partial {
                        freeScratch.withUnsafeMutableBufferPointer {
                            Self.decode(floats, axis, header.endianness, into: $0)
                        }
                    } else {
                        frame.positions.withUnsafeMutableBufferPointer {
                            Self.decode(floats, axis, header.endianness, into: $0)
                        }
                    }
                    try Self.expectMarker(&cursor, 4 * stored, header.markerSize, fail)
                }
            } catch is ByteCursor.OutOfData {
                throw FormatError(path: self.path, frame: k, truncation: true, "the file ends inside this frame")
            }
        }
        // Fixed atoms keep frame 0's positions, which are already scaled.
        let scale = lengthScale
        if partial, let free = header.freeAtoms {
            for (slot, atom) in free.enumerated() { frame.positions[atom] = freeScratch[slot] * scale }
        } else if scale != 1 {
            frame.positions.withUnsafeMutableBufferPointer { p in for i in p.indices { p[i] = p[i] * scale } }
        }
        for (i, r) in frame.positions.enumerated() where !r.isFinite {
            throw FormatError(path: path, frame: k, "atom \(i + 1) has a non-finite coordinate \(r)")
        }
        do {
            frame.box = try cell.flatMap { cell throws(DCDUnitCell.CellError) in
                try DCDUnitCell.box(cell, charmmVersion: header.charmmVersion, lengthScale: scale)
            }
        } catch { throw FormatError(path: path, frame: k, error.message) }
        if let cell, frame.box == nil, !cell.allSatisfy({ $0 == 0 }) {
            throw FormatError(path: path, frame: k, "the unit-cell record \(cell) does not describe a cell")
        }
        let step = header.stepInterval > 0 ? header.firstStep + k * header.stepInterval : nil
        frame.step = step
        frame.time = step.flatMap { s in timeStep.flatMap { $0 > 0 ? Double(s) * $0 : nil } }
        frame.velocities = nil; frame.forces = nil; frame.images = nil; frame.charges = nil
        frame.wrapping = .unknown
    }

    private static func expectMarker(
        _ cursor: inout ByteCursor, _ expected: Int, _ size: Int,
        _ fail: (String, Int) -> FormatError
    ) throws {
        let position = cursor.position
        let value = size == 4 ? Int(try cursor.uint32()) : Int(clamping: try cursor.uint64())
        guard value == expected else { throw fail("record marker \(value) where \(expected) was expected", position) }
    }

    /// Float32 values of one axis into component `axis` of `out`.
    private static func decode(
        _ bytes: UnsafeRawBufferPointer, _ axis: Int, _ endianness: Endianness,
        into out: UnsafeMutableBufferPointer<Vec3>
    ) {
        out.withMemoryRebound(to: Double.self) { scalars in
            let little = endianness == .little
            for i in 0..<(bytes.count / 4) {
                let raw = bytes.loadUnaligned(fromByteOffset: 4 * i, as: UInt32.self)
                scalars[3 * i + axis] = Double(
                    Float(bitPattern: little ? UInt32(littleEndian: raw) : UInt32(bigEndian: raw)))
            }
        }
    }
}
