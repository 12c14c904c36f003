import IonCore

/// The header of one .xtc frame, everything before the coordinate data.
///
/// Layout (XDR, big-endian): magic (1995, or 2023 for files whose compressed block may pass
/// 2³¹ bytes), natoms, step, time (float, ps), box (9 floats, nm, row i = box vector i),
/// natoms again. Frames of at most 9 atoms then hold 3·natoms plain floats. Larger frames go on
/// with the compression parameters: precision (float), minint[3], maxint[3], smallidx (int32),
/// the byte count of the bit-packed block (int32; int64 after magic 2023), and the block itself,
/// zero-padded to a multiple of 4 bytes.
struct XTCHeader: XDRFrameHeader {
    static let magic: Int32 = 1995
    /// Magic of GROMACS ≥ 2023 files with a 64-bit byte count (systems beyond ~300 M atoms).
    static let largeMagic: Int32 = 2023
    /// Frames of this many atoms or fewer store plain floats.
    static let largestUncompressed = 9
    /// Bytes up to and including the second natoms.
    static let fixedLength = 56
    /// The most header bytes any frame has (magic 2023 with compression).
    static let maximumLength = fixedLength + 40

    /// Compression parameters of a frame of more than 9 atoms.
    struct Compression {
        /// Coordinates are integers on a grid of 1/precision nm.
        var precision: Float
        var minimum: SIMD3<Int32>
        var maximum: SIMD3<Int32>
        /// Index into the magic-integer table for the first run of small differences.
        var smallIndex: Int32
        /// Bytes of bit-packed data (without the XDR padding).
        var byteCount: Int
    }

    var atomCount: Int
    var step: Int
    /// Time, ps (as the file's float).
    var time: Float
    /// Box vectors, nm.
    var box: (Vec3, Vec3, Vec3)
    /// Nil for frames of at most 9 atoms.
    var compression: Compression?
    /// Bytes of this header.
    var length: Int
    /// Bytes of coordinate data after the header, XDR padding included.
    var dataLength: Int
    /// Bytes of the whole frame.
    var frameLength: Int { length + dataLength }

    /// Reads the header of frame `frame` at `offset`, checking that the whole frame fits in
    /// the file.
    /// - Throws: ``FormatError`` with `truncation` set when the file ends inside the frame;
    ///   a plain ``FormatError`` for a wrong magic number or an impossible size.
    static func read(from file: BinaryFile, at offset: Int, frame: Int) throws -> XTCHeader {
        let available = max(0, min(maximumLength, file.size - offset))
        return try file.withBytes(at: offset, count: available) { bytes in
            try parse(bytes, offset: offset, fileSize: file.size, path: file.path, frame: frame)
        }
    }

    static func parse(
        _ bytes: UnsafeRawBufferPointer, offset: Int, fileSize: Int, path: String,
        frame: Int
    ) throws -> XTCHeader {
        func truncated(_ what: String) -> FormatError {
            FormatError(
                path: path, frame: frame, truncation: true,
                "the file ends inside \(what) (frame starts at byte \(offset), file size \(fileSize) bytes)")
        }
        var cursor = ByteCursor(bytes, endianness: .big)
        guard bytes.count >= 4 else { throw truncated("the frame header") }
        let magic = try cursor.int32()
        guard magic == Self.magic || magic == largeMagic else {
            if frame == 0 && bytes.count >= 2 && bytes[0] == 0x1f && bytes[1] == 0x8b {
                throw FormatError(
                    path: path, frame: frame, "this .xtc file is gzip-compressed; decompress it first (gunzip)")
            }
            throw FormatError(
                path: path, frame: frame,
                "wrong magic number \(magic) at byte \(offset) (an .xtc frame starts with 1995 or 2023): not an .xtc file, or corrupt"
            )
        }
        guard bytes.count >= fixedLength else { throw truncated("the frame header") }
        let atoms = Int(try cursor.int32())
        let step = Int(try cursor.int32())
        let time = try cursor.float32()
        func row() throws -> Vec3 {
            Vec3(Double(try cursor.float32()), Double(try cursor.float32()), Double(try cursor.float32()))
        }
        let box = (try row(), try row(), try row())
        let atomsAgain = Int(try cursor.int32())
        guard atoms >= 0, atoms == atomsAgain else {
            throw FormatError(
                path: path, frame: frame,
                "corrupt header: atom counts \(atoms) and \(atomsAgain) should be equal and not negative")
        }
        var header = XTCHeader(
            atomCount: atoms, step: step, time: time, box: box,
            compression: nil, length: fixedLength, dataLength: 12 * atoms)
        if atoms > largestUncompressed {
            let length = magic == largeMagic ? maximumLength : maximumLength - 4
            guard bytes.count >= length else { throw truncated("the compression header") }
            let precision = try cursor.float32()
            let minimum = SIMD3(try cursor.int32(), try cursor.int32(), try cursor.int32())
            let maximum = SIMD3(try cursor.int32(), try cursor.int32(), try cursor.int32())
            let smallIndex = try cursor.int32()
            let count = magic == largeMagic ? Int(try cursor.int64()) : Int(try cursor.int32())
            guard precision.isFinite, precision > 0 else {
                throw FormatError(
                    path: path, frame: frame, "corrupt header: precision \(precision) is not a positive number")
            }
            guard count >= 0 else {
                throw FormatError(
                    path: path, frame: frame,
                    "corrupt header: negative byte count \(count) for the compressed positions")
            }
            // Every atom takes at least one bit, so the block bounds the atom count.
            guard count >= (atoms + 7) / 8 else {
                throw FormatError(
                    path: path, frame: frame,
                    "corrupt header: \(atoms) atoms cannot fit in a compressed block of \(count) bytes")
            }
            guard count <= fileSize - offset - length else {
                throw FormatError(
                    path: path, frame: frame, truncation: true,
                    "the compressed positions (\(count) bytes) run past the end of the file (\(fileSize - offset - length) bytes left after the header): the file is truncated or the header is corrupt"
                )
            }
            header.compression = Compression(
                precision: precision, minimum: minimum, maximum: maximum,
                smallIndex: smallIndex, byteCount: count)
            header.length = length
            header.dataLength = XDR.paddedLength(count)
        }
        guard header.frameLength <= fileSize - offset else {
            let what =
                header.compression.map { "the compressed positions (\($0.byteCount) bytes)" }
                ?? "\(atoms) uncompressed positions"
            throw FormatError(
                path: path, frame: frame, truncation: true,
                "\(what) run past the end of the file (\(fileSize - offset - header.length) bytes left after the header): the file is truncated or the header is corrupt"
            )
        }
        return header
    }
}
