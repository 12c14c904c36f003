#if canImport(Glibc)
    import Glibc
#else
    import Darwin
#endif

/// Whitespace-separated fields of one line, found without allocating (the ranges live in a
/// reused array) and parsed to numbers on demand.
struct TextFields {
    private(set) var starts: [Int] = []
    private(set) var ends: [Int] = []
    private(set) var line = UnsafeBufferPointer<UInt8>(start: nil, count: 0)

    var count: Int { starts.count }

    /// Splits `line` at spaces and tabs.
    mutating func split(_ line: UnsafeBufferPointer<UInt8>) {
        self.line = line
        starts.removeAll(keepingCapacity: true)
        ends.removeAll(keepingCapacity: true)
        var i = 0
        let n = line.count
        while i < n {
            while i < n && (line[i] == 0x20 || line[i] == 0x09) { i += 1 }
            if i == n { break }
            let s = i
            while i < n && line[i] != 0x20 && line[i] != 0x09 { i += 1 }
            starts.append(s); ends.append(i)
        }
    }

    /// Field `k` as bytes.
    func bytes(_ k: Int) -> UnsafeBufferPointer<UInt8> {
        UnsafeBufferPointer(rebasing: line[starts[k]..<ends[k]])
    }

    /// Field `k` as a String.
    func string(_ k: Int) -> String { String(decoding: bytes(k), as: UTF8.self) }

    /// Field `k` as a Double, or nil when it is not a finite number.
    func double(_ k: Int) -> Double? { parseDouble(bytes(k)) }

    /// Field `k` as an Int, or nil.
    func int(_ k: Int) -> Int? { parseInt(bytes(k)) }
}

/// Parses a whole byte range as a base-10 integer with optional sign; nil otherwise.
@inline(__always)
func parseInt(_ bytes: UnsafeBufferPointer<UInt8>) -> Int? {
    var i = 0
    let n = bytes.count
    var negative = false
    if i < n && (bytes[i] == 0x2D || bytes[i] == 0x2B) { negative = bytes[i] == 0x2D; i += 1 }
    guard i < n, n - i <= 18 else { return nil }
    var value = 0
    while i < n {
        let digit = Int(bytes[i]) &- 48
        guard digit >= 0 && digit <= 9 else { return nil }
        value = value &* 10 &+ digit
        i += 1
    }
    return negative ? -value : value
}

private let exactPowersOfTen: [Double] = [
    1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16,
    1e17, 1e18, 1e19, 1e20, 1e21, 1e22,
]

/// Parses a whole byte range as a finite decimal floating-point number, correctly rounded.
/// Returns nil for text that is not a number, and for NaN or infinity.
@inline(__always)
func parseDouble(_ bytes: UnsafeBufferPointer<UInt8>) -> Double? {
    guard let base = bytes.baseAddress, bytes.count > 0 else { return nil }
    var p = base
    guard let value = scanDouble(&p, end: base + bytes.count), p == base + bytes.count else { return nil }
    return value
}

/// Parses the number that starts at `p` and ends at the next space, tab or `end`, and moves `p`
/// to that delimiter. Returns nil (with `p` anywhere) when the field is not a finite number.
///
/// Fast path (Clinger): when the decimal digits form an integer below 2⁵³ and the decimal
/// exponent is within ±22, one exact multiplication or division gives the correctly rounded
/// result. Anything else (more than 19 digits, huge exponents) goes to `strtod`.
@inline(__always)
func scanDouble(_ p: inout UnsafePointer<UInt8>, end: UnsafePointer<UInt8>) -> Double? {
    let start = p
    guard p < end else { return nil }
    let negative = p.pointee == 0x2D
    if negative || p.pointee == 0x2B { p += 1 }
    var mantissa: UInt64 = 0
    let digitsStart = p
    while p < end, case let d = p.pointee &- 48, d <= 9 {
        mantissa = mantissa &* 10 &+ UInt64(d); p += 1
    }
    var digitCount = p - digitsStart
    var exponent = 0
    if p < end && p.pointee == 0x2E {
        p += 1
        let fractionStart = p
        while p < end, case let d = p.pointee &- 48, d <= 9 {
            mantissa = mantissa &* 10 &+ UInt64(d); p += 1
        }
        exponent = fractionStart - p
        digitCount += p - fractionStart
    }
    guard digitCount > 0 else { return nil }
    if p < end && (p.pointee | 0x20 == 0x65 || p.pointee | 0x20 == 0x64) {
        p += 1
        var expNegative = false
        if p < end && (p.pointee == 0x2D || p.pointee == 0x2B) { expNegative = p.pointee == 0x2D; p += 1 }
        let expStart = p
        var e = 0
        while p < end, case let d = p.pointee &- 48, d <= 9 {
            if e < 100_000 { e = e &* 10 &+ Int(d) }
            p += 1
        }
        guard p > expStart else { return nil }
        exponent += expNegative ? -e : e
    }
    guard p == end || p.pointee == 0x20 || p.pointee == 0x09 else { return nil }
    if digitCount <= 19 && mantissa <= (1 << 53) && exponent >= -22 && exponent <= 22 {
        var value = Double(mantissa)
        value = exponent < 0 ? value / exactPowersOfTen[-exponent] : value * exactPowersOfTen[exponent]
        return negative ? -value : value
    }
    return slowParseDouble(UnsafeBufferPointer(start: start, count: p - start))
}

/// Parses the integer that starts at `p` and ends at the next space, tab or `end`, moving `p`
/// to that delimiter; nil when the field is not an integer.
@inline(__always)
func scanInt(_ p: inout UnsafePointer<UInt8>, end: UnsafePointer<UInt8>) -> Int? {
    guard p < end else { return nil }
    let negative = p.pointee == 0x2D
    if negative || p.pointee == 0x2B { p += 1 }
    let digitsStart = p
    var value = 0
    while p < end, case let d = p.pointee &- 48, d <= 9 { value = value &* 10 &+ Int(d); p += 1 }
    guard p > digitsStart, p - digitsStart <= 18, p == end || p.pointee == 0x20 || p.pointee == 0x09 else { return nil }
    return negative ? -value : value
}

/// `strtod` on a NUL-terminated copy; Fortran-style `d` exponents are turned into `e`.
@inline(never)
private func slowParseDouble(_ bytes: UnsafeBufferPointer<UInt8>) -> Double? {
    var text = [CChar](repeating: 0, count: bytes.count + 1)
    for k in 0..<bytes.count {
        let c = bytes[k]
        text[k] = CChar(bitPattern: (c == 0x64 || c == 0x44) ? 0x65 : c)
    }
    let value = text.withUnsafeBufferPointer { strtod($0.baseAddress!, nil) }
    return value.isFinite ? value : nil
}
