import Foundation
import IonTestSupport
import XCTest

@testable import IonNumerics

final class NonlinearLeastSquaresTests: XCTestCase {
    /// Exact data: the fit returns the generating parameters.
    func testRecoversExactStretchedExponential() {
        let x = (1...60).map { 0.1 * pow(1.12, Double($0)) }
        let truth = [0.9, 3.0, 0.6]  // A, τ, β
        func kww(_ t: Double, _ p: [Double]) -> Double { p[0] * exp(-pow(t / p[1], p[2])) }
        let y = x.map { kww($0, truth) }
        let fit = levenbergMarquardt(
            x: x, y: y, initial: [1, 1, 1], lower: [0, 1e-6, 0.05], upper: [2, 1e6, 2], model: kww)
        XCTAssertTrue(fit.converged)
        for (found, expected) in zip(fit.parameters, truth) {
            XCTAssertEqual(found, expected, accuracy: 1e-6 * expected)
        }
    }

    /// Noisy data: over 200 seeds the stated standard error of the rate covers the truth about
    /// 68% of the time (a line through exp fits has an exact linear-model analogue).
    func testStandardErrorsHaveTheirStatedCoverage() {
        let x = (0..<40).map { Double($0) * 0.25 }
        var covered = 0
        let seeds = 200
        for seed in 0..<seeds {
            var random = SeededRandom(seed: UInt64(seed + 1))
            let y = x.map { 2 * exp(-$0 / 3) + 0.02 * random.normal() }
            let fit = levenbergMarquardt(x: x, y: y, initial: [1, 1]) { t, p in p[0] * exp(-t / p[1]) }
            guard let errors = fit.standardErrors else { return XCTFail("seed \(seed): singular fit") }
            if abs(fit.parameters[1] - 3) < errors[1] { covered += 1 }
        }
        let fraction = Double(covered) / Double(seeds)
        XCTAssertEqual(fraction, 0.68, accuracy: 0.08, "coverage \(fraction) of the 1σ interval")
    }

    /// Bounds hold: a decay forced to a positive rate when data rise.
    func testBoundsAreRespected() {
        let x = (0..<10).map(Double.init)
        let y = x.map { 1 + 0.1 * $0 }
        let fit = levenbergMarquardt(x: x, y: y, initial: [1, 5], lower: [0, 0.5], upper: [10, 100]) { t, p in
            p[0] * exp(-t / p[1])
        }
        XCTAssertLessThanOrEqual(fit.parameters[1], 100)
        XCTAssertGreaterThanOrEqual(fit.parameters[1], 0.5)
        XCTAssertGreaterThan(fit.chiSquared, 0)
    }
}
