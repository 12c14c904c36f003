import XCTest

@testable import IonJob

final class TOMLParserTests: XCTestCase {
    func testParsesTheConstructsConfigsUse() throws {
        let text = """
            # comment
            title = "demo"   # trailing comment
            count = 1_000
            hex = 0xff
            ratio = -2.5e-3
            flag = true
            path = 'C:\\raw'
            list = [1, 2,
              3, ]   # multi-line
            inline = { a = 1, b.c = "x" }
            dotted.key = 4

            [input]
            files = ["a.data", "b.dump"]

            [[analysis]]
            kind = "msd"
            [analysis.options]
            molecules = true

            [[analysis]]
            kind = "rdf"
            text = \"\"\"
            two \\
               lines\"\"\"
            """
        let root = try TOMLParser.parse(text)
        XCTAssertEqual(root["title"], .string("demo"))
        XCTAssertEqual(root["count"], .integer(1000))
        XCTAssertEqual(root["hex"], .integer(255))
        XCTAssertEqual(root["ratio"], .float(-2.5e-3))
        XCTAssertEqual(root["flag"], .boolean(true))
        XCTAssertEqual(root["path"], .string("C:\\raw"))
        XCTAssertEqual(root["list"], .array([.integer(1), .integer(2), .integer(3)], line: 8))
        guard case .table(let inline)? = root["inline"], case .table(let b)? = inline["b"] else {
            return XCTFail("inline table")
        }
        XCTAssertEqual(b["c"], .string("x"))
        guard case .table(let dotted)? = root["dotted"] else { return XCTFail("dotted key") }
        XCTAssertEqual(dotted["key"], .integer(4))
        guard case .table(let input)? = root["input"] else { return XCTFail("[input]") }
        XCTAssertEqual(input.line, 13)
        XCTAssertEqual(input.entry("files")?.line, 14)
        guard case .array(let analyses, _)? = root["analysis"], analyses.count == 2,
            case .table(let first) = analyses[0], case .table(let second) = analyses[1]
        else { return XCTFail("[[analysis]]") }
        XCTAssertEqual(first["kind"], .string("msd"))
        guard case .table(let options)? = first["options"] else { return XCTFail("[analysis.options]") }
        XCTAssertEqual(options["molecules"], .boolean(true))
        XCTAssertEqual(options.entry("molecules")?.line, 19)
        XCTAssertEqual(second["kind"], .string("rdf"))
        XCTAssertEqual(second.entry("kind")?.line, 22)
        XCTAssertEqual(second["text"], .string("two lines"))
    }

    func testErrorsSayWhereAndWhat() {
        let cases: [(String, Int, String)] = [
            ("a = 1\nb = \n", 2, "expected a value"),
            ("a = 1\na = 2\n", 2, "set twice"),
            ("[t]\nx=1\n[t]\n", 3, "defined twice"),
            ("name = demo\n", 1, "strings need quotes"),
            ("s = \"open\n", 1, "unterminated string"),
            ("a = [1, 2\nb = 3\n", 2, "expected ',' or ']'"),
            ("a = 1 b = 2\n", 1, "own line"),
            ("when = 2024-01-01\n", 1, "dates"),
            ("a = 1\na.b = 2\n", 2, "already a value"),
            // Hostile nesting (issue 16 item 6) is an error, not a stack overflow.
            (
                "x = " + String(repeating: "[", count: 50_000) + String(repeating: "]", count: 50_000), 1,
                "nest more than 100"
            ),
            (
                "x = " + String(repeating: "{a = ", count: 20_000) + "1" + String(repeating: "}", count: 20_000), 1,
                "nest more than 100"
            ),
            (Array(repeating: "a", count: 50_000).joined(separator: ".") + " = 1", 1, "more than 100 parts"),
            ("[" + Array(repeating: "a", count: 50_000).joined(separator: ".") + "]", 1, "more than 100 parts"),
        ]
        for (text, line, message) in cases {
            XCTAssertThrowsError(try TOMLParser.parse(text), text) { error in
                guard let error = error as? TOMLError else { return XCTFail("\(text): \(error)") }
                XCTAssertEqual(error.line, line, "\(text): \(error)")
                XCTAssertTrue(error.message.contains(message), "\(text): \(error.message)")
            }
        }
    }
}
