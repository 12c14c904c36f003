import Foundation
import IonAnalysis
import IonCore
import IonIO
import IonNumerics
import IonTestSupport
import XCTest

/// Einstein self-diffusion, the non-Gaussian parameter and the Yeh–Hummer correction against
/// synthetic trajectories with known answers.
final class DiffusionTests: XCTestCase {
    /// Brownian walks (no cell) of `particles` particles, each with its own D (Å²/ps), frame interval dt (ps).
    static func brownian(_ diffusivities: [Double], frames: Int, dt: Double, seed: UInt64) -> ParticleSeries {
        var random = SeededRandom(seed: seed)
        let p = diffusivities.count
        var positions = [Vec3](repeating: .zero, count: p * frames)
        for t in 1..<frames {
            for i in 0..<p {
                let s = (2 * diffusivities[i] * dt).squareRoot()
                positions[t * p + i] =
                    positions[(t - 1) * p + i] + s * Vec3(random.normal(), random.normal(), random.normal())
            }
        }
        return ParticleSeries(
            positions: positions, particleCount: p, frameCount: frames,
            times: (0..<frames).map { Double($0) * dt }, meanVolume: 27_000, isCubic: true)
    }

    static func estimate(_ series: ParticleSeries, _ options: SelfDiffusionOptions = SelfDiffusionOptions()) -> (
        MSDResult, SelfDiffusionResult
    ) {
        let msd = MeanSquaredDisplacement.compute(series, selection: "all", particles: "atoms", drift: "none removed")
        return (msd, SelfDiffusion.estimate(series, msd: msd, options: options)!)
    }

    func testBrownianDiffusionIsRecoveredWithAnHonestUncertainty() {
        let d = 0.1
        let (msd, result) = Self.estimate(
            Self.brownian(Array(repeating: d, count: 200), frames: 1000, dt: 0.5, seed: 7))
        XCTAssertTrue(result.diffusive, "\(result.window)")
        XCTAssertEqual(result.coefficient.value, d, accuracy: 4 * result.coefficient.uncertainty)
        XCTAssertEqual(result.coefficient.value, d, accuracy: 0.05 * d)
        XCTAssertEqual(result.coefficientSI!, result.coefficient.value * 1e-8, accuracy: 1e-20)
        // σ of D for P walkers over T frames is about D·√(4/(3·P·T/window)): a few per cent here.
        XCTAssertLessThan(result.coefficient.uncertainty, 0.03 * d)
        XCTAssertGreaterThan(result.coefficient.uncertainty, 0.001 * d)
        let blocks = try! XCTUnwrap(result.blockAverage)
        XCTAssertEqual(blocks.value, d, accuracy: max(4 * blocks.uncertainty, 0.05 * d))
        for component in result.components { XCTAssertEqual(component.value, d, accuracy: 0.1 * d) }
        // On a random walk D settles at once: the start stays at the margin past the first lag.
        XCTAssertLessThanOrEqual(result.window.startLag, 2)
        XCTAssertGreaterThan(result.window.endLag, 200)
        for (k, alpha) in msd.nonGaussian.enumerated() where msd.nonGaussianLags[k] <= 500 {
            XCTAssertEqual(alpha, 0, accuracy: 0.05, "α₂ at lag \(msd.nonGaussianLags[k])")
        }
    }

    /// Over 40 seeds of small systems, D ± σ covers the true D in ~68% of runs.
    func testStatedUncertaintyCoversTheTruthAtTheAdvertisedRate() {
        let d = 0.2, seeds = 40
        var covered = 0, blockCovered = 0, blockRuns = 0
        for seed in 0..<seeds {
            let (_, result) = Self.estimate(
                Self.brownian(Array(repeating: d, count: 16), frames: 400, dt: 1, seed: UInt64(1000 + seed)))
            if abs(result.coefficient.value - d) <= result.coefficient.uncertainty { covered += 1 }
            if let b = result.blockAverage {
                blockRuns += 1
                if abs(b.value - d) <= b.uncertainty { blockCovered += 1 }
            }
        }
        let fraction = Double(covered) / Double(seeds)
        print("GLS coverage of D ± σ: \(covered)/\(seeds) = \(fraction); block average: \(blockCovered)/\(blockRuns)")
        // Binomial(40, 0.68): 45–90% is about ±3σ.
        XCTAssertGreaterThanOrEqual(fraction, 0.45)
        XCTAssertLessThanOrEqual(fraction, 0.90)
    }

