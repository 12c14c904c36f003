import Foundation
import IonNumerics
import XCTest

/// Two-state model against the spec's test vectors (T1a–T1e, 1e−10 relative) and a Monte Carlo.
final class TwoStateModelTests: XCTestCase {
    private func close(
        _ a: Double, _ b: Double, _ relative: Double = 1e-10, _ message: String = "",
        file: StaticString = #filePath, line: UInt = #line
    ) {
        XCTAssertLessThanOrEqual(
            abs(a - b), relative * max(abs(b), 1e-12), "\(message): \(a) vs \(b)", file: file, line: line)
    }

    func testExactSolutionMatchesVectors() {
        for entry in vector("two_state") as! [[String: Any]] {
            let name = entry["name"] as! String
            let alpha = doubles(entry["alpha"]!), beta = doubles(entry["beta"]!)
            let ns = integers(entry["n"]!)
            for case_ in entry["cases"] as! [[String: Any]] {
                let order: TwoStateModel.StepOrder =
                    case_["conv"] as! String == "A" ? .surviveThenSwitch : .switchThenSurvive
                let model = TwoStateModel(alpha: (alpha[0], alpha[1]), beta: (beta[0], beta[1]), order: order)!
                let w = doubles(case_["w"]!), label = "\(name) \(case_["conv"]!) \(case_["start"]!)"
                close(model.roots.z1, number(entry["z1"]!), 1e-12, label)
                close(model.roots.z2, number(entry["z2"]!), 1e-12, label)
                let c = model.coefficients(start: (w[0], w[1]))
                close(c.a, number(case_["A"]!), 1e-10, label)
                for (n, s) in zip(ns, doubles(case_["S"]!)) {
                    close(model.survival(n, start: (w[0], w[1])), s, 1e-10, "\(label) n=\(n)")
                }
                close(model.meanLifetime(start: (w[0], w[1])), number(case_["mean_T"]!), 1e-10, label)
            }
            let model = TwoStateModel(alpha: (alpha[0], alpha[1]), beta: (beta[0], beta[1]))!
            let pi = doubles(entry["pi"]!)
            close(model.stationaryLaw.0, pi[0], 1e-12, name)
            let resolved = entry["sij_convA"] as! [String: Any]
            for (k, key) in ["s11", "s12", "s21", "s22"].enumerated() {
                for (n, s) in zip(ns, doubles(resolved[key]!)) {
                    XCTAssertEqual(
                        model.resolvedSurvival(n)[k], s, accuracy: 1e-12 + 1e-10 * abs(s), "\(name) \(key) n=\(n)")
                }
            }
            // The paper's printed A9–A11, kept only as a labelled comparison, reproduces the vectors.
            for (n, s) in zip(ns, doubles(entry["paper_printed_Stot_pi"]!)) {
                close(printedPaperSurvival(n, model: model, start: (pi[0], pi[1])), s, 1e-9, "\(name) paper n=\(n)")
            }
        }
    }

    func testLinearParameterisationWithNegativeRoot() {
        let entry = vector("two_state_lin_z2neg") as! [String: Any]
        let alpha = doubles(entry["alpha"]!), beta = doubles(entry["beta"]!)
        let model = TwoStateModel(alpha: (alpha[0], alpha[1]), beta: (beta[0], beta[1]), parameterisation: .linear)!
        close(model.roots.z1, number(entry["z1"]!)); close(model.roots.z2, number(entry["z2"]!))
        close(model.coefficients(start: (1, 0)).a, number(entry["A"]!))
        for (n, s) in zip(integers(entry["n"]!), doubles(entry["S"]!)) {
            close(model.survival(n, start: (1, 0)), s, 1e-12, "n=\(n)")
        }
    }

    func testContinuousLimit() {
        let entry = vector("continuous_limit") as! [String: Any]
        let model = TwoStateContinuousModel(switching: (0.02, 0.005), dissociation: (0.15, 0.0016), start: (0.2, 0.8))
        close(model.rates.slow, number(entry["lambda_s"]!)); close(model.rates.fast, number(entry["lambda_f"]!))
        close(model.slowAmplitude, number(entry["A_s"]!)); close(model.meanLifetime, number(entry["tau"]!))
        for (t, s) in entry["S_t"] as! [String: Any] { close(model.survival(Double(t)!), number(s), 1e-10, "t=\(t)") }
        // The discrete model at small δt approaches the limit (spec: max difference 2.4e−5 at δt = 0.01).
        let dt = 0.01
        let discrete = TwoStateModel(alpha: (0.02 * dt, 0.005 * dt), beta: (0.15 * dt, 0.0016 * dt))!
        let r = (0.2, 0.8)
        let worst = stride(from: 0, to: 100_000, by: 500).map {
            abs(discrete.survival($0, start: r) - model.survival(Double($0) * dt))
        }.max()!
        XCTAssertLessThan(worst, 3e-5)
    }

