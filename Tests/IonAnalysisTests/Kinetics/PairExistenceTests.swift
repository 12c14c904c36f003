import Foundation
import IonAnalysis
import IonNumerics
import IonTestSupport
import XCTest

/// Pair ACFs and exchange events against spec vectors T3/T4 (copied from
/// `two-state-reference/test_vectors.json`), a brute-force reference and a two-state simulation.
final class PairExistenceTests: XCTestCase {
    private func bits(_ h: [Int]) -> [Bool] { h.map { $0 == 1 } }

    func testSinglePairVectors() throws {
        let existence = try PairExistence(indicators: [bits([1, 1, 0, 1, 1, 1, 0, 0, 1, 1])])
        let lags = [0, 1, 2, 3]
        assertEqual(existence.correlation(.continuous, lags: lags), [1, 2.0 / 3, 0.2, 0])
        assertEqual(existence.correlation(.intermittent, lags: lags), [1, 2.0 / 3, 0.4, 0.6])
        let filled = existence.fillingGaps(upTo: 1)
        XCTAssertEqual(filled.runs(of: 0).map { [$0.first, $0.last] }, [[0, 5], [8, 9]])
        assertEqual(filled.correlation(.continuous, lags: lags), [1, 6.0 / 7, 2.0 / 3, 0.5])
        XCTAssertEqual(existence.fillingGaps(upTo: 2).runs(of: 0).map { [$0.first, $0.last] }, [[0, 9]])
        // Leading and trailing gaps are never filled.
        XCTAssertEqual(
            try PairExistence(indicators: [bits([0, 1, 0, 1, 0])]).fillingGaps(upTo: 5).runs(of: 0).map {
                [$0.first, $0.last]
            }, [[1, 3]])
    }

    func testTwoPairVectors() throws {
        let existence = try PairExistence(indicators: [bits([1, 1, 1, 0, 0, 0]), bits([1, 0, 1, 1, 1, 0])])
        let lags = [0, 1, 2, 3]
        assertEqual(existence.correlation(.continuous, lags: lags), [1, 4.0 / 7, 1.0 / 3, 0])
        assertEqual(existence.correlation(.continuous, lags: lags, normalisation: .perOrigin), [1, 0.6, 0.25, 0])
        assertEqual(existence.correlation(.intermittent, lags: lags), [1, 4.0 / 7, 0.5, 0.2])
        assertEqual(
            existence.correlation(.intermittent, lags: lags, normalisation: .perOrigin), [1, 0.6, 0.375, 1.0 / 6])
    }

    /// Random indicator series against the O(P·K²) definitions, both kinds and normalisations.
    func testAgainstBruteForce() throws {
        var random = SeededRandom(seed: 3)
        let h = (0..<6).map { _ in (0..<40).map { _ in Double.random(in: 0..<1, using: &random) < 0.6 } }
        let existence = try PairExistence(indicators: h)
        let lags = Array(0..<40)
        for kind in PairCorrelationKind.allCases {
            for normalisation in PairCorrelationNormalisation.allCases {
                let fast = existence.correlation(kind, lags: lags, normalisation: normalisation)
                for m in lags {
                    var perOrigin: [Double] = [], numerator = 0.0, denominator = 0.0
                    for k in 0..<(40 - m) {
                        var x = 0.0, n = 0.0
                        for series in h where series[k] {
                            n += 1
                            let joined = kind == .continuous ? series[k...(k + m)].allSatisfy { $0 } : series[k + m]
                            if joined { x += 1 }
                        }
                        numerator += x; denominator += n
                        if n > 0 { perOrigin.append(x / n) }
                    }
                    let slow =
                        normalisation == .pooled
                        ? numerator / denominator : perOrigin.reduce(0, +) / Double(perOrigin.count)
                    XCTAssertEqual(fast[m], slow, accuracy: 1e-12, "\(kind) \(normalisation) m=\(m)")
                }
                if kind == .continuous && normalisation == .pooled {
                    let all = existence.continuousCorrelationAllLags(maxLag: 100)
                    XCTAssertEqual(all.count, 40)
                    for m in lags { XCTAssertEqual(all[m], fast[m], accuracy: 1e-12, "all lags m=\(m)") }
                }
                if kind == .intermittent && normalisation == .pooled {
                    let all = existence.intermittentCorrelationAllLags(maxLag: 100)
                    XCTAssertEqual(all.count, 40)
                    for m in lags { XCTAssertEqual(all[m], fast[m], accuracy: 1e-12, "FFT all lags m=\(m)") }
                }
            }
        }
    }

    /// Many lags on many runs take the FFT path for the pooled intermittent ACF: the same numbers
    /// as the run-overlap sums (per-pair contributions), lag by lag.
    func testIntermittentFFTPathMatchesRunOverlaps() throws {
        var random = SeededRandom(seed: 8)
        let h = (0..<7).map { _ in (0..<300).map { _ in Double.random(in: 0..<1, using: &random) < 0.7 } }
        let existence = try PairExistence(indicators: h)
        let lags = Array(0..<300)
        let viaFFT = existence.correlation(.intermittent, lags: lags)
        XCTAssertGreaterThan(
            Double(existence.runFirst.count * lags.count), 8.0 * 7 * 300, "the case must take the FFT path")
        var sums = [Double](repeating: 0, count: 2 * lags.count)
        for p in 0..<existence.pairCount {
            for (k, c) in existence.contributions(of: p, .intermittent, lags: lags).enumerated() { sums[k] += c }
        }
        for m in lags { XCTAssertEqual(viaFFT[m], sums[m] / sums[lags.count + m], accuracy: 1e-12, "m=\(m)") }
    }

