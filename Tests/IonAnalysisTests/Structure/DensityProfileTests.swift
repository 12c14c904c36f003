import Foundation
import IonAnalysis
import IonCore
import XCTest

/// Density profiles on systems with known answers: a lattice (flat densities), and a periodic
/// capacitor of two charged planes (Gauss's law).
final class DensityProfileTests: XCTestCase {
    /// `n × n` atoms on each of the planes z = `planes` (Å) in a cubic cell of side `side`, with the
    /// given charge per plane and mass 2 g/mol.
    func system(side: Double, n: Int, planes: [(z: Double, charge: Double)], frames: Int = 3) -> (Topology, [Frame]) {
        var positions: [Vec3] = [], charges: [Double] = []
        for plane in planes {
            for i in 0..<n {
                for j in 0..<n {
                    positions.append(
                        Vec3((Double(i) + 0.5) * side / Double(n), (Double(j) + 0.5) * side / Double(n), plane.z))
                    charges.append(plane.charge)
                }
            }
        }
        var topology = Topology(atomCount: positions.count)
        topology.types = Array(repeating: "1", count: positions.count)
        topology.masses = Array(repeating: 2, count: positions.count)
        topology.charges = charges
        topology.given = [.types, .masses, .charges]
        let box = Box(lx: side, ly: side, lz: side)!
        return (topology, (0..<frames).map { Frame(positions: positions, box: box, step: $0, time: Double($0)) })
    }

    func testALatticeGivesFlatDensities() throws {
        let side = 20.0, bins = 10, n = 4
        let planes = (0..<bins).map { (z: (Double($0) + 0.5) * side / Double(bins), charge: 0.0) }
        let (topology, frames) = system(side: side, n: n, planes: planes)
        let result = try AnalysisPass.run(
            try DensityProfile(selection: Selection("all"), axis: 2, bins: bins),
            topology: topology, frames: frames)
        let expected = Double(n * n * bins) / (side * side * side)
        for value in result.numberDensity { XCTAssertEqual(value, expected, accuracy: 1e-12 * expected) }
        let grams = expected * 2 / (6.022_140_76e23 * 1e-24)
        for value in result.massDensity { XCTAssertEqual(value, grams, accuracy: 1e-12 * grams) }
        XCTAssertEqual(result.potentialDrop, 0, accuracy: 1e-15)
        XCTAssertEqual(result.z.first!, 1, accuracy: 1e-12); XCTAssertEqual(result.width, side)
    }

    /// +σ on the plane z = L/4 and −σ on z = 3L/4: with zero mean field over the cell the field
    /// between the plates is σ/(2ε₀), and the potential drop between the plates' bin centres is
    /// σ/(2ε₀)·(d − Δz/2) for charge spread over one bin of width Δz.
    func testAPeriodicCapacitorObeysGaussLaw() throws {
        let side = 40.0, bins = 20, n = 3
        let (topology, frames) = system(side: side, n: n, planes: [(side / 4 + 1, 1), (3 * side / 4 + 1, -1)])
        let result = try AnalysisPass.run(
            try DensityProfile(selection: Selection("all"), axis: 2, bins: bins),
            topology: topology, frames: frames)
        let epsilon0 = 8.854_187_8128e-12, e = 1.602_176_634e-19
        let sigma = Double(n * n) * e / (side * side * 1e-20)  // C/m²
        let field = sigma / (2 * epsilon0)  // V/m
        let dz = side / Double(bins), d = side / 2
        XCTAssertEqual(result.potentialDrop, field * (d - dz / 2) * 1e-10, accuracy: 1e-9 * field * d * 1e-10)
        // Halfway between the plates (edge at z = L/2 + 1 Å lies inside the gap).
        let k = result.edges.firstIndex { $0 >= side / 2 }!
        XCTAssertEqual(result.field[k], field * 1e-9, accuracy: 1e-9 * field * 1e-9, "V/nm")
        XCTAssertEqual(result.chargeDensity.reduce(0, +), 0, accuracy: 1e-15)
        // Three frames are too few for an error bar, and the warning says so.
        XCTAssertEqual(result.warnings.count, 1, "\(result.warnings)")
        XCTAssertNil(result.numberDensityError)
        XCTAssertTrue(result.warnings[0].contains("3 frames cannot give standard errors"), "\(result.warnings)")
        // Only the positive plane: a net charge, flagged.
        let positive = try AnalysisPass.run(
            try DensityProfile(selection: Selection("charge > 0"), axis: 2, bins: bins),
            topology: topology, frames: frames)
        XCTAssertTrue(positive.warnings.contains { $0.contains("net charge") }, "\(positive.warnings)")
    }

    func testBadSettingsAreRefused() {
        XCTAssertThrowsError(try DensityProfile(selection: try! Selection("all"), axis: 3))
        XCTAssertThrowsError(try DensityProfile(selection: try! Selection("all"), axis: 0, bins: 1))
    }
}
