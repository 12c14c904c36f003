import Foundation
import IonAnalysis
import IonTestSupport
import XCTest

/// Arrhenius fits: exact synthetic data, and the coverage of E_a ± σ over noisy replicas.
final class ArrheniusTests: XCTestCase {
    let temperatures = [250.0, 300, 350, 400, 450]
    let (activation, prefactor) = (20.0, 3e-7)  // kJ/mol, m²/s

    func exact(_ t: Double) -> Double { prefactor * exp(-activation / (ArrheniusAnalysis.gasConstant * t)) }

    func testExactDataGiveTheActivationEnergy() throws {
        let fit = try ArrheniusAnalysis(
            temperatures.map { ArrheniusPoint(temperature: $0, value: exact($0), error: 0.05 * exact($0)) })
        XCTAssertEqual(fit.activationEnergy, activation, accuracy: 1e-9)
        XCTAssertEqual(fit.activationEnergyEV, activation / 96.485_332_12, accuracy: 1e-9)
        XCTAssertEqual(fit.logPrefactor, log(prefactor), accuracy: 1e-9)
        XCTAssertEqual(fit.activationTemperature, activation / ArrheniusAnalysis.gasConstant, accuracy: 1e-6)
        XCTAssertEqual(fit.reducedChiSquared, 0, accuracy: 1e-12)
        XCTAssertEqual(fit.value(at: 320), exact(320), accuracy: 1e-9 * exact(320))
        // σ(E_a) from 5% errors: R·σ_b with σ_b² = 1/(Σw Σwx² − (Σwx)²)·Σw, w = 1/0.05².
        let x = temperatures.map { 1 / $0 }, w = 400.0
        let delta = 5 * w * x.reduce(0) { $0 + w * $1 * $1 } - pow(x.reduce(0) { $0 + w * $1 }, 2)
        XCTAssertEqual(
            fit.activationEnergyError, ArrheniusAnalysis.gasConstant * (5 * w / delta).squareRoot(), accuracy: 1e-9)
    }

    func testErrorsCoverTheTrueActivationEnergy() throws {
        var random = SeededRandom(seed: 61)
        var covered = 0, coveredUnweighted = 0
        let trials = 400
        for _ in 0..<trials {
            let points = temperatures.map { t -> ArrheniusPoint in
                let relative = 0.02 + 0.08 * Double.random(in: 0..<1, using: &random)
                return ArrheniusPoint(
                    temperature: t, value: exact(t) * exp(relative * random.normal()), error: relative * exact(t))
            }
            let fit = try ArrheniusAnalysis(points)
            if abs(fit.activationEnergy - activation) < fit.activationEnergyError { covered += 1 }
            let unweighted = try ArrheniusAnalysis(
                points.map { ArrheniusPoint(temperature: $0.temperature, value: $0.value) })
            if abs(unweighted.activationEnergy - activation) < unweighted.activationEnergyError {
                coveredUnweighted += 1
            }
        }
        // 68.3% expected; binomial σ over 400 trials is 2.3%.
        XCTAssertEqual(
            Double(covered) / Double(trials), 0.683, accuracy: 0.07, "weighted coverage \(covered)/\(trials)")
        // Residual errors with 3 degrees of freedom: E_a ± s covers ~61% (Student t, ν = 3).
        XCTAssertEqual(
            Double(coveredUnweighted) / Double(trials), 0.61, accuracy: 0.08,
            "unweighted coverage \(coveredUnweighted)/\(trials)")
    }

    func testBadInputsAreRejected() {
        XCTAssertThrowsError(
            try ArrheniusAnalysis([
                ArrheniusPoint(temperature: 300, value: -1, error: 0.1),
                ArrheniusPoint(temperature: 350, value: 1, error: 0.1),
            ]))
        XCTAssertThrowsError(
            try ArrheniusAnalysis([
                ArrheniusPoint(temperature: 300, value: 1, error: 0.1), ArrheniusPoint(temperature: 350, value: 2),
            ]))
        XCTAssertThrowsError(
            try ArrheniusAnalysis([
                ArrheniusPoint(temperature: 300, value: 1), ArrheniusPoint(temperature: 350, value: 2),
            ])
        ) {
            XCTAssert("\($0)".contains("at least 3"), "\($0)")
        }
    }
}
