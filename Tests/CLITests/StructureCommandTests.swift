import Foundation
import XCTest

/// `ionscope shells`, `clusters` and `cdf` end to end on the bundled demo.
final class StructureCommandTests: XCTestCase {
    static let demo = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Sources/ionscope/DemoData")
    var files: [String] { ["demo.data", "demo.lammpstrj.gz"].map { Self.demo.appendingPathComponent($0).path } }

    func object(_ output: String) throws -> [String: Any] {
        try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(output.utf8)) as? [String: Any])
    }

    /// The cutoff comes from the RDF (said on stderr); P(n) sums to 1 and ⟨n⟩ = Σ n P(n). The
    /// Li–TFSI g(r) has a shoulder near 5.4 Å that must not end the first shell: the minimum is
    /// at ≈ 6.2 Å even over 20 frames.
    func testShellsJSONAndTable() throws {
        let result = try run(
            ["shells"] + files + [
                "--centres", "type 1", "--partners", "TFSI=type 2 3", "--counting", "centres-of-mass",
                "--stop", "20", "--json",
            ])
        XCTAssertEqual(result.status, 0, result.err)
        XCTAssert(result.err.contains("first minimum of the RDF"), result.err)
        let species = try XCTUnwrap((try object(result.out)["species"] as? [[String: Any]])?.first)
        XCTAssertEqual(try XCTUnwrap(species["cutoff"] as? Double), 6.2, accuracy: 0.2)
        let bins = try XCTUnwrap(species["coordination"] as? [[String: Any]])
        let p = bins.map { ($0["count"] as? Int ?? -1, $0["probability"] as? Double ?? .nan) }
        XCTAssertEqual(p.reduce(0) { $0 + $1.1 }, 1, accuracy: 1e-9)
        let mean = try XCTUnwrap(species["meanCoordination"] as? Double)
        XCTAssertEqual(p.reduce(0) { $0 + Double($1.0) * $1.1 }, mean, accuracy: 1e-9)
        XCTAssertEqual(mean, 3.15, accuracy: 0.15)
        let table = try run(
            ["shells"] + files + ["--centres", "type 1", "--partners", "type 3", "--cutoff", "3", "--stop", "5"])
        XCTAssertEqual(table.status, 0, table.err)
        XCTAssert(table.out.contains("given"), table.out)
        XCTAssert(table.out.contains("enticity"), table.out)
        let missing = try run(["shells"] + files + ["--centres", "type 1", "--stop", "2"])
        XCTAssertEqual(missing.status, 64)
        XCTAssert(missing.err.contains("--partners"), missing.err)
    }

    /// Fractions of each species sum to 1; cluster sizes account for every ion.
    func testClustersJSONAndTable() throws {
        let result = try run(
            ["clusters"] + files + [
                "--cations", "Li=type 1", "--anions", "TFSI=type 2 3", "--cutoff", "6.3",
                "--stop", "10", "--json",
            ])
        XCTAssertEqual(result.status, 0, result.err)
        let object = try object(result.out)
        for f in try XCTUnwrap(object["fractions"] as? [[String: Any]]) {
            let sum = ["free", "pairs", "aggregates"].reduce(0.0) { $0 + (f[$1] as? Double ?? .nan) }
            XCTAssertEqual(sum, 1, accuracy: 1e-9)
        }
        let sizes = try XCTUnwrap(object["sizes"] as? [[String: Any]])
        let ions = sizes.reduce(0.0) { $0 + ($1["value"] as? Double ?? .nan) * ($1["perFrame"] as? Double ?? .nan) }
        XCTAssertEqual(ions, 350, accuracy: 1e-6)
        XCTAssertEqual(((object["series"] as? [String: Any])?["frameIndices"] as? [Int])?.count, 10)
        let table = try run(
            ["clusters"] + files + [
                "--cations", "Li=type 1", "--anions", "TFSI=type 2 3", "--cutoff", "Li:TFSI=6.3", "--stop", "3",
            ])
        XCTAssertEqual(table.status, 0, table.err)
        XCTAssert(table.out.contains("contact pair"), table.out)
        // The net-charge table keeps the most frequent charges (a free TFSI⁻ is −0.8 e), even when
        // it cannot show them all.
        let charges = try run(
            ["clusters"] + files + [
                "--cations", "Li=type 1", "--anions", "TFSI=type 2 3", "--cutoff", "Li:TFSI=6.3", "--stop", "40",
            ])
        let netCharge = try XCTUnwrap(charges.out.components(separatedBy: "Net charge of clusters").last)
        XCTAssert(netCharge.contains("-0.800 "), netCharge)
        let bad = try run(
            ["clusters"] + files + [
                "--cations", "Li=type 1", "--anions", "TFSI=type 2 3", "--cutoff", "x", "--stop", "3",
            ])
        XCTAssertEqual(bad.status, 64)
        XCTAssert(bad.err.contains("--cutoff"), bad.err)
    }

    /// The S–N–S angle of the coarse-grained TFSI: maps of the requested size, correlation rows
    /// summing to the marginal difference 0 overall.
    func testCDFJSONAndTable() throws {
        let arguments =
            files + [
                "--centres", "type 1", "--partners", "type 2 3", "--points", "type 3", "--points", "type 2",
                "--points", "type 3", "--distance-bins", "20", "--angle-bins", "18", "--stop", "10",
            ]
        let result = try run(["cdf"] + arguments + ["--json"])
        XCTAssertEqual(result.status, 0, result.err)
        let object = try object(result.out)
        XCTAssertEqual(object["kind"] as? String, "angle")
        let g = try XCTUnwrap(object["g"] as? [[Double]])
        XCTAssertEqual(g.count, 20); XCTAssertEqual(g.first?.count, 18)
        let correlation = try XCTUnwrap(object["correlation"] as? [[Double]])
        XCTAssertEqual(correlation.joined().reduce(0, +), 0, accuracy: 1e-9)
        let table = try run(["cdf"] + arguments)
        XCTAssertEqual(table.status, 0, table.err)
        XCTAssert(table.out.contains("strongest"), table.out)
        let two = try run(
            ["cdf"] + files + [
                "--centres", "type 1", "--partners", "type 2 3", "--points", "type 3", "--points", "type 2",
            ])
        XCTAssertNotEqual(two.status, 0)
    }
}

/// `ionscope profile` on the bundled demo: a bulk liquid gives a flat charge-neutral profile.
extension StructureCommandTests {
    func testProfileOfTheDemo() throws {
        let result = try run(
            ["profile"] + files + ["--units", "real", "--axis", "y", "--bins", "20", "--stop", "10", "--json"])
        XCTAssertEqual(result.status, 0, result.err)
        let object = try object(result.out)
        XCTAssertEqual((object["numberDensity"] as? [Double])?.count, 20)
        let number = try XCTUnwrap(object["numberDensity"] as? [Double])
        let mean = number.reduce(0, +) / 20
        XCTAssertEqual(
            mean * pow(try XCTUnwrap(object["width"] as? Double), 3), 1700, accuracy: 1e-6, "every atom counted once")
        XCTAssertEqual((object["units"] as? [String: Any])?["potential"] as? String, "V")
        let bad = try run(["profile"] + files + ["--axis", "w", "--stop", "2"])
        XCTAssertEqual(bad.status, 64)
        XCTAssert(bad.err.contains("--axis"), bad.err)
    }
}
