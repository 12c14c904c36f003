import IonCore
import IonTestSupport
import XCTest

@testable import IonAnalysis

/// Combined distribution functions: exact angles, a flat map for structureless systems and a
/// correlation that shows where one was built in.
final class CombinedDistributionTests: XCTestCase {
    typealias F = StructureFixtures

    func testAngleAndDihedralOfKnownPoints() {
        let box = Box(lx: 20, ly: 20, lz: 20)!
        let angle = CombinedDistribution.angle([Vec3(1, 0, 0), .zero, Vec3(cos(2), sin(2), 0)], box: box)
        XCTAssertEqual(angle, 2, accuracy: 1e-12)
        // Dihedral 60° about z, the last point across the periodic boundary.
        let p = [Vec3(1, 0, 0), .zero, Vec3(0, 0, 1.5), Vec3(cos(.pi / 3), sin(.pi / 3), 1.5)]
        XCTAssertEqual(CombinedDistribution.angle(p, box: box) * 180 / .pi, 60, accuracy: 1e-9)
        let wrapped = p.map { box.wrap($0 - Vec3(0.2, 0.2, 0.2)) }
        XCTAssertEqual(CombinedDistribution.angle(wrapped, box: box) * 180 / .pi, 60, accuracy: 1e-9)
        let trans = [Vec3(1, 0, 0), .zero, Vec3(0, 0, 1.5), Vec3(-1, 0, 1.5)]
        XCTAssertEqual(CombinedDistribution.angle(trans, box: box) * 180 / .pi, 180, accuracy: 1e-9)
    }

    /// Centres and partner molecules at random positions, each molecule with isotropic random
    /// bond directions: g(r, θ) is 1 within its noise and the correlation map is 0 within its
    /// noise, for an angle and for a dihedral. One partner's angle is seen by all centres near
    /// it, so the count in shell i has variance (1 + μ_i(1 − w_j)) times its mean, μ_i the mean
    /// number of centres in that shell of a partner; few centres per frame keep μ small.
    func testRandomSystemGivesAFlatMapAndNoCorrelation() throws {
        for points in [3, 4] {
            var random = SeededRandom(seed: UInt64(points))
            let box = Box(lx: 30, ly: 30, lz: 30)!
            let (centres, molecules, frameCount) = (10, 400, 40)
            let types = Array(repeating: "1", count: centres) + (0..<molecules * points).map { String(2 + $0 % points) }
            let ids = Array(1...centres) + (0..<molecules * points).map { centres + 1 + $0 / points }
            let context = F.context(types: types, molecules: ids)
            var frames: [Frame] = []
            for _ in 0..<frameCount {
                var positions = (0..<centres).map { _ in box.position(fractional: random.vector(in: 0..<1)) }
                for _ in 0..<molecules {
                    var p = box.position(fractional: random.vector(in: 0..<1))
                    for _ in 0..<points { positions.append(box.wrap(p)); p = p + 1.5 * F.direction(&random) }
                }
                frames.append(Frame(positions: positions, box: box))
            }
            let selections = (0..<points).map { "type \(2 + $0)" }
            let analysis = try CombinedDistribution(
                centres: "type 1", partners: "type 2", points: selections, rMax: 10,
                distanceBins: 10, angleBins: 9)
            let result = try F.run(analysis, context, frames)
            XCTAssertEqual(result.kind, points == 3 ? "angle" : "dihedral")
            XCTAssertEqual(result.pairCount, Double(centres * molecules))
            // Expected counts per bin: P · ΔV/V · w · F; χ² = Σ (g − 1)² · expected.
            var chi2 = 0.0, expectedChi2 = 0.0
            func shell(_ i: Int) -> Double { 4 * Double.pi / 3 * (pow(Double(i + 1), 3) - pow(Double(i), 3)) }
            for i in 0..<10 {
                let mu = Double(centres) * shell(i) / box.volume
                for j in 0..<9 {
                    let w = analysis.isotropicWeight(j)
                    let expected = result.pairCount * shell(i) / box.volume * w * Double(frameCount)
                    chi2 += (result.g[i][j] - 1) * (result.g[i][j] - 1) * expected
                    expectedChi2 += 1 + mu * (1 - w)
                }
            }
            // χ² over 90 bins has a relative standard deviation of about √(2/90) = 0.15.
            XCTAssertEqual(
                chi2 / expectedChi2, 1, accuracy: 0.45, "points \(points): χ² = \(chi2), expected \(expectedChi2)")
            let n = result.pairsCounted
            XCTAssertEqual(
                n, result.pairCount * Double(frameCount) * 4 * .pi / 3 * 1000 / box.volume, accuracy: 5 * n.squareRoot()
            )
            let pr = result.gR.indices.map { i in (0..<9).reduce(0.0) { $0 + result.correlation[i][$1] } }
            XCTAssert(pr.allSatisfy { abs($0) < 1e-12 }, "rows of the correlation map sum to 0")
            for i in 0..<10 {
                let fraction = shell(i) / (4 * Double.pi / 3 * 1000), mu = Double(centres) * shell(i) / box.volume
                for j in 0..<9 {
                    let p = fraction * analysis.isotropicWeight(j)
                    XCTAssertLessThan(
                        abs(result.correlation[i][j]), 5 * ((1 + mu) * p / n).squareRoot(),
                        "points \(points) bin \(i), \(j)")
                }
            }
            for (j, value) in result.angleDistribution.enumerated() {
                XCTAssertEqual(
                    value, 1, accuracy: 5 * (1.5 / (n * analysis.isotropicWeight(j))).squareRoot(),
                    "points \(points) bin \(j)")
            }
        }
    }

