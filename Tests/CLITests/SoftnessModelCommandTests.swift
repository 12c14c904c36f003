import Foundation
import XCTest

/// A softness model saved by one run is applied by another (`--model`): to the same frames in
/// another file it gives the same S bit for bit, and it refuses features it was not trained on.
final class SoftnessModelCommandTests: ScratchTestCase {
    static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fixtures/kob-andersen")

    func softness(_ file: String, _ output: URL, _ extra: [String], start: Int = 0) throws -> (
        status: Int32, out: String, err: String
    ) {
        try run(
            [
                "softness", Self.fixtures.appendingPathComponent(file).path, "--units", "lj", "--timestep", "0.005",
                "--select", "type 1", "--d2min-window", "10", "--start", "\(start)", "--stop", "\(start + 21)",
                "--rsf-step", "0.5", "--rsf-width",
                "0.1", "--folds", "2", "--output", output.path,
            ] + extra)
    }

    /// The softness column of the CSV by (window, atom).
    func softnessColumn(_ folder: URL) throws -> [String: String] {
        let text = try String(contentsOf: folder.appendingPathComponent("softness-type-1.csv"), encoding: .utf8)
        var lines = text.split(separator: "\n").map { $0.split(separator: ",", omittingEmptySubsequences: false) }
        while let first = lines.first, first.first?.hasPrefix("#") == true { lines.removeFirst() }
        let header = lines.removeFirst().map(String.init)
        let (w, atom, s) = (
            header.firstIndex(of: "window")!, header.firstIndex(of: "atom")!, header.firstIndex(of: "softness")!
        )
        return Dictionary(uniqueKeysWithValues: lines.map { ("\($0[w]) \($0[atom])", String($0[s])) })
    }

    func testASavedModelGivesTheSameSoftnessOnTheSameFramesOfAnotherFile() throws {
        let trained = scratch.appendingPathComponent("trained")
        let first = try softness("ka.lammpstrj.gz", trained, [])
        XCTAssertEqual(first.status, 0, first.err)
        let model = trained.appendingPathComponent("softness-type-1-model.json")
        let saved = try JSONSerialization.jsonObject(with: Data(contentsOf: model)) as! [String: Any]
        XCTAssertEqual(saved["version"] as? Int, 2)
        XCTAssertEqual(saved["lengthUnit"] as? String, "σ")

        // ka-pe.lammpstrj.gz holds the same first 21 frames, with more columns.
        let applied = scratch.appendingPathComponent("applied")
        let second = try softness("ka-pe.lammpstrj.gz", applied, ["--model", model.path])
        XCTAssertEqual(second.status, 0, second.err)
        XCTAssertEqual(try softnessColumn(applied), try softnessColumn(trained))
        XCTAssertFalse(
            FileManager.default.fileExists(atPath: applied.appendingPathComponent("softness-type-1-model.json").path),
            "an applied model is not written again")
        XCTAssertTrue(second.out.contains("saved logistic-regression model"), second.out)
        // Frames 10…30: its first window is the trained run's second, its second one new.
        let later = scratch.appendingPathComponent("later")
        let third = try softness("ka.lammpstrj.gz", later, ["--model", model.path], start: 10)
        XCTAssertEqual(third.status, 0, third.err)
        let (before, after) = (try softnessColumn(trained), try softnessColumn(later))
        for (key, value) in after where key.hasPrefix("0 ") {
            XCTAssertEqual(value, before["1 " + key.dropFirst(2)], "window 0 here is window 1 there, atom \(key)")
        }

        let other = try softness(
            "ka-pe.lammpstrj.gz", scratch.appendingPathComponent("other"),
            [
                "--model", model.path, "--rsf-max", "4",
            ])
        XCTAssertEqual(other.status, 64, other.err)
        XCTAssertTrue(other.err.contains("trained on 20 features, these are 16"), other.err)
    }

    func testADamagedOrForeignModelFileIsRefusedBeforeReading() throws {
        let output = scratch.appendingPathComponent("out")
        let foreign = scratch.appendingPathComponent("foreign.json")
        try Data(#"{"format": "sklearn", "version": 1}"#.utf8).write(to: foreign)
        let a = try softness("ka.lammpstrj.gz", output, ["--model", foreign.path])
        XCTAssertEqual(a.status, 64)
        XCTAssertTrue(a.err.contains("is not a softness model"), a.err)
        let future = scratch.appendingPathComponent("future.json")
        try Data(#"{"format": "ionscope-softness-model", "version": 9}"#.utf8).write(to: future)
        let b = try softness("ka.lammpstrj.gz", output, ["--model", future.path])
        XCTAssertTrue(b.err.contains("version 9"), b.err)
        let short = scratch.appendingPathComponent("short.json")
        try Data(
            #"{"format": "ionscope-softness-model", "version": 1, "classifier": "logistic-regression", "columns": ["a", "b"], "standardizer": {"mean": [0, 0], "scale": [1, 1]}, "weights": [1], "intercept": 0, "c": 1}"#
                .utf8
        ).write(to: short)
        let c = try softness("ka.lammpstrj.gz", output, ["--model", short.path])
        XCTAssertTrue(c.err.contains("2 columns but 1 weights"), c.err)
        let missing = try softness(
            "ka.lammpstrj.gz", output, ["--model", scratch.appendingPathComponent("no.json").path])
        XCTAssertTrue(missing.err.contains("cannot read the softness model"), missing.err)
    }
}
