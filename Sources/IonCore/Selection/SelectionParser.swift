/// A recursive-descent parser from tokens to a ``SelectionNode``; the grammar is in the
/// documentation of ``Selection``. Every error names the character where it happened.
struct SelectionParser {
    private let text: String
    private let tokens: [SelectionToken]
    private let endOffset: Int
    private var position = 0
    /// Open parentheses and `not`s around the current term, and terms so far: both are bounded
    /// so that no selection can overflow the stack of the parser or the evaluator.
    private var depth = 0, terms = 0
    static let deepest = 100, mostTerms = 10_000

    /// Parses `text`, or throws a ``SelectionError`` that points into it.
    static func parse(_ text: String) throws -> SelectionNode {
        var parser = SelectionParser(text: text)
        return try parser.parseSelection()
    }

    private init(text: String) {
        self.text = text
        tokens = SelectionLexer.tokens(of: text)
        endOffset = text.count
    }

    // MARK: Boolean structure

    private mutating func parseSelection() throws -> SelectionNode {
        guard !tokens.isEmpty else {
            throw error(at: 0, "the selection is empty; write 'all' for every atom or 'none' for no atom")
        }
        let node = try parseOr(after: nil)
        if let token = current { throw unexpected(afterTerm: token) }
        return node
    }

    /// `context` is what came just before, quoted ("'and'", "'('"), or nil at the start.
    private mutating func parseOr(after context: String?) throws -> SelectionNode {
        var operands = [try parseAnd(after: context)]
        while let token = current, token.keyword == .or {
            position += 1
            operands.append(try parseAnd(after: "'or'"))
        }
        return Self.balanced(operands[...], SelectionNode.or)
    }

    private mutating func parseAnd(after context: String?) throws -> SelectionNode {
        var operands = [try parseNot(after: context)]
        while let token = current, token.keyword == .and {
            position += 1
            operands.append(try parseNot(after: "'and'"))
        }
        return Self.balanced(operands[...], SelectionNode.and)
    }

    /// A chain `a op b op c …` as a balanced tree, so that long chains stay shallow (depth log₂ n)
    /// for the evaluator's recursion; and/or are associative, so the atoms chosen are the same.
    private static func balanced(
        _ operands: ArraySlice<SelectionNode>, _ join: (SelectionNode, SelectionNode) -> SelectionNode
    ) -> SelectionNode {
        if operands.count == 1 { return operands.first! }
        let middle = operands.startIndex + operands.count / 2
        return join(balanced(operands[..<middle], join), balanced(operands[middle...], join))
    }

    private mutating func parseNot(after context: String?) throws -> SelectionNode {
        guard let token = current, token.keyword == .not else { return try parseTerm(after: context) }
        position += 1
        try enter(token)
        defer { depth -= 1 }
        return .not(try parseNot(after: "'not'"))
    }

    /// One level deeper (a '(' or a 'not'), within ``deepest``.
    private mutating func enter(_ token: SelectionToken) throws {
        depth += 1
        guard depth <= Self.deepest else {
            throw error(at: token.offset, "the selection nests '(' and 'not' more than \(Self.deepest) deep")
        }
    }

    private mutating func parseTerm(after context: String?) throws -> SelectionNode {
        let expected = context.map { "expected a selection after \($0)" } ?? "expected a selection"
        guard let token = current else {
            throw error(at: endOffset, "\(expected), found the end of the selection")
        }
        terms += 1
        guard terms <= Self.mostTerms else {
            throw error(at: token.offset, "the selection has more than \(Self.mostTerms) terms")
        }
        switch token.kind {
        case .openParenthesis:
            position += 1
            try enter(token)
            defer { depth -= 1 }
            let inner = try parseOr(after: "'('")
            guard let close = current else {
                throw error(at: token.offset, "this '(' is never closed; add a ')'")
            }
            guard close.kind == .closeParenthesis else { throw unexpected(afterTerm: close) }
            position += 1
            return inner
        case .closeParenthesis where context == nil:
            throw error(at: token.offset, "')' has no matching '('")
        case .closeParenthesis, .comparison:
            throw error(at: token.offset, "\(expected), found \(token.quoted)")
        case .word(let word):
            guard let keyword = token.keyword else { throw unknownKeyword(word, at: token.offset) }
            position += 1
            let spelled = SelectionNode.Keyword(spelling: word, offset: token.offset)
            switch keyword {
            case .and, .or:
                if context == nil || context == "'('" {
                    throw error(at: token.offset, "'\(word)' joins two selections, but there is none before it")
                }
                throw error(at: token.offset, "\(expected), found '\(word)'")
            case .not:
                preconditionFailure("parseNot consumes 'not'")
            case .all: return .all
            case .none: return .none
            case .type: return try strings(.type, "an atom type", spelled)
            case .name: return try strings(.name, "an atom name", spelled)
            case .element: return try strings(.element, "an element symbol", spelled)
            case .resname: return try strings(.residueName, "a residue name", spelled)
            case .resid: return try integers(.residueID, "a residue number or range", spelled)
            case .mol, .molid: return try integers(.moleculeID, "a molecule id or range", spelled)
            case .index: return try integers(.index, "an atom index (from 0) or range", spelled)
            case .id: return try integers(.atomID, "an atom id or range", spelled)
            case .charge: return try comparison(.charge, spelled)
            case .mass: return try comparison(.mass, spelled)
            }
        }
    }

    // MARK: Terms

