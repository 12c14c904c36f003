import Foundation
import IonCore
import XCTest

/// The GROMACS fixtures (made by `Fixtures/gromacs/make_gromacs_fixtures.sh` with GROMACS
/// 2022.5) and their reference values read by MDAnalysis (`reference.json`).
enum GROMACSFixtures {
    static func url(_ name: String) -> URL {
        Bundle.module.url(forResource: "Fixtures", withExtension: nil)!.appendingPathComponent("gromacs/\(name)")
    }
    static func path(_ name: String) -> String { url(name).path }
    static func data(_ name: String) throws -> Data { try Data(contentsOf: url(name)) }

    /// One frame of an .xtc or .trr file as MDAnalysis reads it, in GROMACS units (nm, ps).
    struct XDRFrame: Decodable {
        let step: Int
        let time: Double
        /// Row-major 3×3, row i = box vector i, nm.
        let box: [Double]
        let precision: Double?
        let lambda: Double?
        /// Positions, nm (flattened N×3).
        let x: [Double]?
        /// .xtc positions as integers on the 1/precision grid.
        let xi: [Int]?
        let v: [Double]?
        let f: [Double]?
    }
    struct XDRFile: Decodable {
        let atoms: Int
        let frames: [XDRFrame]
    }
    struct GROFile: Decodable {
        let atoms: Int
        let names: [String]
        let resnames: [String]
        let resids: [Int]
        /// a, b, c (Å), α, β, γ (degrees).
        let dimensions: [Double]
        // swiftlint:disable:next identifier_name
        let x_nm: [Double]
    }
    struct Reference: Decodable {
        let waterXTC, ionsXTC, triclinicXTC, waterTRR, triclinicTRR, doubleTRR: XDRFile
        let waterGRO: GROFile
        enum CodingKeys: String, CodingKey {
            case waterXTC = "water.xtc", ionsXTC = "ions.xtc", triclinicXTC = "tric.xtc"
            case waterTRR = "water.trr", triclinicTRR = "tric.trr", doubleTRR = "double.trr"
            case waterGRO = "water.gro"
        }
    }

    static let reference: Reference = {
        do {
            return try JSONDecoder().decode(Reference.self, from: data("reference.json"))
        } catch {
            fatalError("cannot read Fixtures/gromacs/reference.json: \(error)")
        }
    }()
}

extension Data {
    /// Big-endian 32-bit integer at `offset`.
    func int32(at offset: Int) -> Int32 {
        Int32(
            bitPattern: UInt32(self[offset]) << 24 | UInt32(self[offset + 1]) << 16
                | UInt32(self[offset + 2]) << 8 | UInt32(self[offset + 3]))
    }
    /// Overwrites 4 bytes at `offset` with a big-endian 32-bit pattern.
    mutating func setInt32(_ value: Int32, at offset: Int) {
        let bits = UInt32(bitPattern: value)
        for k in 0..<4 { self[offset + k] = UInt8(truncatingIfNeeded: bits >> (24 - 8 * k)) }
    }
    mutating func setFloat32(_ value: Float, at offset: Int) {
        setInt32(Int32(bitPattern: value.bitPattern), at: offset)
    }

    /// Header offsets of the frames of an .xtc file (magic 1995), walked independently of the
    /// reader: 56 header bytes, then 12 per atom (≤ 9 atoms) or 36 more header bytes and the
    /// padded block whose length is at byte 88.
    func xtcFrameOffsets() -> [Int] {
        var offsets: [Int] = []
        var offset = 0
        while offset + 56 <= count {
            offsets.append(offset)
            let atoms = Int(int32(at: offset + 4))
            offset += atoms <= 9 ? 56 + 12 * atoms : 92 + (Int(int32(at: offset + 88)) + 3) / 4 * 4
        }
        return offsets
    }
}

extension Data {
    /// Header offsets of the frames of a single-precision .trr file with the 12-byte version
    /// string: an 84-byte header whose block sizes (box, vir, pres, …, x, v, f) start at byte
    /// 24, then the blocks.
    func trrFrameOffsets() -> [Int] {
        var offsets: [Int] = []
        var offset = 0
        while offset + 84 <= count {
            offsets.append(offset)
            let blocks = [2, 3, 4, 7, 8, 9].map { Int(int32(at: offset + 24 + 4 * $0)) }
            offset += 84 + blocks.reduce(0, +)
        }
        return offsets
    }
}

/// Runs `body`, which must throw a ``FormatError``, and returns it.
func expectFormatError(
    _ message: String = "", file: StaticString = #filePath, line: UInt = #line,
    _ body: () throws -> Void
) -> FormatError? {
    do {
        try body()
        XCTFail("expected a FormatError \(message)", file: file, line: line)
    } catch let error as FormatError {
        return error
    } catch {
        XCTFail("expected a FormatError, got \(type(of: error)): \(error) \(message)", file: file, line: line)
    }
    return nil
}
