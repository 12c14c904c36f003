import Foundation
import XCTest

/// `ionscope arrhenius` on a table and on JSON results written like msd's and conductivity's.
final class ArrheniusCommandTests: XCTestCase {
    /// k = A exp(−E_a/(RT)) with E_a = 25 kJ/mol, A = 1e-6.
    func exact(_ t: Double) -> Double { 1e-6 * exp(-25 / (8.314462618e-3 * t)) }

    func scratch() throws -> URL {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("arrhenius-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        addTeardownBlock { try? FileManager.default.removeItem(at: directory) }
        return directory
    }

    func testTableGivesTheExactActivationEnergy() throws {
        let table = try scratch().appendingPathComponent("rates.csv")
        let rows = [280.0, 320, 360, 400].map { "\($0), \(exact($0)), \(0.03 * exact($0))" }
        try (["# T (K), k, error", "T,k,err"] + rows).joined(separator: "\n").write(
            to: table, atomically: true, encoding: .utf8)
        let result = try run(["arrhenius", table.path, "--json"])
        XCTAssertEqual(result.status, 0, result.err)
        let object = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(result.out.utf8)) as? [String: Any])
        XCTAssertEqual(try XCTUnwrap(object["activationEnergy"] as? Double), 25, accuracy: 1e-6)
        XCTAssertEqual(try XCTUnwrap(object["activationEnergyEV"] as? Double), 25 / 96.48533212, accuracy: 1e-6)
        let text = try run(["arrhenius", table.path])
        XCTAssert(text.out.contains("kJ/mol") && text.out.contains("eV"), text.out)
    }

    func testJSONResultsOfOtherCommands() throws {
        let directory = try scratch()
        var arguments = ["arrhenius"]
        for (k, t) in [300.0, 350, 400].enumerated() {
            let file = directory.appendingPathComponent("run\(k).json")
            if k == 0 {  // msd-like: no temperature inside, given as T:FILE
                try #"{"diffusion": {"coefficient": {"value": \#(exact(t)), "uncertainty": \#(0.05 * exact(t))}}}"#
                    .write(to: file, atomically: true, encoding: .utf8)
                arguments.append("\(t):\(file.path)")
            } else {  // conductivity-like: temperature recorded
                try
                    #"{"temperature": \#(t), "conductivity": {"value": \#(exact(t)), "uncertainty": \#(0.05 * exact(t))}}"#
                    .write(to: file, atomically: true, encoding: .utf8)
                arguments.append(file.path)
            }
        }
        let result = try run(arguments + ["--json"])
        XCTAssertEqual(result.status, 0, result.err)
        let object = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(result.out.utf8)) as? [String: Any])
        XCTAssertEqual(try XCTUnwrap(object["activationEnergy"] as? Double), 25, accuracy: 1e-6)
        let missing = try run(["arrhenius", directory.appendingPathComponent("run0.json").path])
        XCTAssertNotEqual(missing.status, 0)
        XCTAssert(missing.err.contains("temperature"), missing.err)
    }
}
