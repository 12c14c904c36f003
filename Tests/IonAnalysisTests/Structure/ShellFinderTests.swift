import IonAnalysis
import IonCore
import IonTestSupport
import XCTest

/// ShellFinder against lattices with known coordination and against a brute-force O(N²) search.
final class ShellFinderTests: XCTestCase {
    typealias F = StructureFixtures

    func shells(_ definition: ShellDefinition, _ context: AnalysisContext, _ frame: Frame) throws -> (
        ShellContacts, ShellFinder
    ) {
        var finder = try ShellFinder(definition: definition, context: context)
        var contacts = ShellContacts()
        try finder.find(in: frame, into: &contacts)
        return (contacts, finder)
    }

    /// Simple cubic: 6 neighbours at a; FCC: 12 at a/√2. Every contact monodentate.
    func testLatticeCoordination() throws {
        for (fcc, a, expected, nearest) in [(false, 3.0, 6, 3.0), (true, 4.0, 12, 4 / 2.0.squareRoot())] {
            let points = F.lattice(a: a, n: 6, fcc: fcc)
            let context = F.context(types: Array(repeating: "1", count: points.count))
            let frame = Frame(positions: points, box: Box(lx: 6 * a, ly: 6 * a, lz: 6 * a)!)
            for counting in ShellDefinition.Counting.allCases {
                let definition = ShellDefinition(
                    centres: "type 1", partners: "type 1", cutoff: nearest * 1.2, counting: counting)
                let (contacts, finder) = try shells(definition, context, frame)
                XCTAssertEqual(contacts.centreCount, points.count)
                for c in 0..<points.count {
                    XCTAssertEqual(contacts.partners(of: c).count, expected, "fcc \(fcc) \(counting) centre \(c)")
                }
                XCTAssert(finder.coordinatingAtoms.allSatisfy { $0 == 1 })
                XCTAssert(finder.distances.allSatisfy { abs($0 - nearest) < 1e-9 })
            }
        }
    }

    /// Random three-atom molecules in a triclinic cell: every counting mode, centres as atoms
    /// and as centres of mass, against all pairs with the box's minimum image.
    func testAgreesWithBruteForceInATriclinicCell() throws {
        var random = SeededRandom(seed: 11)
        let box = Box(lx: 20, ly: 18, lz: 22, xy: 5, xz: -4, yz: 3)!
        let molecules = 120
        var positions: [Vec3] = [], types: [String] = [], ids: [Int] = []
        for m in 0..<molecules {
            let centre = box.position(fractional: random.vector(in: -0.2..<1.2))
            for k in 0..<3 {
                positions.append(box.wrap(centre + 1.3 * Double(k) * F.direction(&random)))
                types.append(m % 3 == 0 ? "1" : String(k + 2)); ids.append(m + 1)
            }
        }
        let context = F.context(types: types, molecules: ids)
        let frame = Frame(positions: positions, box: box)
        let com = context.molecules.centersOfMass(positions, masses: context.masses, box: box)
        for counting in ShellDefinition.Counting.allCases {
            for byMolecule in [false, true] {
                let definition = ShellDefinition(
                    centres: "type 1 2", partners: "type 2 3", cutoff: 4.5, centresByMolecule: byMolecule,
                    counting: counting)
                let (contacts, finder) = try shells(definition, context, frame)
                let centrePoints =
                    byMolecule
                    ? finder.centreMolecules.map { com[Int($0)] } : finder.centreAtoms!.map { positions[Int($0)] }
                let partnerAtoms = try Selection("type 2 3").atomIndices(in: context.topology)
                var k = 0
                for c in 0..<finder.centreCount {
                    // Brute force: partner id → (atoms within the cutoff, nearest distance).
                    var expected: [Int32: (Int32, Double)] = [:]
                    func consider(_ id: Int32, _ point: Vec3, _ atom: Int?) {
                        if counting == .atoms, let atom, let centre = finder.centreAtoms?[c] {
                            if Int(centre) == atom { return }
                        } else if finder.partnerMolecules[Int(id)] == finder.centreMolecules[c] {
                            return
                        }
                        let r = box.distance(centrePoints[c], point)
                        guard r < 4.5 else { return }
                        let old = expected[id] ?? (0, .infinity)
                        expected[id] = (old.0 + 1, min(old.1, r))
                    }
                    switch counting {
                    case .atoms: for (id, a) in partnerAtoms.enumerated() { consider(Int32(id), positions[a], a) }
                    case .centresOfMass:
                        for (id, m) in finder.partnerMolecules.enumerated() { consider(Int32(id), com[Int(m)], nil) }
                    case .molecules:
                        for a in partnerAtoms {
                            let id = Int32(finder.partnerMolecules.firstIndex(of: context.molecules.moleculeOfAtom[a])!)
                            consider(id, positions[a], a)
                        }
                    }
                    let row = Array(contacts.partners(of: c))
                    XCTAssertEqual(row, expected.keys.sorted(), "\(counting) byMolecule \(byMolecule) centre \(c)")
                    for p in row where k < finder.distances.count {
                        XCTAssertEqual(finder.coordinatingAtoms[k], expected[p]?.0)
                        XCTAssertEqual(finder.distances[k], expected[p]?.1 ?? -1, accuracy: 1e-9)
                        k += 1
                    }
                }
                XCTAssertEqual(k, contacts.partners.count)
                XCTAssertGreaterThan(contacts.partners.count, finder.centreCount, "the test should see contacts")
            }
        }
    }

