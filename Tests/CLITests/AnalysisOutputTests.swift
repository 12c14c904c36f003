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

    /// --angular appends Ψ(ξ, ζ, λ) columns after the radial ones; inputs in Å must give the
    /// cutoff and ξ, and SOAP does not combine with it.
    func testAngularFunctionsFollowTheRadialOnes() throws {
        let output = scratch.appendingPathComponent("angular")
        let missing = try descriptors(output, ["--angular"])
        XCTAssertEqual(missing.status, 64)
        XCTAssertTrue(missing.err.contains("asf"), missing.err)
        let withSOAP = try descriptors(output, ["--angular", "--soap", "--rcut", "5", "--sigma", "0.5"])
        XCTAssertEqual(withSOAP.status, 64)
        XCTAssertTrue(withSOAP.err.contains("angular"), withSOAP.err)
        let result = try descriptors(output, ["--angular", "--asf-cutoff", "6", "--asf-xi", "3", "--asf-xi", "5"])
        XCTAssertEqual(result.status, 0, result.err)
        let sidecar =
            try JSONSerialization.jsonObject(
                with: Data(contentsOf: output.appendingPathComponent("descriptors-type-1.json"))) as! [String: Any]
        let columns = sidecar["columns"] as! [String]
        XCTAssertEqual(columns.count, 12 + 2 * 3 * 2, "12 μ, then 2 ξ × 3 ζ × 2 λ for the one pair S,S")
        XCTAssertEqual(columns[12], "Psi_S,S(xi=3,zeta=1,lambda=-1)")
        XCTAssertEqual(sidecar["shape"] as? [Int], [3, 50, 24])
    }
}
