import Foundation
import IonAnalysis
import IonCore
import IonIO
import XCTest

/// The RDF on the bundled LAMMPS trajectory (Li⁺ and TFSI⁻ beads in a coarse-grained ionic liquid).
final class RDFDemoTests: XCTestCase {
    static let demo = DemoTrajectory.folder

    func trajectory(stop: Int? = nil) throws -> Trajectory { try DemoTrajectory.open(stop: stop, timed: false) }

    /// Li–S: a sharp first shell at 3.4 Å; a broad, flat first minimum (g ≈ 0.30 from 5.8 to
    /// 6.3 Å) whose position is found at 6.0 ± 0.05 Å with 0.1 Å bins.
    func testLithiumSulfurFirstPeakAndMinimum() throws {
        let result = try RadialDistribution.compute(
            try trajectory(), selection: try Selection("type 1"),
            with: try Selection("type 3"), options: RDFOptions(rMax: 12, bins: 120))
        XCTAssertEqual(result.frames, 401)
        XCTAssertEqual(result.countA, 50); XCTAssertEqual(result.countB, 600); XCTAssertEqual(result.overlap, 0)
        let peak = try XCTUnwrap(result.firstPeak), minimum = try XCTUnwrap(result.firstMinimum)
        XCTAssertEqual(peak.r, 3.4, accuracy: 0.15)
        XCTAssertEqual(minimum.r, 6.1, accuracy: 0.4)
        XCTAssertLessThan(try XCTUnwrap(peak.rError), 0.05)
        XCTAssertGreaterThan(peak.g, 5)
        XCTAssertLessThan(minimum.g, 0.5)
        // The highest bin near the peak lies at or above the curve at the parabola's vertex, and is
        // the histogram's maximum there; the lowest bin near the minimum at or below it.
        XCTAssertGreaterThanOrEqual(peak.gExtremeBin, peak.g)
        XCTAssertEqual(peak.gExtremeBin, result.g.max()!, accuracy: 1e-12)
        XCTAssertLessThanOrEqual(minimum.gExtremeBin, minimum.g)
        // Near 11–12 Å (second shell) g is back near 1.
        XCTAssertEqual(result.g.suffix(10).reduce(0, +) / 10, 1, accuracy: 0.3)
        XCTAssertEqual(result.density, 600 / pow(52.16097748066501 - 1.6305938663483133, 3), accuracy: 1e-9)
    }

    func testThreadsDoNotChangeTheResult() throws {
        let options = { (threads: Int) in RDFOptions(rMax: 10, bins: 50, threads: threads) }
        let one = try RadialDistribution.compute(
            try trajectory(stop: 30), selection: try Selection("type 3"), options: options(1))
        let three = try RadialDistribution.compute(
            try trajectory(stop: 30), selection: try Selection("type 3"), options: options(3))
        XCTAssertEqual(one.g, three.g)
        XCTAssertEqual(one.pairCount, 600 * 599)
    }

    func testMoleculeCentresAndIntramolecularExclusion() throws {
        let com = try RadialDistribution.compute(
            try trajectory(stop: 30), selection: try Selection("type 1"),
            with: try Selection("type 2 3"), options: RDFOptions(rMax: 10, bins: 50, byMolecule: true))
        XCTAssertEqual(com.countA, 50); XCTAssertEqual(com.countB, 300)
        XCTAssertEqual(com.particles, "molecules")
        // S–S within a TFSI are bonded through N: excluded, the pair count drops by 300·2.
        let excluded = try RadialDistribution.compute(
            try trajectory(stop: 30), selection: try Selection("type 3"),
            options: RDFOptions(rMax: 10, bins: 50, excludeIntramolecular: true))
        XCTAssertEqual(excluded.pairCount, 600 * 599 - 300 * 2)
        let kept = try RadialDistribution.compute(
            try trajectory(stop: 30), selection: try Selection("type 3"),
            options: RDFOptions(rMax: 10, bins: 50))
        let intramolecularShell = kept.g.indices.max { kept.g[$0] - excluded.g[$0] < kept.g[$1] - excluded.g[$1] }!
        XCTAssertGreaterThan(kept.g[intramolecularShell] - excluded.g[intramolecularShell], 1)
    }
}
