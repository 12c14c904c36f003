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
    private var index: XDRFrameIndex?
    /// Offset of the next frame's header, and its number.
    private var offset = 0
    private var nextFrame = 0

    /// Opens `path` and reads the first frame's header for the atom count.
    /// `options.units` overrides the GROMACS units (nm, ps) if given.
    public init(path: String, options: ReaderOptions = ReaderOptions()) throws {
        file = try BinaryFile(path: path)
        units = options.units ?? .gromacs
        guard file.size > 0 else { throw FormatError(path: path, "the file is empty") }
        atomCount = try XTCHeader.read(from: file, at: 0, frame: 0).atomCount
    }

    public func read(into frame: inout Frame) throws -> Bool {
        guard offset < file.size else { return false }
        let header = try XTCHeader.read(from: file, at: offset, frame: nextFrame)
        try checkAtomCount(header.atomCount, frame: nextFrame)
        let scale = units.length
        frame.box = try GROMACSBox.box(header.box.0, header.box.1, header.box.2, lengthScale: scale,
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
                    throw FormatError(path: path, frame: nextFrame, truncation: true, "the file ends inside the compressed positions")
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
        offset += header.frameLength
        nextFrame += 1
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

    private func checkAtomCount(_ count: Int, frame: Int) throws {
        guard count == atomCount else {
            throw FormatError(path: path, frame: frame,
                              "the frame has \(count) atoms, but the first frame has \(atomCount); IonScope reads trajectories with a fixed atom count")
        }
    }

    public func rewind() throws {
        offset = 0
        nextFrame = 0
    }

    public func skipFrame() throws -> Bool {
        guard offset < file.size else { return false }
        let header = try XTCHeader.read(from: file, at: offset, frame: nextFrame)
        try checkAtomCount(header.atomCount, frame: nextFrame)
        offset += header.frameLength
        nextFrame += 1
        return true
    }

    /// Complete frames in the file; a truncated last frame is not counted.
    /// - Complexity: O(frames) small reads the first time, O(1) after.
    public func frameCount() throws -> Int { try frameIndex().count }

    public func seek(toFrame frame: Int) throws {
        let index = try frameIndex()
        guard frame >= 0, frame <= index.count else {
            throw FormatError(path: path, frame: frame, "asked for frame \(frame), but the file has only \(index.count) frames")
        }
        offset = frame < index.count ? index.offsets[frame] : index.end
        nextFrame = frame
    }

    private func frameIndex() throws -> XDRFrameIndex {
        if let index { return index }
        let built = try XDRFrameIndex(fileSize: file.size) { offset, frame in
            let header = try XTCHeader.read(from: file, at: offset, frame: frame)
            try checkAtomCount(header.atomCount, frame: frame)
            return header.frameLength
        }
        index = built
        return built
    }
}
