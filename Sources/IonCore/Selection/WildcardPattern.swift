/// A shell-style pattern compiled once and matched against many strings: `*` matches any run of
/// characters (also none), `?` exactly one, `\` makes the next character literal; everything
/// else matches itself. A pattern without wildcards compares by `String` equality; one with
/// wildcards is matched on UTF-8 bytes (a `?` consumes one whole Unicode scalar). Neither
/// allocates per string.
struct WildcardPattern: Sendable, Equatable {
    enum Element: Sendable, Equatable {
        case byte(UInt8)
        case anyOne
        case anyRun
    }

    private let elements: [Element]
    private let caseInsensitive: Bool
    /// The pattern's bytes when it has no wildcards.
    private let literal: [UInt8]?
    /// The pattern as a string when it has no wildcards and is case-sensitive: the common case,
    /// and `==` on short ASCII strings is faster than any byte loop here.
    private let literalString: String?

    /// Compiles `pattern`. With `caseInsensitive`, ASCII letters match either case.
    init(_ pattern: String, caseInsensitive: Bool = false) {
        self.caseInsensitive = caseInsensitive
        var elements: [Element] = []
        var escaped = false
        for byte in pattern.utf8 {
            if escaped {
                elements.append(.byte(Self.fold(byte, caseInsensitive)))
                escaped = false
                continue
            }
            switch byte {
            case UInt8(ascii: "\\"): escaped = true
            case UInt8(ascii: "*"):
                if elements.last != .anyRun { elements.append(.anyRun) }
            case UInt8(ascii: "?"): elements.append(.anyOne)
            default: elements.append(.byte(Self.fold(byte, caseInsensitive)))
            }
        }
        if escaped { elements.append(.byte(UInt8(ascii: "\\"))) }  // a trailing `\` is literal
        self.elements = elements
        let bytes = elements.compactMap { element -> UInt8? in
            if case .byte(let b) = element { return b } else { return nil }
        }
        literal = bytes.count == elements.count ? bytes : nil
        literalString = literal != nil && !caseInsensitive ? String(decoding: bytes, as: UTF8.self) : nil
    }

    /// Whether the whole of `string` matches the pattern.
    func matches(_ string: String) -> Bool {
        if let literalString { return string == literalString }
        if let result = string.utf8.withContiguousStorageIfAvailable({ matches(bytes: $0) }) {
            return result
        }
        return ContiguousArray(string.utf8).withUnsafeBufferPointer { matches(bytes: $0) }
    }

    private static func fold(_ byte: UInt8, _ caseInsensitive: Bool) -> UInt8 {
        caseInsensitive && byte >= 0x41 && byte <= 0x5A ? byte | 0x20 : byte
    }

    /// Index just past the scalar that starts at `i` (skips UTF-8 continuation bytes).
    private static func nextScalar(_ s: UnsafeBufferPointer<UInt8>, after i: Int) -> Int {
        var j = i + 1
        while j < s.count, s[j] & 0xC0 == 0x80 { j += 1 }
        return j
    }

    private func matches(bytes s: UnsafeBufferPointer<UInt8>) -> Bool {
        if let literal {
            guard literal.count == s.count else { return false }
            for i in 0..<s.count where Self.fold(s[i], caseInsensitive) != literal[i] { return false }
            return true
        }
        // Greedy matching with one backtracking point: the last `*` seen (linear for patterns
        // with a single `*`, O(pattern × string) at worst).
        var p = 0, i = 0
        var starP = -1, starI = 0
        while i < s.count {
            if p < elements.count {
                switch elements[p] {
                case .anyRun:
                    starP = p; starI = i; p += 1
                    continue
                case .anyOne:
                    i = Self.nextScalar(s, after: i); p += 1
                    continue
                case .byte(let b) where Self.fold(s[i], caseInsensitive) == b:
                    i += 1; p += 1
                    continue
                case .byte:
                    break
                }
            }
            guard starP >= 0 else { return false }
            starI = Self.nextScalar(s, after: starI)
            i = starI
            p = starP + 1
        }
        while p < elements.count, elements[p] == .anyRun { p += 1 }
        return p == elements.count
    }
}
