import IonCore

/// The header of a DCD file: Fortran unformatted records of 84 bytes (`CORD` and 20 control
/// integers), the title lines, the atom count, and for files with fixed atoms the list of free
/// atoms. Layout as CHARMM, NAMD, LAMMPS (`dump_dcd.cpp`), VMD's `dcdplugin` and MDAnalysis
/// (`readdcd.h`) write and read it.
///
/// Control integers (0-based): 0 NSET frames, 1 ISTART first step, 2 NSAVC steps between
/// frames, 8 NAMNF fixed atoms, 9 DELTA timestep (float32; float64 over 9–10 in X-PLOR files),
/// 10 unit-cell flag, 11 4D flag, 19 CHARMM version (0 for X-PLOR).
struct DCDHeader {
    var endianness: Endianness
    /// Bytes per Fortran record marker: 4, or 8 for files from compilers with 64-bit markers.
    var markerSize: Int
    var frameCountInHeader: Int
    var firstStep: Int
    var stepInterval: Int
    var delta: Double
    /// CHARMM version number; 0 for X-PLOR files.
    var charmmVersion: Int
    var hasUnitCell: Bool
    var hasFourthDimension: Bool
    var title: [String]
    var atomCount: Int
    /// 0-based indices of the atoms stored in every frame after the first, when atoms are fixed.
    var freeAtoms: [Int]?
    /// Bytes before the first frame.
    var size: Int

    var isCHARMM: Bool { charmmVersion != 0 }

    /// Bytes of a frame that stores `atoms` atoms.
    func frameSize(atoms: Int) -> Int {
        var bytes = 3 * (2 * markerSize + 4 * atoms)
        if hasUnitCell { bytes += 2 * markerSize + 48 }
        if hasFourthDimension { bytes += 2 * markerSize + 4 * atoms }
        return bytes
    }

    var firstFrameSize: Int { frameSize(atoms: atomCount) }
    var laterFrameSize: Int { frameSize(atoms: freeAtoms?.count ?? atomCount) }

    init(file: BinaryFile) throws {
        let path = file.path
        func fail(_ message: String) -> FormatError { FormatError(path: path, "DCD header: " + message) }
        let probe = try file.withBytes(at: 0, count: 16) { Array($0) }
        guard let (endianness, markerSize) = Self.detectLayout(probe) else {
            if probe.count >= 8, Array(probe[4..<8]) == Array("VELD".utf8) {
                throw fail("this is a CHARMM velocity file (VELD); only coordinate files (CORD) are read")
            }
            throw fail("the file does not start with a Fortran record of 84 bytes holding 'CORD': not a DCD file")
        }
        self.endianness = endianness
        self.markerSize = markerSize
        var records = DCDRecordReader(file: file, endianness: endianness, markerSize: markerSize)
        let control = try records.next(fail)
        guard control.count == 84 else { throw fail("the first record has \(control.count) bytes, expected 84") }
        let ints = (0..<20).map { k in Self.int32(control, at: 4 + 4 * k, endianness) }
        charmmVersion = Int(ints[19])
        frameCountInHeader = Int(ints[0])
        firstStep = Int(ints[1])
        stepInterval = Int(ints[2])
        if charmmVersion != 0 {
            delta = Double(Float(bitPattern: UInt32(bitPattern: ints[9])))
            hasUnitCell = ints[10] != 0
            hasFourthDimension = ints[11] == 1
        } else {
            let low = UInt64(UInt32(bitPattern: ints[9])), high = UInt64(UInt32(bitPattern: ints[10]))
            delta = Double(bitPattern: endianness == .little ? low | high << 32 : high | low << 32)
            hasUnitCell = false
            hasFourthDimension = false
        }
        let fixedCount = Int(ints[8])

        let titleRecord = try records.next(fail)
        title = try Self.titleLines(titleRecord, endianness, fail)

        let atoms = try records.next(fail)
        guard atoms.count == 4 else { throw fail("the atom count record has \(atoms.count) bytes, expected 4") }
        atomCount = Int(Self.int32(atoms, at: 0, endianness))
        guard atomCount > 0 else { throw fail("the atom count is \(atomCount)") }

        if fixedCount != 0 {
            guard fixedCount > 0, fixedCount < atomCount else {
                throw fail("\(fixedCount) fixed atoms of \(atomCount) atoms")
            }
            let list = try records.next(fail)
            let free = atomCount - fixedCount
            guard list.count == 4 * free else {
                throw fail("the free-atom list has \(list.count) bytes, expected \(4 * free) for \(free) free atoms")
            }
            var indices = [Int]()
            indices.reserveCapacity(free)
            for k in 0..<free {
                let index = Int(Self.int32(list, at: 4 * k, endianness)) - 1
                guard index >= 0, index < atomCount else {
                    throw fail("free atom \(k + 1) is atom \(index + 1), outside 1…\(atomCount)")
                }
                indices.append(index)
            }
            freeAtoms = indices
        } else {
            freeAtoms = nil
        }
        size = records.offset
    }

    /// Byte order and marker size from the first record marker (84) and the magic 'CORD'.
    private static func detectLayout(_ bytes: [UInt8]) -> (Endianness, Int)? {
        let cord = Array("CORD".utf8)
        func matches(_ marker: [UInt8], at offset: Int) -> Bool {
            bytes.count >= offset + 4 && Array(bytes[0..<marker.count]) == marker
                && Array(bytes[offset..<(offset + 4)]) == cord
        }
        if matches([84, 0, 0, 0], at: 4) { return (.little, 4) }
        if matches([0, 0, 0, 84], at: 4) { return (.big, 4) }
        if matches([84, 0, 0, 0, 0, 0, 0, 0], at: 8) { return (.little, 8) }
        if matches([0, 0, 0, 0, 0, 0, 0, 84], at: 8) { return (.big, 8) }
        return nil
    }

    static func int32(_ bytes: [UInt8], at offset: Int, _ endianness: Endianness) -> Int32 {
        let b = (UInt32(bytes[offset]), UInt32(bytes[offset + 1]), UInt32(bytes[offset + 2]), UInt32(bytes[offset + 3]))
        let value =
            endianness == .little ? b.0 | b.1 << 8 | b.2 << 16 | b.3 << 24 : b.3 | b.2 << 8 | b.1 << 16 | b.0 << 24
        return Int32(bitPattern: value)
    }

    /// Title lines: NTITLE then 80-character lines, trimmed of spaces and NULs. A record one
    /// line short of NTITLE (older MDAnalysis wrote 3 lines in a 164-byte record) is read as far
    /// as it goes; a negative NTITLE, or one further from the record, is a corrupt header.
    private static func titleLines(
        _ record: [UInt8], _ endianness: Endianness, _ fail: (String) -> FormatError
    ) throws -> [String] {
        guard record.count >= 4 else { return [] }
        let declared = Int(int32(record, at: 0, endianness))
        let available = (record.count - 4) / 80
        guard declared >= 0, declared <= available + 1 else {
            throw fail("NTITLE says \(declared) title lines, but the title record holds \(available)")
        }
        return (0..<max(0, min(declared, available))).map { k in
            let line = record[(4 + 80 * k)..<(4 + 80 * (k + 1))]
            let text = line.prefix { $0 != 0 }
            return String(decoding: text, as: UTF8.self).trimmingSpaces()
        }
    }
}

extension String {
    fileprivate func trimmingSpaces() -> String {
        var s = Substring(self)
        while let c = s.first, c == " " || c == "\t" { s.removeFirst() }
        while let c = s.last, c == " " || c == "\t" { s.removeLast() }
        return String(s)
    }
}
