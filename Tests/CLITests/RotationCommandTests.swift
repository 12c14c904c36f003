import Foundation
import XCTest

/// `ionscope rotation` end to end on the bundled demo (PYR13 axis type 4 → type 6).
final class RotationCommandTests: XCTestCase {
    /// The bundled demo's data file and trajectory.
    var files: [String] {
        ["demo.data", "demo.lammpstrj.gz"].map { MSDCommandTests.demo.appendingPathComponent($0).path }
    }

    func testRotationFitsBothLegendreFunctions() throws {
        let result = try run(
            ["rotation"] + files + [
                "--units", "real", "--timestep", "0.002", "--tail", "type 4", "--head", "type 6", "--json",
            ])
        XCTAssertEqual(result.status, 0, result.err)
        let object = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(result.out.utf8)) as? [String: Any])
        XCTAssertGreaterThan(object["molecules"] as? Int ?? 0, 0)
        let p1 = try XCTUnwrap(object["p1Fit"] as? [String: Any]), p2 = try XCTUnwrap(object["p2Fit"] as? [String: Any])
        let (k1, k2) = (
            try XCTUnwrap(p1["stretched"] as? [String: Any]), try XCTUnwrap(p2["stretched"] as? [String: Any])
        )
        let (t1, t2) = (try XCTUnwrap(k1["lifetime"] as? Double), try XCTUnwrap(k2["lifetime"] as? Double))
        XCTAssert(t1 > t2 && t2 > 0, "P1 relaxes more slowly than P2: τ1 \(t1), τ2 \(t2)")
        XCTAssertEqual((object["p1"] as? [Double])?.first ?? 0, 1, accuracy: 1e-12)
    }

    func testAxisNeedsOneAtomOfEachPerMolecule() throws {
        let result = try run(
            ["rotation"] + files + ["--units", "real", "--timestep", "0.002", "--tail", "type 2", "--head", "type 3"])
        XCTAssertNotEqual(result.status, 0)
        XCTAssert(result.err.contains("one atom A and one atom B"), result.err)
        let missing = try run(["rotation"] + files + ["--units", "real", "--timestep", "0.002", "--tail", "type 4"])
        XCTAssertEqual(missing.status, 64, "a missing required option is a usage error")
        XCTAssert(missing.err.contains("--head"), missing.err)
    }
}