    /// The straight-line check (Hausman's test of OLS against GLS): random walks rarely trip it;
    /// a caged start (a bounded, slowly relaxing displacement on top of the walk, MSD = 6Dt +
    /// 2A²(1 − e^(−t/τ)) per axis sum) forced into the window does.
    func testCurvedMSDOverTheFitWindowIsFlagged() {
        var alarms = 0
        for seed in 0..<40 {
            let (_, result) = Self.estimate(
                Self.brownian(Array(repeating: 0.2, count: 16), frames: 400, dt: 1, seed: UInt64(2000 + seed)))
            if result.warnings.contains(where: { $0.contains("not straight") }) { alarms += 1 }
        }
        XCTAssertLessThanOrEqual(alarms, 2, "false alarms on random walks: \(alarms)/40")
        // Caged: OU displacement of amplitude A = 3 Å (per axis, A² = κDτ) and τ = 20 ps on a slow walk.
        let caged = FitWindowTests.caged(particles: 64, frames: 600, d: 0.01, tau: 20, kappa: 45, seed: 5)
        var options = SelfDiffusionOptions()
        options.fitStart = 2; options.fitEnd = 150
        let (_, result) = Self.estimate(caged, options)
        XCTAssertTrue(result.warnings.contains { $0.contains("not straight") }, "\(result.warnings)")
    }

    func testBallisticMotionHasNoDiffusiveRegimeAndWarns() {
        var random = SeededRandom(seed: 3)
        let (p, frames) = (50, 200)
        let velocities = (0..<p).map { _ in Vec3(random.normal(), random.normal(), random.normal()) }
        var positions: [Vec3] = []
        for t in 0..<frames { for i in 0..<p { positions.append(Double(t) * 0.01 * velocities[i]) } }
        let series = ParticleSeries(
            positions: positions, particleCount: p, frameCount: frames,
            times: (0..<frames).map { Double($0) * 0.01 })
        let (_, result) = Self.estimate(series)
        XCTAssertFalse(result.diffusive)
        XCTAssertTrue(result.warnings.contains { $0.contains("no diffusive regime") }, "\(result.warnings)")
        XCTAssertEqual(result.window.finalSlope, 2, accuracy: 0.01)
    }

    /// Two populations with D₁, D₂ in equal numbers: α₂ = ⟨D²⟩/⟨D⟩² − 1 (Gaussian per population).
    func testNonGaussianParameterOfATwoDiffusivityMixture() {
        let (d1, d2) = (0.05, 0.2)
        let diffusivities = (0..<400).map { $0 % 2 == 0 ? d1 : d2 }
        let (msd, _) = Self.estimate(Self.brownian(diffusivities, frames: 400, dt: 1, seed: 11))
        let meanD = (d1 + d2) / 2, meanD2 = (d1 * d1 + d2 * d2) / 2
        let expected = meanD2 / (meanD * meanD) - 1  // 0.36
        for (k, lag) in msd.nonGaussianLags.enumerated() where lag >= 1 && lag <= 100 {
            XCTAssertEqual(msd.nonGaussian[k], expected, accuracy: 0.06, "α₂ at lag \(lag)")
        }
    }

    func testYehHummerArithmetic() {
        let d = DiffusionEstimate(value: 0.2, uncertainty: 0.01, method: "test")
        let c = YehHummerCorrection(
            diffusion: d, temperature: 300, viscosity: 8.9e-4, viscosityUncertainty: 8.9e-5,
            volume: 27_000, isCubic: true)
        // k_B·300 K·2.837297 / (6π · 8.9e-4 Pa·s · 3e-9 m) = 2.33505e-10 m²/s = 0.0233505 Å²/ps.
        XCTAssertEqual(c.boxLength, 30, accuracy: 1e-9)
        XCTAssertEqual(c.correction, 0.023350541257459, accuracy: 1e-12)
        XCTAssertEqual(c.corrected.value, 0.223350541257459, accuracy: 1e-12)
        XCTAssertEqual(c.corrected.uncertainty, 0.010269005685565, accuracy: 1e-12)
        let reduced = YehHummerCorrection(
            diffusion: d, temperature: 1, viscosity: 2, volume: 1000, isCubic: false, reducedUnits: true)
        XCTAssertEqual(reduced.correction, 2.837297 / (6 * .pi * 2 * 10), accuracy: 1e-12)
        XCTAssert(reduced.lengthNote.contains("V^(1/3)"))
    }

    func testReducedUnitsReportSigmaSquaredPerTauAndNoSI() {
        var options = SelfDiffusionOptions()
        options.reducedUnits = true
        options.temperature = 1.0; options.viscosity = 2.0
        let (_, result) = Self.estimate(
            Self.brownian(Array(repeating: 0.1, count: 50), frames: 300, dt: 0.005, seed: 8), options)
        XCTAssertEqual(result.unit, UnitSystem.lj.diffusionUnit)
        XCTAssertEqual(result.unit.symbol, "σ²/τ")
        XCTAssertNil(result.coefficientSI)
        XCTAssertEqual(result.coefficient.value, 0.1, accuracy: 5 * result.coefficient.uncertainty)
        let f = try! XCTUnwrap(result.finiteSize)
        XCTAssertEqual(f.correction, 2.837297 / (6 * .pi * 2 * 30), accuracy: 1e-12)  // L = 27000^(1/3) = 30
    }

