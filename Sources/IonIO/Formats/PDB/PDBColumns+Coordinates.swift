import IonCore

extension PDBColumns {
    /// The cell of a CRYST1 record: a, b, c (columns 7–33, Å) and α, β, γ (columns 34–54,
    /// degrees), in the restricted triclinic orientation. Nil for the placeholder cell
    /// 1 × 1 × 1 Å with right angles that the wwPDB prescribes for structures without a cell
    /// (and that several MD tools write for non-periodic systems) and for zero lengths.
    static func cryst1(_ line: UnsafeBufferPointer<UInt8>, path: String, frame: Int, lineNumber: Int) throws -> Box? {
        let columns = [
            (7, 15, "a"), (16, 24, "b"), (25, 33, "c"), (34, 40, "alpha"), (41, 47, "beta"),
            (48, 54, "gamma"),
        ]
        var values = [Double](repeating: 0, count: 6)
        for (k, (first, last, name)) in columns.enumerated() {
            guard let value = parseDouble(field(line, first, last)) else {
                throw FormatError(
                    path: path, frame: frame, line: lineNumber,
                    "CRYST1 \(name) (columns \(first)–\(last)) is '\(string(line, first, last))', expected a finite number"
                )
            }
            values[k] = value
        }
        if values[0] == 0 && values[1] == 0 && values[2] == 0 { return nil }
        guard values[0] > 0, values[1] > 0, values[2] > 0, values[3...].allSatisfy({ $0 > 0 && $0 < 180 }) else {
            throw FormatError(
                path: path, frame: frame, line: lineNumber,
                "CRYST1 lengths \(values[0]), \(values[1]), \(values[2]) Å and angles \(values[3])°, \(values[4])°, \(values[5])°: lengths must be positive (all 0 for no cell) and angles between 0° and 180°"
            )
        }
        if values[0] == 1, values[1] == 1, values[2] == 1, values[3] == 90, values[4] == 90, values[5] == 90 {
            return nil
        }
        guard
            let box = Box(
                lengths: Vec3(values[0], values[1], values[2]),
                anglesDegrees: values[3], values[4], values[5])
        else {
            throw FormatError(
                path: path, frame: frame, line: lineNumber,
                "CRYST1 lengths \(values[0]), \(values[1]), \(values[2]) Å and angles \(values[3])°, \(values[4])°, \(values[5])° do not describe a cell"
            )
        }
        return box
    }

    /// The x, y, z coordinates (columns 31–54, Å) of an ATOM or HETATM record, or nil with what is
    /// wrong: a record shorter than column 54, or a coordinate that is not a finite number.
    static func coordinates(_ line: UnsafeBufferPointer<UInt8>) -> (Vec3?, bad: String) {
        guard line.count >= 54 else {
            return (nil, "the record has \(line.count) columns, fewer than the 54 that hold x, y and z")
        }
        guard let x = parseDouble(field(line, 31, 38)) else {
            return (nil, "x (columns 31–38) is '\(string(line, 31, 38))'")
        }
        guard let y = parseDouble(field(line, 39, 46)) else {
            return (nil, "y (columns 39–46) is '\(string(line, 39, 46))'")
        }
        guard let z = parseDouble(field(line, 47, 54)) else {
            return (nil, "z (columns 47–54) is '\(string(line, 47, 54))'")
        }
        return (Vec3(x, y, z), "")
    }
}
