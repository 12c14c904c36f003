import Foundation
import IonAnalysis
import IonCore
import IonLearn
import XCTest

@testable import IonJob

/// A planted system for the label sweep: eight centres, each with one partner. The partners of
/// four "soft" centres step in and out of the shell every frame, the others never move; a marker
/// atom sits 1.5 Å from each soft centre and 12 Å from each hard one, so the structure tells them
/// apart exactly. The sweep must find the planted labels and predict them perfectly.
final class LabelSweepTests: XCTestCase {
    func plantedDump(frames: Int) throws -> String {
        let centres: [Vec3] = (0..<8).map { (k: Int) -> Vec3 in
            let x = Double(k & 1), y = Double((k >> 1) & 1), z = Double(k >> 2)
            return Vec3(12.5 + 25 * x, 12.5 + 25 * y, 12.5 + 25 * z)
        }
        var text = ""
        for t in 0..<frames {
            text += "ITEM: TIMESTEP\n\(t)\nITEM: NUMBER OF ATOMS\n24\nITEM: BOX BOUNDS pp pp pp\n0 50\n0 50\n0 50\n"
            text += "ITEM: ATOMS id type x y z\n"
            for (k, c) in centres.enumerated() {
                let soft = k % 2 == 0
                let partner = c + Vec3(soft && t % 2 == 1 ? 5 : 2, 0, 0)
                let marker = c + Vec3(0, soft ? 1.5 : 12, 0)
                text += "\(3 * k + 1) 1 \(c.x) \(c.y) \(c.z)\n"
                text += "\(3 * k + 2) 2 \(partner.x) \(partner.y) \(partner.z)\n"
                text += "\(3 * k + 3) 3 \(marker.x) \(marker.y) \(marker.z)\n"
            }
        }
        let url = FileManager.default.temporaryDirectory.appendingPathComponent(
            "planted-\(UUID().uuidString).lammpstrj")
        try Data(text.utf8).write(to: url)
        return url.path
    }

    /// A sweep job on the planted dump: centres type 1, partners type 2 within 3.5 Å, the markers
    /// as the descriptors' species, two folds, and `extra` settings.
    func sweepJob(_ path: String, _ extra: String) throws -> JobConfig {
        try JobConfig.parse(
            """
            [input]
            trajectories = ["\(path)"]
            units = "real"
            timestep = 1
            [[sweep]]
            select = "type 1"
            partners = "type 2"
            counting = "atoms"
            cutoff = 3.5
            species = ["M=type 3"]
            rsf_max = 4
            rsf_step = 0.5
            folds = 2
            \(extra)
            """, path: FileManager.default.temporaryDirectory.appendingPathComponent("sweep.toml").path)
    }

    func testPlantedSoftCentresAreFoundAndPredicted() throws {
        let path = try plantedDump(frames: 40)
        defer { try? FileManager.default.removeItem(atPath: path) }
        let config = try sweepJob(path, "windows = [10]\nthresholds = [0, 9, 20]")
        let outcome = try XCTUnwrap(try JobRunner.run(config).analyses.first)
        let sweep = try XCTUnwrap(outcome.output as? SweepResult).sweep
        XCTAssertEqual(sweep.cells.map(\.threshold), [0, 9, 20])
        // Crossings every frame: 9 in the first window (no event at frame 0), 10 in the others.
        XCTAssertEqual(sweep.cells[0].softFraction, 0.5, accuracy: 1e-15)
        XCTAssertEqual(sweep.cells[1].softFraction, 3.0 / 8, accuracy: 1e-15, "E_c = 9: the first window is hard")
        XCTAssertEqual(sweep.cells[2].softFraction, 0)
        let planted = try XCTUnwrap(sweep.cells[0].test)
        XCTAssertEqual(planted.f1, 1, "the marker tells soft from hard")
        XCTAssertEqual(planted.accuracy, 1)
        XCTAssertEqual(sweep.cells[0].allSoftF1!, 2.0 / 3, accuracy: 1e-12)
        XCTAssertNil(sweep.cells[2].test, "no soft centre: nothing to classify")
        XCTAssertNotNil(sweep.cells[2].note)
        XCTAssertEqual(sweep.best, 0)
        // One event per frame on a soft centre (39 over 40 frames): ⟨τ⟩ = 1 frame.
        XCTAssertEqual(try XCTUnwrap(sweep.meanInterEventFrames), 1, accuracy: 1e-12)
    }

    /// The paper's windows ⟨τ⟩, ⟨τ⟩/2, ⟨τ⟩/3, ⟨τ⟩/4, rounded to multiples of the kept frames,
    /// without repeats, only those that leave two windows.
    func testDefaultWindowsAreFractionsOfTheMeanInterEventTime() throws {
        XCTAssertEqual(try LabelSweep.defaultWindows(meanInterEvent: 37.4, every: 1, frames: 200), [9, 12, 19, 37])
        XCTAssertEqual(try LabelSweep.defaultWindows(meanInterEvent: 37.4, every: 5, frames: 200), [10, 20, 35])
        XCTAssertEqual(try LabelSweep.defaultWindows(meanInterEvent: 37.4, every: 5, frames: 60), [10, 20])
        XCTAssertEqual(try LabelSweep.defaultWindows(meanInterEvent: 100, every: 1, frames: 100), [25, 33, 50])
        XCTAssertEqual(try LabelSweep.defaultWindows(meanInterEvent: 0.3, every: 2, frames: 100), [2])
        XCTAssertThrowsError(try LabelSweep.defaultWindows(meanInterEvent: nil, every: 1, frames: 100))
        XCTAssertThrowsError(try LabelSweep.defaultWindows(meanInterEvent: 800, every: 1, frames: 100))
    }

    /// Without windows the job sweeps the defaults from ⟨τ⟩ (1 frame here), and says so.
    func testWindowsDefaultToTheMeanInterEventTime() throws {
        let path = try plantedDump(frames: 40)
        defer { try? FileManager.default.removeItem(atPath: path) }
        let outcome = try XCTUnwrap(try JobRunner.run(try sweepJob(path, "thresholds = [0]")).analyses.first)
        let sweep = try XCTUnwrap(outcome.output as? SweepResult).sweep
        XCTAssertTrue(sweep.windowsFromMeanInterEvent)
        XCTAssertEqual(sweep.windows, [1])
        XCTAssertEqual(sweep.cells.count, 1)
        XCTAssertThrowsError(try JobRunner.run(try sweepJob(path, "thresholds = [0]\nwindows = [10]\nevery = 2"))) {
            error in
            XCTAssertTrue("\(error)".contains("every"), "\(error)")
        }
    }
}
