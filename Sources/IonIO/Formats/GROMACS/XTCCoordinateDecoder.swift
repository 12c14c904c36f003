import IonCore

/// Decodes the bit-packed positions of an .xtc frame: the `xdr3dfcoord` scheme of Frans van
/// Hoesel used by GROMACS (libxdrf) and the xdrfile library.
///
/// Positions are integers on a grid of 1/precision nm. Each atom group starts with a "big" atom:
/// its offset from `minint`, three numbers packed with sizes `maxint − minint + 1`. One flag
/// bit says whether a new run length follows (5 bits: run·3 + change of `smallidx` + 1); the
/// run then gives how many following atoms are stored as small differences from the previous
/// atom, packed with size `magicints[smallidx]` per axis, after which `smallidx` moves up or
/// down for the next group. The first small atom and the big atom are stored swapped, so that
/// a water's O–H difference is the small one.
///
/// Values are converted as GROMACS converts them: `Float(integer) * Float(1 / precision)`,
/// then to `Double` and scaled to Å, so they equal what GROMACS and MDAnalysis report.
/// - Complexity: O(atoms); no allocation once the buffer has grown to the largest frame.
struct XTCCoordinateDecoder {
    /// Sizes of the small-difference ranges; `magicInts[i]³` fits in `i` bits.
    static let magicInts: [Int32] = [
        0, 0, 0, 0, 0, 0, 0, 0, 0, 8, 10, 12, 16, 20, 25, 32, 40, 50, 64,
        80, 101, 128, 161, 203, 256, 322, 406, 512, 645, 812, 1024, 1290,
        1625, 2048, 2580, 3250, 4096, 5060, 6501, 8192, 10321, 13003,
        16384, 20642, 26007, 32768, 41285, 52015, 65536, 82570, 104031,
        131072, 165140, 208063, 262144, 330280, 416127, 524287, 660561,
        832255, 1048576, 1321122, 1664510, 2097152, 2642245, 3329021,
        4194304, 5284491, 6658042, 8388607, 10568983, 13316085, 16777216,
    ]
    static let firstIndex = 9

    /// Why a block could not be decoded (the reader adds file and frame).
    struct Failure: Error {
        let message: String
    }

    /// The block of the current frame, followed by ``XTCBitReader/slack`` spare bytes.
    private var block: [UInt8] = []

    /// Fills the block buffer with `length` bytes through `fill`, which gets a buffer of exactly
    /// that size.
    mutating func loadBlock(length: Int, _ fill: (UnsafeMutableRawBufferPointer) throws -> Void) rethrows {
        let needed = length + XTCBitReader.slack
        if block.count < needed { block = [UInt8](repeating: 0, count: needed) }
        try block.withUnsafeMutableBytes { try fill(UnsafeMutableRawBufferPointer(rebasing: $0[0..<length])) }
    }

