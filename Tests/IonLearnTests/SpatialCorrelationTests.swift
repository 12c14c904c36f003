import Foundation
import IonCore
import IonTestSupport
import XCTest

@testable import IonLearn

/// C(r) against fields with known correlations: cos(k·x) on random points gives ½ sin(kr)/(kr);
/// a random field gives 0 within its errors; ξ of a planted exponential.
final class SpatialCorrelationTests: XCTestCase {
    func snapshots(_ field: (Vec3, inout SeededRandom) -> Double, count: Int = 4) -> [SpatialCorrelation.Snapshot] {
        var random = SeededRandom(seed: 21)
        let side = 20.0
        return (0..<count).map { _ in
            let points = (0..<2500).map { _ in random.vector(in: 0..<side) }
            return SpatialCorrelation.Snapshot(
                positions: points, box: Box(lx: side, ly: side, lz: side)!,
                field: points.map { field($0, &random) }, species: points.map { _ in 0 })
        }
    }

    func testAPlaneWaveGivesItsAngularAverage() throws {
        let k = 2 * Double.pi * 2 / 20
        let curves = try SpatialCorrelation.compute(snapshots({ p, _ in cos(k * p.x) }), rMax: 8, width: 0.2)
        XCTAssertEqual(curves.count, 1)
        for (r, c) in zip(curves[0].r, curves[0].correlation) where r > 0.5 {
            XCTAssertEqual(try XCTUnwrap(c), 0.5 * sin(k * r) / (k * r), accuracy: 0.03, "r = \(r)")
        }
    }

    func testARandomFieldIsUncorrelated() throws {
        let curves = try SpatialCorrelation.compute(
            snapshots({ _, random in random.normal() }, count: 6), rMax: 6, width: 0.5)
        for (c, e) in zip(curves[0].correlation, curves[0].error) where c != nil {
            XCTAssertLessThan(abs(c!), 4 * (e ?? 1) + 1e-3)
        }
    }

    func testTheCorrelationLength() {
        let r = (0..<30).map { 0.1 + 0.2 * Double($0) }
        var curve = SpatialCorrelation.Curve(
            a: 0, b: 0, r: r, correlation: [nil] + r.dropFirst().map { 0.8 * exp(-$0 / 1.5) }, error: [],
            pairs: [], length: nil, amplitude: nil, fitRange: nil)
        curve.correlation[20] = -0.01
        SpatialCorrelation.fitLength(&curve)
        XCTAssertEqual(try XCTUnwrap(curve.length), 1.5, accuracy: 1e-9)
        XCTAssertEqual(try XCTUnwrap(curve.amplitude), 0.8, accuracy: 1e-9)
        XCTAssertEqual(try XCTUnwrap(curve.fitRange), [r[1], r[19]])
    }
}