    /// The values after a keyword: the words up to the next keyword, operator, parenthesis
    /// or the end. At least one.
    private mutating func values(_ what: String, after keyword: SelectionNode.Keyword) throws
        -> [(word: String, offset: Int)]
    {
        var values: [(word: String, offset: Int)] = []
        while let token = current, case .word(let word) = token.kind, token.keyword == nil {
            values.append((word, token.offset))
            position += 1
        }
        guard values.isEmpty else { return values }
        throw error(
            at: current?.offset ?? endOffset,
            "expected \(what) after '\(keyword.spelling)', found \(describe(current))")
    }

    private mutating func strings(
        _ field: SelectionNode.StringField, _ what: String,
        _ keyword: SelectionNode.Keyword
    ) throws -> SelectionNode {
        let patterns = try values(what, after: keyword).map {
            WildcardPattern($0.word, caseInsensitive: field == .element)
        }
        return .strings(field, patterns, keyword: keyword)
    }

    private mutating func integers(
        _ field: SelectionNode.IntegerField, _ what: String,
        _ keyword: SelectionNode.Keyword
    ) throws -> SelectionNode {
        let ranges = try values(what, after: keyword).map {
            try range($0.word, at: $0.offset, what: what, after: keyword)
        }
        return .integers(field, ranges, keyword: keyword)
    }

    /// `n`, `a-b` or `a:b` (inclusive); `a` may be negative (`-5--3`).
    private func range(
        _ word: String, at offset: Int, what: String,
        after keyword: SelectionNode.Keyword
    ) throws -> ClosedRange<Int> {
        if let value = Int(word) { return value...value }
        let characters = Array(word)
        let separator =
            characters.firstIndex(of: ":")
            ?? characters.indices.dropFirst().first { characters[$0] == "-" }
        guard let separator else {
            var message = "expected \(what) after '\(keyword.spelling)', found '\(word)'"
            if word == "-" || word == ":" {
                message += "; write a range without spaces, as in 5-10"
            } else if let suggestion = SelectionKeyword.suggestion(for: word) {
                message += " (did you mean '\(suggestion.rawValue)'?)"
            }
            throw error(at: offset, message)
        }
        let symbol = characters[separator]
        guard let lower = Int(String(characters[..<separator])) else {
            throw error(at: offset, "bad range '\(word)': expected an integer before '\(symbol)'")
        }
        guard let upper = Int(String(characters[(separator + 1)...])) else {
            throw error(
                at: offset + separator + 1,
                "bad range '\(word)': expected an integer after '\(symbol)'")
        }
        guard lower <= upper else {
            throw error(at: offset, "the range '\(word)' is empty; write the smaller number first")
        }
        return lower...upper
    }

    private mutating func comparison(
        _ field: SelectionNode.NumberField,
        _ keyword: SelectionNode.Keyword
    ) throws -> SelectionNode {
        let operators = "<, <=, >, >=, ==, !="
        guard let opToken = current, case .comparison(let symbol) = opToken.kind else {
            throw error(
                at: current?.offset ?? endOffset,
                "expected a comparison (\(operators)) after '\(keyword.spelling)', found \(describe(current))")
        }
        guard let op = SelectionNode.ComparisonOperator(rawValue: symbol) else {
            let likely = ["=": "==", "===": "==", "=<": "<=", "=>": ">=", "<>": "!=", "=!": "!=", "!": "!="]
            var message = "'\(symbol)' is not a comparison; use one of \(operators)"
            if let fix = likely[symbol] { message += " (did you mean '\(fix)'?)" }
            throw error(at: opToken.offset, message)
        }
        position += 1
        guard let token = current, case .word(let word) = token.kind,
            let value = Double(word), value.isFinite
        else {
            throw error(
                at: current?.offset ?? endOffset,
                "expected a number after '\(keyword.spelling) \(symbol)', found \(describe(current))")
        }
        position += 1
        return .comparison(field, op, value, keyword: keyword)
    }

    // MARK: Errors

    private var current: SelectionToken? { position < tokens.count ? tokens[position] : nil }

    private func describe(_ token: SelectionToken?) -> String {
        token?.quoted ?? "the end of the selection"
    }

    private func error(at offset: Int, _ message: String) -> SelectionError {
        SelectionError(text: text, offset: offset, message)
    }

    /// A token that follows a complete term where only `and`, `or`, `)` or the end may.
    private func unexpected(afterTerm token: SelectionToken) -> SelectionError {
        switch token.kind {
        case .closeParenthesis:
            return error(at: token.offset, "')' has no matching '('")
        case .comparison:
            return error(
                at: token.offset,
                "expected 'and' or 'or', found \(token.quoted); only 'charge' and 'mass' take a comparison")
        case .word, .openParenthesis:
            return error(at: token.offset, "expected 'and' or 'or' between two selections, found \(token.quoted)")
        }
    }

    private func unknownKeyword(_ word: String, at offset: Int) -> SelectionError {
        guard let suggestion = SelectionKeyword.suggestion(for: word) else {
            let known = SelectionKeyword.termStarters.map(\.rawValue).joined(separator: ", ")
            return error(at: offset, "unknown keyword '\(word)'; a selection starts with one of: \(known)")
        }
        if suggestion.rawValue == word.lowercased() {
            return error(
                at: offset, "unknown keyword '\(word)'; keywords are lowercase: did you mean '\(suggestion.rawValue)'?")
        }
        return error(at: offset, "unknown keyword '\(word)'; did you mean '\(suggestion.rawValue)'?")
    }
}