    func testUserWindowAndLogarithmicThinning() {
        var options = SelfDiffusionOptions()
        options.fitStart = 10; options.fitEnd = 50
        let (msd, result) = Self.estimate(
            Self.brownian(Array(repeating: 0.1, count: 50), frames: 300, dt: 1, seed: 5), options)
        XCTAssertEqual(result.windowChoice, "user")
        XCTAssertEqual(result.window.startLag, 10); XCTAssertEqual(result.window.endLag, 50)
        XCTAssertEqual(result.coefficient.value, 0.1, accuracy: 5 * result.coefficient.uncertainty)
        let thin = msd.thinned(perDecade: 5)
        XCTAssertEqual(thin.lags.first, 0); XCTAssertEqual(thin.lags.last, 299)
        XCTAssertLessThan(thin.lags.count, 20)
        for (k, lag) in thin.lags.enumerated() { XCTAssertEqual(thin.msd[k], msd.msd[lag]) }
    }

    /// GLS on a known correlated model: the covariance of a random walk is exact, so a brute-force
    /// Monte Carlo variance of the all-origin estimate agrees with it.
    func testRandomWalkCovarianceMatchesMonteCarlo() {
        let frames = 40, lags = [1, 5, 20]
        let model = randomWalkMSDCovariance(lags: lags, frames: frames, dimensions: 1)
        var random = SeededRandom(seed: 99)
        let runs = 20_000
        var sums = [Double](repeating: 0, count: 3), products = [Double](repeating: 0, count: 9)
        for _ in 0..<runs {
            var x = [0.0]
            for _ in 1..<frames { x.append(x.last! + random.normal()) }
            let m = lags.map { lag in
                (0..<(frames - lag)).reduce(0.0) { $0 + pow(x[$1 + lag] - x[$1], 2) } / Double(frames - lag)
            }
            for a in 0..<3 { sums[a] += m[a]; for b in 0..<3 { products[a * 3 + b] += m[a] * m[b] } }
        }
        for a in 0..<3 {
            for b in 0..<3 {
                let empirical = products[a * 3 + b] / Double(runs) - sums[a] * sums[b] / Double(runs * runs)
                XCTAssertEqual(
                    empirical, model[a * 3 + b],
                    accuracy: 0.06 * model[a * 3 + a].squareRoot() * model[b * 3 + b].squareRoot(),
                    "lags \(lags[a]), \(lags[b])")
            }
        }
    }

    /// The whole pipeline from a wrapped LAMMPS dump, with a framework as drift reference.
    func testDumpPipelineWithFrameworkDrift() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("ionscope-diff-\(UUID())")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        var random = SeededRandom(seed: 21)
        let box = Box(lx: 20, ly: 20, lz: 20)!
        let (n, frames, d, dt) = (200, 300, 0.05, 0.5)
        var positions = (0..<n).map { _ in box.position(fractional: random.vector(in: 0..<1)) }
        let flow = Vec3(0.3, -0.2, 0.1)  // Å per frame, shared by everything: the framework moves too
        var text = ""
        for frame in 0..<frames {
            if frame > 0 {
                for i in 0..<n {
                    positions[i] += flow
                    if i % 2 == 0 {
                        positions[i] +=
                            (2 * d * dt).squareRoot() * Vec3(random.normal(), random.normal(), random.normal())
                    }
                }
            }
            text +=
                "ITEM: TIMESTEP\n\(frame * 500)\nITEM: NUMBER OF ATOMS\n\(n)\nITEM: BOX BOUNDS pp pp pp\n0 20\n0 20\n0 20\nITEM: ATOMS id type x y z\n"
            for i in 0..<n { let w = box.wrap(positions[i]); text += "\(i + 1) \(i % 2 + 1) \(w.x) \(w.y) \(w.z)\n" }
        }
        let path = directory.appendingPathComponent("flow.lammpstrj").path
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        let trajectory = try Trajectory(TrajectoryInput(trajectoryPaths: [path], units: .metal, timestep: 0.001))
        let series = try MeanSquaredDisplacement.collect(
            trajectory, selection: try Selection("type 1"), byMolecule: false,
            drift: .removeCenterOfMass(of: try Selection("type 2")))
        let msd = MeanSquaredDisplacement.compute(series, selection: "type 1", particles: "atoms", drift: "framework")
        let result = try XCTUnwrap(SelfDiffusion.estimate(series, msd: msd))
        XCTAssertEqual(result.coefficient.value, d, accuracy: max(4 * result.coefficient.uncertainty, 0.05 * d))
        XCTAssertTrue(result.diffusive)
        // Without the framework reference the flow dominates: ballistic, not diffusive.
        let kept = try MeanSquaredDisplacement.collect(
            trajectory, selection: try Selection("type 1"), byMolecule: false, drift: .keep)
        let keptResult = try XCTUnwrap(
            SelfDiffusion.estimate(
                kept, msd: MeanSquaredDisplacement.compute(kept, selection: "", particles: "", drift: "")))
        XCTAssertGreaterThan(keptResult.coefficient.value, 2 * d)
    }
}
