import IonCore

/// Reads GROMACS .trr trajectories: full-precision positions, velocities and forces, box,
/// step and time, in single or double precision.
///
/// Frames may differ in what they hold (mdrun writes x, v and f at their own intervals): a
/// frame without positions has empty ``Frame/positions``, and ``Frame/velocities`` and
/// ``Frame/forces`` are nil in frames without them. Units are converted from nm, nm/ps and
/// kJ/(mol·nm) to Å, Å/ps and kJ/(mol·Å). Random access uses an index of frame offsets built on
/// first use from the block sizes in each header.
///
/// Format: GROMACS `src/gromacs/fileio/trrio.cpp`.
public final class TRRReader: TrajectoryReader {
    public var path: String { file.path }
    public let atomCount: Int
    public let units: UnitSystem
    /// True when the first frame is in double precision.
    public let isDoublePrecision: Bool
    private let file: BinaryFile
    private var cursor: XDRFrameCursor<TRRHeader>
    /// Number of the next frame, for messages.
    private var nextFrame: Int { cursor.nextFrame }
    /// Arrays of frames that had velocities or forces, kept for the next frame that has them.
    private var spareVelocities: [Vec3] = []
    private var spareForces: [Vec3] = []

    /// Opens `path` and reads the first frame's header. `options.units` overrides the GROMACS
    /// units if given.
    public init(path: String, options: ReaderOptions = ReaderOptions()) throws {
        file = try BinaryFile(path: path)
        units = options.units ?? .gromacs
        guard file.size > 0 else { throw FormatError(path: path, "the file is empty") }
        let header = try TRRHeader.read(from: file, at: 0, frame: 0)
        atomCount = header.atomCount
        cursor = XDRFrameCursor(file: file, atomCount: atomCount)
        isDoublePrecision = header.realSize == 8
    }

    public func read(into frame: inout Frame) throws -> Bool {
        guard let header = try cursor.nextHeader() else { return false }
        let offset = cursor.offset
        frame.step = header.step
        frame.time = header.time * units.time
        frame.wrapping = .unknown
        frame.images = nil; frame.charges = nil
        var velocities = frame.velocities ?? spareVelocities
        var forces = frame.forces ?? spareForces
        // Take the arrays out so they are uniquely referenced and filled in place.
        frame.velocities = nil; frame.forces = nil
        spareVelocities = []; spareForces = []
        let frameNumber = nextFrame
        try file.withBytes(at: offset + header.length, count: header.dataLength) { bytes in
            var cursor = ByteCursor(bytes, endianness: .big)
            let double = header.realSize == 8
            frame.box = nil
            if header.boxSize > 0 {
                let v1 = try vector(&cursor, double), v2 = try vector(&cursor, double), v3 = try vector(&cursor, double)
                frame.box = try GROMACSBox.box(v1, v2, v3, lengthScale: units.length, path: path, frame: frameNumber)
            }
            try cursor.skip(header.virialSize + header.pressureSize)
            if header.positionSize > 0 {
                try readVectors(&cursor, double, into: &frame.positions, scale: units.length, what: "position")
            } else {
                frame.positions.removeAll(keepingCapacity: true)
            }
            if header.velocitySize > 0 {
                try readVectors(&cursor, double, into: &velocities, scale: units.velocity, what: "velocity")
                frame.velocities = velocities
            } else {
                spareVelocities = velocities
            }
            if header.forceSize > 0 {
                try readVectors(&cursor, double, into: &forces, scale: units.force, what: "force")
                frame.forces = forces
            } else {
                spareForces = forces
            }
        }
        cursor.advance(past: header)
        return true
    }

    @inline(__always)
    private func vector(_ cursor: inout ByteCursor, _ double: Bool) throws -> Vec3 {
        double
            ? Vec3(try cursor.float64(), try cursor.float64(), try cursor.float64())
            : Vec3(Double(try cursor.float32()), Double(try cursor.float32()), Double(try cursor.float32()))
    }

    /// Reads `atomCount` vectors, checks they are finite and scales them to internal units.
    private func readVectors(
        _ cursor: inout ByteCursor, _ double: Bool, into array: inout [Vec3], scale: Double,
        what: String
    ) throws {
        if array.count != atomCount { array = [Vec3](repeating: .zero, count: atomCount) }
        for i in 0..<atomCount {
            let value = try vector(&cursor, double)
            guard value.isFinite else {
                throw FormatError(path: path, frame: nextFrame, "atom \(i + 1) has a non-finite \(what) \(value)")
            }
            array[i] = value * scale
        }
    }

    public func rewind() throws { cursor.rewind() }

    public func skipFrame() throws -> Bool { try cursor.skipFrame() }
    public func skipFrames(_ count: Int, skipped: inout Int) throws { try cursor.skipFrames(count, skipped: &skipped) }

    public func frameCount() throws -> Int { try cursor.frameCount() }

    public func seek(toFrame frame: Int) throws { try cursor.seek(toFrame: frame) }
}