    /// The same periodic system described by an orthorhombic cell and by a sheared cell of the
    /// same lattice (b' = b + a, c' = c + b − a) has the same shells, with positions left
    /// unwrapped by whole cell vectors.
    func testTriclinicDescriptionOfAnOrthorhombicCellGivesTheSameShells() throws {
        var random = SeededRandom(seed: 5)
        let orthorhombic = Box(lx: 30, ly: 32, lz: 34)!
        let sheared = Box(a: Vec3(30, 0, 0), b: Vec3(30, 32, 0), c: Vec3(-30, 32, 34))!
        XCTAssertEqual(sheared.volume, orthorhombic.volume, accuracy: 1e-9)
        let points = (0..<600).map { _ in orthorhombic.position(fractional: random.vector(in: 0..<1)) }
        let context = F.context(types: points.indices.map { $0 % 2 == 0 ? "1" : "2" })
        let definition = ShellDefinition(centres: "type 1", partners: "type 2", cutoff: 5, counting: .atoms)
        let (a, finderA) = try shells(definition, context, Frame(positions: points, box: orthorhombic))
        // Unwrapped positions: each point moved by a different whole number of cell vectors.
        let moved = points.enumerated().map { i, p in p + Double(i % 3 - 1) * sheared.a + Double(i % 5 - 2) * sheared.c
        }
        let (b, finderB) = try shells(definition, context, Frame(positions: moved, box: sheared))
        XCTAssertEqual(a, b)
        XCTAssertGreaterThan(a.partners.count, 300)
        for (x, y) in zip(finderA.distances, finderB.distances) { XCTAssertEqual(x, y, accuracy: 1e-9) }
    }

    func testMissingCutoffAndEmptySelectionAreErrors() throws {
        let context = F.context(types: ["1", "2"])
        XCTAssertThrowsError(
            try ShellFinder(definition: ShellDefinition(centres: "type 1", partners: "type 2"), context: context)
        ) {
            XCTAssert("\($0)".contains("needs a cutoff"), "\($0)")
        }
        XCTAssertThrowsError(
            try ShellFinder(
                definition: ShellDefinition(centres: "type 7", partners: "type 2", cutoff: 3), context: context)
        ) {
            XCTAssert("\($0)".contains("matches no atoms"), "\($0)")
        }
        var finder = try ShellFinder(
            definition: ShellDefinition(centres: "type 1", partners: "type 2", cutoff: 3), context: context)
        var contacts = ShellContacts()
        XCTAssertThrowsError(try finder.find(in: Frame(positions: [.zero, .zero], box: nil), into: &contacts))
        XCTAssertThrowsError(
            try finder.find(in: Frame(positions: [.zero, .zero], box: Box(lx: 5, ly: 5, lz: 5)!), into: &contacts)
        ) {
            XCTAssert("\($0)".contains("exceeds half"), "\($0)")
        }
    }
}
