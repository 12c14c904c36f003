/// Byte order of a binary file.
enum Endianness: Sendable {
    case little, big
}

/// Reads fixed-size binary values from a byte buffer front to back with an explicit byte order.
/// Bounds are checked: reading past the end throws ``ByteCursor/OutOfData`` so a reader can
/// turn it into a "truncated frame" message.
struct ByteCursor {
    struct OutOfData: Error {}

    let bytes: UnsafeRawBufferPointer
    var position: Int
    var endianness: Endianness

    init(_ bytes: UnsafeRawBufferPointer, endianness: Endianness, position: Int = 0) {
        self.bytes = bytes; self.endianness = endianness; self.position = position
    }

    var remaining: Int { bytes.count - position }

    @inline(__always)
    mutating func skip(_ count: Int) throws {
        guard count >= 0, count <= remaining else { throw OutOfData() }
        position += count
    }

    @inline(__always)
    mutating func uint32() throws -> UInt32 {
        guard remaining >= 4 else { throw OutOfData() }
        let raw = bytes.loadUnaligned(fromByteOffset: position, as: UInt32.self)
        position += 4
        return endianness == .little ? UInt32(littleEndian: raw) : UInt32(bigEndian: raw)
    }

    @inline(__always)
    mutating func uint64() throws -> UInt64 {
        guard remaining >= 8 else { throw OutOfData() }
        let raw = bytes.loadUnaligned(fromByteOffset: position, as: UInt64.self)
        position += 8
        return endianness == .little ? UInt64(littleEndian: raw) : UInt64(bigEndian: raw)
    }

    @inline(__always) mutating func int32() throws -> Int32 { Int32(bitPattern: try uint32()) }
    @inline(__always) mutating func int64() throws -> Int64 { Int64(bitPattern: try uint64()) }
    @inline(__always) mutating func float32() throws -> Float { Float(bitPattern: try uint32()) }
    @inline(__always) mutating func float64() throws -> Double { Double(bitPattern: try uint64()) }

    /// `count` raw bytes.
    mutating func bytes(_ count: Int) throws -> UnsafeRawBufferPointer {
        guard count >= 0, count <= remaining else { throw OutOfData() }
        defer { position += count }
        return UnsafeRawBufferPointer(rebasing: bytes[position..<(position + count)])
    }

    /// Reads `count` 32-bit floats into `out` (converted to Double), faster than one by one.
    mutating func float32s(_ count: Int, into out: UnsafeMutableBufferPointer<Double>) throws {
        guard count * 4 <= remaining, out.count >= count else { throw OutOfData() }
        let little = endianness == .little
        for k in 0..<count {
            let raw = bytes.loadUnaligned(fromByteOffset: position + 4 * k, as: UInt32.self)
            out[k] = Double(Float(bitPattern: little ? UInt32(littleEndian: raw) : UInt32(bigEndian: raw)))
        }
        position += 4 * count
    }
}

/// A binary file read at explicit offsets into a reused buffer.
final class BinaryFile {
    let file: FileByteStream
    let size: Int
    var path: String { file.path }
    private(set) var buffer: [UInt8] = []

    init(path: String) throws {
        file = try FileByteStream(path: path)
        size = try file.size()
    }

    /// Reads up to `count` bytes at `offset` into the reused buffer and calls `body` with them
    /// (fewer bytes at the end of the file).
    func withBytes<R>(at offset: Int, count: Int, _ body: (UnsafeRawBufferPointer) throws -> R) throws -> R {
        if buffer.count < count { buffer = [UInt8](repeating: 0, count: count) }
        let n = try buffer.withUnsafeMutableBytes {
            try file.read(at: offset, into: UnsafeMutableRawBufferPointer(rebasing: $0[0..<count]))
        }
        return try buffer.withUnsafeBytes { try body(UnsafeRawBufferPointer(rebasing: $0[0..<n])) }
    }
}
