import IonCore

/// The GSD container (General Simulation Data, glotzerlab/gsd, `gsd.c` and the file-layer
/// specification), versions 1.x and 2.x, without any schema.
///
/// Layout: a 256-byte header (magic 0x65DF65DF65DF65DF, index location and allocated entries,
/// name-list location and size, schema and file versions, application and schema names), an
/// index of 32-byte entries {frame u64, N u64, location i64, M u32, name id u16, type u8,
/// flags u8} ending at the first entry with location 0 and ordered by frame, a name list (64-byte
/// names in 1.x, NUL-separated names in 2.x), and the chunk data (N × M values of the type).
/// GSD files are written in the machine's byte order; a byte-swapped magic means big-endian.
final class GSDFile {
    struct Entry {
        var frame: Int
        var rows: Int
        var location: Int
        var columns: Int
        var nameID: Int
        var type: GSDType

        var byteCount: Int { rows * columns * type.size }
    }

    let file: BinaryFile
    let endianness: Endianness
    let version: (major: Int, minor: Int)
    let schema: String
    let schemaVersion: (major: Int, minor: Int)
    let application: String
    let names: [String]
    /// Valid index entries, ordered by frame.
    private let entries: [Entry]
    /// Entries of frame k are `entries[frameStart[k]..<frameStart[k + 1]]`.
    private let frameStart: [Int]
    /// Frames whose chunks all lie inside the file.
    let completeFrames: Int
    /// Frames the index lists (more than `completeFrames` when the file is cut short).
    var indexedFrames: Int { frameStart.count - 1 }
    var path: String { file.path }
    private let nameIDs: [String: Int]

    init(path: String) throws {
        file = try BinaryFile(path: path)
        func fail(_ message: String) -> FormatError { FormatError(path: path, "GSD: " + message) }
        guard file.size >= 256 else {
            throw FormatError(
                path: path, truncation: file.size > 0,
                "GSD: the file has \(file.size) bytes, fewer than the 256 of a GSD header")
        }
        let head = try file.withBytes(at: 0, count: 256) { Array($0) }
        let magic = Self.uint64(head, 0, .little)
        if magic == 0x65DF_65DF_65DF_65DF {
            endianness = .little
        } else if magic == 0xDF65_DF65_DF65_DF65 {
            endianness = .big
        } else {
            throw fail("the file does not start with the GSD magic number: not a GSD file")
        }
        let indexLocation = Self.uint64(head, 8, endianness)
        let indexAllocated = Self.uint64(head, 16, endianness)
        let namesLocation = Self.uint64(head, 24, endianness)
        let namesAllocated = Self.uint64(head, 32, endianness)
        let schemaRaw = Self.uint32(head, 40, endianness), versionRaw = Self.uint32(head, 44, endianness)
        schemaVersion = (Int(schemaRaw >> 16), Int(schemaRaw & 0xFFFF))
        version = (Int(versionRaw >> 16), Int(versionRaw & 0xFFFF))
        application = Self.cString(head[48..<112])
        schema = Self.cString(head[112..<176])
        guard version.major == 1 || version.major == 2 || (version.major == 0 && version.minor == 3) else {
            throw fail("file layer version \(version.major).\(version.minor); versions 1.x and 2.x are read")
        }

        let size = UInt64(file.size)
        guard namesAllocated <= size / 64, namesLocation <= size - 64 * namesAllocated else {
            throw FormatError(
                path: path, truncation: true,
                "GSD: the name list lies beyond the end of the file (\(size) bytes): the file is cut short")
        }
        let nameBytes = try file.withBytes(at: Int(namesLocation), count: Int(64 * namesAllocated)) { Array($0) }
        names = Self.parseNames(nameBytes, fixedWidth: version.major < 2)
        var ids: [String: Int] = [:]
        for (k, name) in names.enumerated() where ids[name] == nil { ids[name] = k }
        nameIDs = ids

        guard indexAllocated <= size / 32, indexLocation <= size - 32 * indexAllocated else {
            throw FormatError(
                path: path, truncation: true,
                "GSD: the chunk index lies beyond the end of the file (\(size) bytes): the file is cut short")
        }
        let raw = try file.withBytes(at: Int(indexLocation), count: Int(32 * indexAllocated)) { Array($0) }
        var entries: [Entry] = []
        var firstCut: Int?
        for k in 0..<Int(indexAllocated) {
            let base = 32 * k
            let location = Int64(bitPattern: Self.uint64(raw, base + 16, endianness))
            if location == 0 { break }
            let frame = Self.uint64(raw, base, endianness), rows = Self.uint64(raw, base + 8, endianness)
            let columns = Self.uint32(raw, base + 24, endianness)
            let id = Int(Self.uint16(raw, base + 28, endianness))
            let typeCode = raw[base + 30]
            guard let type = GSDType(rawValue: typeCode) else {
                throw FormatError(
                    path: path, frame: Int(clamping: frame),
                    "GSD: index entry \(k) has data type \(typeCode), not one of GSD's 1–11")
            }
            guard frame < indexAllocated, id < names.count, location > 0,
                rows < size, UInt64(columns) < size
            else {
                throw FormatError(
                    path: path, frame: Int(clamping: frame),
                    "GSD: index entry \(k) is corrupt (frame \(frame), name id \(id), \(rows) × \(columns) at byte \(location))"
                )
            }
            let entry = Entry(
                frame: Int(frame), rows: Int(rows), location: Int(location), columns: Int(columns),
                nameID: id, type: type)
            if let last = entries.last, entry.frame < last.frame {
                throw FormatError(
                    path: path, frame: entry.frame,
                    "GSD: the index goes back from frame \(last.frame) to frame \(entry.frame)")
            }
            let (perRow, o1) = entry.columns.multipliedReportingOverflow(by: type.size)
            let (bytes, o2) = entry.rows.multipliedReportingOverflow(by: perRow)
            let (end, o3) = entry.location.addingReportingOverflow(bytes)
            if o1 || o2 || o3 || end > file.size, firstCut == nil { firstCut = entry.frame }
            entries.append(entry)
        }
        var starts = [0]
        for (k, entry) in entries.enumerated() {
            while starts.count <= entry.frame { starts.append(k) }
        }
        starts.append(entries.count)
        self.entries = entries
        frameStart = starts
        completeFrames = firstCut ?? (starts.count - 1)
    }

