import IonTestSupport
import XCTest

@testable import IonAnalysis

/// The automatic block length of ``BlockSeries`` against direct blocking and against series of
/// known correlation (AR(1): x' = ρx + ε, integrated correlation time (1 + ρ)/(1 − ρ) frames).
final class BlockSeriesTests: XCTestCase {
    /// One AR(1) series of `frames` values, from its stationary distribution.
    func autoregressive(_ rho: Double, frames: Int, random: inout SeededRandom) -> [Double] {
        var x = random.normal() / (1 - rho * rho).squareRoot()
        return (0..<frames).map { _ in
            x = rho * x + random.normal()
            return x
        }
    }

    /// Each level's variance and lag-1 correlation against pairing the values by hand (an odd
    /// count drops its last value), with a second entry that appears only from frame 7.
    func testLevelsMatchDirectPairing() throws {
        var random = SeededRandom(seed: 5)
        let values = (0..<37).map { _ in 3 + random.normal() }
        var series = BlockSeries(minimumBlocks: 4)
        for (k, v) in values.enumerated() { series.add(k < 7 ? [v] : [v, 2 * v]) }
        var level = values.map { $0 - values[0] }
        let errors = series.standardErrors()!
        var variances: [Double] = [], settled: Int?
        while level.count >= 4 {
            let n = Double(level.count), mean = level.reduce(0, +) / n
            let spread = level.reduce(0) { $0 + ($1 - mean) * ($1 - mean) }
            var lagged = 0.0
            for i in 1..<level.count { lagged += (level[i - 1] - mean) * (level[i] - mean) }
            let r = lagged / spread
            if settled == nil, r < 1 / n.squareRoot() { settled = variances.count }
            variances.append(spread / (n - 1) / n * (1 + 2 * max(r, 0)))
            if level.count % 2 == 1 { level.removeLast() }
            level = stride(from: 0, to: level.count, by: 2).map { 0.5 * (level[$0] + level[$0 + 1]) }
        }
        let index = try XCTUnwrap(settled)
        XCTAssertEqual(errors.blockFrames[0], 1 << index)
        let chosen = index + 1 < variances.count ? max(variances[index], variances[index + 1]) : variances[index]
        XCTAssertEqual(errors[0], chosen.squareRoot(), accuracy: 1e-12)
        XCTAssertEqual(series.mean()[0], values.reduce(0, +) / 37, accuracy: 1e-12)
        XCTAssertEqual(series.mean()[1], 2 * values[7...].reduce(0, +) / 37, accuracy: 1e-12)
    }

    /// Over 300 series, the stated errors cover the scatter of the means (χ²/n near 1) for
    /// uncorrelated values and for a correlation time of 19 frames, where single frames as blocks
    /// would understate σ by √19; and the errors of runs shorter than the correlation time are
    /// called doubtful.
    func testErrorsCoverCorrelatedSeries() {
        var random = SeededRandom(seed: 11)
        for (rho, frames, lowest, highest) in [(0.0, 1000, 0.8, 1.25), (0.9, 2000, 0.8, 1.45)] {
            var chi2 = 0.0, doubtful = 0
            for _ in 0..<300 {
                var series = BlockSeries()
                for x in autoregressive(rho, frames: frames, random: &random) { series.add([x]) }
                let errors = series.standardErrors()!
                chi2 += pow(series.mean()[0] / errors[0], 2)
                doubtful += errors.doubtful.count
            }
            XCTAssert((lowest...highest).contains(chi2 / 300), "ρ = \(rho): χ²/n = \(chi2 / 300)")
            XCTAssertLessThan(doubtful, 30, "ρ = \(rho): \(doubtful) of 300 errors called doubtful")
        }
        var doubtful = 0
        for _ in 0..<100 {
            var series = BlockSeries()
            for x in autoregressive(0.98, frames: 100, random: &random) { series.add([x]) }
            doubtful += series.standardErrors()!.doubtful.count
        }
        XCTAssertGreaterThan(doubtful, 80, "runs of one correlation time: only \(doubtful) of 100 called doubtful")
    }

    /// Too few frames give no error at all; a constant entry has error 0 and is never doubtful.
    func testTooFewFramesAndConstantEntries() {
        var series = BlockSeries()
        for k in 0..<7 { series.add([Double(k), 1]) }
        XCTAssertNil(series.standardErrors())
        series.add([7, 1])
        let errors = series.standardErrors()!
        XCTAssertEqual(errors[1], 0)
        XCTAssertFalse(errors.doubtful.contains(1))
        XCTAssertNotNil(errors.warning("x"))  // a linear drift never decorrelates
    }

    /// Two halves merged give the whole series' means exactly and its errors closely.
    func testAppendingTheSecondHalfMatchesOnePass() {
        var random = SeededRandom(seed: 17)
        let values = autoregressive(0.8, frames: 1000, random: &random).map { 5 + $0 }
        var whole = BlockSeries(), first = BlockSeries(), second = BlockSeries()
        for (k, x) in values.enumerated() {
            whole.add([x, -x])
            if k < 333 { first.add([x, -x]) } else { second.add([x, -x]) }
        }
        first.append(second)
        XCTAssertEqual(first.frames, 1000)
        XCTAssertEqual(first.mean()[0], whole.mean()[0], accuracy: 1e-12)
        let (merged, expected) = (first.standardErrors()!, whole.standardErrors()!)
        XCTAssertEqual(merged[0], expected[0], accuracy: 0.15 * expected[0])
        XCTAssertEqual(merged[1], expected[1], accuracy: 0.15 * expected[1])
    }

    /// Vectors that grow and shrink from frame to frame (histograms) give what the same vectors
    /// padded with zeros to one length give: a missing entry is 0, also when the first frame had it.
    func testShorterVectorsAreZeroPadded() {
        var random = SeededRandom(seed: 5)
        var ragged = BlockSeries(), padded = BlockSeries()
        for frame in 0..<200 {
            let length = frame == 0 ? 6 : Int.random(in: 1...6, using: &random)
            let values = (0..<length).map { _ in Double.random(in: 0..<1, using: &random) }
            ragged.add(values)
            padded.add(values + [Double](repeating: 0, count: 6 - length))
        }
        XCTAssertEqual(ragged.mean(length: 6), padded.mean(length: 6))
        let (a, b) = (ragged.standardErrors(length: 6)!, padded.standardErrors(length: 6)!)
        for k in 0..<6 { XCTAssertEqual(a[k], b[k], accuracy: 1e-12 * b[k], "entry \(k)") }
    }
}
