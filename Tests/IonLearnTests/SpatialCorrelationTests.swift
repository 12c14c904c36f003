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
            pairs: [], blocks: 1, variances: [nil, nil])
        curve.correlation[20] = -0.01
        SpatialCorrelation.fitLength(&curve)
        XCTAssertEqual(try XCTUnwrap(curve.length), 1.5, accuracy: 1e-9)
        XCTAssertEqual(try XCTUnwrap(curve.amplitude), 0.8, accuracy: 1e-9)
        XCTAssertEqual(try XCTUnwrap(curve.fitRange), [r[1], r[19]])
        // A first bin with few pairs (particles at contact) and a large value does not enter the fit.
        curve.correlation[0] = 40;
        curve.pairs = r.indices.map { k in
            k == 0 ? 10 : Int(1000 * (Double(k) + 0.5) * (Double(k) + 0.5))
        }
        SpatialCorrelation.fitLength(&curve)
        XCTAssertEqual(try XCTUnwrap(curve.length), 1.5, accuracy: 1e-9)
        XCTAssertEqual(try XCTUnwrap(curve.fitRange), [r[1], r[19]])
    }

    /// Two species against a direct sum over every pair by minimum image; the streaming blocks
    /// keep between `blocks` and 2·`blocks` and give the same C(r) whatever their number.
    func testTwoSpeciesEqualADirectSumAndBlocksDoNotChangeTheMean() throws {
        var random = SeededRandom(seed: 5)
        let side = 9.0, box = Box(lx: side, ly: side, lz: side)!
        let snapshots = (0..<23).map { _ in
            let points = (0..<160).map { _ in random.vector(in: 0..<side) }
            return SpatialCorrelation.Snapshot(
                positions: points, box: box, field: points.map { sin($0.x) + 0.3 * random.normal() },
                species: points.indices.map { $0 % 3 == 0 ? 1 : 0 })
        }
        let rMax = 4.0, width = 0.5, bins = 8
        var products = [[Double]](repeating: [Double](repeating: 0, count: bins), count: 3), counts = products
        for snapshot in snapshots {
            var mean = [0.0, 0.0], members = [0.0, 0.0]
            for (k, s) in zip(snapshot.field, snapshot.species) { mean[s] += k; members[s] += 1 }
            mean = [mean[0] / members[0], mean[1] / members[1]]
            for i in snapshot.positions.indices {
                for j in snapshot.positions.indices where j > i {
                    var d = snapshot.positions[j] - snapshot.positions[i]
                    d = Vec3(
                        d.x - side * (d.x / side).rounded(), d.y - side * (d.y / side).rounded(),
                        d.z - side * (d.z / side).rounded())
                    let r = d.length
                    guard r < rMax else { continue }
                    let (a, b) = (snapshot.species[i], snapshot.species[j])
                    let pair = a == b ? (a == 0 ? 0 : 2) : 1
                    products[pair][Int(r / width)] +=
                        (snapshot.field[i] - mean[a]) * (snapshot.field[j] - mean[b])
                    counts[pair][Int(r / width)] += 1
                }
            }
        }
        for blocks in [1, 5, 50] {
            let curves = try SpatialCorrelation.compute(snapshots, rMax: rMax, width: width, blocks: blocks)
            XCTAssertEqual(curves.map { [$0.a, $0.b] }, [[0, 0], [0, 1], [1, 1]])
            for (pair, curve) in curves.enumerated() {
                XCTAssertEqual(curve.pairs, counts[pair].map { Int($0) })
                for bin in 0..<bins where counts[pair][bin] > 0 {
                    XCTAssertEqual(
                        try XCTUnwrap(curve.correlation[bin]), products[pair][bin] / counts[pair][bin], accuracy: 1e-12)
                }
                XCTAssertTrue(
                    blocks == 50 ? curve.blocks == 23 : (blocks...(2 * blocks)).contains(curve.blocks),
                    "\(curve.blocks) blocks for \(blocks)")
            }
        }
    }
}
