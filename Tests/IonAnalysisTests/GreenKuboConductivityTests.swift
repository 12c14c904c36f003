import Foundation
import IonAnalysis
import IonCore
import IonTestSupport
import XCTest

/// Green–Kubo conductivity: an ideal electrolyte of independent Ornstein–Uhlenbeck ions
/// (κ = σ(NE) = e²/(V k_B T) Σ N_i D_i with D = s²τ) and bound neutral pairs (κ = 0, σ(NE) > 0).
final class GreenKuboConductivityTests: XCTestCase {
    let (n, frameCount, dt, edge, temperature) = (16, 4000, 0.05, 20.0, 300.0)

    /// e²/(V k_B T) Σ N D in S/m, for D in Å²/ps and the cell of edge `edge` Å.
    func nernstEinstein(_ diffusion: [Double]) -> Double {
        let e = TransportUnits.elementaryCharge
        return e * e * diffusion.reduce(0) { $0 + Double(n) * $1 } * 1e-8
            / (TransportUnits.boltzmann * temperature * pow(edge, 3) * 1e-30)
    }

    var species: [OnsagerSpecies] {
        get throws { [try OnsagerSpecies(parsing: "cation=type 1"), try OnsagerSpecies(parsing: "anion=type 2")] }
    }

    func testIdealElectrolyteConductivityEqualsNernstEinstein() throws {
        var random = SeededRandom(seed: 31)
        let plus = GreenKuboSystems.ornsteinUhlenbeck(
            particles: n, frames: frameCount, dt: dt, tau: 0.5, s: 1.2, random: &random)
        let minus = GreenKuboSystems.ornsteinUhlenbeck(
            particles: n, frames: frameCount, dt: dt, tau: 0.3, s: 0.8, random: &random)
        let frames = GreenKuboSystems.frames(zip(plus, minus).map { $0 + $1 }, dt: dt, edge: edge, random: &random)
        let analysis = GreenKuboConductivity(species: try species, temperature: temperature, window: 3)
        let result = try GreenKuboSystems.run(
            analysis, topology: GreenKuboSystems.topology(cations: n, anions: n), frames: frames)
        let exact = nernstEinstein([1.44 * 0.5, 0.64 * 0.3])
        let kappa = result.conductivity, error = try XCTUnwrap(kappa.uncertainty)
        XCTAssert(error > 0 && error < 0.25 * exact, "κ error \(error) vs σ(NE) \(exact)")
        XCTAssertEqual(kappa.value, exact, accuracy: 3 * error, "κ_GK \(kappa.value) ± \(error) S/m, σ(NE) \(exact)")
        let ne = result.nernstEinstein, neError = try XCTUnwrap(ne.uncertainty)
        XCTAssertEqual(ne.value, exact, accuracy: 3 * neError, "σ(NE)(GK) \(ne.value) ± \(neError)")
        XCTAssert(neError < 0.05 * exact)
        let distinct = result.pairs[0][1]
        XCTAssertEqual(distinct.value, 0, accuracy: 3 * (distinct.uncertainty ?? 0), "κ_+- \(distinct.value)")
        // The pairs add up to the total; the convergence view ends at the whole run.
        let sum = result.pairs.joined().reduce(0) { $0 + $1.integralAtWindowEnd }
        XCTAssertEqual(sum, kappa.integralAtWindowEnd, accuracy: 1e-9 * abs(exact))
        XCTAssertEqual(result.convergence.map(\.frames), [1000, 2000, 3000, 4000])
        XCTAssertEqual(result.convergence.last!.value, kappa.value, accuracy: 1e-9 * exact)
        XCTAssertEqual(result.volume, 8000, accuracy: 1e-9)
    }

    func testBoundNeutralPairsDoNotConduct() throws {
        var random = SeededRandom(seed: 32)
        let shared = GreenKuboSystems.ornsteinUhlenbeck(
            particles: n, frames: 1000, dt: dt, tau: 0.5, s: 1.0, random: &random)
        let frames = GreenKuboSystems.frames(shared.map { $0 + $0 }, dt: dt, edge: edge, random: &random)
        let analysis = GreenKuboConductivity(species: try species, temperature: temperature, window: 3)
        let result = try GreenKuboSystems.run(
            analysis, topology: GreenKuboSystems.topology(cations: n, anions: n), frames: frames)
        XCTAssertEqual(result.conductivity.value, 0, "the charge current vanishes at every frame")
        let exact = nernstEinstein([0.5, 0.5])
        let ne = result.nernstEinstein
        XCTAssertEqual(
            ne.value, exact, accuracy: 3 * (ne.uncertainty ?? .infinity), "σ(NE)(GK) \(ne.value), exact \(exact)")
        // Cation–anion distinct part cancels the self parts: κ_+- = −κ_++.
        XCTAssertEqual(
            result.pairs[0][1].integralAtWindowEnd, -result.pairs[0][0].integralAtWindowEnd, accuracy: 1e-9 * exact)
    }

    func testChargesAreRequired() throws {
        var random = SeededRandom(seed: 1)
        let frames = GreenKuboSystems.frames(
            GreenKuboSystems.ornsteinUhlenbeck(particles: 2, frames: 20, dt: dt, tau: 0.5, s: 1, random: &random),
            dt: dt, edge: edge, random: &random)
        var topology = GreenKuboSystems.topology(cations: 1, anions: 1)
        topology.given.remove(.charges)
        XCTAssertThrowsError(
            try GreenKuboSystems.run(
                GreenKuboConductivity(species: try species, temperature: 300), topology: topology, frames: frames)
        ) {
            XCTAssert("\($0)".contains("charges"), "\($0)")
        }
    }
}
