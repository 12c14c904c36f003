import Foundation
import IonCore
import XCTest

@testable import IonIO

/// PDB files written by ASE and MDAnalysis from the LAMMPS run, and small hand-written files
/// for the corners of the format.
final class PDBReaderTests: XCTestCase {
    /// 3 decimals: 5e-4 Å per coordinate, √3 · 5e-4 on the vector.
    let tolerance = 8.7e-4
    /// CRYST1 keeps 3 decimals of the lengths and 2 of the angles: ~1e-2 Å on the vectors.
    let boxTolerance = 1e-2

    func testASEFileMatchesTruth() throws {
        let path = Fixture.path("pdb/ase.pdb")
        let frames = try verifyReader({ try PDBReader(path: path) }, frames: 5)
        for (k, frame) in frames.enumerated() {
            let truth = Fixture.truth[k]
            XCTAssertLessThan(maxDeviation(frame.positions, truth.positions), tolerance, "frame \(k)")
            assertBox(frame.box, truth, tolerance: boxTolerance)
            XCTAssertNil(frame.step)
        }
        let topology = try XCTUnwrap(try PDBReader(path: path).embeddedTopology)
        let symbols = Fixture.truth[0].types.map { ["Li", "Cl", "N"][$0 - 1] }
        XCTAssertEqual(topology.names, symbols)
        XCTAssertEqual(topology.elements, symbols, "ASE writes LI, CL: read as Li, Cl")
        XCTAssertTrue(topology.given.contains(.elements))
        XCTAssertEqual(topology.masses[0], 6.94, accuracy: 1e-9)
        XCTAssertEqual(topology.residueNames[0], "MOL")
        XCTAssertNil(topology.atomIDs, "serials are 1…N")
        XCTAssertFalse(topology.given.contains(.charges))
    }

    func testMDAnalysisFileWithBondsChargesAndOneCRYST1() throws {
        let path = Fixture.path("pdb/mdanalysis.pdb")
        let frames = try verifyReader({ try PDBReader(path: path) }, frames: 5)
        for (k, frame) in frames.enumerated() {
            XCTAssertLessThan(maxDeviation(frame.positions, Fixture.truth[k].positions), tolerance, "frame \(k)")
            // MDAnalysis writes CRYST1 once; every model takes it.
            assertBox(frame.box, Fixture.truth[0], tolerance: boxTolerance)
        }
        let reader = try PDBReader(path: path)
        let topology = try XCTUnwrap(reader.embeddedTopology)
        XCTAssertEqual(topology.bonds.count, 20)
        XCTAssertTrue(topology.given.contains(.bonds))
        XCTAssertEqual(Molecules(topology).count, 100)
        XCTAssertEqual(topology.charges, Fixture.truth[0].charges)
        XCTAssertTrue(topology.given.contains(.charges))
        XCTAssertEqual(topology.names[0], "LI")
        XCTAssertEqual(topology.elements[0], "Li")
        XCTAssertEqual(topology.elements[119], "N")
        XCTAssertEqual(topology.residueNames[80], "N2")
        XCTAssertEqual(topology.residueIDs[81], 81)
        XCTAssertEqual(reader.records.chainIDs[0], "A")
        XCTAssertEqual(reader.records.occupancies[0], 1)
        XCTAssertEqual(try Formats.readTopology(path).bonds.count, 20)
    }

