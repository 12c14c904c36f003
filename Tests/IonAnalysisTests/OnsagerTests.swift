import Foundation
import IonAnalysis
import IonCore
import IonIO
import IonTestSupport
import XCTest

/// Onsager coefficients, conductivity and transference numbers: hand-calculated units, an ideal
/// electrolyte (κ = σ(NE)), bound neutral pairs (κ → 0), and the whole pipeline from a dump.
final class OnsagerTests: XCTestCase {
    /// Brownian paths, frame-major, D in Å²/ps, dt in ps.
    func brownian(_ count: Int, frames: Int, d: Double, dt: Double, random: inout SeededRandom) -> [Vec3] {
        let sigma = (2 * d * dt).squareRoot()
        var current = (0..<count).map { _ in random.vector(in: 0..<30) }
        var out: [Vec3] = []
        out.reserveCapacity(count * frames)
        for t in 0..<frames {
            if t > 0 {
                for i in 0..<count { current[i] += sigma * Vec3(random.normal(), random.normal(), random.normal()) }
            }
            out.append(contentsOf: current)
        }
        return out
    }

    func testUnitConversionsMatchAHandCalculation() throws {
        // slope 6 Å²/ps, T = 300 K, V = 1000 Å³: κ = e² · 6e-8 m²/s / (6 k_B T · 1e-27 m³) for z = 1.
        let l = TransportUnits.particleCoefficient(slope: 6, temperature: 300, volume: 1000)
        let e = 1.602176634e-19
        XCTAssertEqual(e * e * l, 61.97495927725703, accuracy: 1e-10)
        let molar = TransportUnits.molarCoefficient(particleCoefficient: l)
        XCTAssertEqual(TransportUnits.faraday * TransportUnits.faraday * molar, 61.97495927725703, accuracy: 1e-10)
        // L_self = D c / (RT) with D = 1e-8 m²/s, c = 1 particle in 1e-27 m³.
        let c = 1 / (6.02214076e23 * 1e-27)
        XCTAssertEqual(molar, 1e-8 * c / (8.314462618 * 300), accuracy: 1e-9 * molar)
    }

    /// One cation moving ballistically at 1 Å/ps beside an anion at rest: the least-squares slope
    /// of t² over [2, 4] ps is 6 Å²/ps exactly, so κ = σ(NE) = 61.975 S/m (see above).
    func testTinyBallisticSystemGivesTheHandCalculatedConductivity() throws {
        let frames = 11
        let cation = (0..<frames).map { Vec3(Double($0), 0, 0) }
        let anion = [Vec3](repeating: Vec3(5, 5, 5), count: frames)
        let series = OnsagerSeries(
            species: [
                .init(name: "A", charge: 1, particleCount: 1, positions: cation),
                .init(name: "B", charge: -1, particleCount: 1, positions: anion),
            ],
            frames: frames, frameInterval: 1, volume: 1000)
        let result = try OnsagerAnalysis.compute(
            [series], options: OnsagerOptions(temperature: 300, fitStart: 2, fitEnd: 4))
        XCTAssertEqual(result.conductivity.value, 61.97495927725703, accuracy: 1e-8)
        XCTAssertEqual(result.nernstEinsteinConductivity.value, 61.97495927725703, accuracy: 1e-8)
        XCTAssertEqual(result.ionicity.value, 1, accuracy: 1e-12)
        XCTAssertEqual(result.diffusionCoefficients[0].value, 1e-8, accuracy: 1e-20)
        XCTAssertEqual(result.diffusionCoefficients[1].value, 0, accuracy: 1e-20)
        XCTAssertEqual(result.saltConcentration, 1 / (6.02214076e23 * 1e-27) / 1000, accuracy: 1e-9)  // mol/L
        XCTAssertEqual(
            result.molarConductivity.value, 61.97495927725703 / (1 / (6.02214076e23 * 1e-27)), accuracy: 1e-12)
        XCTAssertEqual(result.cationTransferenceNernstEinstein.value, 1, accuracy: 1e-12)
        XCTAssertEqual(result.cationTransferenceOnsager.value, 1, accuracy: 1e-12)
        XCTAssertNil(result.conductivity.uncertainty, "11 frames cannot be split into blocks for this window")
        XCTAssertFalse(result.warnings.isEmpty)
    }

