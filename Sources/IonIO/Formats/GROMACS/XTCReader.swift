import IonCore

/// Reads GROMACS .xtc trajectories: compressed positions, box, step and time.
///
/// Positions come as GROMACS wrote them (``PositionWrapping/unknown``), converted from nm to Å,
/// with the file's precision (usually 0.001 nm). Frames of more than 9 atoms are decompressed
/// by ``XTCCoordinateDecoder``; smaller ones are plain floats. Random access uses an index of
/// frame offsets built on first use by hopping over frames with the byte count in each header.
///
/// Format: GROMACS manual, "File formats: xtc"; GROMACS `src/gromacs/fileio/libxdrf.cpp`.
public final class XTCReader: TrajectoryReader {
    public var path: String { file.path }
    public let atomCount: Int
    public let units: UnitSystem
    private let file: BinaryFile
    private var decoder = XTCCoordinateDecoder()
    private var cursor: XDRFrameCursor<XTCHeader>
    /// Number of the next frame, for messages.
    private var nextFrame: Int { cursor.nextFrame }

    /// Opens `path` and reads the first frame's header for the atom count.
    /// `options.units` overrides the GROMACS units (nm, ps) if given.
    public init(path: String, options: ReaderOptions = ReaderOptions()) throws {
        file = try BinaryFile(path: path)
        units = options.units ?? .gromacs
        guard file.size > 0 else { throw FormatError(path: path, "the file is empty") }
        atomCount = try XTCHeader.read(from: file, at: 0, frame: 0).atomCount
        cursor = XDRFrameCursor(file: file, atomCount: atomCount)
    }

    public func read(into frame: inout Frame) throws -> Bool {
        guard let header = try cursor.nextHeader() else { return false }
        let offset = cursor.offset
        let scale = units.length
        frame.box = try GROMACSBox.box(
            header.box.0, header.box.1, header.box.2, lengthScale: scale,
            path: path, frame: nextFrame)
        frame.step = header.step
        frame.time = Double(header.time) * units.time
        frame.wrapping = .unknown
        frame.velocities = nil; frame.forces = nil; frame.images = nil; frame.charges = nil
        if frame.positions.count != atomCount {
            frame.positions = [Vec3](repeating: .zero, count: atomCount)
        }
        let dataOffset = offset + header.length
        if let compression = header.compression {
            try decoder.loadBlock(length: header.dataLength) { buffer in
                guard try file.file.read(at: dataOffset, into: buffer) == buffer.count else {
                    throw FormatError(
                        path: path, frame: nextFrame, truncation: true, "the file ends inside the compressed positions")
                }
            }
            do {
                try frame.positions.withUnsafeMutableBufferPointer { out in
                    try decoder.decode(compression, atomCount: atomCount, lengthScale: scale, into: out)
                }
            } catch let failure as XTCCoordinateDecoder.Failure {
                throw FormatError(path: path, frame: nextFrame, failure.message)
            }
        } else {
            try readPlainPositions(at: dataOffset, into: &frame.positions, scale: scale)
        }
        cursor.advance(past: header)
        return true
    }

    /// Frames of at most 9 atoms: 3·natoms big-endian floats.
    private func readPlainPositions(at dataOffset: Int, into positions: inout [Vec3], scale: Double) throws {
        let frameNumber = nextFrame
        try file.withBytes(at: dataOffset, count: 12 * atomCount) { bytes in
            var cursor = ByteCursor(bytes, endianness: .big)
            for i in 0..<atomCount {
                let p = Vec3(Double(try cursor.float32()), Double(try cursor.float32()), Double(try cursor.float32()))
                guard p.isFinite else {
                    throw FormatError(path: path, frame: frameNumber, "atom \(i + 1) has a non-finite position \(p)")
                }
                positions[i] = p * scale
            }
        }
    }

    public func rewind() throws { cursor.rewind() }

    public func skipFrame() throws -> Bool { try cursor.skipFrame() }
    public func skipFrames(_ count: Int, skipped: inout Int) throws { try cursor.skipFrames(count, skipped: &skipped) }

    public func frameCount() throws -> Int { try cursor.frameCount() }

    public func seek(toFrame frame: Int) throws { try cursor.seek(toFrame: frame) }
}
