/// The parsed form of a selection. Leaves remember where their keyword stands in the text
/// (`offset`, in characters) and how it was spelled, so evaluation errors can point at it.
indirect enum SelectionNode: Sendable, Equatable {
    case all
    case none
    case not(SelectionNode)
    case and(SelectionNode, SelectionNode)
    case or(SelectionNode, SelectionNode)
    /// Atoms whose string field matches any of the patterns.
    case strings(StringField, [WildcardPattern], keyword: Keyword)
    /// Atoms whose integer field lies in any of the closed ranges.
    case integers(IntegerField, [ClosedRange<Int>], keyword: Keyword)
    /// Atoms whose numeric field compares true with the value.
    case comparison(NumberField, ComparisonOperator, Double, keyword: Keyword)

    /// A keyword as it appears in the text.
    struct Keyword: Sendable, Equatable {
        var spelling: String
        var offset: Int
    }

    enum StringField: Sendable, Equatable {
        case type, name, element, residueName
    }

    enum IntegerField: Sendable, Equatable {
        case residueID, moleculeID, index, atomID
    }

    enum NumberField: Sendable, Equatable {
        case charge, mass
    }

    enum ComparisonOperator: String, Sendable, Equatable, CaseIterable {
        case less = "<", lessOrEqual = "<=", greater = ">", greaterOrEqual = ">="
        case equal = "==", notEqual = "!="

        /// `==` and `!=` compare with the tolerance of numpy's `isclose` (relative 1e-5,
        /// absolute 1e-8), because charges and masses are rarely exact binary fractions.
        @inline(__always)
        func compare(_ a: Double, _ b: Double) -> Bool {
            switch self {
            case .less: return a < b
            case .lessOrEqual: return a <= b
            case .greater: return a > b
            case .greaterOrEqual: return a >= b
            case .equal: return Self.close(a, b)
            case .notEqual: return !Self.close(a, b)
            }
        }

        @inline(__always)
        static func close(_ a: Double, _ b: Double) -> Bool {
            Swift.abs(a - b) <= 1e-8 + 1e-5 * Swift.abs(b)
        }
    }
}

/// The words a selection understands, and what each one starts.
enum SelectionKeyword: String, CaseIterable, Sendable {
    case all, none, not, and, or
    case type, name, element, resname, resid, mol, molid, index, id, charge, mass

    /// The keywords that start a term (everything but `and` and `or`).
    static let termStarters: [SelectionKeyword] = allCases.filter { $0 != .and && $0 != .or }

    /// The keyword among `candidates` closest to `word` when `word` is a likely misspelling
    /// of it (a different case, or one or two edits away), else nil.
    static func suggestion(for word: String, among candidates: [SelectionKeyword] = termStarters)
        -> SelectionKeyword?
    {
        let lowered = word.lowercased()
        if let exact = SelectionKeyword(rawValue: lowered), candidates.contains(exact) { return exact }
        let limit = lowered.count <= 3 ? 1 : 2
        var best: (keyword: SelectionKeyword, distance: Int)?
        for keyword in candidates {
            let d = editDistance(lowered, keyword.rawValue)
            if d <= limit, d < (best?.distance ?? .max) { best = (keyword, d) }
        }
        return best?.keyword
    }

    /// Optimal-string-alignment distance: insertions, deletions, substitutions and swaps of
    /// neighbours each cost 1.
    static func editDistance(_ a: String, _ b: String) -> Int {
        let a = Array(a), b = Array(b)
        if a.isEmpty || b.isEmpty { return max(a.count, b.count) }
        var previous2 = [Int](repeating: 0, count: b.count + 1)
        var previous = Array(0...b.count)
        var current = [Int](repeating: 0, count: b.count + 1)
        for i in 1...a.count {
            current[0] = i
            for j in 1...b.count {
                let cost = a[i - 1] == b[j - 1] ? 0 : 1
                var d = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
                if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] {
                    d = min(d, previous2[j - 2] + 1)
                }
                current[j] = d
            }
            (previous2, previous, current) = (previous, current, previous2)
        }
        return previous[b.count]
    }
}