    func testIdealElectrolyteHasConductivityEqualToNernstEinstein() throws {
        var random = SeededRandom(seed: 7)
        let (n, frames, dt, dPlus, dMinus) = (100, 4000, 1.0, 0.5, 0.2)
        let series = OnsagerSeries(
            species: [
                .init(
                    name: "cation", charge: 1, particleCount: n,
                    positions: brownian(n, frames: frames, d: dPlus, dt: dt, random: &random)),
                .init(
                    name: "anion", charge: -1, particleCount: n,
                    positions: brownian(n, frames: frames, d: dMinus, dt: dt, random: &random)),
            ],
            frames: frames, frameInterval: dt, volume: 27000)
        let result = try OnsagerAnalysis.compute(
            [series], options: OnsagerOptions(temperature: 300, fitStart: 5, fitEnd: 20))
        XCTAssertEqual(result.diffusionCoefficients[0].value, dPlus * 1e-8, accuracy: 0.05 * dPlus * 1e-8)
        XCTAssertEqual(result.diffusionCoefficients[1].value, dMinus * 1e-8, accuracy: 0.05 * dMinus * 1e-8)
        let kappa = result.conductivity, sigma = result.nernstEinsteinConductivity
        let error = try XCTUnwrap(kappa.uncertainty)
        XCTAssert(error > 0 && error < 0.3 * sigma.value, "κ uncertainty \(error) vs σ(NE) \(sigma.value)")
        XCTAssertEqual(
            kappa.value, sigma.value, accuracy: 3 * error, "κ \(kappa.value) ± \(error), σ(NE) \(sigma.value)")
        // Distinct parts vanish within their uncertainties.
        for i in 0..<2 {
            for j in 0..<2 {
                let distinct = result.distinctCoefficients[i][j]
                XCTAssertEqual(distinct.value, 0, accuracy: 3 * (distinct.uncertainty ?? 0), "distinct L\(i)\(j)")
            }
        }
        let expected = dPlus / (dPlus + dMinus)
        XCTAssertEqual(try XCTUnwrap(result.binaryTransferenceFromDiffusion).value, expected, accuracy: 0.03)
        XCTAssertEqual(result.transferenceNernstEinstein[0].value, expected, accuracy: 0.03)
        let onsager = result.cationTransferenceOnsager
        XCTAssertEqual(onsager.value, expected, accuracy: 3 * (onsager.uncertainty ?? 0) + 0.02)
        XCTAssertEqual(result.transferenceOnsager[0].value + result.transferenceOnsager[1].value, 1, accuracy: 1e-9)
        // κ = F² Σ z_i z_j L^ij.
        let c = result.coefficients
        let f2 = TransportUnits.faraday * TransportUnits.faraday
        XCTAssertEqual(
            kappa.value, f2 * (c[0][0].value + c[1][1].value - 2 * c[0][1].value), accuracy: 1e-9 * sigma.value)
        // Convergence view: ¼, ½, ¾ and all of the frames; the last point is the result, and each
        // part agrees with σ(NE) within 4 of its own σ (an ideal electrolyte at every length).
        XCTAssertEqual(result.convergence.map(\.frames), [1000, 2000, 3000, 4000])
        XCTAssertEqual(result.convergence.last?.value, kappa.value)
        for point in result.convergence {
            XCTAssertEqual(
                point.value, sigma.value, accuracy: 4 * (point.fitError ?? .infinity), "κ from \(point.frames) frames")
        }
        let direct = try OnsagerAnalysis.compute(
            [series.prefix(frames: 2000)], options: OnsagerOptions(temperature: 300, fitStart: 5, fitEnd: 20))
        XCTAssertEqual(
            result.convergence[1].value, direct.conductivity.value, accuracy: 1e-12 * abs(direct.conductivity.value))
    }

    func testPermanentlyBoundNeutralPairsDoNotConduct() throws {
        var random = SeededRandom(seed: 8)
        let (n, frames, dt) = (100, 4000, 1.0)
        let centres = brownian(n, frames: frames, d: 0.3, dt: dt, random: &random)
        // Each anion sits at a bounded, fluctuating offset from its cation.
        let anions = centres.map { $0 + Vec3(2, 0, 0) + random.vector(in: -0.5..<0.5) }
        let series = OnsagerSeries(
            species: [
                .init(name: "cation", charge: 1, particleCount: n, positions: centres),
                .init(name: "anion", charge: -1, particleCount: n, positions: anions),
            ],
            frames: frames, frameInterval: dt, volume: 27000)
        let result = try OnsagerAnalysis.compute(
            [series], options: OnsagerOptions(temperature: 300, fitStart: 5, fitEnd: 20))
        let sigma = result.nernstEinsteinConductivity.value
        XCTAssertGreaterThan(sigma, 0)
        XCTAssertEqual(
            result.conductivity.value, 0, accuracy: 0.02 * sigma, "κ \(result.conductivity.value), σ(NE) \(sigma)")
        XCTAssertLessThan(abs(result.ionicity.value), 0.02)
        // Cation–anion motion is fully correlated: L^+- = L^++ = L^--.
        XCTAssertEqual(
            result.coefficients[0][1].value, result.coefficients[0][0].value,
            accuracy: 0.02 * result.coefficients[0][0].value)
    }

