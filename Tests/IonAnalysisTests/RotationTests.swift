import Foundation
import IonAnalysis
import IonCore
import IonTestSupport
import XCTest

/// Rotational relaxation against isotropic rotational diffusion: P_l(t) = exp(−l(l+1) D_r t),
/// so τᵣ = 1/(2 D_r) for P₁ and 1/(6 D_r) for P₂, with KWW β = 1.
final class RotationTests: XCTestCase {
    /// Two-atom molecules (type 1 → type 2, 1 Å apart, wrapped into the cell) whose axes diffuse
    /// on the sphere: u ← normalise(u + √(2 D_r h) (I − uuᵀ) ξ) every substep h.
    func rotatingMolecules(
        count: Int, frames: Int, dt: Double, rotationalDiffusion: Double, edge: Double,
        random: inout SeededRandom
    ) -> (Topology, [Frame]) {
        var topology = GreenKuboSystems.topology(cations: count, anions: count)
        topology.moleculeIDs = (0..<(2 * count)).map { $0 % count + 1 }
        topology.given.insert(.molecules)
        let substeps = 10, h = dt / Double(substeps)
        let kick = (2 * rotationalDiffusion * h).squareRoot()
        let centres = (0..<count).map { _ in random.vector(in: 0..<edge) }
        var axes = (0..<count).map { _ in unit(Vec3(random.normal(), random.normal(), random.normal())) }
        let box = Box(lx: edge, ly: edge, lz: edge)!
        var out: [Frame] = []
        for t in 0..<frames {
            if t > 0 {
                for p in 0..<count {
                    for _ in 0..<substeps {
                        let xi = Vec3(random.normal(), random.normal(), random.normal())
                        axes[p] = unit(axes[p] + kick * (xi - xi.dot(axes[p]) * axes[p]))
                    }
                }
            }
            let positions =
                centres.map { GreenKuboSystems.wrap($0, edge) }
                + zip(centres, axes).map { GreenKuboSystems.wrap($0 + $1, edge) }
            var frame = Frame(positions: positions, box: box, step: t, time: Double(t) * dt)
            frame.wrapping = .wrapped
            out.append(frame)
        }
        return (topology, out)
    }

    func unit(_ v: Vec3) -> Vec3 { v / v.length }

    func testIsotropicRotationalDiffusion() throws {
        var random = SeededRandom(seed: 51)
        let dr = 0.5
        let (topology, frames) = rotatingMolecules(
            count: 100, frames: 800, dt: 0.05, rotationalDiffusion: dr, edge: 8, random: &random)
        let result = try GreenKuboSystems.run(
            RotationalRelaxation(tail: try Selection("type 1"), head: try Selection("type 2"), window: 5),
            topology: topology, frames: frames)
        XCTAssertEqual(result.molecules, 100)
        XCTAssertEqual(result.p1[0], 1, accuracy: 1e-12)
        XCTAssertEqual(result.p2[0], 1, accuracy: 1e-12)
        for m in [4, 10, 20] {
            let t = Double(m) * 0.05
            XCTAssertEqual(result.p1[m], exp(-2 * dr * t), accuracy: 0.03, "P1 lag \(m)")
            XCTAssertEqual(result.p2[m], exp(-6 * dr * t), accuracy: 0.03, "P2 lag \(m)")
        }
        let p1 = try XCTUnwrap(result.p1Fit), p2 = try XCTUnwrap(result.p2Fit)
        let (p1Exponential, p1Stretched) = (try XCTUnwrap(p1.exponential), try XCTUnwrap(p1.stretched))
        let (p2Exponential, p2Stretched) = (try XCTUnwrap(p2.exponential), try XCTUnwrap(p2.stretched))
        XCTAssertEqual(p1Exponential.lifetime, 1 / (2 * dr), accuracy: 0.06 / (2 * dr))
        XCTAssertEqual(p1Stretched.lifetime, 1 / (2 * dr), accuracy: 0.06 / (2 * dr))
        XCTAssertEqual(p1Stretched.parameters[1], 1, accuracy: 0.06, "KWW β")
        XCTAssertEqual(p2Exponential.lifetime, 1 / (6 * dr), accuracy: 0.06 / (6 * dr))
        XCTAssertEqual(p2Stretched.lifetime, 1 / (6 * dr), accuracy: 0.06 / (6 * dr))
        XCTAssert(p1Stretched.converged && p2Stretched.converged)
    }

    func testEachMoleculeNeedsOneAtomOfEach() throws {
        var random = SeededRandom(seed: 1)
        let (topology, frames) = rotatingMolecules(
            count: 3, frames: 5, dt: 0.1, rotationalDiffusion: 1, edge: 8, random: &random)
        XCTAssertThrowsError(
            try GreenKuboSystems.run(
                RotationalRelaxation(tail: try Selection("all"), head: try Selection("type 2")),
                topology: topology, frames: frames)
        ) { XCTAssert("\($0)".contains("more than one atom"), "\($0)") }
        XCTAssertThrowsError(
            try GreenKuboSystems.run(
                RotationalRelaxation(tail: try Selection("type 1"), head: try Selection("index 3")),
                topology: topology, frames: frames)
        ) { XCTAssert("\($0)".contains("none of"), "\($0)") }
    }
}
