import IonCore

/// Byte offsets of the frames of an .xtc or .trr file, found by hopping from header to header:
/// each header says how long its frame is, so nothing is decompressed or converted.
///
/// A last frame that the file cuts short ends the index (it is not counted) and is kept as
/// ``truncation``; any other malformed header is thrown.
/// - Complexity: one small read per frame.
struct XDRFrameIndex {
    /// Offset of frame k's header, for k in 0..<count.
    private(set) var offsets: [Int] = []
    /// Offset just past the last complete frame.
    private(set) var end = 0
    /// The error that a read of frame `count` throws, when the file ends inside it.
    private(set) var truncation: FormatError?

    var count: Int { offsets.count }

    /// Walks the file. `frameLength(offset, frame)` returns the length in bytes of the frame
    /// whose header starts at `offset` (checking that it fits in the file), or throws.
    init(fileSize: Int, frameLength: (_ offset: Int, _ frame: Int) throws -> Int) throws {
        var offset = 0
        while offset < fileSize {
            let length: Int
            do {
                length = try frameLength(offset, offsets.count)
            } catch let error as FormatError where error.isTruncation {
                truncation = error
                break
            }
            offsets.append(offset)
            offset += length
        }
        end = offset
    }
}

/// The header of one .xtc or .trr frame, as far as navigation needs it.
protocol XDRFrameHeader {
    /// Reads and checks the header at `offset`; a header or frame cut by the end of the file
    /// throws a truncation error.
    static func read(from file: BinaryFile, at offset: Int, frame: Int) throws -> Self
    var atomCount: Int { get }
    /// Bytes from this header to the next one.
    var frameLength: Int { get }
}

/// Where an .xtc or .trr reader stands in its file: the next frame's offset and number, and
/// the frame-offset index for random access, built on first use. Shared by both readers.
struct XDRFrameCursor<Header: XDRFrameHeader> {
    let file: BinaryFile
    let atomCount: Int
    /// Offset of the next frame's header, and its number.
    private(set) var offset = 0
    private(set) var nextFrame = 0
    private var index: XDRFrameIndex?

    init(file: BinaryFile, atomCount: Int) {
        self.file = file; self.atomCount = atomCount
    }

    /// The next frame's header with its atom count checked, or nil at the end of the file.
    func nextHeader() throws -> Header? {
        guard offset < file.size else { return nil }
        let header = try Header.read(from: file, at: offset, frame: nextFrame)
        try checkAtomCount(header.atomCount, frame: nextFrame)
        return header
    }

    /// Moves past the frame whose header is `header`.
    mutating func advance(past header: Header) {
        offset += header.frameLength
        nextFrame += 1
    }

    mutating func rewind() {
        offset = 0
        nextFrame = 0
    }

    mutating func skipFrame() throws -> Bool {
        guard let header = try nextHeader() else { return false }
        advance(past: header)
        return true
    }

    /// Skips up to `count` frames: by the index when it is built (a jump), else header by header.
    mutating func skipFrames(_ count: Int, skipped: inout Int) throws {
        var left = max(0, count)
        if let index, nextFrame < index.count {
            let jump = min(left, index.count - nextFrame)
            nextFrame += jump; skipped += jump; left -= jump
            offset = nextFrame < index.count ? index.offsets[nextFrame] : index.end
        }
        while left > 0, try skipFrame() { skipped += 1; left -= 1 }
    }

    /// Complete frames in the file; a truncated last frame is not counted.
    /// - Complexity: O(frames) small reads the first time, O(1) after.
    mutating func frameCount() throws -> Int { try frameIndex().count }

    mutating func seek(toFrame frame: Int) throws {
        let index = try frameIndex()
        guard frame >= 0, frame <= index.count else {
            throw FormatError(
                path: file.path, frame: frame, "asked for frame \(frame), but the file has only \(index.count) frames")
        }
        offset = frame < index.count ? index.offsets[frame] : index.end
        nextFrame = frame
    }

    private mutating func frameIndex() throws -> XDRFrameIndex {
        if let index { return index }
        let (file, atomCount) = (self.file, self.atomCount)
        let built = try XDRFrameIndex(fileSize: file.size) { offset, frame in
            let header = try Header.read(from: file, at: offset, frame: frame)
            try Self.checkAtomCount(header.atomCount, expected: atomCount, frame: frame, path: file.path)
            return header.frameLength
        }
        index = built
        return built
    }

    private func checkAtomCount(_ count: Int, frame: Int) throws {
        try Self.checkAtomCount(count, expected: atomCount, frame: frame, path: file.path)
    }

    private static func checkAtomCount(_ count: Int, expected: Int, frame: Int, path: String) throws {
        guard count == expected else {
            throw FormatError(
                path: path, frame: frame,
                "the frame has \(count) atoms, but the first frame has \(expected); IonScope reads trajectories with a fixed atom count"
            )
        }
    }
}
