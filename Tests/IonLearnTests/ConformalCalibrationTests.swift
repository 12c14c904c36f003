import Foundation
import IonCore
import IonNumerics
import XCTest

@testable import IonLearn

/// Split conformal calibration against its finite-sample guarantee on planted error models, and
/// the ensemble spread against sums written out by hand.
final class ConformalCalibrationTests: XCTestCase {
    func testRankAndTheSmallestCalibrationSet() throws {
        XCTAssertEqual(ConformalCalibration.rank(count: 9, alpha: 0.1), 9, "⌈10 · 0.9⌉ = 9 exactly, not 10")
        XCTAssertEqual(ConformalCalibration.rank(count: 99, alpha: 0.1), 90)
        XCTAssertEqual(ConformalCalibration.rank(count: 100, alpha: 0.1), 91, "⌈90.9⌉")
        XCTAssertEqual(ConformalCalibration.rank(count: 19, alpha: 0.05), 19)
        XCTAssertEqual(ConformalCalibration.minimumCount(alpha: 0.1), 9)
        XCTAssertEqual(ConformalCalibration.minimumCount(alpha: 0.05), 19)
        let scores = (1...9).map(Double.init)
        XCTAssertEqual(try ConformalCalibration(scores: scores, alpha: 0.1).quantile, 9)
        XCTAssertEqual(try ConformalCalibration(scores: scores.reversed(), alpha: 0.4).quantile, 6, "⌈10 · 0.6⌉ = 6")
        XCTAssertThrowsError(try ConformalCalibration(scores: Array(scores.prefix(8)), alpha: 0.1)) {
            XCTAssertTrue("\($0)".contains("need at least 9"), "\($0)")
        }
        XCTAssertThrowsError(try ConformalCalibration(scores: scores, alpha: 1))
        // An error where every model agrees makes the score infinite; q̂ must not be.
        let errors = [Double](repeating: 1, count: 10)
        var spreads = [Double](repeating: 1, count: 10)
        spreads[9] = 0
        XCTAssertEqual(try ConformalCalibration(errors: errors, uncertainties: spreads, alpha: 0.2).quantile, 1)
        spreads[8] = 0
        XCTAssertThrowsError(try ConformalCalibration(errors: errors, uncertainties: spreads, alpha: 0.1)) {
            XCTAssertTrue("\($0)".contains("infinite"), "\($0)")
        }
        XCTAssertEqual(ConformalCalibration.score(error: 0, uncertainty: 0), 0)
        XCTAssertThrowsError(try ConformalCalibration(errors: [-1], uncertainties: [1], alpha: 0.5))
    }

    /// Errors e = u·|t₃|·s with a heteroscedastic u and heavy-tailed Student-t noise, so the
    /// uncalibrated u badly under-covers. For continuous scores the coverage of a fresh point,
    /// averaged over calibration sets, is exactly k/(n + 1): checked over 400 calibrations.
    func testCoverageMeetsTheFiniteSampleGuarantee() throws {
        var random = Xoshiro256(seed: 2026)
        func gaussian() -> Double {
            (-2 * log(1 - random.uniform())).squareRoot() * cos(2 * .pi * random.uniform())
        }
        func point() -> (error: Double, uncertainty: Double) {
            let u = exp(0.5 * gaussian())
            let z = gaussian()
            let chi = (0..<3).reduce(0.0) { acc, _ in
                let g = gaussian(); return acc + g * g
            }
            return (u * abs(z / (chi / 3).squareRoot()) * 2.5, u)
        }
        for (n, alpha) in [(99, 0.1), (49, 0.2)] {
            let k = ConformalCalibration.rank(count: n, alpha: alpha)
            let expected = Double(k) / Double(n + 1)
            var total = 0.0
            var uncalibrated = 0.0
            let trials = 400, fresh = 2000
            for _ in 0..<trials {
                let calibration = (0..<n).map { _ in point() }
                let q = try ConformalCalibration(
                    errors: calibration.map(\.error), uncertainties: calibration.map(\.uncertainty), alpha: alpha)
                let test = (0..<fresh).map { _ in point() }
                let coverage = q.coverage(errors: test.map(\.error), uncertainties: test.map(\.uncertainty))
                XCTAssertGreaterThan(coverage, 1 - alpha - 0.2, "one calibration at n = \(n)")
                total += coverage
                uncalibrated += Double(test.filter { $0.error <= $0.uncertainty }.count) / Double(fresh)
            }
            // The coverage of one calibration is Beta(k, n + 1 − k); its mean over trials has
            // standard deviation √(p(1 − p)/(n + 2)/trials) plus the fresh points' binomial part.
            let p = expected
            let sigma = (p * (1 - p) / Double(n + 2) / Double(trials) + p * (1 - p) / Double(fresh * trials))
                .squareRoot()
            XCTAssertEqual(total / Double(trials), expected, accuracy: 4 * sigma, "n = \(n), α = \(alpha)")
            XCTAssertLessThan(uncalibrated / Double(trials), 0.6, "the planted u under-covers")
        }
    }

