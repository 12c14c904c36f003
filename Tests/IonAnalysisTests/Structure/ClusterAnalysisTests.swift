import IonAnalysis
import IonCore
import XCTest

/// Ion clusters on a hand-built configuration, checked against hand counts.
final class ClusterAnalysisTests: XCTestCase {
    typealias F = StructureFixtures

    /// Cations are single atoms (+1); anions two atoms of −0.5 each, 1 Å apart, centred at the
    /// given points. Frame 0:
    /// - a free cation (5,5,5) and a free anion (5,5,15);
    /// - a pair (15,5,5)–(15,5,7), and a pair across the x boundary (0.5,25,25)–(29,25,25);
    /// - an aggregate of 3, anion (25,15,15) between cations (23,15,15) and (27,15,15), net +1;
    /// - a chain of 4 across the z boundary: cation (10,20,29.5), anion (10,20,1.5),
    ///   cation (10,20,3.8), anion (10,20,6.0), net 0.
    /// Frame 1: the same ions far apart (all free).
    static let cations = [
        Vec3(5, 5, 5), Vec3(15, 5, 5), Vec3(0.5, 25, 25), Vec3(23, 15, 15), Vec3(27, 15, 15),
        Vec3(10, 20, 29.5), Vec3(10, 20, 3.8),
    ]
    static let anions = [
        Vec3(5, 5, 15), Vec3(15, 5, 7), Vec3(29, 25, 25), Vec3(25, 15, 15), Vec3(10, 20, 1.5), Vec3(10, 20, 6.0),
    ]

    func system(_ cations: [Vec3], _ anions: [Vec3]) -> ([Vec3], AnalysisContext) {
        let box = Box(lx: 30, ly: 30, lz: 30)!
        var positions = cations, types = Array(repeating: "1", count: cations.count)
        var molecules = Array(1...cations.count), charges = Array(repeating: 1.0, count: cations.count)
        for (k, centre) in anions.enumerated() {
            positions += [box.wrap(centre + Vec3(0, 0.5, 0)), box.wrap(centre - Vec3(0, 0.5, 0))]
            types += ["2", "3"]; molecules += [100 + k, 100 + k]; charges += [-0.5, -0.5]
        }
        return (positions, F.context(types: types, molecules: molecules, charges: charges))
    }

    func testHandCountedClusters() throws {
        let box = Box(lx: 30, ly: 30, lz: 30)!
        let (positions, context) = system(Self.cations, Self.anions)
        var apart: [Vec3] = []
        for k in 0..<13 {
            let (x, y, z) = (Double(k % 3), Double((k / 3) % 3), Double(k / 9))
            apart.append(Vec3(9 * x + 1, 9 * y + 1, 9 * z + 1))
        }
        let (spread, _) = system(Array(apart[0..<7]), Array(apart[7..<13]))
        let analysis = try ClusterAnalysis(
            cations: [.init(name: "Li", selection: "type 1")],
            anions: [.init(name: "X", selection: "type 2 3")],
            rules: [ContactRule(cation: "Li", anion: "X", cutoff: 3)])
        var frame1 = Frame(positions: spread, box: box)
        frame1.time = 2
        var frame0 = Frame(positions: positions, box: box)
        frame0.time = 1
        let result = try F.run(analysis, context, [frame0, frame1])
        XCTAssertEqual(result.ions.map(\.count), [7, 6])
        XCTAssertEqual(result.ions.map(\.charge), [1, -1])
        // Frame 0 by hand.
        XCTAssertEqual(result.series.free[0][0], 1.0 / 7, accuracy: 1e-12)
        XCTAssertEqual(result.series.pairs[0][0], 2.0 / 7, accuracy: 1e-12)
        XCTAssertEqual(result.series.aggregates[0][0], 4.0 / 7, accuracy: 1e-12)
        XCTAssertEqual(result.series.free[1][0], 1.0 / 6, accuracy: 1e-12)
        XCTAssertEqual(result.series.pairs[1][0], 2.0 / 6, accuracy: 1e-12)
        XCTAssertEqual(result.series.aggregates[1][0], 3.0 / 6, accuracy: 1e-12)
        XCTAssertEqual(result.series.free[0][1], 1)
        XCTAssertEqual(result.series.times, [1, 2])
        // Averages over both frames.
        XCTAssertEqual(result.fractions[0].free, (1.0 / 7 + 1) / 2, accuracy: 1e-12)
        XCTAssertEqual(result.fractions[1].aggregates, 0.25, accuracy: 1e-12)
        // Sizes per frame: frame 0 has 2 singles, 2 pairs, one 3 and one 4; frame 1 has 13 singles.
        XCTAssertEqual(result.sizes.map(\.value), [1, 2, 3, 4])
        XCTAssertEqual(result.sizes.map(\.perFrame), [7.5, 1, 0.5, 0.5])
        // Net charges: frame 0 has +1 ×2, −1 ×1, 0 ×3; frame 1 has +1 ×7 and −1 ×6.
        XCTAssertEqual(result.charges.map(\.value), [-1, 0, 1])
        XCTAssertEqual(result.charges.map(\.perFrame), [3.5, 1.5, 4.5])
        XCTAssertEqual(result.charges.map(\.fraction).reduce(0, +), 1, accuracy: 1e-12)
    }

