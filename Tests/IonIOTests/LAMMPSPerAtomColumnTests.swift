import Foundation
import IonCore
import XCTest

@testable import IonIO

/// Further per-atom columns of a LAMMPS dump (`c_pe`, `v_phi`) are kept on request, each value
/// at its atom's place, and asking for one a file lacks is an error that names it.
final class LAMMPSPerAtomColumnTests: XCTestCase {
    var scratch: ScratchDirectory!

    override func setUpWithError() throws { scratch = try ScratchDirectory() }

    /// Atoms out of id order; c_pe = −id, v_phi = 10·id + step.
    func frame(step: Int, ids: [Int], columns: String = "id type x y z c_pe v_phi") -> String {
        var text =
            "ITEM: TIMESTEP\n\(step)\nITEM: NUMBER OF ATOMS\n\(ids.count)\nITEM: BOX BOUNDS pp pp pp\n0 10\n0 10\n0 10\nITEM: ATOMS \(columns)\n"
        for id in ids {
            let values: [String: String] = [
                "id": "\(id)", "type": "1", "x": "\(id).5", "y": "1", "z": "2", "c_pe": "-\(id)",
                "v_phi": "\(10 * id + step)e0",
            ]
            text += columns.split(separator: " ").map { values[String($0)]! }.joined(separator: " ") + "\n"
        }
        return text
    }

    func readAll(_ path: String, columns: [String]) throws -> [Frame] {
        let reader = try LAMMPSDumpReader(path: path, options: ReaderOptions(perAtomColumns: columns))
        XCTAssertEqual(reader.perAtomColumns, columns)
        var frames: [Frame] = []
        var frame = Frame()
        while try reader.read(into: &frame) { frames.append(frame) }
        return frames
    }

    func testColumnsAreKeptInTheOrderAskedAndPlacedByAtomID() throws {
        let path = try scratch.write(
            "t.lammpstrj",
            text: frame(step: 0, ids: [3, 1, 2]) + frame(step: 7, ids: [2, 3, 1], columns: "v_phi c_pe x y z type id"))
        let frames = try readAll(path, columns: ["v_phi", "c_pe"])
        XCTAssertEqual(frames.count, 2)
        XCTAssertEqual(frames[0].perAtom, [[10, 20, 30], [-1, -2, -3]])
        XCTAssertEqual(frames[1].perAtom, [[17, 27, 37], [-1, -2, -3]], "a frame whose columns moved")
        XCTAssertEqual(frames[1].positions.map(\.x), [1.5, 2.5, 3.5])
        XCTAssertEqual(try readAll(path, columns: []).first?.perAtom.count, 0, "nothing kept unless asked")
    }

    func testAMissingOrReservedColumnIsAnErrorThatNamesIt() throws {
        let path = try scratch.write("t.lammpstrj", text: frame(step: 0, ids: [1, 2]))
        XCTAssertThrowsError(try readAll(path, columns: ["c_vol"])) { error in
            XCTAssertTrue("\(error)".contains("no per-atom column 'c_vol'"), "\(error)")
            XCTAssertTrue("\(error)".contains("id type x y z c_pe v_phi"), "lists what the file has: \(error)")
        }
        XCTAssertThrowsError(try readAll(path, columns: ["x"])) { error in
            XCTAssertTrue("\(error)".contains("reads itself"), "\(error)")
        }
        let later = try scratch.write(
            "later.lammpstrj",
            text: frame(step: 0, ids: [1, 2]) + frame(step: 1, ids: [1, 2], columns: "id type x y z"))
        XCTAssertThrowsError(try readAll(later, columns: ["c_pe"])) { error in
            XCTAssertTrue("\(error)".contains("line 20"), "the second frame's ATOMS line: \(error)")
        }
        let bad = try scratch.write(
            "bad.lammpstrj", text: frame(step: 0, ids: [1, 2]).replacingOccurrences(of: " -2 ", with: " nan "))
        XCTAssertThrowsError(try readAll(bad, columns: ["c_pe"])) { error in
            XCTAssertTrue("\(error)".contains("column 'c_pe' should be a finite number"), "\(error)")
        }
    }

    func testATrajectoryOfAnotherFormatCannotGiveThem() throws {
        let gro = try scratch.write(
            "t.gro", text: "one ion\n1\n    1LI      LI    1   0.000   0.000   0.000\n   1.0 1.0 1.0\n")
        var input = TrajectoryInput(trajectoryPaths: [gro])
        input.perAtomColumns = ["c_pe"]
        XCTAssertThrowsError(try Trajectory(input)) { error in
            XCTAssertTrue("\(error)".contains("only LAMMPS dumps"), "\(error)")
        }
    }
}
