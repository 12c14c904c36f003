import Foundation
import IonCore
import XCTest

@testable import IonIO

/// A run restarted from a checkpoint before its end writes some steps twice across two files
/// (issue 15 item 3): the repeated frames are dropped once, said, and the timeline stays even.
final class RestartOverlapTests: XCTestCase {
    /// A LAMMPS dump of two atoms at `steps`, the first atom at x = step/100 (so a frame shows
    /// which step it came from).
    func dump(_ name: String, steps: [Int]) throws -> String {
        var text = ""
        for step in steps {
            text += "ITEM: TIMESTEP\n\(step)\nITEM: NUMBER OF ATOMS\n2\nITEM: BOX BOUNDS pp pp pp\n"
            text += "0 50\n0 50\n0 50\nITEM: ATOMS id type x y z\n"
            text += "1 1 \(Double(step) / 100) 1 1\n2 1 3 3 3\n"
        }
        let url = FileManager.default.temporaryDirectory.appendingPathComponent(
            "restart-\(ProcessInfo.processInfo.processIdentifier)-\(name).lammpstrj")
        try text.write(to: url, atomically: true, encoding: .utf8)
        return url.path
    }

    func read(_ paths: [String]) throws -> (steps: [Int], times: [Double], warnings: [String]) {
        let trajectory = try Trajectory(TrajectoryInput(trajectoryPaths: paths, units: .real, timestep: 0.001))
        var steps: [Int] = [], times: [Double] = []
        try trajectory.forEachFrame { _, frame in
            steps.append(frame.step!); times.append(frame.time!)
            XCTAssertEqual(frame.positions[0].x, Double(frame.step!) / 100, accuracy: 1e-12)
        }
        return (steps, times, trajectory.warnings)
    }

    func testStepsWrittenTwiceByARestartAreDroppedOnce() throws {
        let first = try dump("a", steps: Array(stride(from: 0, through: 1000, by: 100)))
        let restart = try dump("b", steps: Array(stride(from: 700, through: 1500, by: 100)))
        let exact = try dump("c", steps: Array(stride(from: 1000, through: 1500, by: 100)))
        defer { for path in [first, restart, exact] { try? FileManager.default.removeItem(atPath: path) } }
        let result = try read([first, restart])
        XCTAssertEqual(result.steps, Array(stride(from: 0, through: 1500, by: 100)))
        var timing = FrameTiming()
        for t in result.times { timing.record(t) }
        XCTAssertEqual(try timing.evenInterval(for: "the test"), 0.1, accuracy: 1e-12)
        XCTAssertEqual(result.warnings.count, 1)
        XCTAssertTrue(result.warnings[0].contains("its first 4 frames repeat steps already read"), "\(result.warnings)")
        // A restart from the last step repeats one frame.
        let once = try read([first, exact])
        XCTAssertEqual(once.steps, Array(stride(from: 0, through: 1500, by: 100)))
        XCTAssertTrue(once.warnings[0].contains("that frame is used once"), "\(once.warnings)")
        // A second pass gives the same frames (the readers are rewound and skipped again).
        XCTAssertEqual(try read([first, restart]).steps, result.steps)
    }
}