    /// Partners at 3 Å bent to 90° and at 7 Å straight (180°): only those cells are filled and
    /// the correlation is positive there.
    func testBuiltInCorrelationShows() throws {
        let box = Box(lx: 40, ly: 40, lz: 40)!
        var positions = [Vec3(20, 20, 20)]
        var types = ["1"], ids = [1]
        for (k, (r, bent)) in [(3.0, true), (7.0, false), (3.0, true), (7.0, false)].enumerated() {
            let sign = k < 2 ? 1.0 : -1.0
            let middle = Vec3(20 + sign * r, 20, 20)
            positions += [middle + Vec3(0, 1, 0), middle, bent ? middle + Vec3(0, 0, 1) : middle - Vec3(0, 1, 0)]
            types += ["2", "3", "2"]; ids += [k + 2, k + 2, k + 2]
        }
        let context = F.context(types: types, molecules: ids)
        let analysis = try CombinedDistribution(
            centres: "type 1", partners: "type 2 3", points: ["type 2", "type 3", "type 2"],
            rMax: 10, distanceBins: 10, angleBins: 6)
        let result = try F.run(analysis, context, [Frame(positions: positions, box: box)])
        XCTAssertEqual(result.pairsCounted, 4)
        var filled: [[Int]] = []
        for i in 0..<10 { for j in 0..<6 where result.g[i][j] > 0 { filled.append([i, j]) } }
        // The centre of mass of a bent molecule sits 1/3 Å off its middle atom: r = √(3² + 2·(1/3)²).
        XCTAssertEqual(filled, [[3, 3], [7, 5]])
        XCTAssertEqual(result.correlation[3][3], 0.5 - 0.25, accuracy: 1e-12)
        XCTAssertEqual(result.correlation[3][5], -0.25, accuracy: 1e-12)
    }

    func testPointsMustExistInEveryPartner() throws {
        let context = F.context(types: ["1", "2", "3", "2", "3"], molecules: [1, 2, 2, 3, 3])
        var analysis = try CombinedDistribution(
            centres: "type 1", partners: "type 2", points: ["type 2", "type 3", "type 2"])
        XCTAssertThrowsError(try analysis.prepare(context)) { XCTAssert("\($0)".contains("needs 2"), "\($0)") }
        XCTAssertThrowsError(
            try CombinedDistribution(centres: "type 1", partners: "type 2", points: ["type 2", "type 3"]))
    }
}
