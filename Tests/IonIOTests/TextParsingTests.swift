import Foundation
import IonTestSupport
import XCTest

@testable import IonIO

final class TextParsingTests: XCTestCase {
    func parse(_ text: String) -> Double? {
        Array(text.utf8).withUnsafeBufferPointer { parseDouble($0) }
    }

    func testFastDoubleParsingAgreesWithStrtodBitForBit() throws {
        var random = SeededRandom(seed: 9)
        var cases = [
            "0", "-0.0", "1e5", "1.5E-3", "+2.25", "123456789012345678901234", "0.1", "3.0000000000000004",
            "1.7976931348623157e308", "4.9e-324", "2.2250738585072014e-308", "1d3", "-.5", "7.",
        ]
        for _ in 0..<20000 {
            let value = Double(bitPattern: random.next() >> 2) * (Bool.random(using: &random) ? 1 : -1)
            if value.isFinite { cases.append("\(value)") }
            let short = Double.random(in: -1000..<1000, using: &random)
            cases.append(String(format: "%.6f", short))
            cases.append(String(format: "%.10g", short))
            cases.append(String(format: "%.17e", short))
        }
        for text in cases {
            let expected = strtod(text.replacingOccurrences(of: "d", with: "e"), nil)
            XCTAssertEqual(parse(text)?.bitPattern, expected.bitPattern, "parsing '\(text)'")
        }
    }

    func testRejectsNonNumbersAndNonFiniteValues() throws {
        for text in ["", "-", "abc", "1.2.3", "1e", "nan", "inf", "-Infinity", "1e400", "0x10", "1,5"] {
            XCTAssertNil(parse(text), "'\(text)' should not parse")
        }
        XCTAssertEqual(Array("-42".utf8).withUnsafeBufferPointer { parseInt($0) }, -42)
        XCTAssertNil(Array("4.2".utf8).withUnsafeBufferPointer { parseInt($0) })
    }

    func testLineReaderReadsPlainAndGzipIdentically() throws {
        let scratch = try ScratchDirectory()
        let directory = scratch.url
        let lines = (0..<50000).map { "line \($0) " + String(repeating: "x", count: $0 % 97) }
        let plain = directory.appendingPathComponent("a.txt")
        try (lines.joined(separator: "\r\n")).write(to: plain, atomically: true, encoding: .utf8)
        let gzip = Process()
        gzip.executableURL = URL(fileURLWithPath: "/bin/sh")
        gzip.arguments = [
            "-c",
            "gzip -c '\(plain.path)' > '\(plain.path).gz' && cat '\(plain.path).gz' '\(plain.path).gz' > '\(directory.path)/twice.gz'",
        ]
        try gzip.run(); gzip.waitUntilExit()
        for (path, copies) in [(plain.path, 1), (plain.path + ".gz", 1), (directory.path + "/twice.gz", 2)] {
            let reader = try LineReader(path: path, chunkSize: 4096)
            var read: [String] = []
            while let line = try reader.nextLine() { read.append(String(decoding: line, as: UTF8.self)) }
            // Concatenated members: the last line of the first copy runs into the first of the second.
            let expected =
                copies == 1 ? lines : Array(lines.dropLast()) + [lines.last! + lines.first!] + Array(lines.dropFirst())
            XCTAssertEqual(read.count, expected.count, path)
            XCTAssertEqual(read, expected, path)
        }
    }
}
