import IonCore

/// Reads the topology from a LAMMPS data file (`read_data` / `write_data` format).
///
/// Supports atom styles `full` (id mol type q x y z), `charge` (id type q x y z), `atomic`
/// (id type x y z) and `molecular` (id mol type x y z), each optionally followed by image flags.
/// The style comes from the `Atoms # style` comment that `write_data` writes, or from the
/// column count where that is unambiguous. Masses come from the `Masses` section, type names from
/// `Atom Type Labels` or the comments after masses (`1 6.94 # Li`). Atoms are put in ascending
/// id order; ``Topology/atomIDs`` keeps the ids so dumps can be matched to them.
public enum LAMMPSDataReader {
    public static func read(path: String, options: ReaderOptions = ReaderOptions()) throws -> Topology {
        let parser = try LAMMPSDataParser(path: path, units: options.units ?? .real)
        return try parser.parse()
    }
}

/// The LAMMPS atom styles whose `Atoms` section IonScope understands.
enum LAMMPSAtomStyle: String {
    case full, charge, atomic, molecular

    /// Column positions of mol, type, q and x (nil where the style has none).
    var columns: (mol: Int?, type: Int, charge: Int?, x: Int) {
        switch self {
        case .full: (1, 2, 3, 4)
        case .charge: (nil, 1, 2, 3)
        case .atomic: (nil, 1, nil, 2)
        case .molecular: (1, 2, nil, 3)
        }
    }
    var columnCount: Int { columns.x + 3 }

    /// Every atom style LAMMPS writes after `Atoms #` (so that a comment is not taken for one).
    static let lammpsNames: Set<String> = [
        "amoeba", "angle", "atomic", "body", "bond", "bpm/sphere", "charge", "dielectric", "dipole", "dpd", "edpd",
        "electron", "ellipsoid", "full", "hybrid", "line", "mdpd", "molecular", "oxdna", "peri", "rheo",
        "rheo/thermal", "smd", "sph", "sphere", "spin", "tdpd", "template", "tri", "wavepacket",
    ]
}

final class LAMMPSDataParser {
    let lines: LineReader
    let units: UnitSystem
    var fields = TextFields()
    var path: String { lines.path }

    init(path: String, units: UnitSystem) throws {
        lines = try LineReader(path: path)
        self.units = units
    }

    func error(_ message: String) -> FormatError {
        FormatError(path: path, line: lines.lineNumber, message)
    }

