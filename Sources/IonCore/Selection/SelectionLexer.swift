/// One token of a selection, with its place in the text counted in characters.
struct SelectionToken: Sendable, Equatable {
    enum Kind: Sendable, Equatable {
        /// A keyword, value, pattern or number: a run of characters up to white space, a
        /// parenthesis or one of `< > = !`.
        case word(String)
        /// A run of `< > = !`, valid or not (the parser judges).
        case comparison(String)
        case openParenthesis
        case closeParenthesis
    }

    var kind: Kind
    var offset: Int
    var length: Int

    /// The keyword this token spells exactly, if any (keywords are lowercase).
    var keyword: SelectionKeyword? {
        if case .word(let word) = kind { return SelectionKeyword(rawValue: word) }
        return nil
    }

    /// The token as the user wrote it, quoted, for messages.
    var quoted: String {
        switch kind {
        case .word(let text), .comparison(let text): return "'\(text)'"
        case .openParenthesis: return "'('"
        case .closeParenthesis: return "')'"
        }
    }
}

/// Splits a selection into tokens.
enum SelectionLexer {
    private static let comparisonCharacters: Set<Character> = ["<", ">", "=", "!"]

    static func tokens(of text: String) -> [SelectionToken] {
        let characters = Array(text)
        var tokens: [SelectionToken] = []
        var i = 0
        while i < characters.count {
            let c = characters[i]
            if c.isWhitespace {
                i += 1
            } else if c == "(" || c == ")" {
                tokens.append(
                    SelectionToken(
                        kind: c == "(" ? .openParenthesis : .closeParenthesis, offset: i, length: 1))
                i += 1
            } else {
                let start = i
                let isComparison = comparisonCharacters.contains(c)
                while i < characters.count,
                    comparisonCharacters.contains(characters[i]) == isComparison,
                    isComparison
                        || !(characters[i].isWhitespace || characters[i] == "("
                            || characters[i] == ")")
                {
                    i += 1
                }
                let piece = String(characters[start..<i])
                tokens.append(
                    SelectionToken(
                        kind: isComparison ? .comparison(piece) : .word(piece),
                        offset: start, length: i - start))
            }
        }
        return tokens
    }
}
