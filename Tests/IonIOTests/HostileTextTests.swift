import Foundation
import IonCore
import XCTest

@testable import IonIO

/// Text input that could exhaust memory or act on a terminal (issue 16 items 5 and 8).
final class HostileTextTests: XCTestCase {
    /// A line longer than 16 MiB (binary data, /dev/zero, a decompressed NUL bomb) is an error
    /// naming the line, not a buffer grown without bound.
    func testLinesHaveAMaximumLength() throws {
        let scratch = try ScratchDirectory()
        let path = try scratch.write(
            "long.xyz", text: "2\n" + String(repeating: "a", count: LineReader.longestLine + 10))
        let reader = try LineReader(path: path)
        XCTAssertNotNil(try reader.nextLine())
        XCTAssertThrowsError(try reader.nextLine()) { error in
            XCTAssertTrue("\(error)".contains("line 2: a line longer than 16 MiB"), "\(error)")
        }
        // Just under the limit is read.
        let fits = try scratch.write("fits.txt", text: String(repeating: "b", count: (1 << 23)) + "\n")
        XCTAssertEqual(try LineReader(path: fits).nextLine()?.count, 1 << 23)
    }

    /// Messages quote input as a short escaped excerpt: terminal escapes are written out, long
    /// quotes are cut with their length said, prose apostrophes are left alone.
    func testMessagesAreSafeForATerminal() {
        let escape = terminalSafe("found '\u{1B}]0;title\u{07}' here")
        XCTAssertEqual(escape, "found '\\u{1b}]0;title\\u{7}' here")
        let long = terminalSafe("found '" + String(repeating: "x", count: 200_000) + "' at line 3")
        XCTAssertTrue(long.hasPrefix("found '" + String(repeating: "x", count: 60) + "… (200000 bytes)'"), long)
        XCTAssertTrue(long.hasSuffix("' at line 3"), long)
        let prose = "the file's cell and the run's end: 'type 1' matches no atoms"
        XCTAssertEqual(terminalSafe(prose), prose)
        XCTAssertLessThan(terminalSafe(String(repeating: "y ", count: 100_000)).count, 2100)
        XCTAssertEqual(terminalSafe("a\u{0}b"), "a\\u{0}b")
    }
}