    func testEnsembleSpreadByHand() {
        // Three models of a 2-vector: component 0 = 1, 2, 6 (mean 3), component 1 = 0, 0, 3 (mean 1).
        let predictions: [Double] = [1, 0, 2, 0, 6, 3]
        let reference: [Double] = [4, -1]
        let (u, e) = predictions.withUnsafeBufferPointer { p in
            reference.withUnsafeBufferPointer { r in
                EnsembleSpread.atom(p, models: 3, components: 2, reference: r)
            }
        }
        let std0 = ((4.0 + 1 + 9) / 3).squareRoot(), std1 = ((1.0 + 1 + 4) / 3).squareRoot()
        XCTAssertEqual(u, (std0 + std1) / 2, accuracy: 1e-15)
        XCTAssertEqual(e!, (1.0 + 2.0) / 2, accuracy: 1e-15)
    }

    /// Frames of a planted ensemble: the study's split and test coverages sit at 1 − α, the
    /// levels follow the diagonal, and the uncalibrated coverage is the planted one.
    func testStudyOnPlantedFrames() throws {
        var random = Xoshiro256(seed: 7)
        func series(frames: Int) -> EnsembleUncertaintySeries {
            var s = EnsembleUncertaintySeries()
            s.atoms = Array(0..<50)
            for f in 0..<frames {
                let u = (0..<50).map { _ in 0.5 + random.uniform() }
                // e/u uniform on [0, 2]: P(e ≤ u) = 0.5, q̂ at 0.9 near 1.8.
                let e = u.map { $0 * 2 * random.uniform() }
                s.frames.append(f); s.largest.append(u.max()!); s.largestAtom.append(0)
                s.kept.append(f); s.uncertainties.append(u); s.errors.append(e)
            }
            return s
        }
        let study = try ConformalStudy(calibrating: series(frames: 40), alpha: 0.1, test: series(frames: 40))
        XCTAssertEqual(study.calibration.count, 2000)
        XCTAssertEqual(study.calibration.quantile, 1.8, accuracy: 0.05)
        XCTAssertEqual(study.uncalibratedCoverage, 0.5, accuracy: 0.04)
        let splits = try XCTUnwrap(study.splits)
        XCTAssertEqual(splits.count, 20)
        XCTAssertEqual(splits.mean, 0.9, accuracy: 0.01)
        XCTAssertEqual(try XCTUnwrap(study.test).coverage, 0.9, accuracy: 0.02)
        for level in study.levels { XCTAssertEqual(level.observed, level.nominal, accuracy: 0.015) }
        var unlabelled = series(frames: 5)
        unlabelled.errors = []
        XCTAssertThrowsError(try ConformalStudy(calibrating: unlabelled, alpha: 0.1))
    }
}
