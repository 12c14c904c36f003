import IonCore

/// The `ITEM:` lines that precede a dump frame's atom lines.
struct LAMMPSDumpHeader {
    var step: Int?
    var time: Double?
    var units: UnitSystem?
    var atomCount = 0
    var countLine = 0
    var box: Box?
    var columns: [String] = []
    var atomsLine = 0

    /// Reads items up to and including `ITEM: ATOMS`. Returns false at a clean end of file.
    mutating func read(from lines: LineReader, fields: inout TextFields, frame: Int, units fileUnits: UnitSystem) throws
        -> Bool
    {
        let path = lines.path
        func fail(_ message: String, truncation: Bool = false) -> FormatError {
            FormatError(path: path, frame: frame, line: lines.lineNumber, truncation: truncation, message)
        }
        func valueLine(_ item: String) throws -> Void {
            guard let line = try lines.nextLine() else {
                throw fail("the file ends after 'ITEM: \(item)'", truncation: true)
            }
            fields.split(line)
        }
        var sawAnything = false
        var sawCount = false
        while true {
            guard let line = try lines.nextLine() else {
                if sawAnything { throw fail("the file ends inside the frame header", truncation: true) }
                return false
            }
            if line.isEmpty && !sawAnything { continue }
            guard line.count > 6, line.starts(with: "ITEM: ".utf8) else {
                throw fail(
                    "expected an 'ITEM:' line (e.g. 'ITEM: TIMESTEP'), found '\(String(decoding: line.prefix(60), as: UTF8.self))'"
                )
            }
            sawAnything = true
            fields.split(UnsafeBufferPointer(rebasing: line[6...]))
            let item = fields.count > 0 ? fields.string(0) : ""
            switch item {
            case "TIMESTEP":
                try valueLine(item)
                guard fields.count >= 1, let value = fields.int(0) else { throw fail("expected an integer timestep") }
                step = value
            case "TIME":
                try valueLine(item)
                guard fields.count >= 1, let value = fields.double(0) else { throw fail("expected a finite time") }
                time = value * (units ?? fileUnits).time
            case "UNITS":
                try valueLine(item)
                let name = fields.count > 0 ? fields.string(0) : ""
                guard let value = UnitSystem(rawValue: name) else {
                    throw fail("unknown unit system '\(name)' in ITEM: UNITS")
                }
                units = value
            case "NUMBER":
                try valueLine(item)
                guard fields.count >= 1, let value = fields.int(0), value > 0 else {
                    throw fail("expected a positive number of atoms")
                }
                atomCount = value; countLine = lines.lineNumber; sawCount = true
            case "BOX":
                let words = (1..<fields.count).map { fields.string($0) }
                box = try readBox(words: words, lines: lines, fields: &fields, units: units ?? fileUnits, fail: fail)
            case "ATOMS":
                guard sawCount else { throw fail("'ITEM: ATOMS' before 'ITEM: NUMBER OF ATOMS'") }
                columns = (1..<fields.count).map { fields.string($0) }
                atomsLine = lines.lineNumber
                return true
            default:
                throw fail("unknown item 'ITEM: \(item)'; expected TIMESTEP, NUMBER OF ATOMS, BOX BOUNDS or ATOMS")
            }
        }
    }

    /// `BOX BOUNDS [xy xz yz | abc origin] pp pp pp` and its three lines.
    private func readBox(
        words: [String], lines: LineReader, fields: inout TextFields, units: UnitSystem,
        fail: (String, Bool) -> FormatError
    ) throws -> Box {
        let triclinic = words.contains("xy")
        let general = words.contains("abc")
        let perLine = general ? 4 : (triclinic ? 3 : 2)
        var rows: [[Double]] = []
        for axis in 0..<3 {
            guard let line = try lines.nextLine() else { throw fail("the file ends inside BOX BOUNDS", true) }
            fields.split(line)
            guard fields.count >= perLine else {
                throw fail("expected \(perLine) numbers on box line \(axis + 1), found \(fields.count)", false)
            }
            var row: [Double] = []
            for k in 0..<perLine {
                guard let v = fields.double(k) else {
                    throw fail("expected a finite number in box line \(axis + 1), field \(k + 1)", false)
                }
                row.append(v * units.length)
            }
            rows.append(row)
        }
        let box: Box?
        if general {
            box = Box(
                a: Vec3(rows[0][0], rows[0][1], rows[0][2]), b: Vec3(rows[1][0], rows[1][1], rows[1][2]),
                c: Vec3(rows[2][0], rows[2][1], rows[2][2]), origin: Vec3(rows[0][3], rows[1][3], rows[2][3]))
        } else if triclinic {
            // Bounds of the tilted cell's bounding box → lo/hi of the cell itself.
            let (xy, xz, yz) = (rows[0][2], rows[1][2], rows[2][2])
            let xlo = rows[0][0] - min(0, xy, xz, xy + xz), xhi = rows[0][1] - max(0, xy, xz, xy + xz)
            let ylo = rows[1][0] - min(0, yz), yhi = rows[1][1] - max(0, yz)
            box = Box(
                lx: xhi - xlo, ly: yhi - ylo, lz: rows[2][1] - rows[2][0], xy: xy, xz: xz, yz: yz,
                origin: Vec3(xlo, ylo, rows[2][0]))
        } else {
            box = Box(
                lx: rows[0][1] - rows[0][0], ly: rows[1][1] - rows[1][0], lz: rows[2][1] - rows[2][0],
                origin: Vec3(rows[0][0], rows[1][0], rows[2][0]))
        }
        guard let box else { throw fail("the box has zero or negative volume", false) }
        return box
    }
}
