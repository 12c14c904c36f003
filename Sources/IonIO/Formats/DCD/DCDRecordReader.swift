import IonCore

/// Reads the Fortran records of a file's header one after another.
struct DCDRecordReader {
    let file: BinaryFile
    let endianness: Endianness
    let markerSize: Int
    private(set) var offset = 0

    init(file: BinaryFile, endianness: Endianness, markerSize: Int) {
        self.file = file; self.endianness = endianness; self.markerSize = markerSize
    }

    /// The payload of the next record, after checking that both markers agree.
    mutating func next(_ fail: (String) -> FormatError) throws -> [UInt8] {
        let start = offset
        let length = try marker(at: start, fail)
        guard length >= 0, start + 2 * markerSize + length <= file.size else {
            throw FormatError(
                path: file.path, truncation: true,
                "DCD header: the record at byte \(start) declares \(length) bytes, but the file ends at byte \(file.size)"
            )
        }
        let payload = try file.withBytes(at: start + markerSize, count: length) { Array($0) }
        let closing = try marker(at: start + markerSize + length, fail)
        guard closing == length else {
            throw fail("the record at byte \(start) opens with length \(length) and closes with \(closing)")
        }
        offset = start + 2 * markerSize + length
        return payload
    }

    private func marker(at position: Int, _ fail: (String) -> FormatError) throws -> Int {
        let bytes = try file.withBytes(at: position, count: markerSize) { Array($0) }
        guard bytes.count == markerSize else {
            throw FormatError(
                path: file.path, truncation: true, "DCD header: the file ends at byte \(file.size), inside the header")
        }
        if markerSize == 4 { return Int(DCDHeader.int32(bytes, at: 0, endianness)) }
        let (low, high) = endianness == .little ? (0, 4) : (4, 0)
        let value =
            UInt64(UInt32(bitPattern: DCDHeader.int32(bytes, at: low, endianness)))
            | UInt64(UInt32(bitPattern: DCDHeader.int32(bytes, at: high, endianness))) << 32
        return value > UInt64(Int32.max) ? -1 : Int(value)
    }
}
