import Foundation
import IonNumerics
import XCTest

/// B, M, trains, Hurwitz zeta, power-law MLE and soft/hard labels against spec vectors T4–T7, and
/// synthetic Poisson and two-state streams.
final class BurstStatisticsTests: XCTestCase {
    func testBurstinessAndMemoryVectors() {
        let events = vector("events") as! [String: Any]
        let tau = doubles(events["tau"]!), tau2 = doubles(events["tau2"]!)
        XCTAssertEqual(interEventTimes(integers(events["times"]!)).map(Double.init), tau)
        XCTAssertEqual(burstiness(tau), number(events["B"]!), accuracy: 1e-12)
        XCTAssertEqual(memoryCoefficient(tau), number(events["M"]!), accuracy: 1e-12)
        XCTAssertEqual(burstiness(tau2), number(events["B2"]!), accuracy: 1e-12)
        XCTAssertEqual(memoryCoefficient(tau2), number(events["M2"]!), accuracy: 1e-12)
        XCTAssertEqual(burstiness([5, 5, 5, 5]), -1)
        XCTAssertTrue(memoryCoefficient([5, 5, 5, 5]).isNaN)
        XCTAssertTrue(burstiness([3]).isNaN)
        XCTAssertEqual(bernoulliBurstiness(rate: 0.1), -0.0263, accuracy: 1e-4)
        // Pooling never pairs intervals across ions: [1, 2] and [3, 4] give pairs (1,2), (3,4) only.
        XCTAssertEqual(pooledMemoryCoefficient([[1, 2], [3, 4]]), 1, accuracy: 1e-12)
    }

    func testTrainVectors() {
        let trains = vector("trains") as! [String: Any]
        let times = integers(trains["times"]!)
        let mean = number(trains["mean_tau"]!)
        XCTAssertEqual(Double(interEventTimes(times).reduce(0, +)) / 11, mean, accuracy: 1e-12)
        for (key, value) in trains["by_fraction"] as! [String: Any] {
            let entry = value as! [String: Any]
            let statistics = BurstyTrainStatistics(sequences: [times], fraction: Double(key)!, meanInterval: mean)
            XCTAssertEqual(statistics.sizes, integers(entry["sizes"]!), "f = \(key)")
            XCTAssertEqual(statistics.distribution, doubles(entry["P"]!), "f = \(key)")
        }
        XCTAssertEqual(burstyTrainSizes(times, window: 2), integers(trains["dt2_sizes"]!))
        XCTAssertEqual(burstyTrainSizes(times, window: 1.999), integers(trains["dt1999_sizes"]!))
        XCTAssertTrue(BurstyTrainStatistics(sequences: [times], fraction: 0.2, meanInterval: 4.5).degenerate)
        XCTAssertEqual(
            BurstyTrainStatistics(sequences: [times], fraction: 1, meanInterval: mean, dropBoundaryTrains: true).sizes,
            [3, 1, 3])
    }

    func testHurwitzZetaAndPowerLawVectors() {
        for row in vector("hurwitz_zeta") as! [Any] {
            let v = doubles(row)
            XCTAssertEqual(hurwitzZeta(v[0], v[1]), v[2], accuracy: 1e-13 * v[2], "ζ(\(v[0]), \(v[1]))")
        }
        let small = vector("powerlaw", "small") as! [String: Any]
        let smallFit = DiscretePowerLawFit(integers(small["x"]!), xMin: 1)!
        XCTAssertEqual(smallFit.alpha, number(small["alpha"]!), accuracy: 1e-7)
        XCTAssertEqual(smallFit.ksDistance, number(small["D"]!), accuracy: 1e-9)
        XCTAssertEqual(smallFit.logLikelihood, number(small["loglik"]!), accuracy: 1e-8)
        let data = integers(vector("powerlaw", "data"))
        let fixed = DiscretePowerLawFit(data, xMin: 1)!
        XCTAssertEqual(fixed.alpha, number(vector("powerlaw", "xmin1", "alpha")), accuracy: 1e-7)
        XCTAssertEqual(fixed.ksDistance, number(vector("powerlaw", "xmin1", "D")), accuracy: 1e-7)
        let (best, scan) = DiscretePowerLawFit.scan(data)!
        XCTAssertEqual(best.xMin, 5); XCTAssertEqual(best.tailCount, 45)
        XCTAssertEqual(best.alpha, number(vector("powerlaw", "best", "alpha")), accuracy: 1e-7)
        XCTAssertEqual(best.alphaError, number(vector("powerlaw", "best", "se")), accuracy: 1e-4)
        XCTAssertEqual(best.ksDistance, number(vector("powerlaw", "best", "D")), accuracy: 1e-7)
        XCTAssertEqual(best.approximateAlpha, number(vector("powerlaw", "best", "alpha_approx")), accuracy: 1e-9)
        let reference = vector("powerlaw", "scan") as! [[String: Any]]
        XCTAssertEqual(scan.map(\.xMin), reference.map { Int(number($0["xmin"]!)) })
        for (fit, row) in zip(scan, reference) { XCTAssertEqual(fit.ksDistance, number(row["D"]!), accuracy: 1e-7) }
    }

