import Foundation
import XCTest

/// `ionscope vacf` and `ionscope conductivity --green-kubo` end to end on the seed-002
/// primitive-model trajectory (Tests/Fixtures/primitive-model, LAMMPS lj units).
final class TransportCommandTests: XCTestCase {
    static let trajectory = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("../Fixtures/primitive-model/ions.lammpstrj.gz").standardized.path

    func testVACFPrintsGreenKuboDiffusionInReducedUnits() throws {
        let result = try run(["vacf", Self.trajectory, "--timestep", "0.005", "--select", "type 1"])
        XCTAssertEqual(result.status, 0, result.err)
        XCTAssert(result.out.contains("D(type 1)") && result.out.contains("Green–Kubo"), result.out)
        XCTAssert(result.out.contains("σ²/τ"), result.out)
        XCTAssertFalse(result.out.contains("m²/s"), "no SI for lj: \(result.out)")
    }

    func testVACFJSONAndMissingTimes() throws {
        let result = try run([
            "vacf", Self.trajectory, "--timestep", "0.005", "--select", "type 2", "--window", "2", "--json",
        ])
        XCTAssertEqual(result.status, 0, result.err)
        let output = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(result.out.utf8)) as? [String: Any])
        let object = try XCTUnwrap(output["vacf"] as? [String: Any])
        XCTAssertNil(output["vccf"])
        XCTAssertEqual(object["particleCount"] as? Int, 50)
        XCTAssertEqual((object["times"] as? [Double])?.count, 41, "window 2 τ at 0.05 τ: lags 0…40")
        let diffusion = try XCTUnwrap(object["diffusion"] as? [String: Any])
        let d = try XCTUnwrap(diffusion["value"] as? Double)
        XCTAssert(d > 0.05 && d < 0.09, "D_GK \(d)")
        let untimed = try run(["vacf", Self.trajectory, "--select", "type 2"])
        XCTAssertNotEqual(untimed.status, 0)
        XCTAssert(untimed.err.contains("--timestep"), untimed.err)
    }

    func testVelocityCrossCorrelationRisesAsMomentumPassesToNeighbours() throws {
        let result = try run([
            "vacf", Self.trajectory, "--timestep", "0.005", "--select", "type 1", "--with", "type 2",
            "--shell", "auto", "--window", "1", "--json",
        ])
        XCTAssertEqual(result.status, 0, result.err)
        let object = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(result.out.utf8)) as? [String: Any])
        let vccf = try XCTUnwrap(object["vccf"] as? [String: Any])
        let c = try XCTUnwrap(vccf["normalized"] as? [Double])
        XCTAssertEqual(c.count, 21)
        XCTAssertGreaterThan(c[2], 3 * abs(c[0]), "C(t) rises from ~0 at t = 0: \(c.prefix(4))")
        XCTAssertGreaterThan(try XCTUnwrap(vccf["meanNeighbors"] as? Double), 0.5)
        // R from the first minimum of the cation–anion RDF (1.67 σ by `ionscope rdf`).
        XCTAssertEqual(try XCTUnwrap(vccf["radius"] as? Double), 1.67, accuracy: 0.1)
        XCTAssert(result.err.contains("first minimum"), result.err)
        let incomplete = try run(["vacf", Self.trajectory, "--timestep", "0.005", "--with", "type 2"])
        XCTAssertNotEqual(incomplete.status, 0, "--with needs --shell")
    }

    func testConductivityWithGreenKubo() throws {
        let arguments = [
            "conductivity", Self.trajectory, "--timestep", "0.005", "--temperature", "1", "--atoms",
            "--species", "cation=type 1", "--species", "anion=type 2", "--green-kubo", "--stop", "600",
        ]
        let text = try run(arguments + ["--stop", "300"])
        XCTAssertEqual(text.status, 0, text.err)
        XCTAssert(
            text.out.contains("Green–Kubo") && text.out.contains("q²/(σ·τ·ε)") && text.out.contains("convergence"),
            text.out)
        let json = try run(arguments + ["--json"])
        XCTAssertEqual(json.status, 0, json.err)
        let object = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(json.out.utf8)) as? [String: Any])
        let einstein = try XCTUnwrap((object["einstein"] as? [String: Any])?["conductivity"] as? [String: Any])
        let greenKubo = try XCTUnwrap((object["greenKubo"] as? [String: Any])?["conductivity"] as? [String: Any])
        let (a, b) = (try XCTUnwrap(einstein["value"] as? Double), try XCTUnwrap(greenKubo["value"] as? Double))
        XCTAssertEqual(a, b, accuracy: 0.5 * a, "Einstein \(a), Green–Kubo \(b)")
        let window = try run([
            "conductivity", Self.trajectory, "--timestep", "0.005", "--temperature", "1",
            "--species", "c=type 1", "--species", "a=type 2", "--green-kubo-window", "2",
        ])
        XCTAssertEqual(window.status, 64, "--green-kubo-window without --green-kubo")
        XCTAssert(window.err.contains("--green-kubo-window"), window.err)
    }
}

/// Default RDF ranges adapt to a small cell (10.8 σ here): said on stderr, not an error (issue 15
/// item 6).
extension TransportCommandTests {
    func testDefaultRangesFitASmallCell() throws {
        let rdf = try run(["rdf", Self.trajectory, "--select", "type 1", "--with", "type 2", "--stop", "50", "--json"])
        XCTAssertEqual(rdf.status, 0, rdf.err)
        XCTAssert(rdf.err.contains("half the cell"), rdf.err)
        let object = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(rdf.out.utf8)) as? [String: Any])
        XCTAssertEqual(try XCTUnwrap(object["rMax"] as? Double), 5.386, accuracy: 1e-3)
        let kinetics = try run([
            "kinetics", Self.trajectory, "--timestep", "0.005", "--centres", "type 1", "--partners", "type 2", "--stop",
            "200",
            "--bootstrap", "0", "--power-law-replicates", "0", "--state-bootstrap", "2", "--json",
        ])
        XCTAssertEqual(kinetics.status, 0, kinetics.err)
        XCTAssert(kinetics.err.contains("from the first minimum of the RDF"), kinetics.err)
    }
}