    func testReplicasCombineWithTheirSpread() throws {
        var random = SeededRandom(seed: 9)
        let replicas = (0..<3).map { _ in
            OnsagerSeries(
                species: [
                    .init(
                        name: "cation", charge: 1, particleCount: 50,
                        positions: brownian(50, frames: 1000, d: 0.4, dt: 1, random: &random)),
                    .init(
                        name: "anion", charge: -1, particleCount: 50,
                        positions: brownian(50, frames: 1000, d: 0.4, dt: 1, random: &random)),
                ],
                frames: 1000, frameInterval: 1, volume: 20000)
        }
        let result = try OnsagerAnalysis.compute(
            replicas, options: OnsagerOptions(temperature: 300, fitStart: 5, fitEnd: 20))
        XCTAssertEqual(result.replicas, 3)
        XCTAssert(result.uncertaintyMethod.contains("3 replicas"), result.uncertaintyMethod)
        let each = try replicas.map {
            try OnsagerAnalysis.compute([$0], options: OnsagerOptions(temperature: 300, fitStart: 5, fitEnd: 20))
        }
        let values = each.map(\.conductivity.value)
        XCTAssertEqual(
            result.conductivity.value, values.reduce(0, +) / 3, accuracy: 1e-9 * abs(result.conductivity.value))
        let mean = values.reduce(0, +) / 3
        let expected = (values.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / 2 / 3).squareRoot()
        XCTAssertEqual(try XCTUnwrap(result.conductivity.uncertainty), expected, accuracy: 1e-9 * expected)
    }

