import IonCore

/// The per-atom identities of a dump's first frame: ids and whatever else the columns say
/// about the atoms (type, molecule, charge, element, mass).
struct LAMMPSDumpIdentities {
    var ids: [Int] = []
    var types: [String]?
    var molecules: [Int]?
    var charges: [Double]?
    var elements: [String]?
    var masses: [Double]?

    /// The topology the dump carries, in atom-index order.
    func topology(order: LAMMPSAtomOrder, units: UnitSystem) -> Topology {
        var topology = Topology(atomCount: ids.count)
        topology.atomIDs = order.ids
        for (row, id) in ids.enumerated() {
            let index = order.index(of: id)
            if let types { topology.types[index] = types[row]; topology.names[index] = types[row] }
            if let elements { topology.elements[index] = elements[row]; topology.names[index] = elements[row] }
            if let molecules { topology.residueIDs[index] = molecules[row] }
            if let charges { topology.charges[index] = charges[row] * units.charge }
            if let masses { topology.masses[index] = masses[row] * units.mass }
        }
        if let molecules {
            topology.moleculeIDs = order.ids.indices.map { _ in 0 }
            for (row, id) in ids.enumerated() { topology.moleculeIDs![order.index(of: id)] = molecules[row] }
            topology.given.insert(.molecules)
        }
        if types != nil { topology.given.formUnion([.types, .names]) }
        if elements != nil { topology.given.formUnion([.elements, .names]) }
        if charges != nil { topology.given.insert(.charges) }
        if masses != nil { topology.given.insert(.masses) }
        topology.guessMissingElementsAndMasses()
        return topology
    }
}

extension LAMMPSDumpReader {
    /// Reads the first frame's atom lines for ids and identity columns.
    static func readIdentities(
        lines: LineReader, fields: inout TextFields, layout: LAMMPSDumpLayout,
        count: Int, path: String
    ) throws -> LAMMPSDumpIdentities {
        var result = LAMMPSDumpIdentities()
        let column = { (c: LAMMPSDumpColumn) in layout.actions.firstIndex(of: c) }
        if column(.type) != nil { result.types = [] }
        if column(.mol) != nil { result.molecules = [] }
        if column(.charge) != nil { result.charges = [] }
        if column(.element) != nil { result.elements = [] }
        if column(.mass) != nil { result.masses = [] }
        for row in 0..<count {
            guard let line = try lines.nextLine() else {
                throw FormatError(
                    path: path, frame: 0, line: lines.lineNumber, truncation: true,
                    "the file ends inside the first frame after \(row) of \(count) atom lines")
            }
            fields.split(line)
            func fail(_ what: String) -> FormatError {
                FormatError(path: path, frame: 0, line: lines.lineNumber, what)
            }
            guard fields.count >= layout.actions.count else {
                throw fail(
                    "expected \(layout.actions.count) columns (\(layout.header.joined(separator: " "))), found \(fields.count)"
                )
            }
            if let k = column(.id) {
                guard let id = fields.int(k) else {
                    throw fail("column 'id' should be an integer, found '\(fields.string(k))'")
                }
                result.ids.append(id)
            } else {
                result.ids.append(row + 1)
            }
            if let k = column(.type) { result.types!.append(fields.string(k)) }
            if let k = column(.element) { result.elements!.append(fields.string(k)) }
            if let k = column(.mol) {
                guard let mol = fields.int(k) else {
                    throw fail("column 'mol' should be an integer, found '\(fields.string(k))'")
                }
                result.molecules!.append(mol)
            }
            if let k = column(.charge) {
                guard let q = fields.double(k) else {
                    throw fail("column 'q' should be a finite number, found '\(fields.string(k))'")
                }
                result.charges!.append(q)
            }
            if let k = column(.mass) {
                guard let m = fields.double(k) else {
                    throw fail("column 'mass' should be a finite number, found '\(fields.string(k))'")
                }
                result.masses!.append(m)
            }
        }
        return result
    }
}
