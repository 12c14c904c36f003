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
