import IonCore

/// Parses one XYZ frame: the atom count line, the comment line, then one line per atom.
struct ExtXYZFrameParser: TextFrameParser {
    let path: String
    let units: ExtXYZUnits
    /// Atoms per frame, fixed by frame 0.
    var atomCount: Int?
    /// Masses (g/mol) for turning ASE momenta into velocities when a frame has no masses column.
    var topologyMasses: [Double]?
    /// Further per-atom columns to keep in ``Frame/perAtom`` (``ReaderOptions/perAtomColumns``).
    var extras: [String] = []
    /// While true, `read` keeps the species, masses and charges it meets (for frame 0).
    var collectsTopology = false
    private(set) var species: [String] = []
    private(set) var masses: [Double]?
    private(set) var charges: [Double]?
    private var cache: (specification: String, layout: ExtXYZLayout)?
    /// The fields of ``extras`` in the layout they were found for.
    private var extraFields: (layout: ExtXYZLayout, fields: [Int])?
    private var fields = TextFields()
    private var massScratch: [Double] = []

    init(path: String, units: ExtXYZUnits) {
        self.path = path; self.units = units
    }

    mutating func read(_ lines: LineReader, frame index: Int, into frame: inout Frame) throws -> Bool {
        guard let n = try readCounts(lines, frame: index) else { return false }
        let commentLine = lines.lineNumber
        guard let comment = try lines.nextLine() else {
            throw FormatError(
                path: path, frame: index, line: commentLine, truncation: true,
                "the file ends after the atom count line; expected a comment line and \(n) atom lines")
        }
        let header = try ExtXYZHeader(comment: comment, units: units, cache: &cache) {
            FormatError(path: path, frame: index, line: commentLine + 1, $0)
        }
        try checkAtomCount(n, frame: index, line: commentLine)
        let layout = header.layout
        // Frame 0's count is not checked against anything yet: grow the arrays as lines arrive,
        // so a corrupt count meets the end of the file instead of a huge allocation.
        resize(&frame, atomCount == nil ? min(n, 1 << 16) : n, layout)
        if collectsTopology {
            species = []; species.reserveCapacity(min(n, 1 << 16))
            masses = layout.has(.mass) ? [] : nil
            charges = layout.has(.charge) ? [] : nil
        }
        let columns = Columns(layout)
        let extraFields = try extraFieldIndices(of: extras, in: layout, frame: index, line: commentLine + 1)
        var massesFromSpecies = false
        if layout.has(.momentum) && !layout.has(.mass) {
            if let known = topologyMasses, known.count == n {
                massScratch = known
            } else {
                massesFromSpecies = true
            }
        }
        for i in 0..<n {
            guard let line = try lines.nextLine() else {
                throw FormatError(
                    path: path, frame: index, line: lines.lineNumber, truncation: true,
                    "the file ends after \(i) of the \(n) atom lines of this frame")
            }
            if i == frame.positions.count { resize(&frame, min(2 * i, n), layout) }
            fields.split(line)
            if fields.count < layout.width {
                let lineNumber = lines.lineNumber
                let atEnd = lines.atEnd
                throw FormatError(
                    path: path, frame: index, line: lineNumber, truncation: atEnd,
                    "atom \(i + 1) has \(fields.count) columns; the frame's Properties need \(layout.width)")
            }
            try parseAtom(
                i, columns, &frame, massesFromSpecies: massesFromSpecies, frame: index, line: lines.lineNumber)
            for (k, field) in extraFields.enumerated() {
                guard let value = fields.double(field) else {
                    throw FormatError(
                        path: path, frame: index, line: lines.lineNumber,
                        "atom \(i + 1), column \(field + 1) (\(extras[k])): '\(fields.string(field))' is not a finite number"
                    )
                }
                frame.perAtom[k][i] = value
            }
        }
        frame.box = header.box
        frame.step = header.step
        frame.time = header.time
        frame.wrapping = .unknown
        return true
    }

    mutating func skip(_ lines: LineReader, frame index: Int) throws -> Bool {
        guard let n = try readCounts(lines, frame: index) else { return false }
        guard try lines.nextLine() != nil else {
            throw FormatError(
                path: path, frame: index, line: lines.lineNumber, truncation: true,
                "the file ends after the atom count line; expected a comment line and \(n) atom lines")
        }
        try checkAtomCount(n, frame: index, line: lines.lineNumber - 1)
        let skipped = try lines.skipLines(n)
        guard skipped == n else {
            throw FormatError(
                path: path, frame: index, line: lines.lineNumber, truncation: true,
                "the file ends after \(skipped) of the \(n) atom lines of this frame")
        }
        return true
    }

