import Foundation
import XCTest

/// `ionscope NAME … --output DIR` writes the analysis' files as a job would, atomically, and
/// replaces a directory only with --force.
final class AnalysisOutputTests: ScratchTestCase {
    func descriptors(_ output: URL, _ extra: [String] = []) throws -> (status: Int32, out: String, err: String) {
        let data = CLITests.demoData
        return try run(
            [
                "descriptors", data.appendingPathComponent("demo.data").path,
                data.appendingPathComponent("demo.lammpstrj.gz").path, "--units", "real", "--select", "type 1",
                "--species", "S=type 3", "--rsf-max", "6", "--rsf-step", "0.5", "--stop", "21", "--every", "10",
                "--output", output.path,
            ] + extra)
    }

    func testTheFilesOfTheAnalysisAreWrittenOnceAndReplacedOnlyWithForce() throws {
        let output = scratch.appendingPathComponent("features")
        let first = try descriptors(output)
        XCTAssertEqual(first.status, 0, first.err)
        let names = try FileManager.default.contentsOfDirectory(atPath: output.path).sorted()
        XCTAssertEqual(
            names,
            [
                "descriptors-type-1-mean.csv", "descriptors-type-1.csv", "descriptors-type-1.json",
                "descriptors-type-1.npy", "manifest.json",
            ])
        let npy = try Data(contentsOf: output.appendingPathComponent("descriptors-type-1.npy"))
        XCTAssertEqual(npy.count, 128 + 8 * 3 * 50 * 12, "3 frames × 50 Li⁺ × 12 μ after a 128-byte header")
        let again = try descriptors(output)
        XCTAssertEqual(again.status, 73, "an existing directory is refused")
        XCTAssertTrue(again.err.contains("--force"), again.err)
        XCTAssertEqual(try descriptors(output, ["--force"]).status, 0)
        let lonely = try run(["msd", CLITests.demoData.appendingPathComponent("demo.data").path, "--force"])
        XCTAssertEqual(lonely.status, 64, "--force without --output is a usage error")
    }

    func testRSFDefaultsAreForReducedUnitsOnly() throws {
        let data = CLITests.demoData
        let result = try run([
            "descriptors", data.appendingPathComponent("demo.data").path,
            data.appendingPathComponent("demo.lammpstrj.gz").path, "--units", "real", "--select", "type 1",
            "--species", "S=type 3", "--stop", "2",
        ])
        XCTAssertEqual(result.status, 64)
        XCTAssertTrue(result.err.contains("rsf_max") || result.err.contains("--rsf-max"), result.err)
    }
}
