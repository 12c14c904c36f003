import IonCore

/// Reads HOOMD-blue trajectories: GSD files (versions 1.x and 2.x, see ``GSDFile``) in the
/// `hoomd` schema.
///
/// Per frame: `configuration/step`, `configuration/box` (Lx, Ly, Lz and the tilt *factors* xy,
/// xz, yz: a = (Lx, 0, 0), b = (xy·Ly, Ly, 0), c = (xz·Lz, yz·Lz, Lz), centred on the origin, so
/// the cell's corner is −(a + b + c)/2 and positions lie in [−L/2, L/2)), `particles/N`,
/// `particles/position`, `particles/velocity`, `particles/image` and `particles/charge`. A chunk
/// missing from frame k takes frame 0's value, else the schema default (box 1 × 1 × 1, step 0;
/// velocities, images and charges are then absent from the frame). Frame 0 gives the topology
/// (``GSDTopology``). Every frame must have frame 0's number of particles. Two-dimensional
/// boxes (Lz = 0) give no ``Frame/box``.
///
/// Units: HOOMD has none of its own. By default numbers are taken as they are and reported as
/// ``UnitSystem/lj``; with ``ReaderOptions/units`` they are converted from that system.
/// No time is stored (the timestep is not in the file); ``Frame/step`` is set.
/// - Complexity: opening reads the index (32 bytes per chunk); each frame is found from it
///   directly, so `seek(toFrame:)` and `frameCount()` are O(1).
public struct GSDReader: TrajectoryReader {
    public var path: String { gsd.path }
    public let atomCount: Int
    public let units: UnitSystem
    public let embeddedTopology: Topology?
    /// The program that wrote the file (header field).
    public var application: String { gsd.application }

    private let gsd: GSDFile
    private var nextFrame = 0

    public init(path: String, options: ReaderOptions = ReaderOptions()) throws {
        gsd = try GSDFile(path: path)
        guard gsd.schema == "hoomd" else {
            throw FormatError(
                path: path, "GSD schema '\(gsd.schema)'; only the 'hoomd' schema holds particle trajectories")
        }
        units = options.units ?? .lj
        if gsd.completeFrames > 0 {
            atomCount = try Self.particleCount(gsd, frame: 0)
            // Checked before anything is sized by N: the position chunk bounds it by the file size.
            let rows = gsd.entry("particles/position", frame: 0)?.rows ?? 0
            guard rows == atomCount else {
                throw FormatError(
                    path: path, frame: 0, "GSD: particles/N is \(atomCount) but particles/position has \(rows) rows")
            }
            embeddedTopology = try GSDTopology.read(gsd, atomCount: atomCount, units: units)
        } else {
            atomCount = 0
            embeddedTopology = nil
        }
    }

    /// The topology of frame 0 of `path`.
    public static func readTopology(path: String, options: ReaderOptions = ReaderOptions()) throws -> Topology {
        let reader = try GSDReader(path: path, options: options)
        guard let topology = reader.embeddedTopology else {
            throw FormatError(path: path, frame: 0, truncation: true, "GSD: the file ends before frame 0 is complete")
        }
        return topology
    }

    private static func particleCount(_ gsd: GSDFile, frame: Int) throws -> Int {
        let n = try gsd.integers("particles/N", frame: frame, rows: 1, columns: 1)?.first ?? 0
        guard n >= 0 else { throw FormatError(path: gsd.path, frame: frame, "GSD particles/N is \(n)") }
        return n
    }

    public mutating func read(into frame: inout Frame) throws -> Bool {
        guard nextFrame < gsd.completeFrames else {
            if nextFrame == gsd.completeFrames && gsd.indexedFrames > gsd.completeFrames {
                throw FormatError(
                    path: path, frame: nextFrame, truncation: true,
                    "GSD: the index lists this frame, but its data lies beyond the end of the file")
            }
            return false
        }
        try read(nextFrame, into: &frame)
        nextFrame += 1
        return true
    }

    private func read(_ k: Int, into frame: inout Frame) throws {
        let n = try Self.particleCount(gsd, frame: k)
        guard n == atomCount else {
            throw FormatError(
                path: path, frame: k,
                "GSD particles/N is \(n), frame 0 has \(atomCount); a changing number of particles is not supported")
        }
        if try !gsd.vectors("particles/position", frame: k, rows: n, scale: units.length, into: &frame.positions) {
            frame.positions = [Vec3](repeating: .zero, count: n)
        }
        var velocities = frame.velocities ?? []
        frame.velocities =
            try gsd.vectors(
                "particles/velocity", frame: k, rows: n, scale: units.velocity,
                into: &velocities) ? velocities : nil
        frame.images = try gsd.integers("particles/image", frame: k, rows: n, columns: 3).map { flat in
            (0..<n).map {
                SIMD3<Int32>(
                    Int32(clamping: flat[3 * $0]), Int32(clamping: flat[3 * $0 + 1]),
                    Int32(clamping: flat[3 * $0 + 2]))
            }
        }
        frame.charges = try gsd.numbers("particles/charge", frame: k, rows: n, columns: 1)?.map { $0 * units.charge }
        frame.box = try box(k)
        frame.step = try gsd.integers("configuration/step", frame: k, rows: 1, columns: 1)?.first ?? 0
        frame.time = nil
        frame.forces = nil
        frame.wrapping = .wrapped
    }

    /// The HOOMD box of frame `k`, centred on the origin; nil for a two-dimensional box.
    private func box(_ k: Int) throws -> Box? {
        let v = try gsd.numbers("configuration/box", frame: k, rows: 6, columns: 1) ?? [1, 1, 1, 0, 0, 0]
        guard v.allSatisfy(\.isFinite) else {
            throw FormatError(path: path, frame: k, "GSD configuration/box \(v) has a non-finite value")
        }
        let dimensions = try gsd.integers("configuration/dimensions", frame: k, rows: 1, columns: 1)?.first
        if dimensions == 2 || v[2] == 0 { return nil }
        let s = units.length
        let (lx, ly, lz, xy, xz, yz) = (v[0] * s, v[1] * s, v[2] * s, v[3], v[4], v[5])
        let a = Vec3(lx, 0, 0), b = Vec3(xy * ly, ly, 0), c = Vec3(xz * lz, yz * lz, lz)
        guard let box = Box(a: a, b: b, c: c, origin: -0.5 * (a + b + c)) else {
            throw FormatError(path: path, frame: k, "GSD configuration/box \(v) does not describe a cell")
        }
        return box
    }

    public mutating func skipFrame() throws -> Bool {
        guard nextFrame < gsd.completeFrames else {
            var scratch = Frame()
            return try read(into: &scratch)
        }
        nextFrame += 1
        return true
    }

    /// Complete frames are jumped over; a frame cut short at the end is stepped into, so that it
    /// reports itself as the one-by-one skip does.
    public mutating func skipFrames(_ count: Int, skipped: inout Int) throws {
        let jump = max(0, min(count, gsd.completeFrames - nextFrame))
        nextFrame += jump; skipped += jump
        if jump < count, try skipFrame() { skipped += 1 }
    }

    public mutating func rewind() throws { nextFrame = 0 }

    public mutating func frameCount() throws -> Int { gsd.completeFrames }

    public mutating func seek(toFrame index: Int) throws {
        guard index >= 0, index <= gsd.completeFrames else {
            throw FormatError(
                path: path, frame: index,
                "asked for frame \(index), but the file has \(gsd.completeFrames) complete frames")
        }
        nextFrame = index
    }
}
