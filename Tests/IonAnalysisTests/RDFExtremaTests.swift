import Foundation
import IonTestSupport
import XCTest

@testable import IonAnalysis

/// The first peak and minimum of analytic g(r) curves with noise, and shoulders that are not
/// the end of the first shell.
final class RDFExtremaTests: XCTestCase {
    /// g(r) = 0 inside a core, a Gaussian first peak at 3 Å, a dip at `minimum`, a second
    /// shell, plus optional bumps and noise.
    func curve(minimum: Double, bump: (at: Double, height: Double)?, noise: Double, seed: UInt64) -> (
        r: [Double], g: [Double]
    ) {
        var random = SeededRandom(seed: seed)
        let r = (0..<240).map { (Double($0) + 0.5) * 0.05 }
        let g = r.map { x -> Double in
            guard x > 2 else { return 0 }
            var value = 1 + 5 * exp(-pow((x - 3) / 0.35, 2))  // first peak
            value -= 0.8 * exp(-pow((x - minimum) / 0.8, 2))  // depletion ending the shell
            value += 0.3 * exp(-pow((x - minimum - 1.6) / 0.7, 2))  // second shell
            if let bump { value += bump.height * exp(-pow((x - bump.at) / 0.25, 2)) }
            return max(0, value + noise * random.normal())
        }
        return (r, g)
    }

    func testPeakAndMinimumOfASmoothCurve() throws {
        let (r, g) = curve(minimum: 6.3, bump: nil, noise: 0, seed: 1)
        let found = RDFExtrema.find(r: r, g: g)
        XCTAssertEqual(try XCTUnwrap(found.peak), 3, accuracy: 0.05)
        XCTAssertEqual(try XCTUnwrap(found.minimum), 6.1, accuracy: 0.3)
    }

    /// A small bump inside the depletion (a shoulder, like the Li–TFSI centre-of-mass g(r) near
    /// 5.4 Å) must not end the first shell early, with or without noise.
    func testAShoulderDoesNotEndTheFirstShell() throws {
        let clean = curve(minimum: 6.3, bump: nil, noise: 0, seed: 1)
        let reference = try XCTUnwrap(RDFExtrema.find(r: clean.r, g: clean.g).minimum)
        for seed in 1...20 {
            let (r, g) = curve(minimum: 6.3, bump: (5.2, 0.12), noise: 0.02, seed: UInt64(seed))
            let found = try XCTUnwrap(RDFExtrema.find(r: r, g: g).minimum, "seed \(seed)")
            XCTAssertEqual(found, reference, accuracy: 0.35, "seed \(seed): the shoulder at 5.2 Å ended the shell")
        }
    }

    /// A real second maximum (rise ≥ 10 % of the first peak's height above 1) does end it.
    func testARealSecondShellEndsTheFirst() throws {
        let (r, g) = curve(minimum: 6.3, bump: (5.4, 1.5), noise: 0, seed: 1)
        let found = try XCTUnwrap(RDFExtrema.find(r: r, g: g).minimum)
        XCTAssertLessThan(found, 5.3)
    }
}