    /// Samples drawn from a discrete power law (α = 2.5, x_min = 1) are recovered and judged plausible;
    /// geometric samples are not favoured as a power law.
    func testPowerLawAssessmentOnSyntheticData() {
        var generator = Xoshiro256(seed: 11)
        let sampler = (1...2000).map { _ -> Int in
            // Inverse-CDF draw against the tabulated law (independent of the sampler in the library).
            let u = generator.uniform()
            var x = 1, cumulative = 0.0
            let z = hurwitzZeta(2.5, 1)
            while true {
                cumulative += pow(Double(x), -2.5) / z; if cumulative >= u || x > 100_000 { return x }; x += 1
            }
        }
        let law = PowerLawAssessment(sampler, replicates: 30, seed: 3)!
        XCTAssertLessThan(abs(law.fit.alpha - 2.5), 3 * law.fit.alphaError + 0.05)
        XCTAssertGreaterThan(law.pValue!, 0.1)
        XCTAssertTrue(law.powerLawFavoured)
        let geometric = (1...2000).map { _ in max(1, Int((log1p(-generator.uniform()) / log1p(-0.2)).rounded(.up))) }
        let exponential = PowerLawAssessment(geometric, replicates: 30, seed: 3)!
        XCTAssertFalse(exponential.powerLawFavoured)
    }

    func testSoftHardVectors() {
        let entry = vector("soft_hard") as! [String: Any]
        let xi = integers(entry["xi"]!)
        let counts = SoftHardLabelling.windowCounts(xi, window: 5)
        XCTAssertEqual(counts, integers(vector("soft_hard", "Ec1", "counts")))
        XCTAssertEqual(
            SoftHardLabelling.labels(counts, threshold: 1).map { $0 ? 1 : 0 },
            integers(vector("soft_hard", "Ec1", "labels")))
        XCTAssertEqual(
            SoftHardLabelling.labels(counts, threshold: 2).map { $0 ? 1 : 0 },
            integers(vector("soft_hard", "Ec2", "labels")))
        // Transition counts: windows of one frame with threshold 0 turn events into the labels themselves.
        let ions = (vector("soft_hard", "transitions", "ions") as! [Any]).map(integers)
        let statistics = SoftHardStatistics(events: ions, window: 1, threshold: 0, replicates: 10)
        XCTAssertEqual(statistics.softFraction, 0.5, accuracy: 1e-12)
        XCTAssertEqual(statistics.softToHard, 2.0 / 3, accuracy: 1e-12)
        XCTAssertEqual(statistics.hardToSoft, 0.6, accuracy: 1e-12)
        // Binomial(20, 0.05): P(N ≤ 2) = 0.9245, P(N ≤ 3) = 0.9841.
        XCTAssertEqual(SoftHardLabelling.nullThreshold(window: 20, rate: 0.05), 3)
    }

