import Foundation
import XCTest

/// `ionscope msd` end to end on the bundled demo: D ± σ with window and method, JSON included.
final class MSDCommandTests: XCTestCase {
    static let demo = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("../../Sources/ionscope/DemoData").standardized

    var files: [String] {
        [
            Self.demo.appendingPathComponent("demo.data").path,
            Self.demo.appendingPathComponent("demo.lammpstrj.gz").path,
        ]
    }

    func testMSDPrintsDiffusionWithWindowAndMethod() throws {
        let result = try run(
            ["msd"] + files + [
                "--units", "real", "--timestep", "0.002", "--select", "type 2 3", "--molecules",
                "--temperature", "450", "--viscosity", "0.01",
            ])
        XCTAssertEqual(result.status, 0, result.err)
        XCTAssert(result.out.contains("D(type 2 3)"), result.out)
        XCTAssert(result.out.contains("m²/s"), result.out)
        XCTAssert(result.out.contains("window"), result.out)
        XCTAssert(result.out.contains("GLS"), result.out)
        XCTAssert(result.out.contains("Yeh–Hummer"), result.out)
    }

    func testMSDJSONCarriesDiffusionAndLogLags() throws {
        let result = try run(
            ["msd"] + files + [
                "--units", "real", "--timestep", "0.002", "--select", "type 1",
                "--json", "--log-lags", "--fit-start", "20", "--fit-end", "100", "--drift", "none",
            ])
        XCTAssertEqual(result.status, 0, result.err)
        let object = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(result.out.utf8)) as? [String: Any])
        let diffusion = try XCTUnwrap(object["diffusion"] as? [String: Any])
        XCTAssertEqual(diffusion["windowChoice"] as? String, "user")
        let coefficient = try XCTUnwrap(diffusion["coefficient"] as? [String: Any])
        let d = try XCTUnwrap(coefficient["value"] as? Double)
        XCTAssertGreaterThan(d, 0.03); XCTAssertLessThan(d, 0.3)
        XCTAssertLessThan((object["lags"] as? [Any])?.count ?? 0, 40)
        XCTAssertEqual(object["drift"] as? String, "none removed")
    }

    func testBadDriftSelectionIsAValidationError() throws {
        let result = try run(["msd"] + files + ["--timestep", "0.002", "--drift", "type ==", "--select", "type 1"])
        XCTAssertEqual(result.status, 64)
        XCTAssert(result.err.contains("--drift"), result.err)
    }

    /// A LAMMPS dump stores only the step: without --timestep there is no D, and that is said
    /// (it used to leave an empty table).
    func testMissingFrameTimesAreSaidNotLeftBlank() throws {
        let result = try run(["msd"] + files + ["--units", "real", "--select", "type 1", "--stop", "50"])
        XCTAssertEqual(result.status, 0, result.err)
        XCTAssert(result.err.contains("no self-diffusion coefficient") && result.err.contains("--timestep"), result.err)
    }
}
