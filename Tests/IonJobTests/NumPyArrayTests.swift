import Foundation
import IonReport
import XCTest

/// The `.npy` bytes NumPy expects: magic, version 1.0, a header padded to 64 bytes naming '<f8',
/// C order and the shape, then the doubles little-endian.
final class NumPyArrayTests: XCTestCase {
    func testHeaderAndValues() throws {
        let values = (0..<24).map { Double($0) * 0.5 - 3 }
        let data = NumPyArray.encode(shape: [2, 3, 4], values)
        let bytes = [UInt8](data)
        XCTAssertEqual(Array(bytes[0..<8]), [0x93] + Array("NUMPY".utf8) + [1, 0])
        let headerLength = Int(bytes[8]) | Int(bytes[9]) << 8
        XCTAssertEqual((10 + headerLength) % 64, 0, "the data start on a 64-byte boundary")
        let header = String(decoding: bytes[10..<(10 + headerLength)], as: UTF8.self)
        XCTAssertTrue(header.hasPrefix("{'descr': '<f8', 'fortran_order': False, 'shape': (2, 3, 4), }"), header)
        XCTAssertTrue(header.hasSuffix("\n"))
        XCTAssertEqual(bytes.count, 10 + headerLength + 8 * 24)
        let back = (0..<24).map { k -> Double in
            var bits: UInt64 = 0
            for b in 0..<8 { bits |= UInt64(bytes[10 + headerLength + 8 * k + b]) << (8 * UInt64(b)) }
            return Double(bitPattern: bits)
        }
        XCTAssertEqual(back, values)
        let vector = [UInt8](NumPyArray.encode(shape: [3], [1, 2, 3]))
        XCTAssertTrue(String(decoding: vector[10..<74], as: UTF8.self).contains("'shape': (3,)"))
    }

    func testSinglePrecisionRoundTrip() throws {
        let values: [Float] = [1.5, -2.25, .leastNonzeroMagnitude, 3e38, 0, 7, 8, 9]
        let data = NumPyArray.encode(shape: [2, 4], float32: values)
        XCTAssertTrue(String(decoding: data[10..<74], as: UTF8.self).contains("'descr': '<f4'"))
        let back = try XCTUnwrap(NumPyArray.decodeFloat32(data))
        XCTAssertEqual(back.shape, [2, 4])
        XCTAssertEqual(back.values, values)
        XCTAssertNil(NumPyArray.decodeFloat32(NumPyArray.encode(shape: [2], [1, 2])), "'<f8' is not read as float32")
        XCTAssertNil(NumPyArray.decodeFloat32(data.dropLast(4)), "a short body")
    }
}
