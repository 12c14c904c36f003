import Foundation
import IonAnalysis
import IonCore
import IonLearn
import IonTestSupport
import XCTest

/// Angular structure functions against DScribe's ACSF G⁴ on a committed triclinic structure
/// (validation/soap/make_fixture.py) and against the closed form for a right angle.
final class AngularStructureFunctionsTests: XCTestCase {
    struct Reference: Decodable {
        struct ACSF: Decodable {
            var xi: [Double], zeta: [Double], lambda: [Double], g4: [[Double]]
        }
        var cell: [[Double]], positions: [[Double]], types: [String], centres: [Int]
        var r_cut: Double
        var acsf: ACSF
    }

    let species: [DescriptorSpecies] = [.init(name: "A", selection: "type A"), .init(name: "B", selection: "type B")]

    func features(
        _ asf: AngularStructureFunctions, positions: [Vec3], types: [String], box: Box
    ) throws -> [Double] {
        var topology = Topology(atomCount: positions.count)
        topology.types = types
        topology.given = [.types]
        let result = try AnalysisPass.run(
            DescriptorCollection(asf), topology: topology, frames: [Frame(positions: positions, box: box)])
        return result.features
    }

    /// Equal to DScribe 2.1.2's periodic ACSF G⁴ (η = 1/ξ²) column for column, to 1e-10 of each
    /// centre's largest value; the cutoff exceeds half the cell, so periodic images count.
    func testEqualsDScribeG4() throws {
        let url = Bundle.module.url(forResource: "Fixtures", withExtension: nil)!
            .appendingPathComponent("dscribe-soap.json")
        let reference = try JSONDecoder().decode(Reference.self, from: Data(contentsOf: url))
        let v = reference.cell.map { Vec3($0[0], $0[1], $0[2]) }
        let box = try XCTUnwrap(Box(a: v[0], b: v[1], c: v[2]))
        let w = box.perpendicularWidths
        XCTAssertGreaterThan(reference.r_cut, min(w.x, w.y, w.z) / 2, "the fixture should need periodic images")
        let asf = try AngularStructureFunctions(
            selection: Selection("index " + reference.centres.map(String.init).joined(separator: " ")),
            species: species, cutoff: reference.r_cut, xi: reference.acsf.xi, zeta: reference.acsf.zeta,
            lambda: reference.acsf.lambda)
        let ours = try features(
            asf, positions: reference.positions.map { Vec3($0[0], $0[1], $0[2]) }, types: reference.types, box: box)
        let d = asf.featureCount
        XCTAssertEqual(d, reference.acsf.g4[0].count)
        XCTAssertEqual(asf.columns.count, d)
        for (c, expected) in reference.acsf.g4.enumerated() {
            let scale = expected.map(abs).max()!
            XCTAssertGreaterThan(scale, 0)
            for k in 0..<d {
                XCTAssertEqual(ours[c * d + k], expected[k], accuracy: 1e-10 * scale, "centre \(c) \(asf.columns[k])")
            }
        }
    }

    /// A centre with two neighbours at distance a on perpendicular axes (cos θ = 0, r_jk = a√2):
    /// Ψ = 2^{1−ζ} exp(−4a²/ξ²) f_c(a)² f_c(a√2) for either λ, and nothing for the pairs with no
    /// neighbours.
    func testRightAngleClosedForm() throws {
        let a = 1.1, cutoff = 2.5, xi = 1.3
        let positions = [Vec3(5, 5, 5), Vec3(5 + a, 5, 5), Vec3(5, 5 + a, 5)]
        let asf = try AngularStructureFunctions(
            selection: Selection("index 0"), species: species, cutoff: cutoff, xi: [xi], zeta: [1, 3],
            lambda: [-1, 1])
        let ours = try features(asf, positions: positions, types: ["B", "A", "B"], box: Box(lx: 10, ly: 10, lz: 10)!)
        func fc(_ r: Double) -> Double { 0.5 * (1 + cos(Double.pi * r / cutoff)) }
        let radial = exp(-4 * a * a / (xi * xi)) * fc(a) * fc(a) * fc(a * 2.squareRoot())
        // Pairs AA, AB, BB; the neighbours are one A and one B.
        XCTAssertEqual(ours.count, 3 * 4)
        XCTAssertEqual(Array(ours[0..<4]), [0, 0, 0, 0])
        for (k, zeta) in [1.0, 1, 3, 3].enumerated() {
            XCTAssertEqual(ours[4 + k], pow(2, 1 - zeta) * radial, accuracy: 1e-14)
        }
        XCTAssertEqual(Array(ours[8..<12]), [0, 0, 0, 0])
        XCTAssertThrowsError(
            try AngularStructureFunctions(
                selection: Selection("all"), species: species, cutoff: 2, xi: [1], zeta: [1], lambda: [0.5]))
    }

    /// One frame's centres split over threads give the same bits as one thread, in centre order.
    func testCentresSplitOverThreadsGiveTheSameFeatures() throws {
        var random = SeededRandom(seed: 12)
        let side = 6.0
        let positions = (0..<300).map { _ in random.vector(in: 0..<side) }
        let types = positions.indices.map { $0 % 5 == 0 ? "B" : "A" }
        var asf = try AngularStructureFunctions(
            selection: Selection("all"), species: species, cutoff: 1.8, xi: [1, 2], zeta: [1, 4], lambda: [-1, 1])
        let box = Box(lx: side, ly: side, lz: side)!
        let one = try features(asf, positions: positions, types: types, box: box)
        asf.threads = 4
        let four = try features(asf, positions: positions, types: types, box: box)
        XCTAssertEqual(one.count, 300 * 3 * 8)
        XCTAssertGreaterThan(one.filter { $0 > 0 }.count, one.count / 2)
        XCTAssertEqual(one, four)
    }
}
