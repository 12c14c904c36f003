/// Reads the bit-packed block of an .xtc frame: bits are taken most significant first, byte
/// after byte, as GROMACS' `decodebits` does.
///
/// Each read loads 8 bytes at the current byte and shifts, so a read of up to 57 bits is one
/// unaligned load. The caller guarantees `slack` readable bytes past the block and checks
/// ``position`` against the block's length between atom groups, so corrupt data can run past
/// the block but never past the buffer.
struct XTCBitReader {
    /// Bytes that must be readable past the block: one atom group (a big atom of up to 96 bits,
    /// 6 bits of run length, 10 small atoms of up to 72 bits) plus one 8-byte load.
    static let slack = 128

    private let base: UnsafeRawPointer
    /// Bits consumed so far.
    private(set) var position = 0

    init(_ base: UnsafeRawPointer) { self.base = base }

    /// The next `count` bits, 1...57, as an unsigned big-endian number.
    @inline(__always)
    mutating func bits(_ count: Int) -> UInt64 {
        let word = UInt64(bigEndian: base.loadUnaligned(fromByteOffset: position &>> 3, as: UInt64.self))
        let value = (word &<< UInt64(position & 7)) &>> UInt64(64 &- count)
        position &+= count
        return value
    }

    /// The next `count` bits, 0...64.
    @inline(__always)
    mutating func wideBits(_ count: Int) -> UInt64 {
        if count <= 57 { return count == 0 ? 0 : bits(count) }
        let high = bits(count - 32)
        return high &<< 32 | bits(32)
    }

    /// Three integers packed as one number of `bitCount` bits (GROMACS' `decodeints`): the
    /// number is x·s₁·s₂ + y·s₂ + z for sizes s = (s₀, s₁, s₂), and its bytes are stored least
    /// significant first, the last one holding the 1–8 bits left over.
    @inline(__always)
    mutating func packedTriple(bitCount: Int, sizes: SIMD3<UInt64>) -> SIMD3<Int32> {
        guard bitCount <= 64 else { return wideTriple(bitCount: bitCount, sizes: sizes) }
        let fullBytes = (bitCount - 1) >> 3
        let lastBits = bitCount - 8 * fullBytes
        let raw = wideBits(bitCount)
        var value = (raw & ((1 &<< UInt64(lastBits)) &- 1)) &<< UInt64(8 * fullBytes)
        if fullBytes > 0 {
            // The full bytes were read most significant first; they are least significant first.
            value |= (raw &>> UInt64(lastBits)).byteSwapped &>> UInt64(64 - 8 * fullBytes)
        }
        let z = value % sizes.z
        value /= sizes.z
        let y = value % sizes.y
        let x = value / sizes.y
        return SIMD3(Int32(truncatingIfNeeded: x), Int32(truncatingIfNeeded: y), Int32(truncatingIfNeeded: z))
    }

    /// ``packedTriple(bitCount:sizes:)`` for numbers of more than 64 bits (up to 72 in valid
    /// files): schoolbook division byte by byte, as GROMACS does.
    @inline(never)
    mutating func wideTriple(bitCount: Int, sizes: SIMD3<UInt64>) -> SIMD3<Int32> {
        var bytes:
            (
                UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64,
                UInt64, UInt64, UInt64, UInt64, UInt64
            ) = (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)
        let capacity = 13
        return withUnsafeMutableBytes(of: &bytes) { raw in
            let b = raw.bindMemory(to: UInt64.self)
            var count = 0
            var remaining = min(bitCount, 8 * capacity)
            while remaining > 8 { b[count] = bits(8); count += 1; remaining -= 8 }
            if remaining > 0 { b[count] = bits(remaining); count += 1 }
            var result = SIMD3<UInt64>()
            for axis in stride(from: 2, to: 0, by: -1) {
                var rest: UInt64 = 0
                for j in stride(from: count - 1, through: 0, by: -1) {
                    rest = rest << 8 | b[j]
                    let quotient = rest / sizes[axis]
                    b[j] = quotient
                    rest -= quotient * sizes[axis]
                }
                result[axis] = rest
            }
            result.x = b[0] | b[1] << 8 | b[2] << 16 | b[3] << 24
            return SIMD3(truncatingIfNeeded: result)
        }
    }
}
