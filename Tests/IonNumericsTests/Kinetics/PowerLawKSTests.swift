import Foundation
import IonNumerics
import IonTestSupport
import XCTest

/// The KS distance of the discrete power-law fit, evaluated only at the ends of runs of
/// integers, equals the brute-force maximum over every integer from x_min to the largest value.
final class PowerLawKSTests: XCTestCase {
    func bruteForceKS(_ data: [Int], _ fit: DiscretePowerLawFit) -> Double {
        let tail = data.filter { $0 >= fit.xMin }
        let n = Double(tail.count)
        var distance = 0.0
        for x in fit.xMin...tail.max()! {
            let empirical = Double(tail.filter { $0 <= x }.count) / n
            distance = max(distance, abs(empirical - fit.cumulative(x)))
        }
        return distance
    }

    func testKSDistanceMatchesEveryIntegerEvaluation() throws {
        var random = SeededRandom(seed: 21)
        for trial in 0..<12 {
            // Heavy-tailed samples (continuous Pareto rounded down), with long gaps between values.
            let alpha = 1.6 + 0.1 * Double(trial)
            let data = (0..<300).map { _ in
                Int(pow(Double.random(in: Double.ulpOfOne..<1, using: &random), -1 / (alpha - 1)))
            }
            for xMin in [1, 2, 5] {
                guard let fit = DiscretePowerLawFit(data, xMin: xMin) else { continue }
                XCTAssertEqual(fit.ksDistance, bruteForceKS(data, fit), accuracy: 1e-9, "trial \(trial), x_min \(xMin)")
            }
        }
    }
}
