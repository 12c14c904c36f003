import Foundation
import IonCore
import XCTest

@testable import IonIO

/// Bad input gives a clear error naming file, frame and line; good frames stay usable.
final class LAMMPSDumpErrorTests: XCTestCase {
    var scratch: ScratchDirectory!

    override func setUpWithError() throws { scratch = try ScratchDirectory() }

    /// A small dump with atoms out of order and ids that are not 1…N.
    func frame(step: Int, atoms: [(id: Int, x: String)], box: String = "0 10\n0 10\n0 10") -> String {
        var text =
            "ITEM: TIMESTEP\n\(step)\nITEM: NUMBER OF ATOMS\n\(atoms.count)\nITEM: BOX BOUNDS pp pp pp\n\(box)\nITEM: ATOMS x y z id type\n"
        for atom in atoms { text += "\(atom.x) 2.0 3.0 \(atom.id) 1\n" }
        return text
    }

    func write(_ text: String, _ name: String = "t.lammpstrj") throws -> String {
        try scratch.write(name, text: text)
    }

    func readAll(_ path: String) throws -> [Frame] {
        let reader = try LAMMPSDumpReader(path: path)
        var frames: [Frame] = []
        var frame = Frame()
        while try reader.read(into: &frame) { frames.append(frame) }
        return frames
    }

    func expectError(_ path: String, contains parts: [String], file: StaticString = #filePath, line: UInt = #line) {
        do {
            _ = try readAll(path)
            XCTFail("expected an error", file: file, line: line)
        } catch {
            let message = "\(error)"
            for part in parts {
                XCTAssert(message.contains(part), "'\(message)' lacks '\(part)'", file: file, line: line)
            }
        }
    }

    func testAtomsAreSortedByIdAndColumnsMayComeInAnyOrder() throws {
        let path = try write(
            frame(step: 0, atoms: [(30, "3"), (10, "1"), (20, "2")])
                + frame(step: 5, atoms: [(20, "2.5"), (30, "3.5"), (10, "1.5")]))
        let frames = try readAll(path)
        XCTAssertEqual(frames.count, 2)
        XCTAssertEqual(frames[0].positions.map(\.x), [1, 2, 3])
        XCTAssertEqual(frames[1].positions.map(\.x), [1.5, 2.5, 3.5])
        XCTAssertEqual(frames[1].step, 5)
        XCTAssertEqual(try LAMMPSDumpReader(path: path).embeddedTopology?.atomIDs, [10, 20, 30])
    }

    func testTruncatedLastFrameKeepsTheGoodFrames() throws {
        let good = frame(step: 0, atoms: [(1, "1"), (2, "2")]) + frame(step: 1, atoms: [(1, "1"), (2, "2")])
        let path = try write(
            good
                + "ITEM: TIMESTEP\n2\nITEM: NUMBER OF ATOMS\n2\nITEM: BOX BOUNDS pp pp pp\n0 10\n0 10\n0 10\nITEM: ATOMS x y z id type\n1 2 3 1 1\n"
        )
        let reader = try LAMMPSDumpReader(path: path)
        XCTAssertEqual(try reader.frameCount(), 2)
        var frame = Frame()
        XCTAssertTrue(try reader.read(into: &frame))
        XCTAssertTrue(try reader.read(into: &frame))
        XCTAssertThrowsError(try reader.read(into: &frame)) { error in
            let error = error as! FormatError
            XCTAssertTrue(error.isTruncation)
            XCTAssertEqual(error.frame, 2)
            XCTAssert(error.description.contains("1 of 2 atom lines"), error.description)
        }
        // Through the trajectory driver the truncation becomes a warning.
        let trajectory = try Trajectory(TrajectoryInput(trajectoryPaths: [path]))
        var count = 0
        try trajectory.forEachFrame { _, _ in count += 1 }
        XCTAssertEqual(count, 2)
        XCTAssertEqual(trajectory.warnings.count, 1)
    }

    func testBadNumbersAndNonFiniteValuesNameFileFrameAndLine() throws {
        let path = try write(
            frame(step: 0, atoms: [(1, "1"), (2, "2")]) + frame(step: 1, atoms: [(1, "1"), (2, "nan")]))
        expectError(path, contains: ["t.lammpstrj", "frame 1", "line 22", "column 'x'", "finite number", "'nan'"])
        let path2 = try write(frame(step: 0, atoms: [(1, "1"), (2, "1.2.3")]), "u.lammpstrj")
        expectError(path2, contains: ["u.lammpstrj", "frame 0", "line 11", "'1.2.3'"])
    }

    func testChangedAtomCountAndDuplicateIds() throws {
        let path = try write(
            frame(step: 0, atoms: [(1, "1"), (2, "2")]) + frame(step: 1, atoms: [(1, "1"), (2, "2"), (3, "3")]))
        expectError(path, contains: ["frame 1", "number of atoms changed from 2 to 3"])
        let path2 = try write(
            frame(step: 0, atoms: [(1, "1"), (2, "2")]) + frame(step: 1, atoms: [(1, "1"), (1, "2")]), "d.lammpstrj")
        expectError(path2, contains: ["frame 1", "atom id 1 appears twice"])
    }

