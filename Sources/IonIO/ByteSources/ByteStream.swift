import IonCore

/// A source of bytes read front to back: a plain file or a decompressed gzip stream.
/// Text readers sit on top of this and never care which.
protocol ByteStream: AnyObject {
    /// Path of the underlying file, for messages.
    var path: String { get }
    /// Fills up to `buffer.count` bytes; returns 0 only at the end of the stream.
    func read(into buffer: UnsafeMutableRawBufferPointer) throws -> Int
    /// Moves to `offset` bytes from the start of the (decompressed) stream.
    func seek(toOffset offset: Int) throws
    /// True when `seek` is cheap (plain files); gzip seeks by decompressing from the start.
    var seeksCheaply: Bool { get }
}

/// Opens `path` as a byte stream, decompressing gzip files (detected by their magic bytes, not
/// by the name) on a background thread ahead of the reader.
func openByteStream(_ path: String) throws -> any ByteStream {
    let file = try FileByteStream(path: path)
    var magic: (UInt8, UInt8) = (0, 0)
    let count = try withUnsafeMutableBytes(of: &magic) { try file.read(into: $0) }
    try file.seek(toOffset: 0)
    if count == 2 && magic == (0x1f, 0x8b) {
        return PrefetchingByteStream(try GzipByteStream(file: file))
    }
    return file
}