    /// Without dissociation the exact model conserves probability; the paper's printed form does not.
    func testProbabilityIsConserved() {
        let model = TwoStateModel(alpha: (0.149, 0.0016), beta: (0, 0))!
        for n in [0, 1, 5, 100, 10_000] { XCTAssertEqual(model.survival(n, start: (1, 0)), 1, accuracy: 1e-12) }
        let t1c = TwoStateModel(alpha: (0.149, 0.0016), beta: (0.05, 0.0005))!
        XCTAssertGreaterThan(printedPaperSurvival(1, model: t1c, start: t1c.stationaryLaw), 1.0017)
    }

    /// Degenerate case z₁ = z₂ (c = 0, e₁ = e₂) uses repeated squaring; compare with S(n) = zⁿ + n z^{n−1}(S(1) − z).
    func testDegenerateRoots() {
        let model = TwoStateModel(stay: (1, 1), survive: (0.9, 0.9))!
        for n in [0, 1, 7, 50] { close(model.survival(n, start: (0.3, 0.7)), pow(0.9, Double(n)), 1e-12) }
    }

    /// Closed form against a Monte Carlo of the process: 20 000 lifetimes per case, both conventions,
    /// |S_MC(n) − S(n)| below 4 binomial standard errors at every tested lag; E[T] within 4 SE.
    func testClosedFormMatchesMonteCarlo() {
        var simulator = TwoStateSimulator(seed: 7)
        for order in [TwoStateModel.StepOrder.surviveThenSwitch, .switchThenSurvive] {
            for (alpha, beta) in [((0.05, 0.02), (0.10, 0.01)), ((0.8, 0.6), (0.2, 0.02))] {
                let model = TwoStateModel(alpha: alpha, beta: beta, order: order)!
                for start in [(1.0, 0.0), (0.0, 1.0), model.stationaryLaw] {
                    let count = 20_000
                    let lifetimes = simulator.lifetimes(model, start: start, count: count)
                    for n in [1, 2, 5, 10, 20, 50, 100, 200] {
                        let exact = model.survival(n, start: start)
                        let empirical = Double(lifetimes.filter { $0 > n }.count) / Double(count)
                        let se = max((exact * (1 - exact) / Double(count)).squareRoot(), 1e-4)
                        XCTAssertLessThan(abs(empirical - exact), 4 * se, "\(order) \(alpha) \(start) n=\(n)")
                    }
                    let series = simulator.survivalSeries(model, start: start, count: 2000, maxLag: 50)
                    XCTAssertEqual(series[0], 1); XCTAssertEqual(series.count, 51)
                    XCTAssertEqual(series[10], model.survival(10, start: start), accuracy: 0.05)
                    let mean = Double(lifetimes.reduce(0, +)) / Double(count)
                    let spread = (lifetimes.reduce(0.0) { $0 + pow(Double($1) - mean, 2) } / Double(count)).squareRoot()
                    XCTAssertLessThan(
                        abs(mean - model.meanLifetime(start: start)), 4 * spread / Double(count).squareRoot())
                }
            }
        }
    }

    /// Spec §3.1: with σ known, (z₁, z₂, S(1)) of T1b give back φ and r — exactly one admissible
    /// solution being the truth — and under r = π the stationary solution with zero residual.
    func testIdentificationWithKnownSwitching() {
        let model = TwoStateModel(alpha: (0.02, 0.005), beta: (0.15, 0.0016))!
        for start in [(0.3, 0.7), model.stationaryLaw] {
            let (z1, z2) = model.roots, s1 = model.oneStepSurvival(start: start)
            let solutions = TwoStateIdentification.solutions(stay: model.stay, z1: z1, z2: z2, oneStepSurvival: s1)
            XCTAssertTrue(
                solutions.contains {
                    abs($0.survive[0] - model.survive1) < 1e-9 && abs($0.survive[1] - model.survive2) < 1e-9
                        && abs($0.start[0] - start.0) < 1e-9
                }, "\(solutions)")
        }
        let pi = model.stationaryLaw
        let stationary = TwoStateIdentification.stationarySolution(
            stay: model.stay, z1: model.roots.z1, z2: model.roots.z2,
            oneStepSurvival: model.oneStepSurvival(start: pi))!
        XCTAssertEqual(stationary.survive[0], model.survive1, accuracy: 1e-12)
        XCTAssertEqual(stationary.survive[1], model.survive2, accuracy: 1e-12)
        XCTAssertEqual(stationary.residual, 0, accuracy: 1e-12)
        // Non-identifiability (spec §3.1, identifiability.out [2b]): another switching chain,
        // α = (0.02, 0.004774), with the φ and r solved from T1b's three numbers has the same S(n).
        let other = TwoStateModel(alpha: (0.02, 0.004774), beta: (0, 0))!
        let twin = TwoStateIdentification.solutions(
            stay: other.stay, z1: model.roots.z1, z2: model.roots.z2,
            oneStepSurvival: model.oneStepSurvival(start: pi))
        XCTAssertFalse(twin.isEmpty)
        for solution in twin {
            let alternative = TwoStateModel(stay: other.stay, survive: (solution.survive[0], solution.survive[1]))!
            for n in [1, 10, 100, 1000, 3000] {
                XCTAssertEqual(
                    alternative.survival(n, start: (solution.start[0], solution.start[1])),
                    model.survival(n, start: pi), accuracy: 1e-12)
            }
        }
    }
}
