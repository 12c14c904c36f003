import Foundation

/// An array of doubles in NumPy's `.npy` format (version 1.0): the magic string, a header
/// dictionary (`'descr': '<f8'`, C order, the shape) padded with spaces to a multiple of 64 bytes,
/// then the values little-endian in row-major order — what `numpy.load` reads.
public enum NumPyArray {
    /// The file's bytes.
    /// - Precondition: the product of `shape` is `values.count`.
    public static func encode(shape: [Int], _ values: [Double]) -> Data {
        precondition(shape.reduce(1, *) == values.count, "the shape does not hold the values")
        var data = header(shape: shape, descr: "<f8")
        #if _endian(little)
            values.withUnsafeBytes { data.append(contentsOf: $0) }
        #else
            data.reserveCapacity(data.count + 8 * values.count)
            for value in values { withUnsafeBytes(of: value.bitPattern.littleEndian) { data.append(contentsOf: $0) } }
        #endif
        return data
    }

    /// The file's bytes for single-precision values (`'<f4'`).
    public static func encode(shape: [Int], float32 values: [Float]) -> Data {
        precondition(shape.reduce(1, *) == values.count, "the shape does not hold the values")
        var data = header(shape: shape, descr: "<f4")
        #if _endian(little)
            values.withUnsafeBytes { data.append(contentsOf: $0) }
        #else
            for value in values { withUnsafeBytes(of: value.bitPattern.littleEndian) { data.append(contentsOf: $0) } }
        #endif
        return data
    }

    /// The single-precision values and shape of `.npy` bytes IonScope wrote (`'<f4'`, C order).
    /// - Returns: nil for bytes of another layout.
    public static func decodeFloat32(_ data: Data) -> (shape: [Int], values: [Float])? {
        let bytes = [UInt8](data)
        guard bytes.count >= 10, bytes[0] == 0x93, bytes[1..<6].elementsEqual("NUMPY".utf8), bytes[6] == 1 else {
            return nil
        }
        let length = Int(bytes[8]) | Int(bytes[9]) << 8
        guard bytes.count >= 10 + length else { return nil }
        let header = String(decoding: bytes[10..<(10 + length)], as: UTF8.self)
        guard header.contains("'descr': '<f4'"), header.contains("'fortran_order': False"),
            let open = header.range(of: "'shape': ("), let close = header[open.upperBound...].firstIndex(of: ")")
        else { return nil }
        let shape = header[open.upperBound..<close].split(separator: ",").compactMap {
            Int($0.trimmingCharacters(in: .whitespaces))
        }
        let count = shape.reduce(1, *)
        let body = bytes[(10 + length)...]
        guard !shape.isEmpty, shape.allSatisfy({ $0 >= 0 }), body.count == 4 * count else { return nil }
        var values = [Float](repeating: 0, count: count)
        values.withUnsafeMutableBytes { target in
            body.withUnsafeBytes { target.copyMemory(from: $0) }
        }
        #if !_endian(little)
            values = values.map { Float(bitPattern: $0.bitPattern.littleEndian) }
        #endif
        return (shape, values)
    }

    static func header(shape: [Int], descr: String) -> Data {
        let dimensions =
            shape.count == 1 ? "(\(shape[0]),)" : "(" + shape.map(String.init).joined(separator: ", ") + ")"
        var header = "{'descr': '\(descr)', 'fortran_order': False, 'shape': \(dimensions), }"
        // magic (6) + version (2) + header length (2) + header + newline: a multiple of 64.
        let unpadded = 10 + header.utf8.count + 1
        header += String(repeating: " ", count: (64 - unpadded % 64) % 64) + "\n"
        var data = Data([0x93] + Array("NUMPY".utf8) + [1, 0])
        let length = UInt16(header.utf8.count)
        data.append(contentsOf: [UInt8(length & 0xff), UInt8(length >> 8)])
        data.append(contentsOf: Array(header.utf8))
        return data
    }
}