    /// Spec T4: shells {1,2},{1,2},{1,3},… give Ξ, μ, event times and B, M of the vectors.
    func testExchangeEventsVector() throws {
        let shells: [[Int32]] = [
            [1, 2], [1, 2], [1, 3], [1, 3], [1, 3], [3], [3, 4], [3, 4], [3, 4], [2, 3, 4],
        ]
        var recorder = PairExistenceRecorder()
        for row in shells { try recorder.record(ShellContacts(rows: [row, []])) }
        let events = ExchangeEvents(recorder.existence())
        XCTAssertEqual(events.series(of: 0), [0, 0, 1, 0, 0, 1, 1, 0, 0, 1])
        XCTAssertEqual(events.series(of: 0, multiplicity: true), [0, 0, 2, 0, 0, 1, 1, 0, 0, 1])
        XCTAssertEqual(events.times[0], [2, 5, 6, 9])
        XCTAssertEqual(events.times[1], [])
        let tau = interEventTimes(events.times[0]).map(Double.init)
        XCTAssertEqual(burstiness(tau), -0.4244395183793498, accuracy: 1e-12)
        XCTAssertEqual(memoryCoefficient(tau), -1, accuracy: 1e-12)
        XCTAssertEqual(events.windowCounts(window: 4), [[1, 2], [0, 0]])
        XCTAssertThrowsError(try recorder.record(ShellContacts(rows: [[1]])))
    }

    /// Recorder against indicator series: the same runs whether built frame by frame or directly.
    func testRecorderMatchesIndicators() throws {
        var random = SeededRandom(seed: 9)
        let frames = 30
        let h = (0..<4).map { _ in (0..<frames).map { _ in Double.random(in: 0..<1, using: &random) < 0.5 } }
        var recorder = PairExistenceRecorder()
        for k in 0..<frames {
            try recorder.record(ShellContacts(rows: [h.indices.filter { h[$0][k] }.map { Int32($0) }]))
        }
        let recorded = recorder.existence(), direct = try PairExistence(indicators: h)
        let seen = h.indices.filter { h[$0].contains(true) }
        XCTAssertEqual(recorded.pairPartner, seen.map { Int32($0) })
        for (p, partner) in seen.enumerated() {
            XCTAssertEqual(
                recorded.runs(of: p).map { [$0.first, $0.last] }, direct.runs(of: partner).map { [$0.first, $0.last] })
        }
    }

    /// Pairs simulated by the two-state process (T1b rates, re-forming after gaps): the pooled continuous
    /// ACF follows S_ν(n) with ν the occupation law of alive pairs, within 4 bootstrap standard errors
    /// (over pairs) at every log lag.
    func testSimulatedExistenceFollowsModel() throws {
        let model = TwoStateModel(alpha: (0.02, 0.005), beta: (0.15, 0.0016))!
        var simulator = TwoStateSimulator(seed: 4)
        let frames = 4000, birth = model.stationaryLaw
        let runs = simulator.existenceRuns(model, birth: birth, reformation: 0.01, pairs: 400, frames: frames)
        let existence = try PairExistence(
            frameCount: frames, centreCount: 1, pairs: runs.indices.map { (0, Int32($0)) }, runs: runs)
        let lags = logarithmicLags(maxLag: 400, perDecade: 10)
        let c = existence.correlation(.continuous, lags: lags)
        let law = model.occupationLaw(birth: birth)
        let perPair = (0..<existence.pairCount).map { existence.contributions(of: $0, .continuous, lags: lags) }
        let errors = bootstrapStandardErrors(perUnit: perPair, replicates: 100) { s in
            lags.indices.map { s[$0] / s[lags.count + $0] }
        }
        for (l, m) in lags.enumerated() {
            XCTAssertLessThan(abs(c[l] - model.survival(m, start: law)), 4 * errors[l] + 1e-12, "m=\(m)")
        }
    }

    private func assertEqual(_ a: [Double], _ b: [Double], file: StaticString = #filePath, line: UInt = #line) {
        XCTAssertEqual(a.count, b.count, file: file, line: line)
        for (x, y) in zip(a, b) { XCTAssertEqual(x, y, accuracy: 1e-12, "\(a) vs \(b)", file: file, line: line) }
    }
}

/// Recording consecutive parts of a run and appending them gives the record of the whole.
final class PairExistenceAppendTests: XCTestCase {
    func testAppendedPartsEqualTheWhole() throws {
        var random = SeededRandom(seed: 17)
        for trial in 0..<20 {
            let frames = 30, pairs = 6
            let h = (0..<pairs).map { p in (0..<frames).map { _ in random.next() % 3 != 0 || p == 0 } }
            let whole = try PairExistence(indicators: h)
            for split in [1, 7, 15, 29] {
                let first = try PairExistence(indicators: h.map { Array($0[..<split]) })
                let rest = try PairExistence(indicators: h.map { Array($0[split...]) })
                XCTAssertEqual(try first.appending(rest), whole, "trial \(trial), split at \(split)")
            }
        }
    }
}