    func testMissingPositionsAndGarbage() throws {
        let path = try write(
            "ITEM: TIMESTEP\n0\nITEM: NUMBER OF ATOMS\n1\nITEM: BOX BOUNDS pp pp pp\n0 1\n0 1\n0 1\nITEM: ATOMS id type vx vy vz\n1 1 0 0 0\n"
        )
        XCTAssertThrowsError(try LAMMPSDumpReader(path: path)) {
            XCTAssert("\($0)".contains("no complete set of positions"), "\($0)")
        }
        let garbage = try write("hello world\n", "g.lammpstrj")
        XCTAssertThrowsError(try LAMMPSDumpReader(path: garbage)) {
            XCTAssert("\($0)".contains("expected an 'ITEM:' line"), "\($0)")
        }
        XCTAssertThrowsError(try LAMMPSDumpReader(path: scratch.url.appendingPathComponent("missing.lammpstrj").path)) {
            XCTAssert("\($0)".contains("cannot open"), "\($0)")
        }
    }

    func testTopologyWithADifferentAtomCountIsRejected() throws {
        let dump = try write(frame(step: 0, atoms: [(1, "1"), (2, "2")]))
        let data = try write(
            "title\n\n3 atoms\n1 atom types\n0 10 xlo xhi\n0 10 ylo yhi\n0 10 zlo zhi\n\nMasses\n\n1 6.94\n\nAtoms # atomic\n\n1 1 0 0 0\n2 1 1 1 1\n3 1 2 2 2\n",
            "s.data")
        XCTAssertThrowsError(try Trajectory(TrajectoryInput(topologyPath: data, trajectoryPaths: [dump]))) {
            XCTAssert("\($0)".contains("2 atoms per frame, but the topology has 3"), "\($0)")
        }
    }
}

extension LAMMPSDumpErrorTests {
    func testARestartedRunsRepeatedFrameIsUsedOnce() throws {
        let first = try write(
            frame(step: 0, atoms: [(1, "1"), (2, "2")]) + frame(step: 10, atoms: [(1, "1.5"), (2, "2")]), "a.lammpstrj")
        let second = try write(
            frame(step: 10, atoms: [(1, "1.5"), (2, "2")]) + frame(step: 20, atoms: [(1, "2"), (2, "2")]), "b.lammpstrj"
        )
        let trajectory = try Trajectory(TrajectoryInput(trajectoryPaths: [first, second]))
        var steps: [Int] = []
        try trajectory.forEachFrame { _, frame in steps.append(frame.step!) }
        XCTAssertEqual(steps, [0, 10, 20])
        XCTAssertEqual(trajectory.warnings.count, 1)
        XCTAssertEqual(try trajectory.frameCounts(), [2, 1])
        // Files that simply follow each other keep all their frames.
        let third = try write(frame(step: 30, atoms: [(1, "2"), (2, "2")]), "c.lammpstrj")
        let joined = try Trajectory(TrajectoryInput(trajectoryPaths: [first, third]))
        var count = 0
        try joined.forEachFrame { _, _ in count += 1 }
        XCTAssertEqual(count, 3)
    }
}

/// What no real run holds is refused where every frame passes, naming file, frame and atom
/// (issue 15 items 4 and 5): the reader parses these files; the trajectory refuses them.
extension LAMMPSDumpErrorTests {
    func runError(_ input: TrajectoryInput) -> String {
        do {
            try Trajectory(input).forEachFrame { _, _ in }
            return ""
        } catch { return "\(error)" }
    }

    func testImpossibleCoordinatesTimesAndCellsAreRefused() throws {
        let huge = try write(
            frame(step: 0, atoms: [(1, "1.0"), (2, "2.0")]) + frame(step: 10, atoms: [(1, "1e308"), (2, "2.0")]),
            "huge.lammpstrj")
        let message = runError(TrajectoryInput(trajectoryPaths: [huge], units: .real, timestep: 0.001))
        XCTAssert(message.contains("huge.lammpstrj, frame 1") && message.contains("atom 1"), message)
        XCTAssert(message.contains("not a position"), message)
        // 2 atoms in 10⁻⁶ Å³: a degenerate cell.
        let tiny = try write(
            frame(step: 0, atoms: [(1, "0.001"), (2, "0.002")], box: "0 0.01\n0 0.01\n0 0.01"), "tiny.lammpstrj")
        let cell = runError(TrajectoryInput(trajectoryPaths: [tiny], units: .real, timestep: 0.001))
        XCTAssert(cell.contains("degenerate"), cell)
        let good = try write(frame(step: 0, atoms: [(1, "1.0"), (2, "2.0")]), "good.lammpstrj")
        XCTAssertEqual(runError(TrajectoryInput(trajectoryPaths: [good], units: .real, timestep: 0.001)), "")
        let timestep = runError(TrajectoryInput(trajectoryPaths: [good], units: .real, timestep: 1e300))
        XCTAssert(timestep.contains("not an MD timestep"), timestep)
    }

    func testNegativeMassesAreRefused() throws {
        let dump = try write(frame(step: 0, atoms: [(1, "1.0"), (2, "2.0")]))
        let data = try write(
            "title\n\n2 atoms\n1 atom types\n0 10 xlo xhi\n0 10 ylo yhi\n0 10 zlo zhi\n\nMasses\n\n1 -6.94\n\nAtoms # atomic\n\n1 1 0 0 0\n2 1 1 1 1\n",
            "negative.data")
        let message = runError(TrajectoryInput(topologyPath: data, trajectoryPaths: [dump], units: .real))
        XCTAssert(message.contains("mass -6.94"), message)
    }
}