    /// The atom count of the next frame, skipping blank lines; nil at the end of the file.
    private func readCounts(_ lines: LineReader, frame index: Int) throws -> Int? {
        while let line = try lines.nextLine() {
            var f = TextFields()
            f.split(line)
            if f.count == 0 { continue }
            guard f.count == 1, let n = f.int(0), n >= 0 else {
                throw FormatError(
                    path: path, frame: index, line: lines.lineNumber,
                    "expected the number of atoms alone on this line, found '\(String(decoding: line, as: UTF8.self))'")
            }
            return n
        }
        return nil
    }

    private func checkAtomCount(_ n: Int, frame index: Int, line: Int) throws {
        if let atomCount, n != atomCount {
            throw FormatError(
                path: path, frame: index, line: line,
                "this frame has \(n) atoms, frame 0 has \(atomCount); a changing number of atoms is not supported")
        }
    }

    /// Where the ``extras`` are in `layout`, found once per distinct layout.
    private mutating func extraFieldIndices(of names: [String], in layout: ExtXYZLayout, frame index: Int, line: Int)
        throws
        -> [Int]
    {
        if names.isEmpty { return [] }
        if let known = extraFields, known.layout == layout { return known.fields }
        do {
            let found = try layout.fields(of: names)
            extraFields = (layout, found)
            return found
        } catch let problem {
            throw FormatError(path: path, frame: index, line: line, "this frame " + problem.message)
        }
    }

    /// Gives every array the frame's layout uses `n` elements, keeping what they hold.
    private mutating func resize(_ frame: inout Frame, _ n: Int, _ layout: ExtXYZLayout) {
        func sized<T>(_ array: [T]?, _ zero: T) -> [T] {
            var array = array ?? []
            if array.count > n { array.removeLast(array.count - n) }
            if array.count < n { array.append(contentsOf: repeatElement(zero, count: n - array.count)) }
            return array
        }
        frame.positions = sized(frame.positions, .zero)
        frame.velocities = layout.has(.velocity) || layout.has(.momentum) ? sized(frame.velocities, .zero) : nil
        frame.forces = layout.has(.force) ? sized(frame.forces, .zero) : nil
        frame.charges = layout.has(.charge) ? sized(frame.charges, 0) : nil
        frame.images = nil
        if frame.perAtom.count != extras.count { frame.perAtom = Array(repeating: [], count: extras.count) }
        for k in frame.perAtom.indices { frame.perAtom[k] = sized(frame.perAtom[k], 0) }
        if layout.has(.mass) || layout.has(.momentum) { massScratch = sized(massScratch, 0) }
    }

    /// The layout's columns resolved once per frame, for the per-atom loop.
    private struct Columns {
        let species, position, velocity, momentum, force, charge, mass: Int?
        init(_ layout: ExtXYZLayout) {
            (species, position, velocity) = (
                layout.column(.species), layout.column(.position), layout.column(.velocity)
            )
            (momentum, force) = (layout.column(.momentum), layout.column(.force))
            (charge, mass) = (layout.column(.charge), layout.column(.mass))
        }
    }

    private mutating func parseAtom(
        _ i: Int, _ columns: Columns, _ frame: inout Frame,
        massesFromSpecies: Bool, frame index: Int, line: Int
    ) throws {
        func number(_ column: Int) throws -> Double {
            guard let value = fields.double(column) else {
                throw FormatError(
                    path: path, frame: index, line: line,
                    "atom \(i + 1), column \(column + 1): '\(fields.string(column))' is not a finite number")
            }
            return value
        }
        func vector(_ column: Int) throws -> Vec3 {
            Vec3(try number(column), try number(column + 1), try number(column + 2))
        }
        if let c = columns.position { frame.positions[i] = try vector(c) * units.length }
        if let c = columns.mass {
            let mass = try number(c)
            massScratch[i] = mass
            if collectsTopology { masses?.append(mass) }
        }
        if let c = columns.velocity { frame.velocities?[i] = try vector(c) * units.velocity }
        if let c = columns.momentum {
            if massesFromSpecies, let s = columns.species {
                massScratch[i] = Elements.mass(of: fields.string(s)) ?? 0
            }
            guard massScratch[i] > 0 else {
                throw FormatError(
                    path: path, frame: index, line: line,
                    "atom \(i + 1): momenta need a positive mass; add a masses column or use element symbols as species"
                )
            }
            frame.velocities?[i] = try vector(c) / (massScratch[i] * ExtXYZUnits.aseTime)
        }
        if let c = columns.force { frame.forces?[i] = try vector(c) * units.force }
        if let c = columns.charge {
            let charge = try number(c)
            frame.charges?[i] = charge
            if collectsTopology { charges?.append(charge) }
        }
        if collectsTopology { species.append(columns.species.map { fields.string($0) } ?? "") }
    }
}
