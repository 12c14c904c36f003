/// A TOML syntax error, at a line and column (1-based) of the document.
public struct TOMLError: Error, Sendable, Equatable, CustomStringConvertible {
    public var line: Int
    public var column: Int
    public var message: String
    public var description: String { "line \(line), column \(column): \(message)" }
}

/// Parses TOML 1.0 documents into ``TOMLTable``s that remember the line of every key.
///
/// Supported: comments, bare/quoted/dotted keys, `[tables]`, `[[arrays of tables]]`, basic and
/// literal strings (single- and multi-line, all escapes), integers (decimal, hex, octal,
/// binary, `_` separators), floats (exponents, `inf`, `nan`), booleans, arrays, inline tables.
/// Dates and times are rejected with a message (no analysis setting takes one).
/// Written here because the TOML packages on hand do not report where a key was written.
/// - SeeAlso: https://toml.io/en/v1.0.0
public struct TOMLParser {
    let text: [Unicode.Scalar]
    var position = 0
    var line = 1
    var lineStart = 0
    var root = TOMLTable(line: 1)
    /// The path of the table that keys are added to, and for each path component whether it
    /// steps into the last element of an array of tables.
    var current: [String] = []
    var definedTables: Set<[String]> = []
    var tableArrays: Set<[String]> = []
    /// Arrays and inline tables open around the current value, at most ``deepest``, so that no
    /// document can overflow the stack.
    var depth = 0
    static let deepest = 100

    public static func parse(_ text: String) throws(TOMLError) -> TOMLTable {
        var parser = TOMLParser(text: Array(text.unicodeScalars))
        return try parser.document()
    }

    private init(text: [Unicode.Scalar]) { self.text = text }

    // MARK: Document structure

    private mutating func document() throws(TOMLError) -> TOMLTable {
        while true {
            skipBlank(newlines: true)
            guard let c = peek() else { return root }
            if c == "[" {
                let headerLine = line
                advance()
                let isArray = peek() == "["
                if isArray { advance() }
                skipBlank(newlines: false)
                let path = try keyPath()
                skipBlank(newlines: false)
                try expect("]", "expected ']' to close the table header")
                if isArray { try expect("]", "expected ']]' to close the array-of-tables header") }
                try openTable(path, isArray: isArray, line: headerLine)
            } else {
                try keyValue(into: current)
            }
            try endOfLine()
        }
    }

    private mutating func openTable(_ path: [String], isArray: Bool, line headerLine: Int) throws(TOMLError) {
        if isArray {
            tableArrays.insert(path)
            try modifyTable(at: Array(path.dropLast()), line: headerLine) {
                (table: inout TOMLTable, fail: (String) -> TOMLError) throws(TOMLError) in
                let key = path.last!
                var fresh = TOMLTable(line: headerLine); fresh.isExplicit = true
                switch table[key] {
                case nil: table.set(key, .array([.table(fresh)], line: headerLine), line: headerLine)
                case .array(var items, let arrayLine)?:
                    items.append(.table(fresh)); table.replace(key, .array(items, line: arrayLine))
                default: throw fail("'\(path.joined(separator: "."))' is already a value, not an array of tables")
                }
            }
            definedTables = definedTables.filter { !$0.starts(with: path) || $0 == path }
        } else {
            guard !definedTables.contains(path) else {
                throw error("the table [\(path.joined(separator: "."))] is defined twice")
            }
            definedTables.insert(path)
            try modifyTable(at: path, line: headerLine) {
                (table: inout TOMLTable, fail: (String) -> TOMLError) throws(TOMLError) in
                guard !table.isExplicit || table.entries.isEmpty else {
                    throw fail("the table [\(path.joined(separator: "."))] is defined twice")
                }
                table.isExplicit = true; table.line = headerLine
            }
        }
        current = path
    }

    mutating func keyValue(into tablePath: [String]) throws(TOMLError) {
        let keyLine = line
        let path = try keyPath()
        skipBlank(newlines: false)
        try expect("=", "expected '=' after the key '\(path.joined(separator: "."))'")
        skipBlank(newlines: false)
        let value = try self.value()
        try modifyTable(at: tablePath + path.dropLast(), line: keyLine) {
            (table: inout TOMLTable, fail: (String) -> TOMLError) throws(TOMLError) in
            guard table[path.last!] == nil else {
                throw TOMLError(
                    line: keyLine, column: 1, message: "the key '\(path.joined(separator: "."))' is set twice")
            }
            table.set(path.last!, value, line: keyLine)
        }
    }

