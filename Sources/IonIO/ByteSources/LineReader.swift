import IonCore

#if canImport(Glibc)
    import Glibc
#else
    import Darwin
#endif

/// Buffered line-by-line reading of a text file (plain or gzip) for the text formats.
///
/// Lines are handed out as byte ranges valid until the next call, without copying or
/// decoding to `String`. Tracks the 1-based line number and the byte offset of each line, so
/// formats can report `file, frame, line` and build a frame-offset index.
final class LineReader {
    let stream: any ByteStream
    var path: String { stream.path }
    private var buffer: UnsafeMutableRawBufferPointer
    private var start = 0  // first unread byte in buffer
    private var end = 0  // one past the last valid byte
    private var streamEnded = false
    /// Offset in the stream of `buffer[0]`.
    private var bufferOffset = 0
    /// 1-based number of the line most recently returned (0 before the first).
    private(set) var lineNumber = 0
    /// Stream offset of the start of the line most recently returned.
    private(set) var lineOffset = 0
    /// True when the line most recently returned is the file's last and has no newline: the
    /// file was cut inside it (a writer killed mid-line).
    private(set) var lastLineCut = false
    /// Whether that cut last line ends in a digit or '.', inside what may be a number.
    private(set) var lastLineEndsInDigit = false

    /// The longest line read, bytes (16 MiB); a longer one is an error, so that binary or endless
    /// input cannot grow the buffer without bound.
    static let longestLine = 1 << 24

    init(path: String, chunkSize: Int = 1 << 20) throws {
        stream = try openByteStream(path)
        buffer = .allocate(byteCount: chunkSize, alignment: 16)
    }

    deinit { buffer.deallocate() }

    /// True when the last line returned was the end of the file (nothing follows it).
    var atEnd: Bool { streamEnded && start >= end }

    /// Byte offset in the (decompressed) stream of the next unread line.
    var offset: Int { bufferOffset + start }

    /// The next line without its newline (and without a trailing carriage return), or nil at
    /// the end of the file. The pointer is valid until the next call.
    func nextLine() throws -> UnsafeBufferPointer<UInt8>? {
        while true {
            let base = buffer.baseAddress!.assumingMemoryBound(to: UInt8.self)
            if start < end, let newline = memchr(base + start, 0x0A, end - start) {
                let stop = newline.assumingMemoryBound(to: UInt8.self) - base
                lastLineCut = false
                return emitLine(base: base, from: start, to: stop, next: stop + 1)
            }
            if streamEnded {
                if start < end {
                    lastLineCut = true
                    lastLineEndsInDigit = (0x30...0x39).contains(base[end - 1]) || base[end - 1] == 0x2E
                    return emitLine(base: base, from: start, to: end, next: end)
                }
                return nil
            }
            try refill()
        }
    }

    private func emitLine(base: UnsafeMutablePointer<UInt8>, from: Int, to: Int, next: Int) -> UnsafeBufferPointer<
        UInt8
    > {
        var stop = to
        if stop > from && base[stop - 1] == 0x0D { stop -= 1 }
        lineNumber += 1
        lineOffset = bufferOffset + from
        start = next
        return UnsafeBufferPointer(start: base + from, count: stop - from)
    }

    /// Skips `count` lines; returns how many were actually skipped (fewer at the end of file).
    func skipLines(_ count: Int) throws -> Int {
        var skipped = 0
        while skipped < count {
            let base = buffer.baseAddress!.assumingMemoryBound(to: UInt8.self)
            while skipped < count, start < end, let newline = memchr(base + start, 0x0A, end - start) {
                start = newline.assumingMemoryBound(to: UInt8.self) - base + 1
                skipped += 1
            }
            if skipped == count { break }
            if streamEnded {
                if start < end { start = end; skipped += 1 }
                break
            }
            try refill()
        }
        lineNumber += skipped
        return skipped
    }

    /// Moves to `offset` (a value of ``offset`` seen before) and line number `line` (the number
    /// of lines before that offset).
    func seek(toOffset offset: Int, lineNumber line: Int) throws {
        try stream.seek(toOffset: offset)
        bufferOffset = offset; start = 0; end = 0; streamEnded = false
        lineNumber = line; lastLineCut = false
    }

    /// Keeps the unread tail, doubles the buffer for very long lines, reads more.
    private func refill() throws {
        let remaining = end - start
        if start > 0 && remaining > 0 {
            buffer.baseAddress!.copyMemory(from: buffer.baseAddress! + start, byteCount: remaining)
        }
        bufferOffset += start
        start = 0; end = remaining
        if end == buffer.count {
            guard buffer.count < Self.longestLine else {
                throw FormatError(
                    path: path, line: lineNumber + 1,
                    "a line longer than \(Self.longestLine >> 20) MiB: not a text file of atoms (binary data, or a corrupted or endless file)"
                )
            }
            let bigger = UnsafeMutableRawBufferPointer.allocate(byteCount: buffer.count * 2, alignment: 16)
            bigger.baseAddress!.copyMemory(from: buffer.baseAddress!, byteCount: end)
            buffer.deallocate()
            buffer = bigger
        }
        let n = try stream.read(into: UnsafeMutableRawBufferPointer(rebasing: buffer[end...]))
        if n == 0 { streamEnded = true }
        end += n
    }
}
