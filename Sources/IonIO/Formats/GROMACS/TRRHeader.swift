import IonCore

/// The header of one .trr frame.
///
/// Layout (XDR, big-endian): magic 1993; the version string ("GMX_trn_file") as an int with
/// its length plus one, then an XDR string; thirteen ints: the byte sizes of the ir, e, box,
/// vir, pres, top, sym, x, v and f blocks, natoms, step and nre; then time and λ as floats or
/// doubles. The frame's data follow: box (3×3), virial, pressure, then x, v and f (natoms×3
/// each) for the blocks whose size is not zero. Single or double precision follows from the
/// sizes (box size / 9, or x, v or f size / (3·natoms)), as in GROMACS' `nFloatSize`.
/// The ir, e, top and sym blocks are never written; GROMACS skips them when reading, and so
/// does IonScope.
struct TRRHeader: XDRFrameHeader {
    static let magic: Int32 = 1993

    /// 8 for double precision, 4 for single.
    var realSize: Int
    var boxSize: Int
    var virialSize: Int
    var pressureSize: Int
    var positionSize: Int
    var velocitySize: Int
    var forceSize: Int
    var atomCount: Int
    var step: Int
    /// Time, ps.
    var time: Double
    var lambda: Double
    /// Bytes of this header.
    var length: Int

    var dataLength: Int { boxSize + virialSize + pressureSize + positionSize + velocitySize + forceSize }
    var frameLength: Int { length + dataLength }

    /// Reads the header of frame `frame` at `offset`, checking that the whole frame fits in
    /// the file.
    /// - Throws: ``FormatError`` with `truncation` set when the file ends inside the frame;
    ///   a plain ``FormatError`` for a wrong magic number or inconsistent sizes.
    static func read(from file: BinaryFile, at offset: Int, frame: Int) throws -> TRRHeader {
        let remaining = max(0, file.size - offset)
        // The usual header (12-byte version string, double precision) is 92 bytes; a longer
        // string needs a second read.
        var wanted = min(remaining, 128)
        while true {
            let needed = try file.withBytes(at: offset, count: wanted) { bytes in
                try parse(bytes, offset: offset, fileSize: file.size, path: file.path, frame: frame)
            }
            switch needed {
            case .header(let header): return header
            case .needBytes(let count):
                guard count <= remaining else {
                    throw FormatError(
                        path: file.path, frame: frame, truncation: true,
                        "the file ends inside the frame header (frame starts at byte \(offset), file size \(file.size) bytes)"
                    )
                }
                guard count > wanted else {
                    throw FormatError(path: file.path, frame: frame, "internal error reading the frame header")
                }
                wanted = count
            }
        }
    }

    enum Parse {
        case header(TRRHeader)
        /// The header is longer than the bytes given.
        case needBytes(Int)
    }

    static func parse(
        _ bytes: UnsafeRawBufferPointer, offset: Int, fileSize: Int, path: String,
        frame: Int
    ) throws -> Parse {
        func corrupt(_ message: String) -> FormatError {
            FormatError(path: path, frame: frame, "corrupt frame header at byte \(offset): \(message)")
        }
        var cursor = ByteCursor(bytes, endianness: .big)
        guard bytes.count >= 4 else { return .needBytes(4) }
        let magic = try cursor.int32()
        guard magic == Self.magic else {
            if frame == 0 && bytes[0] == 0x1f && bytes[1] == 0x8b {
                throw FormatError(
                    path: path, frame: frame, "this .trr file is gzip-compressed; decompress it first (gunzip)")
            }
            throw FormatError(
                path: path, frame: frame,
                "wrong magic number \(magic) at byte \(offset) (a .trr frame starts with 1993): not a .trr file, or corrupt"
            )
        }
        guard bytes.count >= 12 else { return .needBytes(12) }
        _ = try cursor.int32()  // version string length + 1
        let stringLength = Int(try cursor.int32())
        guard stringLength >= 0, stringLength <= XDR.maximumStringLength else {
            throw corrupt("version string length \(stringLength)")
        }
        let sizesAt = 12 + XDR.paddedLength(stringLength)
        guard bytes.count >= sizesAt + 13 * 4 else { return .needBytes(sizesAt + 13 * 4 + 16) }
        try cursor.skip(XDR.paddedLength(stringLength))
        let ir = Int(try cursor.int32()), energy = Int(try cursor.int32())
        let boxSize = Int(try cursor.int32()), virialSize = Int(try cursor.int32())
        let pressureSize = Int(try cursor.int32())
        let topology = Int(try cursor.int32()), symmetry = Int(try cursor.int32())
        let positionSize = Int(try cursor.int32()), velocitySize = Int(try cursor.int32())
        let forceSize = Int(try cursor.int32())
        let atoms = Int(try cursor.int32()), step = Int(try cursor.int32())
        _ = try cursor.int32()  // nre
        guard
            min(
                ir, energy, boxSize, virialSize, pressureSize, topology, symmetry, positionSize, velocitySize,
                forceSize, atoms) >= 0
        else {
            throw corrupt("a negative block size or atom count")
        }
        // Input-record, energy, topology and symmetry blocks are never part of a trajectory frame
        // (GROMACS writes 0 for their sizes); a header that claims them is not one IonScope can lay out.
        for (name, size) in [("ir", ir), ("e", energy), ("top", topology), ("sym", symmetry)] where size != 0 {
            throw corrupt("the \(name)_size field is \(size); trajectory frames have 0 there")
        }
        let realSize: Int
        if boxSize != 0 {
            realSize = boxSize / 9
        } else if atoms > 0, positionSize + velocitySize + forceSize > 0 {
            realSize = max(positionSize, velocitySize, forceSize) / (3 * atoms)
        } else {
            throw corrupt("no box, positions, velocities or forces, so the precision cannot be told")
        }
        guard realSize == 4 || realSize == 8 else {
            throw corrupt(
                "box \(boxSize) bytes, x \(positionSize), v \(velocitySize), f \(forceSize) for \(atoms) atoms fit neither single nor double precision"
            )
        }
        func check(_ name: String, _ size: Int, _ count: Int) throws {
            guard size == 0 || size == count * realSize else {
                throw corrupt("the \(name) block has \(size) bytes, expected \(count * realSize)")
            }
        }
        try check("box", boxSize, 9); try check("virial", virialSize, 9); try check("pressure", pressureSize, 9)
        try check("x", positionSize, 3 * atoms); try check("v", velocitySize, 3 * atoms);
        try check("f", forceSize, 3 * atoms)
        let length = sizesAt + 13 * 4 + 2 * realSize
        guard bytes.count >= length else { return .needBytes(length) }
        let time = realSize == 8 ? try cursor.float64() : Double(try cursor.float32())
        let lambda = realSize == 8 ? try cursor.float64() : Double(try cursor.float32())
        let header = TRRHeader(
            realSize: realSize, boxSize: boxSize, virialSize: virialSize, pressureSize: pressureSize,
            positionSize: positionSize, velocitySize: velocitySize, forceSize: forceSize,
            atomCount: atoms, step: step, time: time, lambda: lambda, length: length)
        guard header.frameLength <= fileSize - offset else {
            throw FormatError(
                path: path, frame: frame, truncation: true,
                "the frame's \(header.dataLength) data bytes run past the end of the file (\(fileSize - offset - length) bytes left after the header): the file is truncated or the header is corrupt"
            )
        }
        return .header(header)
    }
}