    /// The whole pipeline from a wrapped dump: single-atom cations and two-atom molecular anions
    /// (net charge from the atoms' charges), all drifting together; the drift is removed with
    /// the system's centre of mass.
    func testDumpWithMolecularAnionsAndDrift() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("ionscope-onsager-\(UUID())")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        var random = SeededRandom(seed: 10)
        let box = Box(lx: 20, ly: 20, lz: 20)!
        let (n, frames, dt, dPlus, dMinus) = (60, 400, 0.5, 0.08, 0.03)
        let drift = Vec3(0.3, -0.2, 0.1)  // Å/ps, shared by every atom
        var cations = (0..<n).map { _ in random.vector(in: 0..<20) }
        var anions = (0..<n).map { _ in random.vector(in: 0..<20) }
        var text = ""
        for frame in 0..<frames {
            if frame > 0 {
                for i in 0..<n {
                    cations[i] +=
                        (2 * dPlus * dt).squareRoot() * Vec3(random.normal(), random.normal(), random.normal()) + dt
                        * drift
                    anions[i] +=
                        (2 * dMinus * dt).squareRoot() * Vec3(random.normal(), random.normal(), random.normal()) + dt
                        * drift
                }
            }
            text +=
                "ITEM: TIMESTEP\n\(frame * 500)\nITEM: NUMBER OF ATOMS\n\(3 * n)\nITEM: BOX BOUNDS pp pp pp\n0 20\n0 20\n0 20\n"
            text += "ITEM: ATOMS id mol type q x y z\n"
            for i in 0..<n {
                let c = box.wrap(cations[i]), a = box.wrap(anions[i] - Vec3(0.5, 0, 0)),
                    b = box.wrap(anions[i] + Vec3(0.5, 0, 0))
                text += "\(3 * i + 1) \(2 * i + 1) 1 1.0 \(c.x) \(c.y) \(c.z)\n"
                text += "\(3 * i + 2) \(2 * i + 2) 2 -0.5 \(a.x) \(a.y) \(a.z)\n"
                text += "\(3 * i + 3) \(2 * i + 2) 3 -0.5 \(b.x) \(b.y) \(b.z)\n"
            }
        }
        let path = directory.appendingPathComponent("ions.lammpstrj").path
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        let trajectory = try Trajectory(TrajectoryInput(trajectoryPaths: [path], units: .metal, timestep: 0.001))
        let species = [try OnsagerSpecies(parsing: "Na = type 1"), try OnsagerSpecies(parsing: "X=type 2 3")]
        let result = try OnsagerAnalysis.compute(
            [trajectory], species: species, options: OnsagerOptions(temperature: 350))
        XCTAssertEqual(result.species.map(\.name), ["Na", "X"])
        XCTAssertEqual(result.species.map(\.count), [n, n])
        XCTAssertEqual(result.species[1].charge, -1, accuracy: 1e-12)
        XCTAssertEqual(result.species[1].particles, "molecules")
        XCTAssertEqual(result.volume, 8000, accuracy: 1e-9)
        XCTAssertEqual(result.fitWindow, [10, 20])
        XCTAssertEqual(result.diffusionCoefficients[0].value, dPlus * 1e-8, accuracy: 0.15 * dPlus * 1e-8)
        XCTAssertEqual(result.diffusionCoefficients[1].value, dMinus * 1e-8, accuracy: 0.15 * dMinus * 1e-8)
        // Without drift removal L^++ would grow as N²v²t²; with it the distinct parts stay near 0.
        for i in 0..<2 {
            let distinct = result.distinctCoefficients[i][i]
            XCTAssertLessThan(
                abs(distinct.value), 4 * (distinct.uncertainty ?? 0) + 0.5 * result.selfCoefficients[i].value,
                "distinct L\(i)\(i)")
        }
        XCTAssert(result.conductivity.value.isFinite && result.nernstEinsteinConductivity.value > 0)
        XCTAssertNoThrow(try JSONEncoder().encode(result))
    }

    func testSpeciesWithMixedChargesOrSharedAtomsAreRejected() throws {
        var topology = Topology(atomCount: 3)
        topology.types = ["1", "1", "2"]
        topology.charges = [1, 0.5, -1]
        topology.given = [.types, .charges]
        XCTAssertThrowsError(
            try OnsagerSeries.checkSpecies(
                [try OnsagerSpecies(parsing: "A=type 1", byMolecule: false)], topology: topology))
        XCTAssertThrowsError(
            try OnsagerSeries.checkSpecies(
                [
                    try OnsagerSpecies(parsing: "A=type 1", byMolecule: false),
                    try OnsagerSpecies(parsing: "B=index 1 2", byMolecule: false),
                ], topology: topology))
        XCTAssertThrowsError(try OnsagerSpecies(parsing: "type 1"))
    }

    /// Two cation species (one divalent) and one anion, uncorrelated: charge-weighted
    /// Nernst–Einstein transference numbers, Onsager ones summing to 1, no binary t₊.
    func testSeveralCationSpeciesGiveChargeWeightedTransferenceNumbers() throws {
        var random = SeededRandom(seed: 13)
        let (frames, dt) = (2000, 1.0)
        let table: [(name: String, z: Double, n: Int, d: Double)] = [
            ("A", 1, 60, 0.5), ("B", 2, 30, 0.1), ("C", -1, 120, 0.3),
        ]
        let series = OnsagerSeries(
            species: table.map {
                .init(
                    name: $0.name, charge: $0.z, particleCount: $0.n,
                    positions: brownian($0.n, frames: frames, d: $0.d, dt: dt, random: &random))
            },
            frames: frames, frameInterval: dt, volume: 40000)
        let result = try OnsagerAnalysis.compute(
            [series], options: OnsagerOptions(temperature: 400, fitStart: 2, fitEnd: 10))
        let weights = table.map { Double($0.n) * $0.z * $0.z * $0.d }
        for (k, weight) in weights.enumerated() {
            XCTAssertEqual(
                result.transferenceNernstEinstein[k].value, weight / weights.reduce(0, +), accuracy: 0.03, table[k].name
            )
        }
        XCTAssertEqual(
            result.cationTransferenceNernstEinstein.value, (weights[0] + weights[1]) / weights.reduce(0, +),
            accuracy: 0.03)
        XCTAssertEqual(result.transferenceOnsager.reduce(0) { $0 + $1.value }, 1, accuracy: 1e-9)
        XCTAssertNil(result.binaryTransferenceFromDiffusion)
        let kappa = result.conductivity, error = try XCTUnwrap(kappa.uncertainty)
        XCTAssertEqual(kappa.value, result.nernstEinsteinConductivity.value, accuracy: 3 * error)
        // The result survives a JSON round trip with its units.
        let decoded = try JSONDecoder().decode(OnsagerResult.self, from: try JSONEncoder().encode(result))
        XCTAssertEqual(decoded.conductivity, result.conductivity)
        XCTAssertEqual(decoded.units, .si, "the units survive JSON with their SI factors")
        XCTAssertEqual(decoded.units.conductivity.symbol, "S/m")
    }
}
