import Foundation
import IonAnalysis
import IonCore
import IonIO
import IonLearn
import XCTest

@testable import IonJob

/// Per-atom columns of a real LAMMPS dump (the Kob–Andersen run's potential energies and Voronoi
/// volumes) reach the analyses that ask for them: `correlate` and `softness --compare` against
/// direct sums over every pair of the frames read on their own.
final class PerAtomColumnJobTests: XCTestCase {
    static let fixture = PluginRegistryTests.root.appendingPathComponent(
        "Tests/Fixtures/kob-andersen/ka-pe.lammpstrj.gz"
    ).path

    func run(_ table: String, stop: Int) throws -> AnalysisOutcome {
        let text = """
            [input]
            trajectories = ["\(Self.fixture)"]
            units = "lj"
            timestep = 0.005
            stop = \(stop)
            \(table)
            """
        let config = try JobConfig.parse(
            text, path: FileManager.default.temporaryDirectory.appendingPathComponent("columns.toml").path)
        return try XCTUnwrap(try JobRunner.run(config).analyses.first)
    }

    /// The frames as the reader gives them, with `c_pe` and `c_vor[1]`.
    func frames(_ count: Int) throws -> [Frame] {
        let reader = try LAMMPSDumpReader(
            path: Self.fixture, options: ReaderOptions(units: .lj, perAtomColumns: ["c_pe", "c_vor[1]"]))
        var frames: [Frame] = []
        var frame = Frame()
        while frames.count < count, try reader.read(into: &frame) { frames.append(frame) }
        return frames
    }

    func types() throws -> [String] {
        try Trajectory(TrajectoryInput(trajectoryPaths: [Self.fixture], units: .lj)).topology.types
    }

    /// Minimum-image distance in the fixture's cubic cell.
    func distance(_ a: Vec3, _ b: Vec3, side: Double) -> Double {
        var d = b - a
        d = Vec3(
            d.x - side * (d.x / side).rounded(), d.y - side * (d.y / side).rounded(),
            d.z - side * (d.z / side).rounded())
        return d.length
    }

    func testCorrelateEqualsADirectSumOverThePairsOfTwoFrames() throws {
        let outcome = try run(
            "[[correlate]]\nselect = \"all\"\nfield = \"c_pe\"\nrmax = 3\nbin = 0.25", stop: 2)
        let result = try XCTUnwrap(outcome.output as? FieldCorrelationResult)
        XCTAssertEqual(result.frames, 2)
        XCTAssertEqual(result.curves.map { [$0.a, $0.b] }, [[0, 0], [0, 1], [1, 1]], "types 1 and 2")
        var products = [[Double]](repeating: [Double](repeating: 0, count: 12), count: 3), counts = products
        let kind = try types().map { $0 == "1" ? 0 : 1 }
        for frame in try frames(2) {
            let side = frame.box!.lengths.x, pe = frame.perAtom[0]
            var mean = [0.0, 0.0], members = [0.0, 0.0]
            for i in pe.indices { mean[kind[i]] += pe[i]; members[kind[i]] += 1 }
            mean = [mean[0] / members[0], mean[1] / members[1]]
            for i in 0..<frame.atomCount {
                for j in (i + 1)..<frame.atomCount {
                    let r = distance(frame.positions[i], frame.positions[j], side: side)
                    guard r < 3 else { continue }
                    let pair = kind[i] + kind[j]
                    products[pair][Int(r / 0.25)] += (pe[i] - mean[kind[i]]) * (pe[j] - mean[kind[j]])
                    counts[pair][Int(r / 0.25)] += 1
                }
            }
        }
        for (pair, curve) in result.curves.enumerated() {
            XCTAssertEqual(curve.pairs, counts[pair].map { Int($0) }, "pair \(pair)")
            for bin in 0..<12 where counts[pair][bin] > 0 {
                XCTAssertEqual(
                    try XCTUnwrap(curve.correlation[bin]), products[pair][bin] / counts[pair][bin], accuracy: 1e-12)
            }
        }
    }

    /// Pearson r of S with c_pe and with the fraction of B neighbours within 1.5 σ, recomputed
    /// from S and from the frames at the windows' starts (direct neighbour counts).
    func testSoftnessComparisonsEqualTheirDirectValues() throws {
        let outcome = try run(
            """
            [[softness]]
            select = "type 1"
            d2min_window = 10
            rsf_step = 0.5
            rsf_width = 0.1
            folds = 2
            compare = ["c_pe", "c_vor[1]"]
            """, stop: 21)
        let result = try XCTUnwrap(outcome.output as? SoftnessResult)
        XCTAssertEqual(
            result.comparisons.map(\.quantity),
            ["c_pe", "c_vor[1]", "fraction 1 within 1.500 σ", "fraction 2 within 1.500 σ"])
        let all = try frames(21), kind = try types()
        let centres = kind.indices.filter { kind[$0] == "1" }
        XCTAssertEqual(result.rearrangement.centreAtoms, centres.map { $0 + 1 })
        var pe: [Double] = [], fractionB: [Double] = []
        for origin in [0, 10] {
            let frame = all[origin], side = frame.box!.lengths.x
            for c in centres {
                pe.append(frame.perAtom[0][c])
                var total = 0.0, b = 0.0
                for j in 0..<frame.atomCount where j != c {
                    guard distance(frame.positions[c], frame.positions[j], side: side) < 1.5 else { continue }
                    total += 1
                    if kind[j] == "2" { b += 1 }
                }
                fractionB.append(b / total)
            }
        }
        let s = result.study.softness
        XCTAssertEqual(
            try XCTUnwrap(result.comparisons[0].r), try XCTUnwrap(SoftnessComparison.pearson(s, pe)), accuracy: 1e-12)
        XCTAssertEqual(
            try XCTUnwrap(result.comparisons[3].r), try XCTUnwrap(SoftnessComparison.pearson(s, fractionB)),
            accuracy: 1e-12)
        XCTAssertEqual(
            try XCTUnwrap(result.comparisons[2].r), -(try XCTUnwrap(result.comparisons[3].r)), accuracy: 1e-12,
            "two species: the fractions add to 1")
        XCTAssertEqual(result.comparisons[0].samples, 2 * centres.count)
    }

    func testPearsonAgainstClosedForms() throws {
        let x = (0..<50).map { Double($0) }
        XCTAssertEqual(try XCTUnwrap(SoftnessComparison.pearson(x, x.map { 3 - 2 * $0 })), -1, accuracy: 1e-15)
        // x against x² on 0…3, as NumPy's corrcoef gives it.
        XCTAssertEqual(
            try XCTUnwrap(SoftnessComparison.pearson([0, 1, 2, 3], [0, 1, 4, 9])), 0.9583148474999098, accuracy: 1e-15)
        XCTAssertNil(SoftnessComparison.pearson(x, x.map { _ in 1 }), "no variance: no r")
        XCTAssertNil(SoftnessComparison.pearson([1, 2], [2, 1]), "fewer than 3 points")
    }
}