    /// Decodes the loaded block into `out`, which has room for `atomCount` positions, as Å
    /// (`lengthScale` × nm).
    func decode(
        _ parameters: XTCHeader.Compression, atomCount: Int, lengthScale: Double,
        into out: UnsafeMutableBufferPointer<Vec3>
    ) throws {
        guard out.count >= atomCount, block.count >= parameters.byteCount + XTCBitReader.slack else {
            throw Failure(message: "internal error: decode buffers too small")
        }
        let minimum = parameters.minimum
        // Sizes of the big-atom ranges; GROMACS keeps them in unsigned 32 bits.
        let span =
            SIMD3<Int64>(truncatingIfNeeded: parameters.maximum) &- SIMD3<Int64>(truncatingIfNeeded: minimum) &+ 1
        guard span.x >= 1, span.y >= 1, span.z >= 1, span.x <= UInt32.max, span.y <= UInt32.max, span.z <= UInt32.max
        else {
            throw Failure(
                message:
                    "corrupt compression header: maxint \(parameters.maximum) is below minint \(minimum) or too far above it"
            )
        }
        let sizes32 = SIMD3<UInt32>(truncatingIfNeeded: span)
        let sizes = SIMD3<UInt64>(truncatingIfNeeded: sizes32)
        // Ranges above 2²⁴ are stored one axis at a time; smaller ones packed together.
        let separate = sizes32.x > 0xffffff || sizes32.y > 0xffffff || sizes32.z > 0xffffff
        let axisBits = SIMD3(Self.bitLength(sizes.x), Self.bitLength(sizes.y), Self.bitLength(sizes.z))
        let packedBits = Self.bitLengthOfProduct(sizes)
        var smallIndex = Int(parameters.smallIndex)
        guard smallIndex >= Self.firstIndex, smallIndex < Self.magicInts.count else {
            throw Failure(
                message:
                    "corrupt compression header: smallidx \(smallIndex) is outside \(Self.firstIndex)...\(Self.magicInts.count - 1)"
            )
        }
        return try Self.magicInts.withUnsafeBufferPointer { magic in
            var smaller = magic[max(Self.firstIndex, smallIndex - 1)] / 2
            var smallNum = magic[smallIndex] / 2
            var smallSize = UInt64(magic[smallIndex])
            let inverse = Float(1.0 / Double(parameters.precision))
            @inline(__always) func position(_ p: SIMD3<Int32>) -> Vec3 {
                Vec3(
                    Double(Float(p.x) * inverse) * lengthScale, Double(Float(p.y) * inverse) * lengthScale,
                    Double(Float(p.z) * inverse) * lengthScale)
            }
            let bitLimit = parameters.byteCount * 8
            return try block.withUnsafeBytes { raw in
                guard let base = raw.baseAddress else { throw Failure(message: "internal error: empty block") }
                var reader = XTCBitReader(base)
                var run = 0
                var i = 0
                while i < atomCount {
                    guard reader.position <= bitLimit else {
                        throw Self.overrun(atoms: i, of: atomCount, bytes: parameters.byteCount)
                    }
                    var big: SIMD3<Int32>
                    if separate {
                        big = SIMD3(
                            Int32(truncatingIfNeeded: reader.bits(axisBits.x)),
                            Int32(truncatingIfNeeded: reader.bits(axisBits.y)),
                            Int32(truncatingIfNeeded: reader.bits(axisBits.z)))
                    } else {
                        big = reader.packedTriple(bitCount: packedBits, sizes: sizes)
                    }
                    big &+= minimum
                    var change = 0
                    if reader.bits(1) == 1 {
                        run = Int(reader.bits(5))
                        change = run % 3 - 1
                        run -= run % 3
                    }
                    if run > 0 {
                        guard i + 1 + run / 3 <= atomCount else {
                            throw Failure(
                                message:
                                    "corrupt compressed positions: a run of \(run / 3) atoms after atom \(i) passes the \(atomCount) atoms of the frame"
                            )
                        }
                        var previous = big
                        for k in stride(from: 0, to: run, by: 3) {
                            let small = reader.packedTriple(bitCount: smallIndex, sizes: SIMD3(repeating: smallSize))
                            let current = small &+ previous &- smallNum
                            if k == 0 {
                                // Stored swapped: the small atom comes first, then the big one.
                                out[i] = position(current)
                                out[i + 1] = position(big)
                                i += 2
                            } else {
                                out[i] = position(current)
                                i += 1
                            }
                            previous = current
                        }
                    } else {
                        out[i] = position(big)
                        i += 1
                    }
                    if change != 0 {
                        smallIndex += change
                        guard smallIndex >= Self.firstIndex, smallIndex < magic.count else {
                            throw Failure(
                                message: "corrupt compressed positions: smallidx moved to \(smallIndex) at atom \(i)")
                        }
                        if change < 0 {
                            smallNum = smaller
                            smaller = smallIndex > Self.firstIndex ? magic[smallIndex - 1] / 2 : 0
                        } else {
                            smaller = smallNum
                            smallNum = magic[smallIndex] / 2
                        }
                        smallSize = UInt64(magic[smallIndex])
                    }
                }
                guard reader.position <= bitLimit else {
                    throw Self.overrun(atoms: atomCount, of: atomCount, bytes: parameters.byteCount)
                }
            }
        }
    }

    private static func overrun(atoms: Int, of total: Int, bytes: Int) -> Failure {
        Failure(message: "corrupt compressed positions: \(bytes) bytes are used up after \(atoms) of \(total) atoms")
    }

    /// Bits needed for `size` (GROMACS' `sizeofint`): the smallest n with size < 2ⁿ, at most 32.
    static func bitLength(_ size: UInt64) -> Int { min(32, 64 - size.leadingZeroBitCount) }

    /// Bits of the product s₀·s₁·s₂ (GROMACS' `sizeofints`), which is below 2⁷² when every
    /// size is at most 2²⁴.
    static func bitLengthOfProduct(_ s: SIMD3<UInt64>) -> Int {
        let (high, low) = (s.x &* s.y).multipliedFullWidth(by: s.z)
        return high == 0 ? 64 - low.leadingZeroBitCount : 128 - high.leadingZeroBitCount
    }
}
