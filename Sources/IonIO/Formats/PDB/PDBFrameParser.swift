import IonCore

/// Parses one PDB model: ATOM/HETATM coordinates and CRYST1 up to ENDMDL or END.
struct PDBFrameParser: TextFrameParser {
    let path: String
    let atomCount: Int
    /// Cell of the first model, for models without their own CRYST1 (MDAnalysis writes one).
    let firstBox: Box?

    mutating func read(_ lines: LineReader, frame index: Int, into frame: inout Frame) throws -> Bool {
        if frame.positions.count != atomCount {
            frame.positions = [Vec3](repeating: .zero, count: atomCount)
        }
        var box: Box?
        let count = try frame.positions.withUnsafeMutableBufferPointer { positions in
            try scan(
                lines, frame: index,
                cell: { line in
                    box = try PDBColumns.cryst1(line, path: path, frame: index, lineNumber: lines.lineNumber)
                },
                atom: { line, k in
                    let (r, bad) = PDBColumns.coordinates(line)
                    guard let r else {
                        let lineNumber = lines.lineNumber
                        let atEnd = lines.atEnd
                        throw FormatError(
                            path: path, frame: index, line: lineNumber, truncation: atEnd,
                            "atom \(k + 1): \(bad); expected three finite numbers"
                                + (atEnd ? " (the file ends inside this record)" : ""))
                    }
                    positions[k] = r
                })
        }
        guard count > 0 else { return false }
        frame.box = box ?? firstBox
        frame.velocities = nil; frame.forces = nil; frame.images = nil; frame.charges = nil
        frame.step = nil; frame.time = nil
        frame.wrapping = .unknown
        return true
    }

    mutating func skip(_ lines: LineReader, frame index: Int) throws -> Bool {
        try scan(lines, frame: index, cell: { _ in }, atom: { _, _ in }) > 0
    }

    /// Walks the records of one frame, calling `cell` for CRYST1 and `atom` for each ATOM/HETATM
    /// record with its number in the frame. Returns the number of atoms (0 at the end of the file).
    private func scan(
        _ lines: LineReader, frame index: Int,
        cell: (UnsafeBufferPointer<UInt8>) throws -> Void,
        atom: (UnsafeBufferPointer<UInt8>, Int) throws -> Void
    ) throws -> Int {
        var count = 0
        var terminated = false
        while let line = try lines.nextLine() {
            if PDBColumns.isRecord(line, "ATOM") || PDBColumns.isRecord(line, "HETATM") {
                guard count < atomCount else {
                    throw FormatError(
                        path: path, frame: index, line: lines.lineNumber,
                        "more atoms than the \(atomCount) of the first model; a changing number of atoms is not supported"
                    )
                }
                try atom(line, count)
                count += 1
            } else if PDBColumns.isRecord(line, "CRYST1") {
                try cell(line)
            } else if PDBColumns.isRecord(line, "ENDMDL") || PDBColumns.isRecord(line, "END") {
                if count > 0 { terminated = true; break }
            }
        }
        if count > 0 && count < atomCount {
            // Ended by ENDMDL/END: a model with fewer atoms. Ended by the file: cut short.
            throw FormatError(
                path: path, frame: index, line: lines.lineNumber, truncation: !terminated,
                terminated
                    ? "this model has \(count) atoms, the first model \(atomCount); a changing number of atoms is not supported"
                    : "the file ends after \(count) of the \(atomCount) atoms of this model")
        }
        return count
    }
}
