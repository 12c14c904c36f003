import Foundation
import IonAnalysis
import IonCore
import IonLearn
import IonTestSupport
import XCTest

/// The SOAP basis against its definition (orthonormal on [0, ∞)) and the power spectrum against
/// rotation invariance and DScribe's values on a committed triclinic structure (the whole Kob–Andersen
/// frame is checked by validation/soap/compare_dscribe.py).
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

    struct DScribeReference: Decodable {
        var cell: [[Double]], positions: [[Double]], types: [String], centres: [Int]
        var r_cut: Double, n_max: Int, l_max: Int, sigma: Double
        var soap: [[Double]]
    }

    /// `--convention dscribe` equals DScribe 2.1.2's SOAP(rbf="gto", periodic=True) on a random
    /// triclinic cell of two species (validation/soap/make_fixture.py), to 1e-8 of each centre's
    /// largest value, column order included.
    func testDScribeConventionEqualsDScribe() throws {
        let url = Bundle.module.url(forResource: "Fixtures", withExtension: nil)!
            .appendingPathComponent("dscribe-soap.json")
        let reference = try JSONDecoder().decode(DScribeReference.self, from: Data(contentsOf: url))
        let vectors = reference.cell.map { Vec3($0[0], $0[1], $0[2]) }
        let box = try XCTUnwrap(Box(a: vectors[0], b: vectors[1], c: vectors[2]))
        var topology = Topology(atomCount: reference.positions.count)
        topology.types = reference.types
        topology.given = [.types]
        let soap = try SOAPPowerSpectrum(
            selection: Selection("index " + reference.centres.map(String.init).joined(separator: " ")),
            species: [.init(name: "A", selection: "type A"), .init(name: "B", selection: "type B")],
            basis: SOAPBasis(
                cutoff: reference.r_cut, nMax: reference.n_max, lMax: reference.l_max, sigma: reference.sigma),
            convention: .dscribe)
        let frame = Frame(positions: reference.positions.map { Vec3($0[0], $0[1], $0[2]) }, box: box)
        let result = try AnalysisPass.run(DescriptorCollection(soap), topology: topology, frames: [frame])
        let d = reference.soap[0].count
        XCTAssertEqual(result.features.count, reference.centres.count * d)
        for (c, expected) in reference.soap.enumerated() {
            let scale = expected.map(abs).max()!
            for k in 0..<d {
                XCTAssertEqual(
                    result.features[c * d + k], expected[k], accuracy: 1e-8 * scale, "centre \(c) feature \(k)")
            }
        }
    }

    /// Splitting one frame's centres over threads (ranges of at least 64 centres, each with its
    /// own neighbour search) gives the same bits as one thread, in the same centre order.
    func testCentresSplitOverThreadsGiveTheSameFeatures() throws {
        var random = SeededRandom(seed: 11)
        let side = 7.0
        let positions = (0..<400).map { _ in random.vector(in: 0..<side) }
        var topology = Topology(atomCount: positions.count)
        topology.types = positions.indices.map { $0 % 4 == 0 ? "B" : "A" }
        topology.given = [.types]
        func features(threads: Int) throws -> [Double] {
            var soap = try SOAPPowerSpectrum(
                selection: Selection("all"),
                species: [.init(name: "A", selection: "type A"), .init(name: "B", selection: "type B")],
                basis: SOAPBasis(cutoff: 2.5, nMax: 3, lMax: 3, sigma: 0.5), convention: .ionscope)
            soap.threads = threads
            let frame = Frame(positions: positions, box: Box(lx: side, ly: side, lz: side)!)
            return try AnalysisPass.run(DescriptorCollection(soap), topology: topology, frames: [frame]).features
        }
        let one = try features(threads: 1), three = try features(threads: 3), many = try features(threads: 16)
        XCTAssertEqual(one.count, 400 * 84)  // (2 · 3)(2 · 3 + 1)/2 · 4 features per centre
        XCTAssertEqual(one, three)
        XCTAssertEqual(one, many)
    }
}
