import Foundation
import IonAnalysis
import IonCore
import IonIO
import XCTest

/// The seed-002 primitive-model trajectory made by LAMMPS (Tests/Fixtures/primitive-model): the
/// Einstein and Green–Kubo routes to D and κ must agree within their uncertainties.
final class TransportFixtureTests: XCTestCase {
    static let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fixtures/primitive-model")

    func trajectory() throws -> Trajectory {
        try Trajectory(
            TrajectoryInput(
                trajectoryPaths: [Self.directory.appendingPathComponent("ions.lammpstrj.gz").path],
                timestep: 0.005))
    }

    func testEinsteinAndGreenKuboDiffusionAgree() throws {
        let trajectory = try trajectory()
        XCTAssertEqual(trajectory.units, .lj)
        for (name, text) in [("cation", "type 1"), ("anion", "type 2")] {
            let selection = try Selection(text)
            let vacf = AnalysisTask("vacf", VelocityAutocorrelation(selection: selection))
            try AnalysisPass.run(trajectory, [vacf])
            let greenKubo = try XCTUnwrap(vacf.result).diffusion
            XCTAssertEqual(greenKubo.unit.symbol, "σ²/τ")
            XCTAssertNil(vacf.result?.diffusionSI, "no SI for reduced units")
            let series = try MeanSquaredDisplacement.collect(
                trajectory, selection: selection, byMolecule: false, drift: .keep)
            let msd = MeanSquaredDisplacement.compute(series, selection: text, particles: "atoms", drift: "none")
            var options = SelfDiffusionOptions()
            options.reducedUnits = true
            let einstein = try XCTUnwrap(SelfDiffusion.estimate(series, msd: msd, options: options)).coefficient
            let gkError = try XCTUnwrap(greenKubo.uncertainty)
            let combined = (gkError * gkError + einstein.uncertainty * einstein.uncertainty).squareRoot()
            XCTAssert(greenKubo.value > 0.04 && greenKubo.value < 0.1, "\(name) D_GK \(greenKubo.value) σ²/τ")
            XCTAssertEqual(
                greenKubo.value, einstein.value, accuracy: 2 * combined,
                "\(name): D_GK \(greenKubo.value) ± \(gkError), D_Einstein \(einstein.value) ± \(einstein.uncertainty) σ²/τ"
            )
        }
    }

    func testEinsteinAndGreenKuboConductivityAgree() throws {
        let species = [
            try OnsagerSpecies(parsing: "cation=type 1", byMolecule: false),
            try OnsagerSpecies(parsing: "anion=type 2", byMolecule: false),
        ]
        let einstein = try OnsagerAnalysis.compute(
            [try trajectory()], species: species, options: OnsagerOptions(temperature: 1))
        XCTAssertEqual(einstein.units, .reduced)
        XCTAssertEqual(einstein.units.conductivity.symbol, "q²/(σ·τ·ε)")
        let kappaEinstein = einstein.conductivity.value
        // NumPy + tidynamics on the same file, same window (3–6 τ): slope of ⟨(Σ q Δr)²⟩/(6 V T*).
        XCTAssertEqual(kappaEinstein, 0.0035851995115795, accuracy: 1e-12, "reduced Einstein κ")
        let einsteinError = try XCTUnwrap(einstein.conductivity.uncertainty)
        let task = AnalysisTask("gk", GreenKuboConductivity(species: species, temperature: 1))
        try AnalysisPass.run(try trajectory(), [task])
        let greenKubo = try XCTUnwrap(task.result)
        XCTAssertEqual(greenKubo.conductivity.unit.symbol, "q²/(σ·τ·ε)")
        XCTAssertEqual(greenKubo.volume, pow(10.7721734501594, 3), accuracy: 1e-6)
        let kappa = greenKubo.conductivity, gkError = try XCTUnwrap(kappa.uncertainty)
        let combined = (gkError * gkError + einsteinError * einsteinError).squareRoot()
        XCTAssert(
            kappa.value > 0 && kappa.value < greenKubo.nernstEinstein.value,
            "κ_GK \(kappa.value), σ(NE) \(greenKubo.nernstEinstein.value)")
        XCTAssertEqual(
            kappa.value, kappaEinstein, accuracy: 2 * combined,
            "κ_GK \(kappa.value) ± \(gkError), κ_Einstein \(kappaEinstein) ± \(einsteinError) (reduced)")
    }
}

/// Frames too far apart for a Green–Kubo integral are flagged, never "converged" (the same
/// fixture read every 1, 2 and 4 frames: 0.05, 0.1 and 0.2 τ apart).
extension TransportFixtureTests {
    func strided(_ stride: Int) throws -> Trajectory {
        try Trajectory(
            TrajectoryInput(
                trajectoryPaths: [Self.directory.appendingPathComponent("ions.lammpstrj.gz").path],
                timestep: 0.005, range: FrameRange(stride: stride)))
    }

    func testUnderResolvedGreenKuboIsFlagged() throws {
        var seen: [Int: (decay: Double, converged: Bool, warned: Bool)] = [:]
        for stride in [1, 2, 4] {
            let vacf = try AnalysisPass.run(
                try strided(stride), VelocityAutocorrelation(selection: try Selection("type 1")))
            let d = vacf.diffusion
            seen[stride] = (
                try XCTUnwrap(d.firstLagDecay), d.converged, vacf.warnings.contains { $0.contains("too far apart") }
            )
        }
        XCTAssertGreaterThan(seen[1]!.decay, 0.5)
        XCTAssertTrue(seen[1]!.converged && !seen[1]!.warned, "0.05 τ resolves the VACF")
        XCTAssertFalse(seen[2]!.warned, "0.1 τ is coarse but integrable")
        XCTAssertLessThan(seen[4]!.decay, 0.2)
        XCTAssertFalse(seen[4]!.converged, "0.2 τ apart: never called converged")
        XCTAssertTrue(seen[4]!.warned, "0.2 τ apart: said")
        // The charge-current ACF of the conductivity passes the same check.
        let species = [
            OnsagerSpecies(name: "cation", selection: try Selection("type 1"), byMolecule: false),
            OnsagerSpecies(name: "anion", selection: try Selection("type 2"), byMolecule: false),
        ]
        let coarse = try AnalysisPass.run(try strided(4), GreenKuboConductivity(species: species, temperature: 1))
        XCTAssertFalse(coarse.conductivity.converged)
        XCTAssertTrue(
            coarse.warnings.contains { $0.contains("charge-current autocorrelation") && $0.contains("too far apart") },
            "\(coarse.warnings)")
        let fine = try AnalysisPass.run(try strided(1), GreenKuboConductivity(species: species, temperature: 1))
        XCTAssertFalse(fine.warnings.contains { $0.contains("too far apart") }, "\(fine.warnings)")
    }
}