    /// Runs `body` on the table at `path` (creating implicit tables; stepping into the last
    /// element of arrays of tables).
    mutating func modifyTable(
        at path: [String], line: Int,
        _ body: (inout TOMLTable, _ fail: (String) -> TOMLError) throws(TOMLError) -> Void
    ) throws(TOMLError) {
        let fail = failure()
        let tableArrays = self.tableArrays
        func descend(_ table: inout TOMLTable, _ rest: ArraySlice<String>, _ walked: [String]) throws(TOMLError) {
            guard let key = rest.first else { try body(&table, fail); return }
            let here = walked + [key]
            switch table[key] {
            case nil:
                var fresh = TOMLTable(line: line)
                try descend(&fresh, rest.dropFirst(), here)
                table.set(key, .table(fresh), line: line)
            case .table(var inner)?:
                try descend(&inner, rest.dropFirst(), here)
                table.replace(key, .table(inner))
            case .array(var items, let arrayLine)? where tableArrays.contains(here):
                guard case .table(var last)? = items.last else {
                    throw fail("'\(here.joined(separator: "."))' is not a table")
                }
                try descend(&last, rest.dropFirst(), here)
                items[items.count - 1] = .table(last)
                table.replace(key, .array(items, line: arrayLine))
            default:
                throw fail("'\(here.joined(separator: "."))' is already a value, not a table")
            }
        }
        var tree = root
        root = TOMLTable(line: 1)
        defer { root = tree }
        try descend(&tree, path[...], [])
    }

    /// An error maker for the current position that does not hold on to the parser.
    func failure() -> (String) -> TOMLError {
        let (line, column) = (self.line, position - lineStart + 1)
        return { TOMLError(line: line, column: column, message: $0) }
    }

    // MARK: Keys

    mutating func keyPath() throws(TOMLError) -> [String] {
        var parts = [try simpleKey()]
        while true {
            skipBlank(newlines: false)
            guard peek() == "." else { return parts }
            advance()
            skipBlank(newlines: false)
            parts.append(try simpleKey())
            guard parts.count + depth <= Self.deepest else {
                throw error("a dotted key of more than \(Self.deepest) parts nests tables too deep")
            }
        }
    }

    mutating func simpleKey() throws(TOMLError) -> String {
        switch peek() {
        case "\""?: return try basicString()
        case "'"?: return try literalString()
        default:
            var key = ""
            while let c = peek(),
                c.properties.isASCIIHexDigit || ("a"..."z").contains(c) || ("A"..."Z").contains(c)
                    || c == "_" || c == "-"
            { key.unicodeScalars.append(c); advance() }
            guard !key.isEmpty else {
                throw error(peek().map { "unexpected '\($0)': expected a key" } ?? "expected a key")
            }
            return key
        }
    }

    // MARK: Layout helpers

    func peek(_ offset: Int = 0) -> Unicode.Scalar? {
        position + offset < text.count ? text[position + offset] : nil
    }

    mutating func advance() {
        if text[position] == "\n" { line += 1; lineStart = position + 1 }
        position += 1
    }

    mutating func expect(_ c: Unicode.Scalar, _ message: String) throws(TOMLError) {
        guard peek() == c else { throw error(message) }
        advance()
    }

    /// Skips spaces, tabs and comments, and newlines when `newlines`.
    mutating func skipBlank(newlines: Bool) {
        while let c = peek() {
            if c == " " || c == "\t" || (newlines && (c == "\n" || c == "\r")) {
                advance()
            } else if c == "#" {
                while let d = peek(), d != "\n" { advance() }
            } else {
                return
            }
        }
    }

    private mutating func endOfLine() throws(TOMLError) {
        skipBlank(newlines: false)
        if peek() == "\r" { advance() }
        guard let c = peek() else { return }
        guard c == "\n" else { throw error("unexpected '\(c)' after a value: each key = value goes on its own line") }
        advance()
    }

    func error(_ message: String, line errorLine: Int? = nil) -> TOMLError {
        TOMLError(line: errorLine ?? line, column: errorLine == nil ? position - lineStart + 1 : 1, message: message)
    }
}
