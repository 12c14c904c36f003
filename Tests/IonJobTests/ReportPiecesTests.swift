import Foundation
import XCTest

@testable import IonReport

/// The small pieces the report is built from: hashes against the FIPS 180-4 examples, numbers
/// with uncertainties as a reader expects them, axis ticks, CSV quoting.
final class ReportPiecesTests: XCTestCase {
    func testSHA256MatchesTheStandardExamples() {
        XCTAssertEqual(
            SHA256.hex(of: Array("abc".utf8)), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        XCTAssertEqual(SHA256.hex(of: [UInt8]()), "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
        XCTAssertEqual(
            SHA256.hex(of: Array("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq".utf8)),
            "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1")
        // Fed in uneven pieces, the same digest as in one go.
        var pieces = SHA256()
        let data = (0..<1000).map { UInt8(truncatingIfNeeded: $0 &* 7) }
        for chunk in stride(from: 0, to: data.count, by: 37) {
            pieces.update(data[chunk..<min(chunk + 37, data.count)])
        }
        XCTAssertEqual(pieces.finalize(), SHA256.hex(of: data))
    }

    func testEstimatesAreRoundedToTheirUncertainty() {
        XCTAssertEqual(formatEstimate(9.0412e-10, 0.5293e-10), "(9.04 ± 0.53)e-10")
        XCTAssertEqual(formatEstimate(0.6712, 0.2601), "0.67 ± 0.26")
        XCTAssertEqual(formatEstimate(3.20253, 0.00351), "3.2025 ± 0.0035")
        XCTAssertEqual(formatEstimate(1234.2, 12.3), "1234 ± 12")
        XCTAssertEqual(formatEstimate(0.5, 3e-16), "0.5000", "an error at rounding level is no error")
        XCTAssertEqual(formatEstimate(2.5, nil), "2.500")
    }

    func testTicksCoverTheRangeWithRoundSteps() {
        let linear = AxisScale(values: [0, 9.3], logarithmic: false, fixed: nil, pixels: (0, 100))
        XCTAssertEqual(linear.ticks.map(\.label), ["0", "2", "4", "6", "8"])
        let log = AxisScale(values: [0.7, 350], logarithmic: true, fixed: nil, pixels: (0, 100))
        XCTAssertEqual(log.ticks.map(\.label), ["0.1", "1", "10", "100", "1000"])
        XCTAssertEqual(log.pixel(10), 50, accuracy: 1e-9)
    }

    func testCSVQuotesAndLeavesMissingValuesEmpty() {
        let table = DataTable([.init("t", unit: "ps", [0, 1.5]), .init("a, b", [Double?.none, 2])])
        XCTAssertEqual(table.csv, "t (ps),\"a, b\"\n0,\n1.5,2\n")
    }
}