    /// Without charges in any input the net charges are unknown: left out and said, not shown as 0.
    func testClustersWithoutChargesSayTheirNetChargeIsUnknown() throws {
        let box = Box(lx: 30, ly: 30, lz: 30)!
        let (positions, charged) = system(Self.cations, Self.anions)
        let context = F.context(types: charged.topology.types, molecules: charged.topology.moleculeIDs)
        let analysis = try ClusterAnalysis(
            cations: [.init(name: "Li", selection: "type 1")], anions: [.init(name: "X", selection: "type 2 3")],
            rules: [ContactRule(cation: "Li", anion: "X", cutoff: 3)])
        let result = try F.run(analysis, context, [Frame(positions: positions, box: box)])
        XCTAssertTrue(result.charges.isEmpty)
        XCTAssertTrue(result.warnings.contains { $0.contains("net charges are unknown") }, "\(result.warnings)")
        XCTAssertEqual(result.series.aggregates[0][0], 4.0 / 7, accuracy: 1e-12)
    }

    /// Counting by molecule (any anion atom within the cutoff of the cation) joins what the
    /// centres of mass leave apart: an anion whose centre is 3.3 Å away but an atom 2.8 Å.
    func testCountingByMoleculeReachesAtoms() throws {
        let (positions, context) = system([Vec3(10, 10, 10)], [Vec3(10, 13.3, 10)])
        let frame = Frame(positions: positions, box: Box(lx: 30, ly: 30, lz: 30)!)
        for (counting, free) in [(ShellDefinition.Counting.centresOfMass, 1.0), (.molecules, 0.0)] {
            let analysis = try ClusterAnalysis(
                cations: [.init(name: "Li", selection: "type 1")],
                anions: [.init(name: "X", selection: "type 2 3")],
                rules: [ContactRule(cation: "Li", anion: "X", cutoff: 3)], counting: counting)
            XCTAssertEqual(try F.run(analysis, context, [frame]).fractions[0].free, free, "\(counting)")
        }
    }

    func testBadSpeciesAreErrors() throws {
        let li = ClusterAnalysis.Ion(name: "Li", selection: "type 1"),
            x = ClusterAnalysis.Ion(name: "X", selection: "type 2 3")
        XCTAssertThrowsError(
            try ClusterAnalysis(cations: [li], anions: [x], rules: [ContactRule(cation: "Na", anion: "X", cutoff: 3)]))
        XCTAssertThrowsError(try ClusterAnalysis(cations: [li], anions: [li], rules: []))
        let (_, context) = system(Self.cations, Self.anions)
        var overlapping = try ClusterAnalysis(
            cations: [li], anions: [.init(name: "Y", selection: "type 1 2")],
            rules: [ContactRule(cation: "Li", anion: "Y", cutoff: 3)])
        XCTAssertThrowsError(try overlapping.prepare(context)) {
            XCTAssert("\($0)".contains("two ion species"), "\($0)")
        }
    }
}
