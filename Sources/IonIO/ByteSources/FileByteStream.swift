import IonCore

#if canImport(Glibc)
    import Glibc
#else
    import Darwin
#endif

/// A plain file read with POSIX `read`/`pread`, no buffering of its own.
final class FileByteStream: ByteStream {
    let path: String
    private let descriptor: Int32
    var seeksCheaply: Bool { true }

    init(path: String) throws {
        self.path = path
        descriptor = open(path, O_RDONLY)
        guard descriptor >= 0 else { throw FileError(path: path, Self.errnoMessage("cannot open")) }
    }

    deinit { close(descriptor) }

    /// File size in bytes.
    func size() throws -> Int {
        var info = stat()
        guard fstat(descriptor, &info) == 0 else { throw FileError(path: path, Self.errnoMessage("cannot stat")) }
        return Int(info.st_size)
    }

    func read(into buffer: UnsafeMutableRawBufferPointer) throws -> Int {
        try fill(buffer) { base, done in Glibc.read(descriptor, base + done, buffer.count - done) }
    }

    /// Reads exactly `buffer.count` bytes at `offset` unless the file ends first; returns the
    /// number read.
    func read(at offset: Int, into buffer: UnsafeMutableRawBufferPointer) throws -> Int {
        try fill(buffer) { base, done in pread(descriptor, base + done, buffer.count - done, off_t(offset + done)) }
    }

    /// Calls `readSome(base, bytesSoFar)` until `buffer` is full or the file ends, retrying after
    /// interrupted system calls.
    private func fill(
        _ buffer: UnsafeMutableRawBufferPointer,
        _ readSome: (UnsafeMutableRawPointer, Int) -> Int
    ) throws -> Int {
        guard let base = buffer.baseAddress, buffer.count > 0 else { return 0 }
        var total = 0
        while total < buffer.count {
            let n = readSome(base, total)
            if n < 0 {
                if errno == EINTR { continue }
                throw FileError(path: path, Self.errnoMessage("read failed"))
            }
            if n == 0 { break }
            total += n
        }
        return total
    }

    func seek(toOffset offset: Int) throws {
        guard lseek(descriptor, off_t(offset), SEEK_SET) >= 0 else {
            throw FileError(path: path, Self.errnoMessage("seek failed"))
        }
    }

    static func errnoMessage(_ what: String) -> String {
        "\(what): \(String(cString: strerror(errno)))"
    }
}
