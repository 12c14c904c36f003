import IonCore
import IonTestSupport
import Testing

/// Random selections against a direct evaluation: random trees of simple predicates, written
/// with only the parentheses precedence needs (and sometimes extra ones), evaluated both by
/// `Selection` and by Swift closures over the same topology.
extension SelectionTests {
    indirect enum Expression {
        case leaf(String, (Int) -> Bool)
        case not(Expression)
        case and(Expression, Expression)
        case or(Expression, Expression)

        /// How tightly the node binds: or 1, and 2, not 3, a term 4.
        var precedence: Int {
            switch self {
            case .or: 1
            case .and: 2
            case .not: 3
            case .leaf: 4
            }
        }

        func holds(_ i: Int) -> Bool {
            switch self {
            case .leaf(_, let predicate): predicate(i)
            case .not(let e): !e.holds(i)
            case .and(let a, let b): a.holds(i) && b.holds(i)
            case .or(let a, let b): a.holds(i) || b.holds(i)
            }
        }

        /// The text, parenthesised where a child binds less tightly than `minimum`.
        func text(minimum: Int, using rng: inout SeededRandom) -> String {
            let body: String
            switch self {
            case .leaf(let text, _): body = text
            case .not(let e): body = "not " + e.text(minimum: 3, using: &rng)
            case .and(let a, let b):
                body = a.text(minimum: 2, using: &rng) + " and " + b.text(minimum: 3, using: &rng)
            case .or(let a, let b):
                body = a.text(minimum: 1, using: &rng) + " or " + b.text(minimum: 2, using: &rng)
            }
            let needed = precedence < minimum
            return needed || Int.random(in: 0..<8, using: &rng) == 0 ? "(\(body))" : body
        }
    }

    /// Reference glob matching, written independently of `WildcardPattern`.
    static func glob(_ pattern: Substring, _ string: Substring) -> Bool {
        guard let p = pattern.first else { return string.isEmpty }
        switch p {
        case "*": return glob(pattern.dropFirst(), string) || (!string.isEmpty && glob(pattern, string.dropFirst()))
        case "?": return !string.isEmpty && glob(pattern.dropFirst(), string.dropFirst())
        default: return string.first == p && glob(pattern.dropFirst(), string.dropFirst())
        }
    }

    static func matches(_ patterns: [String], _ value: String) -> Bool {
        patterns.contains { glob($0[...], value[...]) }
    }

    static func randomLeaf(using rng: inout SeededRandom) -> Expression {
        let t = topology
        func pick<T>(_ options: [T]) -> T { options.randomElement(using: &rng)! }
        func patterns(_ options: [String]) -> [String] {
            (0..<Int.random(in: 1...3, using: &rng)).map { _ in pick(options) }
        }
        func range(_ bounds: ClosedRange<Int>) -> (text: String, range: ClosedRange<Int>) {
            let a = Int.random(in: bounds, using: &rng), b = Int.random(in: bounds, using: &rng)
            if a == b { return ("\(a)", a...a) }
            return ("\(min(a, b))\(pick(["-", ":"]))\(max(a, b))", min(a, b)...max(a, b))
        }
        func ranges(_ bounds: ClosedRange<Int>) -> (text: String, ranges: [ClosedRange<Int>]) {
            let list = (0..<Int.random(in: 1...2, using: &rng)).map { _ in range(bounds) }
            return (list.map(\.text).joined(separator: " "), list.map(\.range))
        }
        switch Int.random(in: 0..<9, using: &rng) {
        case 0:
            let p = patterns(["O*", "C?", "N", "N1", "F?", "*", "S1", "Li", "H*", "?", "X*", "*1", "H?"])
            return .leaf("name " + p.joined(separator: " ")) { matches(p, t.names[$0]) }
        case 1:
            let p = patterns((1...9).map(String.init) + ["1*", "?"])
            return .leaf("type " + p.joined(separator: " ")) { matches(p, t.types[$0]) }
        case 2:
            let p = patterns(["li", "N", "c", "F", "S", "o", "h", "Xx", "LI"])
            return .leaf("element " + p.joined(separator: " ")) {
                matches(p.map { $0.lowercased() }, t.elements[$0].lowercased())
            }
        case 3:
            let p = patterns(["TFSI", "PYR", "LI", "T*", "*R", "?I", "tfsi"])
            return .leaf("resname " + p.joined(separator: " ")) { matches(p, t.residueNames[$0]) }
        case 4:
            let r = ranges(0...6)
            return .leaf("resid " + r.text) { i in r.ranges.contains { $0.contains(t.residueIDs[i]) } }
        case 5:
            let r = ranges(10...16)
            return .leaf(pick(["mol ", "molid "]) + r.text) { i in r.ranges.contains { $0.contains(t.moleculeIDs![i]) }
            }
        case 6:
            let r = ranges(0...46)
            return .leaf("index " + r.text) { i in r.ranges.contains { $0.contains(i) } }
        case 7:
            let r = ranges(98...190)
            return .leaf("id " + r.text) { i in r.ranges.contains { $0.contains(t.atomIDs![i]) } }
        default:
            let isCharge = Bool.random(using: &rng)
            let value =
                isCharge
                ? pick([-0.66, -0.53, -0.16, -0.05, 0, 0.1, 0.35, 0.8, 1.02])
                : pick([1.008, 6.94, 12.011, 14.007, 15, 32.06])
            let values = isCharge ? t.charges : t.masses
            let ops: [(String, (Double, Double) -> Bool)] = [
                ("<", { $0 < $1 }), ("<=", { $0 <= $1 }), (">", { $0 > $1 }), (">=", { $0 >= $1 }),
                ("==", { $0 == $1 }), ("!=", { $0 != $1 }),
            ]
            let (symbol, compare) = pick(ops)
            return .leaf("\(isCharge ? "charge" : "mass") \(symbol) \(value)") { compare(values[$0], value) }
        }
    }

    static func randomExpression(depth: Int, using rng: inout SeededRandom) -> Expression {
        if depth == 0 || Int.random(in: 0..<4, using: &rng) == 0 { return randomLeaf(using: &rng) }
        switch Int.random(in: 0..<5, using: &rng) {
        case 0: return .not(randomExpression(depth: depth - 1, using: &rng))
        case 1, 2:
            return .and(
                randomExpression(depth: depth - 1, using: &rng),
                randomExpression(depth: depth - 1, using: &rng))
        default:
            return .or(
                randomExpression(depth: depth - 1, using: &rng),
                randomExpression(depth: depth - 1, using: &rng))
        }
    }

    @Test func randomSelectionsMatchDirectEvaluation() throws {
        var rng = SeededRandom(seed: 0x5E1EC7)
        var nonTrivial = 0
        for trial in 0..<600 {
            let expression = Self.randomExpression(depth: 4, using: &rng)
            let text = expression.text(minimum: 1, using: &rng)
            let expected = Self.expected(expression.holds)
            let got = try Selection(text).atomIndices(in: Self.topology)
            #expect(got == expected, "trial \(trial): \(text)")
            if !expected.isEmpty && expected.count < Self.atomCount { nonTrivial += 1 }
        }
        // The generator must not degenerate into all-or-nothing selections.
        #expect(nonTrivial > 300)
    }
}