    func parse() throws -> Topology {
        _ = try lines.nextLine()  // title
        var counts: [String: Int] = [:]
        var bounds: [String: (Double, Double)] = [:], tilts: (Double, Double, Double)?
        var pendingSection: (keyword: String, style: String?)?
        // Header: "N atoms", "N atom types", box lines, until the first section keyword.
        while let line = try lines.nextLine() {
            fields.split(stripComment(line))
            if fields.count == 0 { continue }
            if let first = fields.bytes(0).first, !isNumberStart(first) {
                pendingSection = section(line); break
            }
            if fields.count == 4, ["xlo", "ylo", "zlo"].contains(fields.string(2)),
                let lo = fields.double(0), let hi = fields.double(1)
            {
                bounds[fields.string(2)] = (lo, hi)
                continue
            }
            if fields.count == 6, fields.string(3) == "xy", let xy = fields.double(0), let xz = fields.double(1),
                let yz = fields.double(2)
            {
                tilts = (xy, xz, yz)
                continue
            }
            if let n = fields.int(0), fields.count >= 2 {
                let key = (1..<fields.count).map { fields.string($0) }.joined(separator: " ")
                counts[key] = n
            }
        }
        guard let atomCount = counts["atoms"] else { throw error("no 'N atoms' line in the header") }
        guard atomCount > 0 else { throw error("the header says the file has 0 atoms") }
        let typeCount = counts["atom types"] ?? 0
        // Rows are appended as they are read, never allocated from a header count: a header may
        // claim more than the file holds (readRows then stops at the section's end).
        var ids: [Int] = [], types: [Int] = [], molecules: [Int] = [], charges: [Double] = []
        var massOfType: [Int: Double] = [:]
        var labelOfType: [Int: String] = [:]
        var rawBonds: [(Int, Int)] = []
        var sawAtoms = false
        var style: LAMMPSAtomStyle?

        while let current = pendingSection {
            pendingSection = nil
            let header = current
            switch header.keyword {
            case "Masses":
                try readRows(typeCount, section: "Masses", minColumns: 2) { fields, comment in
                    guard let type = fields.int(0), let mass = fields.double(1) else {
                        throw error("expected 'type mass' in the Masses section")
                    }
                    massOfType[type] = mass * units.mass
                    if let comment, labelOfType[type] == nil { labelOfType[type] = comment }
                }
            case "Atom Type Labels":
                try readRows(typeCount, section: "Atom Type Labels", minColumns: 2) { fields, _ in
                    guard let type = fields.int(0) else { throw error("expected 'type label'") }
                    labelOfType[type] = fields.string(1)
                }
            case "Atoms":
                guard !sawAtoms else { throw error("a second Atoms section; a data file has one") }
                // `Atoms # full` names the style; any other comment (`Atoms # my system`) is a comment.
                style = try header.style.flatMap { LAMMPSAtomStyle.lammpsNames.contains($0) ? $0 : nil }.map { name in
                    guard let style = LAMMPSAtomStyle(rawValue: name) else {
                        throw error(
                            "atom style '\(name)' is not supported; IonScope reads full, charge, atomic and molecular")
                    }
                    return style
                }
                var row = 0
                try readRows(atomCount, section: "Atoms", minColumns: 5) { fields, _ in
                    if style == nil { style = try inferStyle(columnCount: fields.count) }
                    let columns = style!.columns
                    guard fields.count >= style!.columnCount else {
                        throw error(
                            "expected \(style!.columnCount) columns for atom style \(style!.rawValue), found \(fields.count)"
                        )
                    }
                    guard let id = fields.int(0), let type = fields.int(columns.type) else {
                        throw error("expected integer atom id and type")
                    }
                    ids.append(id); types.append(type)
                    if let m = columns.mol {
                        guard let mol = fields.int(m) else {
                            throw error("expected an integer molecule id in column \(m + 1)")
                        }
                        molecules.append(mol)
                    }
                    if let q = columns.charge {
                        guard let charge = fields.double(q) else {
                            throw error("expected a finite charge in column \(q + 1)")
                        }
                        charges.append(charge * units.charge)
                    }
                    row += 1
                }
                sawAtoms = true
            case "Bonds":
                let bondCount = counts["bonds"] ?? 0
                try readRows(bondCount, section: "Bonds", minColumns: 4) { fields, _ in
                    guard let a = fields.int(2), let b = fields.int(3) else {
                        throw error("expected 'id type atom1 atom2'")
                    }
                    rawBonds.append((a, b))
                }
            default:
                try skipSection()
            }
            // The next section keyword, if any.
            while let text = try lines.nextLine() {
                fields.split(stripComment(text))
                if fields.count == 0 { continue }
                pendingSection = section(text)
                break
            }
        }
        guard sawAtoms else { throw FormatError(path: path, "no Atoms section") }
        var topology = try assemble(
            ids: ids, types: types, molecules: style?.columns.mol != nil ? molecules : nil,
            charges: style?.columns.charge != nil ? charges : nil, massOfType: massOfType,
            labelOfType: labelOfType, bonds: rawBonds)
        if let x = bounds["xlo"], let y = bounds["ylo"], let z = bounds["zlo"] {
            let s = units.length, t = tilts ?? (0, 0, 0)
            topology.box = Box(
                lx: (x.1 - x.0) * s, ly: (y.1 - y.0) * s, lz: (z.1 - z.0) * s, xy: t.0 * s, xz: t.1 * s, yz: t.2 * s,
                origin: Vec3(x.0, y.0, z.0) * s)
        }
        return topology
    }

