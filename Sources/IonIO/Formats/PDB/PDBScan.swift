import IonCore

/// One pass over a whole PDB file when it is opened: where each model starts, the first model's
/// atoms as a topology, its cell, and the CONECT bonds (which writers put after the last model).
///
/// A frame is the ATOM/HETATM records up to an ENDMDL or END record (or the end of the file);
/// MODEL records are not required, so files that separate frames with END only (VMD) read too.
/// - Complexity: O(file size); only the first model's records are parsed beyond their name.
struct PDBScan {
    var index = TextFrameIndex()
    var atomCounts: [Int] = []
    var topology = Topology(atomCount: 0)
    var records = PDBAtomRecords()
    var firstBox: Box?

    init(lines: LineReader) throws {
        let path = lines.path
        var segment = (offset: lines.offset, line: lines.lineNumber)
        var atoms = 0
        var lastLineWasShortAtom = false
        var builder = TopologyBuilder()
        var conect: [(line: Int, serials: [Int])] = []
        while let line = try lines.nextLine() {
            lastLineWasShortAtom = false
            if PDBColumns.isRecord(line, "ATOM") || PDBColumns.isRecord(line, "HETATM") {
                if atomCounts.isEmpty { builder.add(line) }
                atoms += 1
                lastLineWasShortAtom = line.count < 54
            } else if PDBColumns.isRecord(line, "ENDMDL") || PDBColumns.isRecord(line, "END") {
                if atoms > 0 {
                    index.append(offset: segment.offset, lineNumber: segment.line)
                    atomCounts.append(atoms)
                    atoms = 0
                    segment = (lines.offset, lines.lineNumber)
                }
            } else if PDBColumns.isRecord(line, "CRYST1"), atomCounts.isEmpty, firstBox == nil {
                firstBox = try PDBColumns.cryst1(line, path: path, frame: 0, lineNumber: lines.lineNumber)
            } else if PDBColumns.isRecord(line, "CONECT") {
                var serials: [Int] = []
                for first in stride(from: 7, through: 27, by: 5) {
                    let text = PDBColumns.field(line, first, first + 4)
                    if text.isEmpty { continue }
                    guard let serial = PDBColumns.hybrid36(text, width: 5) else {
                        throw FormatError(
                            path: path, line: lines.lineNumber,
                            "CONECT columns \(first)–\(first + 4) hold '\(PDBColumns.string(line, first, first + 4))', expected an atom serial number"
                        )
                    }
                    serials.append(serial)
                }
                conect.append((lines.lineNumber, serials))
            }
        }
        var endedByFileEnd = false
        if atoms > 0 {
            index.append(offset: segment.offset, lineNumber: segment.line)
            atomCounts.append(atoms)
            endedByFileEnd = true
        }
        guard let first = atomCounts.first else {
            throw FormatError(path: path, "no ATOM or HETATM records: not a PDB file with coordinates")
        }
        // The last frame is cut short when the file ends inside it: fewer atoms than the first
        // model, or an atom record shorter than its coordinates.
        var complete = atomCounts.count
        if endedByFileEnd, lastLineWasShortAtom || (atomCounts.count > 1 && atoms < first) {
            complete -= 1
        }
        index.completeCount = complete
        (topology, records) = try builder.finish(path: path, conect: conect)
    }
}

/// Collects the first model's ATOM/HETATM fields into a topology.
private struct TopologyBuilder {
    var names: [String] = [], elements: [String] = [], residueNames: [String] = []
    var residueIDs: [Int] = [], charges: [Double] = []
    var records = PDBAtomRecords()
    var anyCharge = false, allElements = true, unreadableSerials = false

    mutating func add(_ line: UnsafeBufferPointer<UInt8>) {
        let serial = PDBColumns.hybrid36(PDBColumns.field(line, 7, 11), width: 5)
        if serial == nil { unreadableSerials = true }
        records.serials.append(serial ?? ((records.serials.last ?? 0) + 1))
        names.append(PDBColumns.string(line, 13, 16))
        records.alternateLocations.append(PDBColumns.string(line, 17, 17))
        residueNames.append(PDBColumns.string(line, 18, 21))
        records.chainIDs.append(PDBColumns.string(line, 22, 22))
        residueIDs.append(PDBColumns.hybrid36(PDBColumns.field(line, 23, 26), width: 4) ?? 0)
        records.insertionCodes.append(PDBColumns.string(line, 27, 27))
        records.occupancies.append(parseDouble(PDBColumns.field(line, 55, 60)) ?? 1)
        records.temperatureFactors.append(parseDouble(PDBColumns.field(line, 61, 66)) ?? 0)
        records.isHetero.append(line.first == 0x48)  // "H"ETATM
        let element = PDBColumns.element(PDBColumns.field(line, 77, 78))
        if element.isEmpty || Elements.mass(of: element) == nil { allElements = false }
        elements.append(element)
        let charge = PDBColumns.charge(PDBColumns.field(line, 79, 80))
        if charge != nil { anyCharge = true }
        charges.append(Double(charge ?? 0))
    }

    func finish(path: String, conect: [(line: Int, serials: [Int])]) throws -> (Topology, PDBAtomRecords) {
        let n = names.count
        var topology = Topology(atomCount: n)
        topology.names = names
        topology.types = names
        topology.residueNames = residueNames
        topology.residueIDs = residueIDs
        topology.charges = charges
        topology.given = [.names, .residues]
        if anyCharge { topology.given.insert(.charges) }
        if records.serials.enumerated().contains(where: { $0.element != $0.offset + 1 }) {
            topology.atomIDs = records.serials
        }
        if allElements {
            topology.elements = elements
            topology.given.insert(.elements)
            topology.guessMissingElementsAndMasses()
        } else {
            // Guess every element from its name, then keep the ones the file gives.
            topology.guessMissingElementsAndMasses()
            var masses = topology.masses
            for i in 0..<n where !elements[i].isEmpty {
                topology.elements[i] = elements[i]
                masses[i] = Elements.mass(of: elements[i]) ?? masses[i]
            }
            topology.masses = masses
        }
        var indexOfSerial: [Int: Int32] = [:]
        for (i, serial) in records.serials.enumerated() where indexOfSerial[serial] == nil {
            indexOfSerial[serial] = Int32(i)
        }
        var seen = Set<Int64>()
        for (lineNumber, serials) in conect {
            guard let head = serials.first else { continue }
            for partner in serials.dropFirst() {
                guard let i = indexOfSerial[head], let j = indexOfSerial[partner] else {
                    if unreadableSerials { continue }  // serials such as ***** cannot be matched
                    let missing = indexOfSerial[head] == nil ? head : partner
                    throw FormatError(
                        path: path, line: lineNumber,
                        "CONECT names atom serial \(missing), which no ATOM or HETATM record of the first model has")
                }
                let (a, b) = (min(i, j), max(i, j))
                guard a != b, seen.insert(Int64(a) << 32 | Int64(b)).inserted else { continue }
                topology.bonds.append((a, b))
            }
        }
        if !topology.bonds.isEmpty { topology.given.insert(.bonds) }
        return (topology, records)
    }
}