    func testHybrid36StarsChargesGuessedElementsAndENDFrames() throws {
        // Fixed columns: serial 7–11, name 13–16, resName 18–20, chain 22, resSeq 23–26,
        // x y z 31–54, occupancy 55–60, B 61–66, element 77–78, charge 79–80.
        func atom(
            _ record: String, _ serial: String, _ name: String, _ residue: String, _ chain: String,
            _ resSeq: String, _ x: Double, tail: String
        ) -> String {
            func right(_ s: String, _ n: Int) -> String { String(repeating: " ", count: n - s.count) + s }
            func left(_ s: String, _ n: Int) -> String { s + String(repeating: " ", count: n - s.count) }
            let xyz = [x, 2, 3].map { right(String(format: "%.3f", $0), 8) }.joined()
            return left(record, 6) + right(serial, 5) + " " + left(name, 4) + " " + left(residue, 3) + " "
                + left(chain, 1) + right(resSeq, 4) + "    " + xyz + tail
        }
        let charged = "  1.00  0.00" + String(repeating: " ", count: 12)
        let lines = [
            "REMARK   frames separated by END only, no MODEL records",
            "CRYST1    1.000    1.000    1.000  90.00  90.00  90.00 P 1           1",
            atom("ATOM", "A0000", "LI", "LIT", "X", "9999", 1, tail: charged + "1+"),
            atom(
                "HETATM", "*****", "CL", "CLA", "X", "A000", 4,
                tail: "  0.50 12.50" + String(repeating: " ", count: 12) + "1-"),
            atom("ATOM", "A0002", "OW", "SOL", "", "10", 7, tail: ""),
            "CONECTA0000A0002",
            "END",
            atom("ATOM", "A0000", "LI", "LIT", "X", "9999", 1.5, tail: charged + "1+"),
            atom(
                "HETATM", "*****", "CL", "CLA", "X", "A000", 4.5,
                tail: "  0.50 12.50" + String(repeating: " ", count: 12) + "1-"),
            atom("ATOM", "A0002", "OW", "SOL", "", "10", 7.5, tail: ""),
            "END",
        ]
        let text = lines.joined(separator: "\n") + "\n"
        let scratch = try ScratchDirectory()
        let path = try scratch.write("corners.pdb", text: text)
        let frames = try verifyReader({ try PDBReader(path: path) }, frames: 2)
        XCTAssertNil(frames[0].box, "the 1 Å CRYST1 placeholder means no cell")
        XCTAssertEqual(frames[1].positions[2], Vec3(7.5, 2, 3))
        let reader = try PDBReader(path: path)
        let topology = try XCTUnwrap(reader.embeddedTopology)
        XCTAssertEqual(reader.records.serials, [100_000, 100_001, 100_002])
        XCTAssertEqual(topology.atomIDs, [100_000, 100_001, 100_002])
        XCTAssertEqual(topology.residueIDs, [9999, 10_000, 10])
        XCTAssertEqual(topology.charges, [1, -1, 0])
        XCTAssertEqual(topology.elements, ["Li", "Cl", "O"], "guessed from the names")
        XCTAssertFalse(topology.given.contains(.elements))
        XCTAssertEqual(topology.masses[2], 15.999, accuracy: 1e-9)
        XCTAssertEqual(reader.records.isHetero, [false, true, false])
        XCTAssertEqual(reader.records.chainIDs, ["X", "X", ""])
        XCTAssertEqual(reader.records.occupancies[1], 0.5)
        XCTAssertEqual(reader.records.temperatureFactors[1], 12.5)
        XCTAssertEqual(topology.bonds.count, 1, "CONECT between hybrid-36 serials")
    }

    func testHybrid36Decoding() {
        func decode(_ text: String, _ width: Int) -> Int? {
            Array(text.utf8).withUnsafeBufferPointer { PDBColumns.hybrid36($0, width: width) }
        }
        XCTAssertEqual(decode("99999", 5), 99_999)
        XCTAssertEqual(decode("A0000", 5), 100_000)
        XCTAssertEqual(decode("ZZZZZ", 5), 100_000 + 26 * 36 * 36 * 36 * 36 - 1)
        XCTAssertEqual(decode("a0000", 5), 100_000 + 26 * 36 * 36 * 36 * 36)
        XCTAssertEqual(decode("A000", 4), 10_000)
        XCTAssertNil(decode("*****", 5))
        XCTAssertNil(decode("A00", 5))
    }

    // MARK: bad input

    private func lines(_ relative: String) throws -> [String] {
        try String(contentsOfFile: Fixture.path(relative), encoding: .utf8)
            .split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    }

