import Foundation
import IonAnalysis
import IonCore
import IonTestSupport
import XCTest

/// The shell-restricted velocity cross-correlation against a brute-force direct sum over all
/// pairs with minimum-image distances.
final class VCCFTests: XCTestCase {
    func testShellRestrictedCrossCorrelationMatchesADirectSum() throws {
        var random = SeededRandom(seed: 41)
        let (cations, anions, frameCount, dt, edge, radius, lags) = (14, 12, 30, 0.1, 10.0, 4.0, 8)
        let n = cations + anions
        let box = Box(lx: edge, ly: edge, lz: edge)!
        let frames: [Frame] = (0..<frameCount).map { t in
            var frame = Frame(
                positions: (0..<n).map { _ in random.vector(in: 0..<edge) }, box: box, step: t, time: Double(t) * dt)
            frame.velocities = (0..<n).map { _ in
                Vec3(random.normal(), random.normal(), random.normal()) + Vec3(0.5, 0, 0)
            }
            frame.wrapping = .wrapped
            return frame
        }
        let topology = GreenKuboSystems.topology(cations: cations, anions: anions)
        func minimumImage(_ d: Vec3) -> Vec3 {
            Vec3(
                d.x - edge * (d.x / edge).rounded(), d.y - edge * (d.y / edge).rounded(),
                d.z - edge * (d.z / edge).rounded())
        }
        func brute(_ a: Range<Int>, _ b: Range<Int>) -> (raw: [Double], neighbors: Double) {
            var sums = [Double](repeating: 0, count: lags), counts = sums
            for t0 in 0..<frameCount {
                for i in a {
                    for j in b where j != i {
                        let d = minimumImage(frames[t0].positions[j] - frames[t0].positions[i])
                        guard d.dot(d) < radius * radius else { continue }
                        for m in 0..<min(lags, frameCount - t0) {
                            sums[m] += frames[t0 + m].velocities![j].dot(frames[t0].velocities![i])
                            counts[m] += 1
                        }
                    }
                }
            }
            return (zip(sums, counts).map { $0 / $1 }, counts[0] / Double(frameCount * a.count))
        }
        for (centers, partners, a, b) in [
            ("type 1", "type 2", 0..<cations, cations..<n), ("type 1", "type 1", 0..<cations, 0..<cations),
            ("all", "type 2", 0..<n, cations..<n),
        ] {
            let analysis = VelocityCrossCorrelation(
                centers: try Selection(centers), partners: try Selection(partners),
                radius: radius, window: Double(lags - 1) * dt)
            let result = try GreenKuboSystems.run(analysis, topology: topology, frames: frames)
            let expected = brute(a, b)
            XCTAssertEqual(result.times.count, lags)
            XCTAssertEqual(result.meanNeighbors, expected.neighbors, accuracy: 1e-12, "\(centers) / \(partners)")
            for m in 0..<lags {
                XCTAssertEqual(
                    result.restricted[m], expected.raw[m], accuracy: 1e-10, "\(centers) / \(partners) lag \(m)")
            }
            // Eq. 15 normalises by the groups' mean squared velocities (≈ 3 + 0.25 here).
            XCTAssertEqual(result.normalized[0] / result.restricted[0], 1 / 3.25, accuracy: 0.03)
        }
    }
}
