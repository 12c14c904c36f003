import Foundation
import IonAnalysis
import IonCore
import XCTest

/// The one-pass collection: partners moved in and out of a 3 Å shell by a known pattern give exactly
/// that pattern's runs; frame times, positions every W frames and bad inputs.
final class ShellKineticsCollectionTests: XCTestCase {
    private let pattern: [[Bool]] = [
        [true, true, false, true, true, true, false, true],
        [false, true, true, true, false, false, true, true],
    ]

    private func context() -> AnalysisContext {
        var topology = Topology(atomCount: 3)
        topology.types = ["1", "2", "2"]
        topology.given = [.types]
        return AnalysisContext(topology: topology, units: .real)
    }

    /// Frame k: centre at (1, 1, 1) + k·(0.5, 0, 0); partner p at 2 Å (inside) or 5 Å (outside) along y or z.
    private func frame(_ k: Int, time: Double?) -> Frame {
        let centre = Vec3(1 + 0.5 * Double(k), 1, 1)
        let first = centre + Vec3(0, pattern[0][k] ? 2 : 5, 0), second = centre + Vec3(0, 0, pattern[1][k] ? 2 : 5)
        var frame = Frame(positions: [centre, first, second], box: Box(lx: 20, ly: 20, lz: 20), time: time)
        frame.wrapping = .unwrapped
        return frame
    }

    private func collect(times: (Int) -> Double?, window: Int? = nil) throws -> ShellKineticsCollection.Result {
        let analysis = ShellKineticsCollection(
            definition: ShellDefinition(centres: "type 1", partners: "type 2", cutoff: 3),
            positionWindow: window)
        let context = context()
        return try AnalysisPass.run(
            analysis, topology: context.topology, units: context.units,
            frames: pattern[0].indices.map { frame($0, time: times($0)) })
    }

    func testRunsTimesAndPositions() throws {
        let result = try collect(times: { 0.25 * Double($0) }, window: 3)
        let expected = try PairExistence(indicators: pattern)
        XCTAssertEqual(result.existence.pairCount, 2)
        for p in 0..<2 {
            XCTAssertEqual(
                result.existence.runs(of: p).map { [$0.first, $0.last] },
                expected.runs(of: p).map { [$0.first, $0.last] })
        }
        XCTAssertEqual(result.frameInterval, 0.25, accuracy: 1e-12)
        XCTAssertTrue(result.warnings.isEmpty)
        let positions = try XCTUnwrap(result.positions)
        XCTAssertEqual(positions.count, 3)  // frames 0, 3, 6
        for (j, row) in positions.enumerated() { XCTAssertEqual(row[0].x, 1 + 0.5 * Double(3 * j), accuracy: 1e-9) }
    }

    func testIrregularAndMissingTimes() throws {
        // Unevenly spaced frames are refused, as by every time correlation (FrameTiming).
        XCTAssertThrowsError(try collect(times: { Double($0 * $0) })) { error in
            XCTAssertTrue("\(error)".contains("not evenly spaced"), "\(error)")
        }
        XCTAssertThrowsError(try collect(times: { _ in nil })) { error in
            XCTAssert("\(error)".contains("--timestep"), "\(error)")
        }
    }
}
