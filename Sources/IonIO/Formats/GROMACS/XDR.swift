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

    /// The longest string IonScope accepts in a header; GROMACS writes 12-byte version
    /// strings, so anything long is a corrupt or foreign file.
    static let maximumStringLength = 1024
}
