import Foundation
import IonCore
import XCTest

@testable import IonIO

/// Header fields a reader cannot honour are errors, not silently ignored or repaired (issue 16
/// item 9), on real files with one field changed: LAMMPS' DCD, GROMACS' TRR, a PDB.
final class StrictHeaderTests: XCTestCase {
    /// Little-endian bytes of `value`.
    func bytes<T: FixedWidthInteger>(_ value: T) -> [UInt8] { withUnsafeBytes(of: value.littleEndian) { Array($0) } }
    func bytes(_ value: Double) -> [UInt8] { bytes(value.bitPattern) }

    /// LAMMPS' DCD: the title record starts at byte 92 (NTITLE at 96); frame 0's unit-cell record
    /// holds [a, cos γ, b, cos β, cos α, c] from byte 280.
    func testDCDTitleCountAndUnitCellAreChecked() throws {
        let scratch = try ScratchDirectory()
        let titles = try scratch.copy("dcd/lammps.dcd", as: "ntitle.dcd") {
            $0.replaceSubrange(96..<100, with: self.bytes(Int32.max))
        }
        let ntitle = expectFormatError("NTITLE") { _ = try DCDReader(path: titles) }
        XCTAssertTrue(
            ntitle?.description.contains("NTITLE says 2147483647 title lines") ?? false, "\(String(describing: ntitle))"
        )
        for (name, offset, value, message) in [
            ("negative.dcd", 280, -24.0, "lengths -24.0"),
            ("mixed.dcd", 288, 60.0, "mix cosines and degrees"),
        ] {
            let path = try scratch.copy("dcd/lammps.dcd", as: name) {
                $0.replaceSubrange(offset..<(offset + 8), with: self.bytes(value))
            }
            var reader: any TrajectoryReader = try DCDReader(path: path)
            let error = expectFormatError(name) { _ = try readAll(&reader) }
            XCTAssertEqual(error?.frame, 0)
            XCTAssertTrue(error?.description.contains(message) ?? false, "\(String(describing: error))")
        }
        let lengths = try scratch.copy("dcd/lammps.dcd", as: "lengths.dcd") { data in
            for offset in [288, 304, 312] { data.replaceSubrange(offset..<(offset + 8), with: self.bytes(5.0)) }
        }
        var reader: any TrajectoryReader = try DCDReader(path: lengths)
        let error = expectFormatError("lengths as angles") { _ = try readAll(&reader) }
        XCTAssertTrue(error?.description.contains("are not angles of a cell") ?? false, "\(String(describing: error))")
    }

    /// GROMACS' TRR: ir_size, the first of the header's sizes, sits at byte 24 of each frame.
    func testTRRInputRecordSizeMustBeZero() throws {
        let scratch = try ScratchDirectory()
        let path = try scratch.copy("gromacs/water.trr", as: "ir.trr") { $0.setInt32(Int32.max, at: 24) }
        let error = expectFormatError("ir_size") {
            var reader: any TrajectoryReader = try TRRReader(path: path)
            _ = try readAll(&reader)
        }
        XCTAssertTrue(
            error?.description.contains("the ir_size field is 2147483647") ?? false, "\(String(describing: error))")
    }

    func testPDBCellLengthsMustBePositive() throws {
        let scratch = try ScratchDirectory()
        let atom = "ATOM      1  O   HOH A   1       1.000   2.000   3.000  1.00  0.00           O\nEND\n"
        let negative = try scratch.write(
            "negative.pdb", text: "CRYST1  -10.000   10.000   10.000  90.00  90.00  90.00 P 1           1\n" + atom)
        let error = expectFormatError("negative a") {
            var reader: any TrajectoryReader = try PDBReader(path: negative)
            _ = try readAll(&reader)
        }
        XCTAssertTrue(error?.description.contains("lengths must be positive") ?? false, "\(String(describing: error))")
        let none = try scratch.write(
            "none.pdb", text: "CRYST1    0.000    0.000    0.000  90.00  90.00  90.00 P 1           1\n" + atom)
        var reader: any TrajectoryReader = try PDBReader(path: none)
        var frame = Frame()
        XCTAssertTrue(try reader.read(into: &frame))
        XCTAssertNil(frame.box, "all-zero lengths mean no cell")
    }
}
