/// The parts of XDR (RFC 4506, "External Data Representation") that GROMACS files use beyond
/// big-endian 4- and 8-byte numbers, which ``ByteCursor`` with `.big` already reads.
///
/// XDR pads every variable-length byte block (`opaque`, `string`) with zeros to a multiple of
/// four bytes; a `string` is a 4-byte length followed by the padded bytes.
enum XDR {
    /// Bytes that an opaque block of `count` bytes occupies in the file: `count` rounded up to
    /// a multiple of 4.
    @inline(__always)
    static func paddedLength(_ count: Int) -> Int { (count + 3) & ~3 }

    /// The largest string length IonScope accepts in a header; GROMACS writes 12-byte
    /// version strings, so anything long is a corrupt or foreign file.
    static let maximumStringLength = 1024

    /// Reads an XDR string (length, bytes, padding). Returns nil when the length is negative or
    /// beyond ``maximumStringLength``; throws ``ByteCursor/OutOfData`` when the bytes run out.
    static func string(_ cursor: inout ByteCursor) throws -> String? {
        let count = Int(try cursor.int32())
        guard count >= 0, count <= maximumStringLength else { return nil }
        let bytes = try cursor.bytes(count)
        try cursor.skip(paddedLength(count) - count)
        return String(decoding: bytes.prefix { $0 != 0 }, as: UTF8.self)
    }
}