    /// Bernoulli ("Poisson") streams, three seeds: B equals the discrete null B₀ and M ≈ 0 within
    /// 0.02; train sizes follow the geometric null; no power law is preferred for intervals or train
    /// sizes (the CSN scan puts x_min in the far tail, 30–40 frames for intervals of mean 10, where
    /// the two laws cannot be told apart).
    func testPoissonStreams() {
        for seed in [5, 6, 7] as [UInt64] {
            var simulator = TwoStateSimulator(seed: seed)
            let streams = simulator.eventStreams(
                ions: 20, frames: 5000, softToHard: 0.5, hardToSoft: 0.5,
                eventProbability: (0.1, 0.1))
            let times = streams.map { s in s.events.indices.filter { s.events[$0] == 1 } }
            let intervals = times.map { interEventTimes($0).map(Double.init) }
            let pooled = intervals.flatMap { $0 }
            XCTAssertEqual(burstiness(pooled), bernoulliBurstiness(rate: 0.1), accuracy: 0.02)
            XCTAssertEqual(pooledMemoryCoefficient(intervals), 0, accuracy: 0.02)
            let mean = pooled.reduce(0, +) / Double(pooled.count)
            let trains = BurstyTrainStatistics(sequences: times, fraction: 1, meanInterval: mean)
            for e in 0..<3 {
                XCTAssertEqual(trains.distribution[e], trains.geometricNull[e], accuracy: 0.01, "E = \(e + 1)")
            }
            let law = PowerLawAssessment(pooled.map { Int($0) }, replicates: 20, seed: seed)!
            let law2 = PowerLawAssessment(trains.sizes, replicates: 20, seed: seed)!
            XCTAssertFalse(law.powerLawFavoured, "intervals, seed \(seed)")
            XCTAssertFalse(law2.powerLawFavoured, "train sizes, seed \(seed)")
        }
    }

    /// Two-state streams with well separated event probabilities (0.3 soft, 0.005 hard per frame) and
    /// long sojourns: soft fraction and per-state event rates recovered within 3 bootstrap SE, for three
    /// seeds; the stream is bursty (B > 0.2).
    func testTwoStateStreamsRecoverParameters() {
        for seed in [1, 2, 3] as [UInt64] {
            var simulator = TwoStateSimulator(seed: seed)
            let streams = simulator.eventStreams(
                ions: 40, frames: 20_000, softToHard: 0.002, hardToSoft: 0.001,
                eventProbability: (0.3, 0.005))
            let statistics = SoftHardStatistics(
                events: streams.map(\.events), window: 20, threshold: 1, replicates: 100, seed: seed)
            let trueSoft = 0.001 / 0.003
            XCTAssertLessThan(
                abs(statistics.softFraction - trueSoft), 3 * statistics.softFractionError + 0.01, "seed \(seed)")
            XCTAssertLessThan(
                abs(statistics.softEventRate - 0.3), 3 * statistics.softEventRateError + 0.01, "seed \(seed)")
            XCTAssertLessThan(
                abs(statistics.hardEventRate - 0.005), 3 * statistics.hardEventRateError + 0.001, "seed \(seed)")
            let pooled = streams.flatMap { s in
                interEventTimes(s.events.indices.filter { s.events[$0] == 1 }).map(Double.init)
            }
            XCTAssertGreaterThan(burstiness(pooled), 0.2)
            // Labels agree with the hidden state at the windows' middle frame in ≥ 90 % of windows.
            var agree = 0, total = 0
            for s in streams {
                let labels = SoftHardLabelling.labels(
                    SoftHardLabelling.windowCounts(s.events, window: 20), threshold: 1)
                for (j, label) in labels.enumerated() { total += 1; if label == s.soft[j * 20 + 10] { agree += 1 } }
            }
            XCTAssertGreaterThan(Double(agree) / Double(total), 0.9, "seed \(seed)")
        }
    }

    func testStateDiffusionAndArrhenius() {
        let soft = softStateDiffusion(
            total: 2, totalError: 0.1, hard: 1, hardError: 0.05, softFraction: 0.25, softFractionError: 0.02)
        XCTAssertEqual(soft.value, 5, accuracy: 1e-12)  // 0.25·5 + 0.75·1 = 2
        let expected = (pow(0.1 / 0.25, 2) + pow(3 * 0.05, 2) + pow(-1 / 0.0625 * 0.02, 2)).squareRoot()
        XCTAssertEqual(soft.error, expected, accuracy: 1e-12)
        // Exact Arrhenius data: E_a = 20 kJ/mol, A = 10 ps⁻¹.
        let temperatures = [298.0, 353, 373, 423]
        let rates = temperatures.map { 10 * exp(-20 / (8.314462618e-3 * $0)) }
        let fit = ArrheniusFit(temperatures: temperatures, rates: rates, errors: rates.map { 0.05 * $0 })!
        XCTAssertEqual(fit.activationEnergy, 20, accuracy: 1e-9)
        XCTAssertEqual(fit.prefactor, 10, accuracy: 1e-8)
        XCTAssertNil(ArrheniusFit(temperatures: [300], rates: [1]))
    }
}
