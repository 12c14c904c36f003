import IonCore
import IonTestSupport
import XCTest

@testable import IonAnalysis

/// Solvation-shell statistics on systems whose shells are known by construction.
final class SolvationShellTests: XCTestCase {
    typealias F = StructureFixtures

    /// Rock salt (alternating types on a simple-cubic grid, spacing 2.5 Å): each type-1 site has
    /// 6 unlike neighbours at 2.5 Å and 12 like ones at 3.54 Å; all monodentate.
    func testRockSaltShellsAndComposition() throws {
        let n = 8, a = 2.5
        let points = F.lattice(a: a, n: n, fcc: false)
        let types = (0..<points.count).map { i in (i / (n * n) + (i / n) % n + i % n) % 2 == 0 ? "1" : "2" }
        let context = F.context(types: types)
        let box = Box(lx: Double(n) * a, ly: Double(n) * a, lz: Double(n) * a)!
        let analysis = try SolvationShellAnalysis(species: [
            .init(name: "Cl", definition: ShellDefinition(centres: "type 1", partners: "type 2", cutoff: 3)),
            .init(name: "Na", definition: ShellDefinition(centres: "type 1", partners: "type 1", cutoff: 4)),
        ])
        let result = try F.run(
            analysis, context, [Frame(positions: points, box: box), Frame(positions: points, box: box)])
        XCTAssertEqual(result.centreCount, points.count / 2)
        XCTAssertEqual(result.frames, 2)
        XCTAssertEqual(result.species.map(\.meanCoordination), [6, 12])
        XCTAssertEqual(result.species[0].coordination.map(\.probability), [0, 0, 0, 0, 0, 0, 1])
        XCTAssertEqual(result.species[1].coordination.last?.count, 12)
        XCTAssertEqual(result.species[0].denticity.map(\.count), [1])
        XCTAssertEqual(result.species[0].denticity.first?.fraction, 1)
        XCTAssertEqual(result.compositions.map(\.label), ["6 Cl + 12 Na"])
        XCTAssertEqual(result.compositions.first?.probability, 1)
        XCTAssertEqual(result.distinctPartners, 18)
    }

    /// A four-"oxygen" molecule beside one centre with two of its atoms within the cutoff
    /// (bidentate), and another with one (monodentate); a third centre has an empty shell.
    func testDenticityOfAConstructedBidentateMolecule() throws {
        // Atoms: 0 Li, 1 Li, 2 Li (alone); 3–6 molecule A (O at ±1.1 Å of Li 0 along x, two far),
        // 7–10 molecule B (one O at 2 Å of Li 1).
        let li = [Vec3(10, 10, 10), Vec3(25, 25, 25), Vec3(5, 30, 5)]
        let a = [Vec3(8.9, 10, 10), Vec3(11.1, 10, 10), Vec3(8.0, 13.5, 10), Vec3(12.0, 13.5, 10)]
        let b = [Vec3(25, 27, 25), Vec3(25, 29.5, 25), Vec3(27.5, 29, 25), Vec3(22.5, 29, 25)]
        let context = F.context(
            types: ["1", "1", "1"] + Array(repeating: "2", count: 8), molecules: [1, 2, 3] + [4, 4, 4, 4, 5, 5, 5, 5])
        let frame = Frame(positions: li + a + b, box: Box(lx: 40, ly: 40, lz: 40)!)
        let analysis = try SolvationShellAnalysis(species: [
            .init(name: "X", definition: ShellDefinition(centres: "type 1", partners: "type 2", cutoff: 2.5))
        ])
        let result = try F.run(analysis, context, [frame])
        let shell = result.species[0]
        XCTAssertEqual(shell.meanCoordination, 2.0 / 3, accuracy: 1e-12)
        XCTAssertEqual(shell.coordination.map(\.probability!), [1.0 / 3, 2.0 / 3], accuracy: 1e-12)
        XCTAssertEqual(shell.denticity.map(\.count), [1, 2])
        XCTAssertEqual(shell.denticity.map(\.perCentre!), [1.0 / 3, 1.0 / 3], accuracy: 1e-12)
        XCTAssertEqual(shell.denticity.map(\.fraction!), [0.5, 0.5], accuracy: 1e-12)
        XCTAssertEqual(Set(result.compositions.map(\.label)), ["1 X", "empty"])
    }

    func testSpeciesMustShareTheirCentres() {
        XCTAssertThrowsError(
            try SolvationShellAnalysis(species: [
                .init(name: "A", definition: ShellDefinition(centres: "type 1", partners: "type 2", cutoff: 3)),
                .init(name: "B", definition: ShellDefinition(centres: "type 3", partners: "type 2", cutoff: 3)),
            ]))
        XCTAssertThrowsError(try SolvationShellAnalysis(species: []))
    }
}

func XCTAssertEqual(_ a: [Double], _ b: [Double], accuracy: Double, file: StaticString = #filePath, line: UInt = #line)
{
    XCTAssertEqual(a.count, b.count, file: file, line: line)
    for (x, y) in zip(a, b) { XCTAssertEqual(x, y, accuracy: accuracy, file: file, line: line) }
}