    /// Orders atoms by id and fills the topology arrays.
    func assemble(
        ids: [Int], types: [Int], molecules: [Int]?, charges: [Double]?,
        massOfType: [Int: Double], labelOfType: [Int: String], bonds: [(Int, Int)]
    ) throws -> Topology {
        let n = ids.count
        let order = (0..<n).sorted { ids[$0] < ids[$1] }
        var topology = Topology(atomCount: n)
        var indexOfID: [Int: Int32] = [:]
        indexOfID.reserveCapacity(n)
        for (index, row) in order.enumerated() {
            if let previous = indexOfID[ids[row]] {
                throw FormatError(
                    path: path, "atom id \(ids[row]) appears twice (atoms \(previous + 1) and \(index + 1) in id order)"
                )
            }
            indexOfID[ids[row]] = Int32(index)
            let type = types[row]
            topology.types[index] = String(type)
            topology.names[index] = labelOfType[type] ?? String(type)
            if let mass = massOfType[type] { topology.masses[index] = mass }
            topology.charges[index] = charges?[row] ?? 0
            topology.residueIDs[index] = molecules?[row] ?? 0
        }
        topology.atomIDs = order.map { ids[$0] }
        topology.given = [.types, .names]
        if !massOfType.isEmpty {
            if let missing = Set(types).first(where: { massOfType[$0] == nil }) {
                throw FormatError(path: path, "the Masses section has no mass for atom type \(missing)")
            }
            topology.given.insert(.masses)
        }
        if charges != nil { topology.given.insert(.charges) }
        if let molecules {
            topology.moleculeIDs = order.map { molecules[$0] }
            topology.given.formUnion([.molecules])
        }
        topology.bonds = try bonds.map { a, b in
            guard let i = indexOfID[a], let j = indexOfID[b] else {
                throw FormatError(
                    path: path, "a bond names atom id \(indexOfID[a] == nil ? a : b), which is not in the Atoms section"
                )
            }
            return (i, j)
        }
        if !bonds.isEmpty { topology.given.insert(.bonds) }
        topology.guessMissingElementsAndMasses()
        return topology
    }

    func inferStyle(columnCount: Int) throws -> LAMMPSAtomStyle {
        switch columnCount {
        case 7, 10: return .full
        case 5, 8: return .atomic
        default:
            throw error(
                "the Atoms section does not say its atom style ('Atoms # full'), and \(columnCount) columns could be several styles; add the comment"
            )
        }
    }

    /// Reads the blank line after a section keyword, then `count` rows.
    func readRows(
        _ count: Int, section: String, minColumns: Int,
        _ row: (TextFields, String?) throws -> Void
    ) throws {
        var done = 0
        while done < count {
            guard let line = try lines.nextLine() else {
                throw FormatError(
                    path: path, line: lines.lineNumber, "the \(section) section ends after \(done) of \(count) rows")
            }
            let (body, comment) = splitComment(line)
            fields.split(body)
            if fields.count == 0 { continue }
            if let first = fields.bytes(0).first, !isNumberStart(first) {
                throw error("the \(section) section has \(done) rows, but the header promised \(count)")
            }
            guard fields.count >= minColumns else {
                throw error("expected at least \(minColumns) columns in the \(section) section, found \(fields.count)")
            }
            try row(fields, comment)
            done += 1
        }
    }

    /// Skips the rows of a section IonScope does not need.
    func skipSection() throws {
        var sawRow = false
        while true {
            let offset = lines.offset, line = lines.lineNumber
            guard let text = try lines.nextLine() else { return }
            fields.split(stripComment(text))
            if fields.count == 0 { if sawRow { return } else { continue } }
            if let first = fields.bytes(0).first, !isNumberStart(first) {
                try lines.seek(toOffset: offset, lineNumber: line)
                return
            }
            sawRow = true
        }
    }

    /// A section keyword line such as `Atoms # full`: the keyword and the word after `#`.
    func section(_ line: UnsafeBufferPointer<UInt8>) -> (keyword: String, style: String?) {
        let (body, comment) = splitComment(line)
        fields.split(body)
        let words = (0..<fields.count).map { fields.string($0) }
        return (words.joined(separator: " "), comment)
    }
}

extension LAMMPSDataParser {
    /// The part of a line before `#`, and the first word of the comment after it.
    func splitComment(_ line: UnsafeBufferPointer<UInt8>) -> (UnsafeBufferPointer<UInt8>, String?) {
        guard let hash = line.firstIndex(of: 0x23) else { return (line, nil) }
        let comment = String(decoding: line[(hash + 1)...], as: UTF8.self)
            .split(separator: " ", omittingEmptySubsequences: true).first.map(String.init)
        return (UnsafeBufferPointer(rebasing: line[..<hash]), comment)
    }

    func stripComment(_ line: UnsafeBufferPointer<UInt8>) -> UnsafeBufferPointer<UInt8> { splitComment(line).0 }

    func isNumberStart(_ byte: UInt8) -> Bool {
        (byte >= 0x30 && byte <= 0x39) || byte == 0x2D || byte == 0x2B || byte == 0x2E
    }
}
