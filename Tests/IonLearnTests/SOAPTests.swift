import Foundation
import IonAnalysis
import IonCore
import IonLearn
import IonTestSupport
import XCTest

/// The SOAP basis against its definition (orthonormal on [0, ∞)) and the power spectrum against
/// rotation invariance; DScribe equality is checked by validation/soap/compare_dscribe.py.
final class SOAPTests: XCTestCase {
    func testTheRadialBasisIsOrthonormal() throws {
        let basis = try SOAPBasis(cutoff: 5, nMax: 6, lMax: 5, sigma: 1)
        for l in [0, 2, 5] {
            for n in 0..<6 {
                for m in n..<6 {
                    var s = 0.0
                    let h = 1e-3
                    for i in 1..<20_000 {
                        let r = Double(i) * h
                        s +=
                            basis.radialFunction(n: n, l: l, at: r) * basis.radialFunction(n: m, l: l, at: r) * r * r
                            * h
                    }
                    XCTAssertEqual(s, n == m ? 1 : 0, accuracy: 1e-6, "l \(l) n \(n) n' \(m)")
                }
            }
        }
        XCTAssertThrowsError(try SOAPBasis(cutoff: 0.9, nMax: 4, lMax: 2, sigma: 1))
    }

    func spectrum(_ positions: [Vec3], box: Box, convention: SOAPConvention) throws -> [Double] {
        var topology = Topology(atomCount: positions.count)
        topology.types = positions.indices.map { $0 % 3 == 0 ? "B" : "A" }
        topology.given = [.types]
        let soap = try SOAPPowerSpectrum(
            selection: Selection("index 0-3"),
            species: [.init(name: "A", selection: "type A"), .init(name: "B", selection: "type B")],
            basis: SOAPBasis(cutoff: 3.5, nMax: 4, lMax: 4, sigma: 0.6), convention: convention)
        let result = try AnalysisPass.run(
            DescriptorCollection(soap), topology: topology, frames: [Frame(positions: positions, box: box)])
        return result.features
    }

    /// Rotating the whole periodic system (cell and atoms) leaves every feature unchanged.
    func testFeaturesAreRotationInvariant() throws {
        var random = SeededRandom(seed: 5)
        let side = 6.0
        let positions = (0..<60).map { _ in random.vector(in: 0..<side) }
        let box = Box(lx: side, ly: side, lz: side)!
        let (c, s) = (cos(0.7), sin(0.7))
        func rotate(_ v: Vec3) -> Vec3 { Vec3(c * v.x - s * v.y, s * v.x + c * v.y, v.z) }
        let rotatedBox = Box(a: rotate(box.a), b: rotate(box.b), c: rotate(box.c))!
        for convention in SOAPConvention.allCases {
            let one = try spectrum(positions, box: box, convention: convention)
            let two = try spectrum(positions.map(rotate), box: rotatedBox, convention: convention)
            let scale = one.map(abs).max()!
            for k in one.indices { XCTAssertEqual(one[k], two[k], accuracy: 1e-10 * scale, "feature \(k)") }
        }
    }
}
