import Foundation
import IonAnalysis
import IonCore
import IonIO
import IonLearn
import IonTestSupport
import XCTest

/// Radial structure functions against a pair at a known distance, the ideal gas's mean and a
/// direct sum over every atom of a frame of the bundled demo.
final class RadialStructureFunctionsTests: XCTestCase {
    func topology(_ types: [String]) -> Topology {
        var topology = Topology(atomCount: types.count)
        topology.types = types
        topology.given = [.types]
        return topology
    }

    func run(_ rsf: RadialStructureFunctions, _ topology: Topology, _ frames: [Frame], threads: Int = 1) throws
        -> DescriptorResult
    {
        try AnalysisPass.run(DescriptorCollection(rsf), topology: topology, frames: frames, threads: threads)
    }

    func testOnePairGivesOneGaussian() throws {
        let d = 2.345, width = 0.1
        let frame = Frame(positions: [Vec3(1, 1, 1), Vec3(1, 1, 1 + d)], box: Box(lx: 20, ly: 20, lz: 20)!)
        let mu = try RadialStructureFunctions.grid(from: 0.4, to: 5, step: 0.1)
        XCTAssertEqual(mu.count, 47)
        let rsf = try RadialStructureFunctions(
            selection: Selection("type A"),
            species: [.init(name: "B", selection: "type B"), .init(name: "all", selection: "all")],
            mu: mu, width: width)
        let result = try run(rsf, topology(["A", "B"]), [frame])
        XCTAssertEqual(result.shape, [1, 1, 94])
        for (m, x) in mu.enumerated() {
            let expected = exp(-(d - x) * (d - x) / (2 * width * width))
            XCTAssertEqual(result.features[m], expected, accuracy: 1e-15, "G_B(\(x))")
            XCTAssertEqual(result.features[47 + m], expected, accuracy: 1e-15, "the centre itself is left out")
        }
        XCTAssertEqual(result.columns[0], "G_B(0.4)")
        XCTAssertEqual(result.columns[93], "G_all(5)")
    }

    /// Uniform random points: ⟨G(μ)⟩ = 4πρ ∫ r² e^{−(r−μ)²/2L²} dr = 4πρ √(2π) L (μ² + L²) for μ ≫ L.
    func testTheIdealGasMeanIsTheShellVolume() throws {
        var random = SeededRandom(seed: 3)
        let n = 3000, side = 20.0, width = 0.25
        let frames = (0..<4).map { _ in
            Frame(positions: (0..<n).map { _ in random.vector(in: 0..<side) }, box: Box(lx: side, ly: side, lz: side)!)
        }
        let mu = try RadialStructureFunctions.grid(from: 2, to: 6, step: 0.5)
        let result = try run(
            try RadialStructureFunctions(
                selection: Selection("all"), species: [.init(name: "all", selection: "all")], mu: mu, width: width),
            topology([String](repeating: "X", count: n)), frames, threads: 2)
        let density = Double(n - 1) / (side * side * side)
        for (m, x) in mu.enumerated() {
            let expected = 4 * Double.pi * density * (2 * Double.pi).squareRoot() * width * (x * x + width * width)
            XCTAssertEqual(result.mean[m], expected, accuracy: 0.02 * expected, "μ = \(x)")
        }
    }

    /// Frame 0 of the demo: every value equals the sum over all atoms of the species (no cutoff),
    /// on 1 and 2 threads alike.
    func testTheDemoEqualsTheDirectSum() throws {
        let demo = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("Sources/ionscope/DemoData")
        let trajectory = try Trajectory(
            TrajectoryInput(
                topologyPath: demo.appendingPathComponent("demo.data").path,
                trajectoryPaths: [demo.appendingPathComponent("demo.lammpstrj.gz").path], units: .real,
                range: FrameRange(stop: 3)))
        let mu = try RadialStructureFunctions.grid(from: 1, to: 9, step: 0.25)
        let rsf = try RadialStructureFunctions(
            selection: Selection("type 1"),
            species: [.init(name: "S", selection: "type 3"), .init(name: "Li", selection: "type 1")], mu: mu,
            width: 0.3)
        let one = try AnalysisPass.run(trajectory, DescriptorCollection(rsf, every: 2), threads: 1)
        let two = try AnalysisPass.run(trajectory, DescriptorCollection(rsf, every: 2), threads: 2)
        XCTAssertEqual(one.features, two.features)
        XCTAssertEqual(one.frames, [0, 2])
        var frame = Frame()
        try trajectory.forEachFrame { index, read in if index == 2 { frame = read } }
        let types = trajectory.topology.types, box = frame.box!
        let centres = types.indices.filter { types[$0] == "1" }
        for (c, i) in centres.enumerated() {
            for (s, type) in ["3", "1"].enumerated() {
                for (m, x) in mu.enumerated() {
                    var sum = 0.0
                    for j in types.indices where types[j] == type && j != i {
                        let r = box.minimumImage(frame.positions[j] - frame.positions[i]).length
                        sum += exp(-(r - x) * (r - x) / (2 * 0.3 * 0.3))
                    }
                    let value = one.features[((1 * centres.count) + c) * 2 * mu.count + s * mu.count + m]
                    XCTAssertEqual(value, sum, accuracy: 1e-12 * max(1, sum))
                }
            }
        }
    }

    func testBadSettingsAreRefused() throws {
        XCTAssertThrowsError(try RadialStructureFunctions.grid(from: 1, to: 0.5, step: 0.1))
        XCTAssertThrowsError(try RadialStructureFunctions.grid(from: 0, to: 1, step: 0))
        XCTAssertThrowsError(
            try RadialStructureFunctions(selection: Selection("all"), species: [], mu: [1], width: 0.1))
        XCTAssertThrowsError(
            try RadialStructureFunctions(
                selection: Selection("all"), species: [.init(name: "a", selection: "all")], mu: [1], width: 0))
    }
}

/// The committed Kob–Andersen fixture: the A–A radial structure function over μ² peaks at the first
/// neighbour shell (σ_AA = 1, g_AA's first peak near 1.05 σ) and the A–B one closer (σ_AB = 0.8).
final class KobAndersenFixtureTests: XCTestCase {
    func testFirstShellsWhereTheModelPutsThem() throws {
        let path = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Fixtures/kob-andersen/ka.lammpstrj.gz").path
        let trajectory = try Trajectory(TrajectoryInput(trajectoryPaths: [path], range: FrameRange(stop: 2)))
        XCTAssertEqual(trajectory.topology.atomCount, 2048)
        let mu = try RadialStructureFunctions.grid(from: 0.4, to: 3, step: 0.05)
        let result = try AnalysisPass.run(
            trajectory,
            DescriptorCollection(
                try RadialStructureFunctions(
                    selection: Selection("type 1"),
                    species: [.init(name: "A", selection: "type 1"), .init(name: "B", selection: "type 2")], mu: mu,
                    width: 0.05)))
        // G(μ)/μ² follows g(r) (G grows as the shell's area): its highest point is the first peak.
        func peak(_ g: [Double]) -> Double {
            mu[g.indices.max { g[$0] / (mu[$0] * mu[$0]) < g[$1] / (mu[$1] * mu[$1]) }!]
        }
        let (peakAA, peakAB) = (peak(Array(result.mean[..<mu.count])), peak(Array(result.mean[mu.count...])))
        XCTAssertEqual(peakAA, 1.05, accuracy: 0.1)
        XCTAssertEqual(peakAB, 0.85, accuracy: 0.1)
    }
}
