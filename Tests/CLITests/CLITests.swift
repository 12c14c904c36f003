import Foundation
import XCTest

/// End-to-end tests: run the built `ionscope` binary and check what it prints.
final class CLITests: XCTestCase {
    func testHelpListsTheCommands() throws {
        let result = try run(["--help"])
        XCTAssertEqual(result.status, 0)
        XCTAssert(result.out.contains("inspect"), result.out)
        XCTAssert(result.out.contains("demo"), result.out)
    }

    func testMissingFileGivesACleanError() throws {
        let result = try run(["inspect", "/nonexistent/x.lammpstrj"])
        XCTAssertEqual(result.status, 66)
        XCTAssert(result.err.contains("/nonexistent/x.lammpstrj: cannot open"), result.err)
    }

    func testUnknownExtensionIsExplained() throws {
        let result = try run(["inspect", "/tmp/whatever.abc"])
        XCTAssertEqual(result.status, 66)
        XCTAssert(result.err.contains("cannot tell the file format"), result.err)
    }

    /// A LAMMPS lj dump with charges and no masses: charges in the reduced q, masses unknown
    /// (not "0 g/mol").
    func testInspectStatesReducedUnitsAndUnknownMasses() throws {
        let fixture = Self.demoData.deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Tests/Fixtures/primitive-model/ions.lammpstrj.gz")
        let result = try run(["inspect", fixture.path, "--timestep", "0.005"])
        XCTAssertEqual(result.status, 0, result.err)
        XCTAssert(result.out.contains("total mass: unknown") && result.out.contains("charge 1.00 q"), result.out)
        XCTAssertFalse(result.out.contains("g/mol") || result.out.contains(" e\n"), result.out)
    }

    /// The bundled demo, found from this file's path.
    static var demoData: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
            .appendingPathComponent("Sources/ionscope/DemoData")
    }

    func testConductivityNeedsATemperature() throws {
        let result = try run([
            "conductivity", "x.data", "y.lammpstrj", "--species", "Li=type 1", "--species", "TFSI=type 2",
        ])
        XCTAssertEqual(result.status, 64, "a usage error, found before any file is opened")
        XCTAssert(result.err.contains("--temperature"), result.err)
    }

    /// Smoke test on the demo: it runs and every headline number is finite (values are not
    /// asserted: 300 ps of a small system).
    func testConductivityOfTheDemoIsFinite() throws {
        let data = Self.demoData
        let result = try run([
            "conductivity", data.appendingPathComponent("demo.data").path,
            data.appendingPathComponent("demo.lammpstrj.gz").path, "--units", "real", "--timestep", "0.002",
            "--temperature", "450", "--species", "Li=type 1", "--species", "TFSI=type 2 3",
            "--species", "PYR13=type 4 5 6", "--json",
        ])
        XCTAssertEqual(result.status, 0, result.err)
        let output = try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(result.out.utf8)) as? [String: Any])
        let object = try XCTUnwrap(output["einstein"] as? [String: Any])
        for key in [
            "conductivity", "nernstEinsteinConductivity", "ionicity", "molarConductivity", "cationTransferenceOnsager",
        ] {
            let value = try XCTUnwrap((object[key] as? [String: Any])?["value"] as? Double, key)
            XCTAssert(value.isFinite, "\(key) = \(value)")
        }
        let sigma = try XCTUnwrap((object["nernstEinsteinConductivity"] as? [String: Any])?["value"] as? Double)
        XCTAssertGreaterThan(sigma, 0)
        let table = try run([
            "conductivity", data.appendingPathComponent("demo.data").path,
            data.appendingPathComponent("demo.lammpstrj.gz").path, "--units", "real", "--timestep", "0.002",
            "--temperature", "450", "--species", "Li=type 1", "--species", "TFSI=type 2 3",
        ])
        XCTAssertEqual(table.status, 0, table.err)
        XCTAssert(table.out.contains("ionicity"), table.out)
        XCTAssert(table.out.contains("cation transference, Onsager"), "one cation: its own t")
        // Two cations: their summed transference is named as a sum, never as "cation transference".
        let two = try run([
            "conductivity", data.appendingPathComponent("demo.data").path,
            data.appendingPathComponent("demo.lammpstrj.gz").path, "--units", "real", "--timestep", "0.002",
            "--temperature", "450", "--species", "Li=type 1", "--species", "TFSI=type 2 3",
            "--species", "PYR13=type 4 5 6",
        ])
        XCTAssertEqual(two.status, 0, two.err)
        XCTAssert(two.out.contains("sum over the cations (Li + PYR13)"), two.out)
        XCTAssertFalse(two.out.contains("cation transference"), two.out)
    }
}

/// `ionscope rdf` end to end on the bundled demo trajectory.
extension CLITests {
    static let demo = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Sources/ionscope/DemoData")
    var files: [String] { ["demo.data", "demo.lammpstrj.gz"].map { Self.demo.appendingPathComponent($0).path } }

    func testRDFJSONHasTheFirstPeak() throws {
        let result = try run(
            ["rdf"] + files + [
                "--select", "type 1", "--with", "type 3", "--rmax", "12", "--bins", "120", "--stop", "60", "--json",
            ])
        XCTAssertEqual(result.status, 0, result.err)
        let object = try JSONSerialization.jsonObject(with: Data(result.out.utf8)) as? [String: Any]
        let peak = try XCTUnwrap((object?["firstPeak"] as? [String: Any])?["r"] as? Double)
        XCTAssertEqual(peak, 3.4, accuracy: 0.15)
        XCTAssertEqual((object?["g"] as? [Double])?.count, 120)
    }

    func testRDFTableAndTooLargeRMax() throws {
        let table = try run(["rdf"] + files + ["--select", "type 1", "--with", "type 3", "--stop", "20"])
        XCTAssertEqual(table.status, 0, table.err)
        XCTAssert(table.out.contains("first peak") && table.out.contains("3."), table.out)
        let tooFar = try run(["rdf"] + files + ["--select", "type 1", "--rmax", "30", "--stop", "2"])
        XCTAssertEqual(tooFar.status, 65, "input data that do not fit the analysis")
        XCTAssert(tooFar.err.contains("exceeds half the smallest perpendicular width"), tooFar.err)
    }
}