    /// The chunk `name` of `frame`, if that frame has one.
    func entry(_ name: String, frame: Int) -> Entry? {
        guard let id = nameIDs[name], frame >= 0, frame + 1 < frameStart.count else { return nil }
        for k in frameStart[frame]..<frameStart[frame + 1] where entries[k].nameID == id {
            return entries[k]
        }
        return nil
    }

    /// Calls `body` with the bytes of a chunk (all inside the file: checked when indexing).
    func withData<R>(_ entry: Entry, _ body: (UnsafeRawBufferPointer) throws -> R) throws -> R {
        try file.withBytes(at: entry.location, count: entry.byteCount) { raw in
            guard raw.count == entry.byteCount else {
                throw FormatError(
                    path: path, frame: entry.frame, truncation: true,
                    "GSD: chunk '\(names[entry.nameID])' ends beyond the end of the file")
            }
            return try body(raw)
        }
    }

    private static func parseNames(_ bytes: [UInt8], fixedWidth: Bool) -> [String] {
        var names: [String] = []
        var start = 0
        while start < bytes.count, bytes[start] != 0 {
            let end = bytes[start...].firstIndex(of: 0) ?? bytes.count
            names.append(String(decoding: bytes[start..<end], as: UTF8.self))
            start = fixedWidth ? start + 64 : end + 1
        }
        return names
    }

    static func cString(_ bytes: ArraySlice<UInt8>) -> String {
        String(decoding: bytes.prefix { $0 != 0 }, as: UTF8.self)
    }

    static func uint64(_ b: [UInt8], _ at: Int, _ e: Endianness) -> UInt64 {
        var value: UInt64 = 0
        for k in 0..<8 { value |= UInt64(b[at + k]) << (8 * UInt64(e == .little ? k : 7 - k)) }
        return value
    }

    static func uint32(_ b: [UInt8], _ at: Int, _ e: Endianness) -> UInt32 {
        var value: UInt32 = 0
        for k in 0..<4 { value |= UInt32(b[at + k]) << (8 * UInt32(e == .little ? k : 3 - k)) }
        return value
    }

    static func uint16(_ b: [UInt8], _ at: Int, _ e: Endianness) -> UInt16 {
        e == .little ? UInt16(b[at]) | UInt16(b[at + 1]) << 8 : UInt16(b[at + 1]) | UInt16(b[at]) << 8
    }
}
