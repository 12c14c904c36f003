/// Element types of GSD chunks (`enum gsd_type` in gsd.h) and their decoding.
enum GSDType: UInt8 {
    case uint8 = 1, uint16, uint32, uint64, int8, int16, int32, int64, float, double, character

    var size: Int {
        switch self {
        case .uint8, .int8, .character: 1
        case .uint16, .int16: 2
        case .uint32, .int32, .float: 4
        case .uint64, .int64, .double: 8
        }
    }

    var isFloatingPoint: Bool { self == .float || self == .double }

    /// Value `k` of `raw` as a Double (integers converted exactly up to 2⁵³).
    @inline(__always)
    func double(_ raw: UnsafeRawBufferPointer, _ k: Int, _ endianness: Endianness) -> Double {
        let offset = k * size
        let little = endianness == .little
        switch self {
        case .uint8, .character: return Double(raw[offset])
        case .int8: return Double(Int8(bitPattern: raw[offset]))
        case .uint16, .int16:
            let bits = raw.loadUnaligned(fromByteOffset: offset, as: UInt16.self)
            let value = little ? UInt16(littleEndian: bits) : UInt16(bigEndian: bits)
            return self == .uint16 ? Double(value) : Double(Int16(bitPattern: value))
        case .uint32, .int32, .float:
            let bits = raw.loadUnaligned(fromByteOffset: offset, as: UInt32.self)
            let value = little ? UInt32(littleEndian: bits) : UInt32(bigEndian: bits)
            switch self {
            case .uint32: return Double(value)
            case .int32: return Double(Int32(bitPattern: value))
            default: return Double(Float(bitPattern: value))
            }
        case .uint64, .int64, .double:
            let bits = raw.loadUnaligned(fromByteOffset: offset, as: UInt64.self)
            let value = little ? UInt64(littleEndian: bits) : UInt64(bigEndian: bits)
            switch self {
            case .uint64: return Double(value)
            case .int64: return Double(Int64(bitPattern: value))
            default: return Double(bitPattern: value)
            }
        }
    }

    /// Value `k` as an integer; nil for floating-point types and values beyond `Int`.
    func integer(_ raw: UnsafeRawBufferPointer, _ k: Int, _ endianness: Endianness) -> Int? {
        guard !isFloatingPoint else { return nil }
        if self == .uint64 {
            let bits = raw.loadUnaligned(fromByteOffset: k * 8, as: UInt64.self)
            let value = endianness == .little ? UInt64(littleEndian: bits) : UInt64(bigEndian: bits)
            return value > UInt64(Int.max) ? nil : Int(value)
        }
        if self == .int64 {
            let bits = raw.loadUnaligned(fromByteOffset: k * 8, as: UInt64.self)
            return Int(Int64(bitPattern: endianness == .little ? UInt64(littleEndian: bits) : UInt64(bigEndian: bits)))
        }
        return Int(double(raw, k, endianness))
    }
}
