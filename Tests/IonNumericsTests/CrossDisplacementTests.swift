import IonNumerics
import IonTestSupport
import XCTest

final class CrossDisplacementTests: XCTestCase {
    /// Direct O(T²) cross MSD over all origins, summed over components.
    func bruteForce(_ x: [[Double]], _ y: [[Double]]) -> [Double] {
        let t = x[0].count
        return (0..<t).map { m in
            var sum = 0.0
            for c in x.indices { for k in 0..<(t - m) { sum += (x[c][k + m] - x[c][k]) * (y[c][k + m] - y[c][k]) } }
            return sum / Double(t - m)
        }
    }

    func testCrossMSDMatchesBruteForceForEveryPair() throws {
        var random = SeededRandom(seed: 11)
        for (count, length, components) in [(1, 1, 3), (1, 5, 1), (2, 33, 3), (3, 100, 3), (4, 64, 2)] {
            let series: [[[Double]]] = (0..<count).map { _ in
                (0..<components).map { _ in
                    var x = Double.random(in: -100..<100, using: &random)
                    return (0..<length).map { _ in
                        x += random.normal(); return x
                    }
                }
            }
            let fast = crossMeanSquaredDisplacements(series)
            for i in 0..<count {
                for j in 0..<count {
                    let slow = bruteForce(series[i], series[j])
                    for m in 0..<length {
                        XCTAssertEqual(
                            fast[i][j][m], slow[m], accuracy: 1e-9 * max(1, abs(slow[m])),
                            "count \(count), length \(length), pair \(i) \(j), lag \(m)")
                    }
                }
            }
        }
    }

    func testDiagonalEqualsTheFFTMSD() throws {
        var random = SeededRandom(seed: 12)
        var x = 0.0
        let series = (0..<77).map { _ in
            x += random.normal(); return x
        }
        var accumulator = MSDAccumulator(length: series.count)
        accumulator.add(series)
        let msd = accumulator.result()
        let cross = crossMeanSquaredDisplacements([[series]])[0][0]
        for m in series.indices { XCTAssertEqual(cross[m], msd[m], accuracy: 1e-9 * max(1, msd[m]), "lag \(m)") }
    }

    func testLinearFitAndStandardError() throws {
        let fit = try XCTUnwrap(LinearFit(x: [0, 1, 2, 3], y: [1, 3, 5, 7]))
        XCTAssertEqual(fit.slope, 2, accuracy: 1e-12)
        XCTAssertEqual(fit.intercept, 1, accuracy: 1e-12)
        XCTAssertNil(LinearFit(x: [1, 1], y: [0, 1]))
        let (mean, error) = meanAndStandardError([1, 2, 3, 4])
        XCTAssertEqual(mean, 2.5)
        XCTAssertEqual(try XCTUnwrap(error), (5.0 / 3 / 4).squareRoot(), accuracy: 1e-12)  // s² = 5/3, n = 4
        XCTAssertNil(meanAndStandardError([1]).error)
    }
}
