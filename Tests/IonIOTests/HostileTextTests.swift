import Foundation
import IonCore
import XCTest

@testable import IonIO

/// Text input that could exhaust memory or act on a terminal (issue 16 items 5 and 8).
final class HostileTextTests: XCTestCase {
    /// A line longer than 16 MiB (binary data, /dev/zero, a decompressed NUL bomb) is an error
    /// naming the line, not a buffer grown without bound.
    func testLinesHaveAMaximumLength() throws {
        let scratch = try ScratchDirectory()
        let path = try scratch.write(
            "long.xyz", text: "2\n" + String(repeating: "a", count: LineReader.longestLine + 10))
        let reader = try LineReader(path: path)
        XCTAssertNotNil(try reader.nextLine())
        XCTAssertThrowsError(try reader.nextLine()) { error in
            XCTAssertTrue("\(error)".contains("line 2: a line longer than 16 MiB"), "\(error)")
        }
        // Just under the limit is read.
        let fits = try scratch.write("fits.txt", text: String(repeating: "b", count: (1 << 23)) + "\n")
        XCTAssertEqual(try LineReader(path: fits).nextLine()?.count, 1 << 23)
    }

    /// Messages quote input as a short escaped excerpt: terminal escapes are written out, long
    /// quotes are cut with their length said, prose apostrophes are left alone.
    func testMessagesAreSafeForATerminal() {
        let escape = terminalSafe("found '\u{1B}]0;title\u{07}' here")
        XCTAssertEqual(escape, "found '\\u{1b}]0;title\\u{7}' here")
        let long = terminalSafe("found '" + String(repeating: "x", count: 200_000) + "' at line 3")
        XCTAssertTrue(long.hasPrefix("found '" + String(repeating: "x", count: 60) + "… (200000 bytes)'"), long)
        XCTAssertTrue(long.hasSuffix("' at line 3"), long)
        let prose = "the file's cell and the run's end: 'type 1' matches no atoms"
        XCTAssertEqual(terminalSafe(prose), prose)
        XCTAssertLessThan(terminalSafe(String(repeating: "y ", count: 100_000)).count, 2100)
        XCTAssertEqual(terminalSafe("a\u{0}b"), "a\\u{0}b")
    }

    /// A writer killed mid-line leaves a file whose last line is cut: the complete frames before
    /// it are analysable, with a warning, for every text format (issue 16 item 9: a LAMMPS dump
    /// or GRO cut mid-line was a hard error); a frame ending on a cut number is left out too.
    func testAFileCutMidLineKeepsItsCompleteFrames() throws {
        let scratch = try ScratchDirectory()
        func frames(_ name: String, _ text: String) throws -> (count: Int, warnings: [String]) {
            let trajectory = try Trajectory(TrajectoryInput(trajectoryPaths: [try scratch.write(name, text: text)]))
            var count = 0
            try trajectory.forEachFrame { _, _ in count += 1 }
            return (count, trajectory.warnings)
        }
        var dump = ""
        for step in [0, 10, 20] {
            dump += "ITEM: TIMESTEP\n\(step)\nITEM: NUMBER OF ATOMS\n2\nITEM: BOX BOUNDS pp pp pp\n0 9\n0 9\n0 9\n"
            dump += "ITEM: ATOMS id type x y z\n1 1 1.5 2.5 3.5\n2 1 4.5 5.5 6.5\n"
        }
        let cutInLine = try frames("a.lammpstrj", String(dump.dropLast(6)))  // "2 1 4.5 5."
        XCTAssertEqual(cutInLine.count, 2)
        XCTAssertEqual(cutInLine.warnings.count, 1, "\(cutInLine.warnings)")
        let cutInNumber = try frames("b.lammpstrj", String(dump.dropLast(2)))  // "… 6" parses, but may be cut
        XCTAssertEqual(cutInNumber.count, 2)
        XCTAssertTrue(
            cutInNumber.warnings.contains { $0.contains("cut short inside a number") }, "\(cutInNumber.warnings)")
        XCTAssertEqual(try frames("c.lammpstrj", dump).count, 3)
        let gro = "t\n 1\n    1SOL     OW    1   0.100   0.200   0.300\n   1.00000   1.00000   1.00000\n"
        let cutGRO = try frames("d.gro", gro + gro.dropLast(12))
        XCTAssertEqual(cutGRO.count, 1)
        XCTAssertEqual(cutGRO.warnings.count, 1, "\(cutGRO.warnings)")
        // A last line that cannot end inside a number (PDB's END) needs no newline.
        let pdb =
            "CRYST1   10.000   10.000   10.000  90.00  90.00  90.00 P 1           1\n"
            + "ATOM      1  O   HOH A   1       1.000   2.000   3.000  1.00  0.00           O\nEND"
        XCTAssertEqual(try frames("e.pdb", pdb).count, 1)
    }

    /// A dump whose type column contradicts the data file is refused, naming the atom (issue 16
    /// item 9: it was ignored); LAMMPS type labels (names) count as agreeing.
    func testADumpMustAgreeWithTheTopologysTypes() throws {
        let scratch = try ScratchDirectory()
        let data = try scratch.write(
            "two.data",
            text: """
                two atoms

                2 atoms
                2 atom types

                0 9 xlo xhi
                0 9 ylo yhi
                0 9 zlo zhi

                Masses

                1 6.94 # Li
                2 32.06 # S

                Atoms # atomic

                1 1 1 1 1
                2 2 2 2 2

                """)
        func dump(_ types: (String, String)) throws -> String {
            try scratch.write(
                "two-\(types.0)-\(types.1).lammpstrj",
                text: "ITEM: TIMESTEP\n0\nITEM: NUMBER OF ATOMS\n2\nITEM: BOX BOUNDS pp pp pp\n0 9\n0 9\n0 9\n"
                    + "ITEM: ATOMS id type x y z\n1 \(types.0) 1 1 1\n2 \(types.1) 2 2 2\n")
        }
        XCTAssertNoThrow(try Trajectory(TrajectoryInput(topologyPath: data, trajectoryPaths: [try dump(("1", "2"))])))
        XCTAssertNoThrow(try Trajectory(TrajectoryInput(topologyPath: data, trajectoryPaths: [try dump(("Li", "S"))])))
        XCTAssertThrowsError(
            try Trajectory(TrajectoryInput(topologyPath: data, trajectoryPaths: [try dump(("1", "1"))]))
        ) { error in
            XCTAssertTrue("\(error)".contains("gives atom 2 (in id order) type '1'"), "\(error)")
        }
    }
}
