import Foundation
import IonAnalysis
import IonCore
import IonIO
import XCTest

@testable import IonJob

/// `box` (`--box`): the periodic cell of files that store none (issue 15 item 4). The primitive
/// model's LAMMPS dump, written out as a plain XYZ of wrapped coordinates, loses its cell: the MSD
/// refuses it as wrapped; given the cell, it matches the dump's MSD.
final class BoxOptionTests: XCTestCase {
    static let dump = PluginRegistryTests.root.appendingPathComponent(
        "Tests/Fixtures/primitive-model/ions.lammpstrj.gz")

    /// The dump's first `frames` frames as an XYZ file of coordinates wrapped into the cell.
    func wrappedXYZ(frames: Int) throws -> (path: String, box: Box) {
        let trajectory = try Trajectory(
            TrajectoryInput(trajectoryPaths: [Self.dump.path], timestep: 0.005, range: FrameRange(stop: frames)))
        var text = "", box: Box?
        try trajectory.forEachFrame { _, frame in
            let cell = try XCTUnwrap(frame.box)
            box = cell
            text += "\(frame.atomCount)\nwrapped\n"
            for (k, p) in frame.positions.enumerated() {
                let w = cell.wrap(p)
                text += "\(trajectory.topology.types[k]) \(String(format: "%.6f %.6f %.6f", w.x, w.y, w.z))\n"
            }
        }
        let url = FileManager.default.temporaryDirectory.appendingPathComponent(
            "wrapped-\(ProcessInfo.processInfo.processIdentifier).xyz")
        try text.write(to: url, atomically: true, encoding: .utf8)
        return (url.path, try XCTUnwrap(box))
    }

    func msd(_ input: String) throws -> MSDResult {
        let text = "[input]\n\(input)\n[[msd]]\nselect = \"type 1\"\ndrift = \"none\"\n"
        let config = try JobConfig.parse(
            text, path: FileManager.default.temporaryDirectory.appendingPathComponent("box.toml").path)
        let results = try JobRunner.run(config)  // outside XCTUnwrap: its errors are expected
        return try XCTUnwrap(results.output("msd", as: MSDResult.self))
    }

    func testAGivenCellUnwrapsAnXYZLikeTheDumpItCameFrom() throws {
        let (xyz, box) = try wrappedXYZ(frames: 120)
        defer { try? FileManager.default.removeItem(atPath: xyz) }
        let side = box.lengths.x
        let reference = try msd("trajectories = [\"\(Self.dump.path)\"]\ntimestep = 0.005\nstop = 120")
        let given = try msd(
            "trajectories = [\"\(xyz)\"]\nunits = \"lj\"\nframe_interval = 0.1\nbox = [\(side), \(side), \(side)]")
        XCTAssertEqual(given.msd.count, reference.msd.count)
        for (a, b) in zip(given.msd, reference.msd) { XCTAssertEqual(a, b, accuracy: 1e-5 + 1e-5 * b) }
        // Without the cell the coordinates are seen to be wrapped and refused.
        XCTAssertThrowsError(try msd("trajectories = [\"\(xyz)\"]\nunits = \"lj\"\nframe_interval = 0.1")) { error in
            XCTAssertTrue("\(error)".contains("look wrapped"), "\(error)")
        }
        // A file with a cell of its own, or a cell that is not one, is refused.
        XCTAssertThrowsError(try msd("trajectories = [\"\(Self.dump.path)\"]\ntimestep = 0.005\nbox = [10, 10, 10]")) {
            XCTAssertTrue("\($0)".contains("gives a cell of its own"), "\($0)")
        }
        XCTAssertThrowsError(try msd("trajectories = [\"\(xyz)\"]\nbox = [10, 10]")) {
            XCTAssertTrue("\($0)".contains("three edge lengths"), "\($0)")
        }
        XCTAssertThrowsError(try msd("trajectories = [\"\(xyz)\"]\nbox = [10, 10, 10, 90, 90, 200]")) {
            XCTAssertTrue("\($0)".contains("make no cell"), "\($0)")
        }
    }

    /// Lengths and angles give the cell a PDB CRYST1 record would.
    func testCellFromLengthsAndAngles() throws {
        let box = try Box.given([10, 11, 12, 80, 95, 100])
        XCTAssertEqual(box.lengths.x, 10, accuracy: 1e-12)
        XCTAssertEqual(box.lengths.z, 12, accuracy: 1e-12)
        XCTAssertEqual(box.anglesDegrees.x, 80, accuracy: 1e-9)
        XCTAssertEqual(box.anglesDegrees.z, 100, accuracy: 1e-9)
        XCTAssertEqual(try Box.given([3, 4, 5]).volume, 60, accuracy: 1e-12)
        XCTAssertThrowsError(try Box.given([3, 0, 5]))
    }
}
