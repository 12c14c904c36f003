import Foundation
import IonNumerics
import IonTestSupport
import XCTest

final class FFTAndMSDTests: XCTestCase {
    func testFFTMatchesTheDirectSumAndInvertsExactly() throws {
        var random = SeededRandom(seed: 1)
        for n in [1, 2, 8, 64] {
            let x = (0..<n).map { _ in Double.random(in: -1..<1, using: &random) }
            let y = (0..<n).map { _ in Double.random(in: -1..<1, using: &random) }
            var re = x, im = y
            let plan = FFTPlan(count: n)
            plan.forward(real: &re, imaginary: &im)
            for k in 0..<n {
                var sr = 0.0, si = 0.0
                for j in 0..<n {
                    let angle = -2 * Double.pi * Double(j * k) / Double(n)
                    sr += x[j] * cos(angle) - y[j] * sin(angle)
                    si += x[j] * sin(angle) + y[j] * cos(angle)
                }
                XCTAssertEqual(re[k], sr, accuracy: 1e-10, "n \(n), k \(k)")
                XCTAssertEqual(im[k], si, accuracy: 1e-10, "n \(n), k \(k)")
            }
            plan.inverse(real: &re, imaginary: &im)
            for k in 0..<n {
                XCTAssertEqual(re[k], x[k], accuracy: 1e-12)
                XCTAssertEqual(im[k], y[k], accuracy: 1e-12)
            }
        }
    }

    /// Direct O(T²) MSD over all origins.
    func bruteForceMSD(_ series: [[Double]]) -> [Double] {
        let t = series[0].count
        return (0..<t).map { m in
            var sum = 0.0
            for s in series { for k in 0..<(t - m) { sum += (s[k + m] - s[k]) * (s[k + m] - s[k]) } }
            return sum / Double(t - m)
        }
    }

    func testFFTMSDMatchesBruteForceForSinglesAndPairs() throws {
        var random = SeededRandom(seed: 2)
        for (count, length) in [(1, 1), (1, 7), (3, 50), (4, 129)] {
            let series: [[Double]] = (0..<count).map { _ in
                var x = 0.0
                return (0..<length).map { _ in
                    x += random.normal(); return x
                }
            }
            var accumulator = MSDAccumulator(length: length)
            var k = 0
            while k < count {
                if k + 1 < count { accumulator.add(series[k], series[k + 1]) } else { accumulator.add(series[k]) }
                k += 2
            }
            let fast = accumulator.result()
            let slow = bruteForceMSD(series)
            XCTAssertEqual(accumulator.seriesCount, count)
            for m in 0..<length {
                XCTAssertEqual(
                    fast[m], slow[m], accuracy: 1e-9 * max(1, slow[m]), "count \(count), length \(length), lag \(m)")
            }
        }
    }

    func testBallisticMotionGivesVSquaredTSquared() throws {
        let v = 0.37
        var accumulator = MSDAccumulator(length: 100)
        accumulator.add((0..<100).map { v * Double($0) })
        for (m, value) in accumulator.result().enumerated() {
            XCTAssertEqual(value, v * v * Double(m * m), accuracy: 1e-9 * max(1, value))
        }
    }
}
