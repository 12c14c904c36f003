import CZlib
import IonCore

/// A gzip file decompressed on the fly with zlib, including files made of several
/// concatenated gzip members (as `cat a.gz b.gz` or pigz produce).
final class GzipByteStream: ByteStream {
    private let file: FileByteStream
    private var stream = z_stream()
    private var input = [UInt8](repeating: 0, count: 1 << 18)
    private var inputCount = 0
    private var inputEnd = false
    private var finished = false
    /// Decompressed bytes delivered so far.
    private var position = 0
    var path: String { file.path }
    var seeksCheaply: Bool { false }

    init(file: FileByteStream) throws {
        self.file = file
        try startInflating()
    }

    deinit { inflateEnd(&stream) }

    private func startInflating() throws {
        stream = z_stream()
        // 15 + 16: a zlib window of 2^15 with a gzip header.
        guard inflateInit2_(&stream, 15 + 16, ZLIB_VERSION, Int32(MemoryLayout<z_stream>.size)) == Z_OK else {
            throw FileError(path: path, "cannot start gzip decompression")
        }
        inputEnd = false; finished = false; position = 0; inputCount = 0
    }

    func read(into buffer: UnsafeMutableRawBufferPointer) throws -> Int {
        guard let base = buffer.baseAddress, buffer.count > 0, !finished else { return 0 }
        var produced = 0
        while produced < buffer.count {
            if stream.avail_in == 0 {
                if inputEnd { finished = true; break }
                inputCount = try input.withUnsafeMutableBytes { try file.read(into: $0) }
                if inputCount == 0 { inputEnd = true; finished = true; break }
                stream.avail_in = UInt32(inputCount)
            }
            let status: Int32 = input.withUnsafeMutableBufferPointer { inputBuffer in
                stream.next_in = inputBuffer.baseAddress! + (inputCount - Int(stream.avail_in))
                stream.next_out = (base + produced).assumingMemoryBound(to: UInt8.self)
                stream.avail_out = UInt32(buffer.count - produced)
                let before = stream.avail_out
                let status = inflate(&stream, Z_NO_FLUSH)
                produced += Int(before - stream.avail_out)
                return status
            }
            if status == Z_STREAM_END {
                // Another gzip member may follow; inflateReset keeps the unused input.
                inflateReset(&stream)
            } else if status == Z_BUF_ERROR && stream.avail_in > 0 {
                throw FormatError(path: path, "corrupt gzip data after \(position + produced) decompressed bytes")
            } else if status != Z_OK && status != Z_BUF_ERROR {
                throw FormatError(
                    path: path,
                    "corrupt gzip data after \(position + produced) decompressed bytes (zlib status \(status))")
            }
        }
        position += produced
        return produced
    }

    func seek(toOffset offset: Int) throws {
        if offset < position {
            inflateEnd(&stream)
            try file.seek(toOffset: 0)
            try startInflating()
        }
        var scratch = [UInt8](repeating: 0, count: 1 << 16)
        while position < offset {
            let want = min(scratch.count, offset - position)
            let n = try scratch.withUnsafeMutableBytes {
                try read(into: UnsafeMutableRawBufferPointer(rebasing: $0[0..<want]))
            }
            if n == 0 { throw FileError(path: path, "cannot seek to byte \(offset): the stream ends at \(position)") }
        }
    }
}
