import Foundation
import IonAnalysis
import IonCore
import IonTestSupport
import XCTest

/// VACF and Green–Kubo D against Ornstein–Uhlenbeck velocities: Z(t) = 3 s² e^{−t/τ}, D = s² τ.
final class VACFTests: XCTestCase {
    func testOrnsteinUhlenbeckVelocitiesGiveTheExactVACFAndDiffusion() throws {
        var random = SeededRandom(seed: 21)
        let (particles, frameCount, dt, tau, s) = (64, 4000, 0.05, 0.5, 1.2)
        let velocities = GreenKuboSystems.ornsteinUhlenbeck(
            particles: particles, frames: frameCount, dt: dt, tau: tau, s: s, random: &random)
        let frames = GreenKuboSystems.frames(velocities, dt: dt, edge: 20, random: &random)
        let topology = GreenKuboSystems.topology(cations: particles, anions: 0)
        let result = try GreenKuboSystems.run(
            VelocityAutocorrelation(selection: try Selection("all")), topology: topology, frames: frames)
        XCTAssertEqual(result.frameInterval, dt, accuracy: 1e-12)
        XCTAssertEqual(result.times.count, frameCount / 10, "default window: half of one of 5 blocks")
        XCTAssertEqual(result.vacf[0], 3 * s * s, accuracy: 0.03 * 3 * s * s)
        for m in [1, 5, 10, 20, 30] {
            XCTAssertEqual(result.normalizedVACF[m], exp(-Double(m) * dt / tau), accuracy: 0.02, "lag \(m)")
        }
        let d = result.diffusion, exact = s * s * tau
        let error = try XCTUnwrap(d.uncertainty)
        XCTAssert(error > 0.005 * exact && error < 0.1 * exact, "D error \(error)")
        XCTAssertEqual(d.value, exact, accuracy: 3 * error, "D_GK \(d.value) ± \(error), exact \(exact)")
        XCTAssertEqual(d.relaxationTime, tau, accuracy: 0.15 * tau)
        XCTAssertEqual(d.blocks, 5)
        XCTAssertEqual(result.convergence.map(\.frames), [1000, 2000, 3000, 4000])
        XCTAssertEqual(result.convergence.last!.value, d.value, accuracy: 1e-12)
        for point in result.convergence {
            XCTAssertEqual(point.value, exact, accuracy: 0.1 * exact, "first \(point.frames) frames")
        }
        XCTAssertEqual(try XCTUnwrap(result.diffusionSI).value, d.value * 1e-8, accuracy: 1e-20)
        XCTAssertEqual(result.runningDiffusion[1], dt * (result.vacf[0] + result.vacf[1]) / 6, accuracy: 1e-12)
    }

    /// Two atoms per molecule moving with one velocity: the centre-of-mass VACF equals the atoms'.
    func testMolecularCentresAndMissingVelocities() throws {
        var random = SeededRandom(seed: 5)
        let velocities = GreenKuboSystems.ornsteinUhlenbeck(
            particles: 8, frames: 200, dt: 0.1, tau: 0.3, s: 1, random: &random)
        let doubled = velocities.map { $0 + $0 }
        var topology = GreenKuboSystems.topology(cations: 16, anions: 0)
        topology.moleculeIDs = (0..<16).map { $0 % 8 + 1 }
        topology.given.insert(.molecules)
        let frames = GreenKuboSystems.frames(doubled, dt: 0.1, edge: 15, random: &random)
        let atoms = try GreenKuboSystems.run(
            VelocityAutocorrelation(selection: try Selection("all")), topology: topology, frames: frames)
        let molecules = try GreenKuboSystems.run(
            VelocityAutocorrelation(selection: try Selection("all"), byMolecule: true),
            topology: topology, frames: frames)
        XCTAssertEqual(molecules.particleCount, 8)
        for (a, b) in zip(atoms.vacf, molecules.vacf) { XCTAssertEqual(a, b, accuracy: 1e-12) }
        var bare = frames
        bare[3].velocities = nil
        XCTAssertThrowsError(
            try GreenKuboSystems.run(
                VelocityAutocorrelation(selection: try Selection("all"), source: "run.lammpstrj"),
                topology: topology, frames: bare)
        ) { error in
            XCTAssert("\(error)".contains("run.lammpstrj") && "\(error)".contains("frame 3"), "\(error)")
        }
    }
}
