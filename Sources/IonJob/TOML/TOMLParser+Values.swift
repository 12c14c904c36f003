extension TOMLParser {
    mutating func value() throws(TOMLError) -> TOMLValue {
        guard let c = peek() else { throw error("expected a value at the end of the file") }
        switch c {
        case "\"": return .string(peek(1) == "\"" && peek(2) == "\"" ? try multilineBasicString() : try basicString())
        case "'": return .string(peek(1) == "'" && peek(2) == "'" ? try multilineLiteralString() : try literalString())
        case "[": return try array()
        case "{": return try inlineTable()
        case "t", "f": return try boolean()
        default: return try number()
        }
    }

    private mutating func boolean() throws(TOMLError) -> TOMLValue {
        for (word, value) in [("true", true), ("false", false)]
        where word.unicodeScalars.elementsEqual(text[position..<min(text.count, position + word.count)]) {
            position += word.count
            return .boolean(value)
        }
        throw error("expected a value (a string in quotes, a number, true/false, [array] or {table})")
    }

    private mutating func number() throws(TOMLError) -> TOMLValue {
        var token = ""
        while let c = peek(), !" \t\n\r,]}#".unicodeScalars.contains(c) { token.unicodeScalars.append(c); advance() }
        guard !token.isEmpty else { throw error("expected a value") }
        let digits = token.filter { $0 != "_" }
        if ["inf", "+inf"].contains(token) { return .float(.infinity) }
        if token == "-inf" { return .float(-.infinity) }
        if ["nan", "+nan", "-nan"].contains(token) { return .float(.nan) }
        for (prefix, radix) in [("0x", 16), ("0o", 8), ("0b", 2)] where digits.hasPrefix(prefix) {
            if let value = Int(digits.dropFirst(2), radix: radix) { return .integer(value) }
        }
        if token.contains(":") || (token.count >= 10 && token.dropFirst(4).first == "-") {
            throw error("'\(token)': dates and times are not used by any setting")
        }
        if !digits.contains(where: { ".eE".contains($0) }), let value = Int(digits) { return .integer(value) }
        if digits.contains(where: { ".eE".contains($0) }), let value = Double(digits), value.isFinite {
            return .float(value)
        }
        throw error("'\(token)' is not a value: strings need quotes (\"...\")")
    }

    private mutating func array() throws(TOMLError) -> TOMLValue {
        let arrayLine = line
        try enterNested()
        defer { depth -= 1 }
        advance()
        var items: [TOMLValue] = []
        while true {
            skipBlank(newlines: true)
            if peek() == "]" { advance(); return .array(items, line: arrayLine) }
            items.append(try value())
            skipBlank(newlines: true)
            switch peek() {
            case ","?: advance()
            case "]"?: advance(); return .array(items, line: arrayLine)
            default: throw error("expected ',' or ']' in the array that starts on line \(arrayLine)")
            }
        }
    }

    private mutating func inlineTable() throws(TOMLError) -> TOMLValue {
        let tableLine = line
        try enterNested()
        defer { depth -= 1 }
        advance()
        var parser = self
        parser.root = TOMLTable(line: tableLine)
        parser.current = []
        parser.definedTables = []
        parser.tableArrays = []
        parser.skipBlank(newlines: false)
        if parser.peek() == "}" { parser.advance(); position = parser.position; return .table(parser.root) }
        while true {
            parser.skipBlank(newlines: false)
            try parser.keyValue(into: [])
            parser.skipBlank(newlines: false)
            switch parser.peek() {
            case ","?: parser.advance()
            case "}"?:
                parser.advance()
                position = parser.position; line = parser.line; lineStart = parser.lineStart
                return .table(parser.root)
            default: throw parser.error("expected ',' or '}' in the inline table that starts on line \(tableLine)")
            }
        }
    }

    /// One array or inline table deeper, within ``TOMLParser/deepest``.
    private mutating func enterNested() throws(TOMLError) {
        depth += 1
        guard depth <= Self.deepest else {
            throw error("arrays and inline tables nest more than \(Self.deepest) deep")
        }
    }

    // MARK: Strings

    mutating func basicString() throws(TOMLError) -> String {
        advance()
        var out = ""
        while true {
            guard let c = peek(), c != "\n" else {
                throw error("unterminated string: close it with \" on the same line")
            }
            advance()
            if c == "\"" { return out }
            if c == "\\" { out.unicodeScalars.append(try escape()) } else { out.unicodeScalars.append(c) }
        }
    }

    mutating func literalString() throws(TOMLError) -> String {
        advance()
        var out = ""
        while true {
            guard let c = peek(), c != "\n" else {
                throw error("unterminated string: close it with ' on the same line")
            }
            advance()
            if c == "'" { return out }
            out.unicodeScalars.append(c)
        }
    }

    private mutating func multilineBasicString() throws(TOMLError) -> String {
        let start = line
        position += 3
        if peek() == "\n" { advance() } else if peek() == "\r", peek(1) == "\n" { advance(); advance() }
        var out = ""
        while true {
            guard let c = peek() else { throw error("unterminated \"\"\" string that starts on line \(start)") }
            if c == "\"", peek(1) == "\"", peek(2) == "\"" { position += 3; return out }
            advance()
            if c == "\\" {
                if let next = peek(), next == "\n" || next == " " || next == "\t" || next == "\r" {
                    skipBlank(newlines: true)  // line-ending backslash trims the following whitespace
                } else {
                    out.unicodeScalars.append(try escape())
                }
            } else {
                out.unicodeScalars.append(c)
            }
        }
    }

    private mutating func multilineLiteralString() throws(TOMLError) -> String {
        let start = line
        position += 3
        if peek() == "\n" { advance() }
        var out = ""
        while true {
            guard let c = peek() else { throw error("unterminated ''' string that starts on line \(start)") }
            if c == "'", peek(1) == "'", peek(2) == "'" { position += 3; return out }
            advance()
            out.unicodeScalars.append(c)
        }
    }

    private mutating func escape() throws(TOMLError) -> Unicode.Scalar {
        guard let c = peek() else { throw error("unterminated escape") }
        advance()
        switch c {
        case "n": return "\n"
        case "t": return "\t"
        case "r": return "\r"
        case "b": return "\u{08}"
        case "f": return "\u{0C}"
        case "\"": return "\""
        case "\\": return "\\"
        case "u", "U":
            let length = c == "u" ? 4 : 8
            var hex = ""
            for _ in 0..<length {
                guard let d = peek(), d.properties.isASCIIHexDigit else {
                    throw error("\\\(c) needs \(length) hexadecimal digits")
                }
                hex.unicodeScalars.append(d); advance()
            }
            guard let value = UInt32(hex, radix: 16), let scalar = Unicode.Scalar(value) else {
                throw error("\\\(c)\(hex) is not a Unicode scalar")
            }
            return scalar
        default: throw error("unknown escape \\\(c)")
        }
    }
}
