import Foundation
import IonCore
import IonIO
import IonLearn
import IonReport
import XCTest

@testable import IonJob

/// `[[uncertainty]]` on the ensemble-forces fixture: four perturbed primitive-model potentials
/// re-evaluated by LAMMPS on a reference run (see its README). The pool's last 12 frames are at
/// T = 2.5, where the models disagree more: a threshold must pick exactly those.
final class UncertaintyPluginTests: XCTestCase {
    static let fixture = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Tests/Fixtures/ensemble-forces")

    func job(_ extra: String) throws -> JobConfig {
        let f = Self.fixture
        return try JobConfig.parse(
            """
            [input]
            trajectories = ["\(f.appendingPathComponent("calibration.extxyz.gz").path)"]
            units = "lj"
            [[uncertainty]]
            models = ["model_0", "model_1", "model_2", "model_3"]
            reference = "REF_forces"
            unit = "ε/σ"
            \(extra)
            """, path: FileManager.default.temporaryDirectory.appendingPathComponent("uncertainty.toml").path)
    }

    func testCalibratesCoversAndPicksTheHotFrames() throws {
        let f = Self.fixture
        let config = try job(
            """
            test = "\(f.appendingPathComponent("test.extxyz.gz").path)"
            pool = "\(f.appendingPathComponent("pool.extxyz.gz").path)"
            threshold = 3
            """)
        let outcome = try XCTUnwrap(try JobRunner.run(config).analyses.first)
        let r = try XCTUnwrap(outcome.output as? UncertaintyResult)
        let c = r.study.calibration
        XCTAssertEqual(c.count, 24 * 200)
        XCTAssertEqual(c.rank, 4321, "⌈4801 · 0.9⌉")
        // The models share a bias, so u under-covers before calibration (q̂ > 1).
        XCTAssertGreaterThan(c.quantile, 1.2)
        XCTAssertLessThan(r.study.uncalibratedCoverage, 0.8)
        let test = try XCTUnwrap(r.study.test)
        XCTAssertEqual(test.atoms, 2400)
        XCTAssertEqual(test.coverage, 0.9, accuracy: 3 * test.standardError!, "frames unseen by q̂")
        XCTAssertEqual(try XCTUnwrap(r.study.splits).mean, 0.9, accuracy: 0.01)
        let pool = try XCTUnwrap(r.pool)
        XCTAssertEqual(pool.frames, 24)
        XCTAssertEqual(pool.selected.map(\.frame), Array(12..<24), "the T = 2.5 frames")
        XCTAssertTrue(r.warnings.isEmpty, "\(r.warnings)")

        // The picked frames, as the pool has them plus ũ: readable, with the largest ũ where it was found.
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("unc-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        let output = try OutputDirectory(folder.path, force: false)
        var files = FileSet(output: output)
        _ = try UncertaintyPlugin.section("ensemble", r, units: UnitLabels("lj"), files: &files)
        try output.commit()
        let written = folder.appendingPathComponent("uncertainty-ensemble-selected.extxyz").path
        var reader = try ExtendedXYZReader(
            path: written, options: ReaderOptions(perAtomColumns: ["ionscope_u", "model_2[3]"]))
        var original = try ExtendedXYZReader(
            path: f.appendingPathComponent("pool.extxyz.gz").path,
            options: ReaderOptions(perAtomColumns: ["model_2[3]"]))
        try original.seek(toFrame: 12)
        var frame = Frame(), source = Frame()
        for picked in pool.selected {
            XCTAssertTrue(try reader.read(into: &frame))
            XCTAssertTrue(try original.read(into: &source))
            XCTAssertEqual(frame.positions, source.positions, "frame \(picked.frame) copied")
            XCTAssertEqual(frame.perAtom[1], source.perAtom[0])
            let largest = try XCTUnwrap(frame.perAtom[0].max())
            XCTAssertEqual(largest, picked.largest, accuracy: 1e-7 * picked.largest)
            XCTAssertEqual(frame.perAtom[0].firstIndex(of: largest)! + 1, picked.atom)
        }
        XCTAssertFalse(try reader.read(into: &frame), "only the picked frames")
    }

    func testSettingsThatDoNotFit() throws {
        XCTAssertThrowsError(try JobRunner.run(try job("threshold = 3"))) {
            XCTAssertTrue("\($0)".contains("goes with --pool"), "\($0)")
        }
        XCTAssertThrowsError(try JobRunner.run(try job(#"reference = "model_0""#)))
        XCTAssertThrowsError(try JobRunner.run(try job("components = 1"))) {
            XCTAssertTrue("\($0)".contains("model_0[1]"), "a 3-vector asked for as its components: \($0)")
        }
        XCTAssertThrowsError(try JobRunner.run(try job(#"select = "name nothing""#)))
        // 20 cations × 24 frames: enough for α = 0.1; the split check runs on its halves.
        let cations = try XCTUnwrap(
            try JobRunner.run(try job(#"select = "name cation""#)).analyses.first?.output as? UncertaintyResult)
        XCTAssertEqual(cations.study.calibration.count, 480)
    }
}
