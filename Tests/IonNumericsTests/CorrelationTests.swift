import Foundation
import IonNumerics
import IonTestSupport
import XCTest

/// FFT correlations against direct sums and a closed form; trapezoid running integral and the
/// exponential plateau fit against exact functions.
final class CorrelationTests: XCTestCase {
    func direct(_ x: [Double], _ y: [Double]) -> [Double] {
        (0..<x.count).map { m in (0..<(x.count - m)).reduce(0) { $0 + x[$1] * y[$1 + m] } / Double(x.count - m) }
    }

    func testCorrelationsMatchDirectSums() {
        var random = SeededRandom(seed: 11)
        for length in [1, 2, 7, 37, 64, 129] {
            let x = (0..<length).map { _ in random.normal() }, y = (0..<length).map { _ in random.normal() + 0.3 }
            let scale = 1e-12 * Double(length)
            for (m, (fast, slow)) in zip(autocorrelation(x), direct(x, x)).enumerated() {
                XCTAssertEqual(fast, slow, accuracy: scale, "ACF length \(length) lag \(m)")
            }
            for (m, (fast, slow)) in zip(crossCorrelation(x, y), direct(x, y)).enumerated() {
                XCTAssertEqual(fast, slow, accuracy: scale, "CCF length \(length) lag \(m)")
            }
            // Three series (one pair and one single transform) sum to the sum of direct ACFs.
            let z = (0..<length).map { _ in random.normal() }
            var accumulator = CorrelationAccumulator(length: length)
            accumulator.add(x, y); accumulator.add(z)
            XCTAssertEqual(accumulator.seriesCount, 3)
            let expected = zip(zip(direct(x, x), direct(y, y)), direct(z, z)).map { $0.0 + $0.1 + $1 }
            for (m, (fast, slow)) in zip(accumulator.result(), expected).enumerated() {
                XCTAssertEqual(fast, slow, accuracy: 3 * scale, "summed ACF length \(length) lag \(m)")
            }
        }
    }

    /// x(k) = r^k: C(m) = r^m (1 − r^{2(T−m)}) / ((1 − r²)(T − m)).
    func testGeometricSeriesHasTheClosedFormAutocorrelation() {
        let (r, length) = (0.9, 50)
        let acf = autocorrelation((0..<length).map { pow(r, Double($0)) })
        for m in 0..<length {
            let exact = pow(r, Double(m)) * (1 - pow(r, Double(2 * (length - m)))) / ((1 - r * r) * Double(length - m))
            XCTAssertEqual(acf[m], exact, accuracy: 1e-12, "lag \(m)")
        }
    }

    /// ∫₀ᵗ e^{−s} ds = 1 − e^{−t}; the trapezoid error is dt²/12 · (f'(t) − f'(0)) to leading order.
    func testRunningIntegralOfAnExponential() {
        let dt = 0.05
        let f = (0..<200).map { exp(-Double($0) * dt) }
        let integral = runningIntegral(f, dt: dt)
        XCTAssertEqual(integral[0], 0)
        for m in [1, 10, 100, 199] {
            let t = Double(m) * dt
            let exact = 1 - exp(-t), leading = dt * dt / 12 * (1 - exp(-t))
            XCTAssertEqual(integral[m], exact + leading, accuracy: 1e-6, "lag \(m)")
        }
    }

    func testPlateauFitRecoversPlateauAndTime() throws {
        var random = SeededRandom(seed: 3)
        let (plateau, tau, dt) = (2.5, 0.8, 0.02)
        let curve = (0..<400).map { plateau * (1 - exp(-Double($0) * dt / tau)) + 0.01 * random.normal() }
        let fit = try XCTUnwrap(fitExponentialPlateau(curve, dt: dt))
        XCTAssertTrue(fit.converged)
        let (plateauError, timeError) = (try XCTUnwrap(fit.plateauError), try XCTUnwrap(fit.timeError))
        XCTAssertEqual(fit.plateau, plateau, accuracy: 4 * plateauError)
        XCTAssertEqual(fit.time, tau, accuracy: 4 * timeError)
        XCTAssert(plateauError < 0.01 && timeError < 0.01, "errors \(plateauError), \(timeError)")
        // Negative plateaus (distinct parts) fit as well.
        let negative = try XCTUnwrap(fitExponentialPlateau(curve.map { -$0 }, dt: dt))
        XCTAssertEqual(negative.plateau, -plateau, accuracy: 0.01)
        XCTAssertNil(fitExponentialPlateau([0, 0, 0, 0], dt: dt))
    }
}
