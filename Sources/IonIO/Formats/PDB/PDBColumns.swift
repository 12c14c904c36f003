/// Fixed-column fields of PDB records (wwPDB format 3.3, section 9), read from a line's bytes.
///
/// Columns are 1-based and inclusive as in the specification; a line shorter than a field gives
/// the part that is there (often nothing), so short lines written by some programs still parse.
enum PDBColumns {
    /// Bytes of columns `first...last`, clipped to the line, with surrounding spaces removed.
    static func field(_ line: UnsafeBufferPointer<UInt8>, _ first: Int, _ last: Int) -> UnsafeBufferPointer<UInt8> {
        var lower = first - 1
        var upper = min(last, line.count)
        guard lower < upper else { return UnsafeBufferPointer(rebasing: line[0..<0]) }
        while lower < upper, line[lower] == 0x20 || line[lower] == 0x09 { lower += 1 }
        while upper > lower, line[upper - 1] == 0x20 || line[upper - 1] == 0x09 { upper -= 1 }
        return UnsafeBufferPointer(rebasing: line[lower..<upper])
    }

    static func string(_ line: UnsafeBufferPointer<UInt8>, _ first: Int, _ last: Int) -> String {
        String(decoding: field(line, first, last), as: UTF8.self)
    }

    /// The record name (columns 1–6) equals `name` (given without trailing spaces).
    static func isRecord(_ line: UnsafeBufferPointer<UInt8>, _ name: StaticString) -> Bool {
        let count = name.utf8CodeUnitCount
        let bytes = name.utf8Start
        guard line.count >= count else { return false }
        for k in 0..<count where line[k] != bytes[k] { return false }
        // The rest of the 6-column record name must be blank ("END" must not match "ENDMDL").
        var k = count
        while k < min(6, line.count) {
            if line[k] != 0x20 { return false }
            k += 1
        }
        return true
    }

    /// A serial or residue number of `width` columns: decimal, or hybrid-36 beyond the decimal
    /// range (Grosse-Kunstleve et al., cctbx `hybrid_36`: "A0000" is 100000 for width 5).
    /// Nil for text that is neither, such as the `*****` some programs write past 99999.
    static func hybrid36(_ bytes: UnsafeBufferPointer<UInt8>, width: Int) -> Int? {
        guard let first = bytes.first else { return nil }
        if first == 0x2D || (first >= 0x30 && first <= 0x39) { return parseInt(bytes) }
        guard bytes.count == width else { return nil }
        let upper = first >= 0x41 && first <= 0x5A
        let lower = first >= 0x61 && first <= 0x7A
        guard upper || lower else { return nil }
        var value = 0
        for byte in bytes {
            let digit: Int
            switch byte {
            case 0x30...0x39: digit = Int(byte) - 0x30
            case 0x41...0x5A where upper: digit = Int(byte) - 0x41 + 10
            case 0x61...0x7A where lower: digit = Int(byte) - 0x61 + 10
            default: return nil
            }
            value = value * 36 + digit
        }
        var power36 = 1, power10 = 1
        for _ in 1..<width { power36 *= 36 }
        for _ in 0..<width { power10 *= 10 }
        return upper ? value - 10 * power36 + power10 : value + 16 * power36 + power10
    }

    /// The formal charge of columns 79–80: "1-", "2+", also "-1" and "+1"; nil when blank or
    /// not a charge.
    static func charge(_ bytes: UnsafeBufferPointer<UInt8>) -> Int? {
        guard bytes.count == 2 else { return bytes.count == 1 && bytes[0] == 0x30 ? 0 : nil }
        let (a, b) = (bytes[0], bytes[1])
        func digit(_ c: UInt8) -> Int? { c >= 0x30 && c <= 0x39 ? Int(c) - 0x30 : nil }
        if let d = digit(a), b == 0x2B || b == 0x2D { return b == 0x2D ? -d : d }
        if let d = digit(b), a == 0x2B || a == 0x2D { return a == 0x2D ? -d : d }
        return nil
    }

    /// An element symbol with the usual capitalisation ("CL" → "Cl"), or "" for a blank field.
    static func element(_ bytes: UnsafeBufferPointer<UInt8>) -> String {
        let letters = bytes.filter { ($0 >= 0x41 && $0 <= 0x5A) || ($0 >= 0x61 && $0 <= 0x7A) }
        guard let first = letters.first else { return "" }
        var symbol = String(UnicodeScalar(first)).uppercased()
        if letters.count > 1 { symbol += String(UnicodeScalar(letters[1])).lowercased() }
        return symbol
    }
}