    func testTruncatedLastModel() throws {
        let scratch = try ScratchDirectory()
        // ase.pdb: model 5 runs from line 493 (CRYST1) to 615 (ENDMDL); cut inside it, and
        // once in the middle of an atom record.
        let all = try lines("pdb/ase.pdb")
        for (name, text) in [
            ("lines", all[0..<560].joined(separator: "\n") + "\n"),
            ("record", all[0..<560].joined(separator: "\n") + "\n" + all[560].prefix(40)),
        ] {
            let path = try scratch.write("cut-\(name).pdb", text: text)
            var reader: any TrajectoryReader = try PDBReader(path: path)
            XCTAssertEqual(try reader.frameCount(), 4, name)
            let error = expectFormatError("past 4 frames") { _ = try readAll(&reader) }
            XCTAssertEqual(error?.isTruncation, true, name)
            XCTAssertEqual(error?.frame, 4, name)
            XCTAssertNotNil(error?.line, name)
        }
    }

    func testChangedAtomCount() throws {
        let scratch = try ScratchDirectory()
        var all = try lines("pdb/ase.pdb")
        all.remove(at: 300)  // an ATOM record of model 3 (frame 2)
        let path = try scratch.write("fewer.pdb", text: all.joined(separator: "\n"))
        var reader: any TrajectoryReader = try PDBReader(path: path)
        let error = expectFormatError("changed count") { _ = try readAll(&reader) }
        XCTAssertEqual(error?.frame, 2)
        XCTAssertEqual(error?.isTruncation, false)
        XCTAssertEqual(error?.line, 368, "the ENDMDL that closes the short model")
        XCTAssertTrue(error?.description.contains("119 atoms") ?? false, error?.description ?? "")
    }

    func testUnparsableAndNonFiniteCoordinates() throws {
        let scratch = try ScratchDirectory()
        for (name, replacement) in [("text", "   abcde"), ("nan", "     nan"), ("inf", "     inf")] {
            var all = try lines("pdb/ase.pdb")
            let record = all[129]  // frame 1, atom 5
            all[129] = String(record.prefix(38)) + replacement + String(record.dropFirst(46))
            let path = try scratch.write("\(name).pdb", text: all.joined(separator: "\n"))
            var reader: any TrajectoryReader = try PDBReader(path: path)
            let error = expectFormatError(name) { _ = try readAll(&reader) }
            XCTAssertEqual(error?.frame, 1, name)
            XCTAssertEqual(error?.line, 130, name)
            XCTAssertEqual(error?.isTruncation, false, name)
            XCTAssertTrue(error?.description.contains("y (columns 39–46)") ?? false, error?.description ?? "")
        }
    }

    func testBadCRYST1AndCONECT() throws {
        let scratch = try ScratchDirectory()
        var all = try lines("pdb/ase.pdb")
        all[0] = "CRYST1   24.000   22.361   xx.xxx  85.27  97.39  79.70 P 1"
        let cryst = try scratch.write("cryst.pdb", text: all.joined(separator: "\n"))
        let error = expectFormatError("CRYST1") { _ = try PDBReader(path: cryst) }
        XCTAssertEqual(error?.line, 1)
        XCTAssertTrue(error?.description.contains("CRYST1 c") ?? false, error?.description ?? "")

        var conect = try lines("pdb/mdanalysis.pdb")
        conect[conect.count - 3] = "CONECT  119  999"
        let path = try scratch.write("conect.pdb", text: conect.joined(separator: "\n"))
        let bad = expectFormatError("CONECT") { _ = try PDBReader(path: path) }
        XCTAssertTrue(bad?.description.contains("serial 999") ?? false, bad?.description ?? "")
        XCTAssertEqual(bad?.line, conect.count - 2)

        let empty = try scratch.write("empty.pdb", text: "REMARK nothing here\nEND\n")
        XCTAssertTrue(
            expectFormatError("no atoms") { _ = try PDBReader(path: empty) }?.description.contains("no ATOM") ?? false)
    }
}
