import IonCore

/// Chunk access under the `hoomd` schema's rule: a chunk missing from frame k takes its value
/// from frame 0 (the particle count being the same, which the reader requires), else the
/// schema's default (applied by the caller when this returns nil).
extension GSDFile {
    func hoomdEntry(_ name: String, frame: Int) -> Entry? {
        entry(name, frame: frame) ?? (frame > 0 ? entry(name, frame: 0) : nil)
    }

    /// The chunk as `rows × columns` numbers, checking its shape; nil when absent.
    func numbers(_ name: String, frame: Int, rows: Int?, columns: Int) throws -> [Double]? {
        guard let entry = hoomdEntry(name, frame: frame) else { return nil }
        try check(entry, name, frame: frame, rows: rows, columns: columns)
        return try withData(entry) { raw in
            (0..<(entry.rows * entry.columns)).map { entry.type.double(raw, $0, endianness) }
        }
    }

    /// The chunk as integers (any integer type), checking its shape; nil when absent.
    func integers(_ name: String, frame: Int, rows: Int?, columns: Int) throws -> [Int]? {
        guard let entry = hoomdEntry(name, frame: frame) else { return nil }
        try check(entry, name, frame: frame, rows: rows, columns: columns)
        guard !entry.type.isFloatingPoint else {
            throw FormatError(
                path: path, frame: frame, "GSD chunk '\(name)' holds \(entry.type) values, expected integers")
        }
        return try withData(entry) { raw in
            try (0..<(entry.rows * entry.columns)).map { k in
                guard let value = entry.type.integer(raw, k, endianness) else {
                    throw FormatError(
                        path: path, frame: frame, "GSD chunk '\(name)' value \(k) does not fit an integer")
                }
                return value
            }
        }
    }

    /// A type-name chunk (`particles/types`): NT rows of M bytes, each a NUL-terminated UTF-8
    /// name (int8, uint8 or character chunks).
    func strings(_ name: String, frame: Int) throws -> [String]? {
        guard let entry = hoomdEntry(name, frame: frame) else { return nil }
        guard entry.type.size == 1 else {
            throw FormatError(
                path: path, frame: frame, "GSD chunk '\(name)' holds \(entry.type) values, expected characters")
        }
        return try withData(entry) { raw in
            (0..<entry.rows).map { row in
                let bytes = raw[(row * entry.columns)..<((row + 1) * entry.columns)]
                return String(decoding: bytes.prefix { $0 != 0 }, as: UTF8.self)
            }
        }
    }

    /// Decodes an N × 3 chunk of floats or doubles into `out` (resized to N), multiplied by
    /// `scale`; false when absent.
    func vectors(_ name: String, frame: Int, rows: Int, scale: Double, into out: inout [Vec3]) throws -> Bool {
        guard let entry = hoomdEntry(name, frame: frame) else { return false }
        try check(entry, name, frame: frame, rows: rows, columns: 3)
        guard entry.type == .float || entry.type == .double else {
            throw FormatError(
                path: path, frame: frame, "GSD chunk '\(name)' holds \(entry.type) values, expected float or double")
        }
        if out.count != rows { out = [Vec3](repeating: .zero, count: rows) }
        try withData(entry) { raw in
            let type = entry.type
            let endianness = self.endianness
            out.withUnsafeMutableBufferPointer { vectors in
                vectors.withMemoryRebound(to: Double.self) { scalars in
                    if type == .float {  // the usual case: float32, without a switch per value
                        let little = endianness == .little
                        for k in 0..<(3 * rows) {
                            let bits = raw.loadUnaligned(fromByteOffset: 4 * k, as: UInt32.self)
                            scalars[k] =
                                Double(Float(bitPattern: little ? UInt32(littleEndian: bits) : UInt32(bigEndian: bits)))
                                * scale
                        }
                    } else {
                        for k in 0..<(3 * rows) { scalars[k] = type.double(raw, k, endianness) * scale }
                    }
                }
            }
        }
        if let bad = out.firstIndex(where: { !$0.isFinite }) {
            throw FormatError(
                path: path, frame: frame, "GSD chunk '\(name)': particle \(bad) has a non-finite value \(out[bad])")
        }
        return true
    }

    private func check(_ entry: Entry, _ name: String, frame: Int, rows: Int?, columns: Int) throws {
        if let rows, entry.rows != rows || entry.columns != columns {
            throw FormatError(
                path: path, frame: frame,
                "GSD chunk '\(name)' is \(entry.rows) × \(entry.columns), expected \(rows) × \(columns)")
        }
        if rows == nil, entry.columns != columns {
            throw FormatError(
                path: path, frame: frame,
                "GSD chunk '\(name)' has \(entry.columns) columns, expected \(columns)")
        }
    }
}
