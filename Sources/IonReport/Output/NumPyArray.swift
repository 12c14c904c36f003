import Foundation

/// An array of doubles in NumPy's `.npy` format (version 1.0): the magic string, a header
/// dictionary (`'descr': '<f8'`, C order, the shape) padded with spaces to a multiple of 64 bytes,
/// then the values little-endian in row-major order — what `numpy.load` reads.
public enum NumPyArray {
    /// The file's bytes.
    /// - Precondition: the product of `shape` is `values.count`.
    public static func encode(shape: [Int], _ values: [Double]) -> Data {
        precondition(shape.reduce(1, *) == values.count, "the shape does not hold the values")
        let dimensions =
            shape.count == 1 ? "(\(shape[0]),)" : "(" + shape.map(String.init).joined(separator: ", ") + ")"
        var header = "{'descr': '<f8', 'fortran_order': False, 'shape': \(dimensions), }"
        // magic (6) + version (2) + header length (2) + header + newline: a multiple of 64.
        let unpadded = 10 + header.utf8.count + 1
        header += String(repeating: " ", count: (64 - unpadded % 64) % 64) + "\n"
        var data = Data([0x93] + Array("NUMPY".utf8) + [1, 0])
        let length = UInt16(header.utf8.count)
        data.append(contentsOf: [UInt8(length & 0xff), UInt8(length >> 8)])
        data.append(contentsOf: Array(header.utf8))
        #if _endian(little)
            values.withUnsafeBytes { data.append(contentsOf: $0) }
        #else
            data.reserveCapacity(data.count + 8 * values.count)
            for value in values { withUnsafeBytes(of: value.bitPattern.littleEndian) { data.append(contentsOf: $0) } }
        #endif
        return data
    }
}
