import IonCore
import IonTestSupport
import XCTest

final class MoleculesTests: XCTestCase {
    /// Three-atom molecules placed across the cell boundary; bonds define the molecules.
    func makeSystem(box: Box, random: inout SeededRandom) -> (Topology, whole: [Vec3], wrapped: [Vec3]) {
        let moleculeCount = 40
        var topology = Topology(atomCount: 3 * moleculeCount)
        var whole: [Vec3] = []
        for m in 0..<moleculeCount {
            let center = box.position(fractional: random.vector(in: 0..<1))
            let atoms = [center, center + Vec3(1.4, 0.3, 0), center + Vec3(2.6, 1.1, -0.5)]
            whole.append(contentsOf: atoms)
            for k in 0..<3 { topology.masses[3 * m + k] = [12.0, 16.0, 1.0][k] }
            topology.bonds.append((Int32(3 * m), Int32(3 * m + 1)))
            topology.bonds.append((Int32(3 * m + 1), Int32(3 * m + 2)))
        }
        topology.given = [.masses, .bonds]
        return (topology, whole, whole.map(box.wrap))
    }

    func testWholeMoleculesAndCentresOfMassAcrossBoundaries() throws {
        var random = SeededRandom(seed: 5)
        for box in [Box(lx: 12, ly: 13, lz: 14)!, Box(lx: 12, ly: 13, lz: 14, xy: 5, xz: -3, yz: 4)!] {
            let (topology, whole, wrapped) = makeSystem(box: box, random: &random)
            let molecules = Molecules(topology)
            XCTAssertEqual(molecules.count, 40)
            XCTAssertEqual(molecules.source, .bonds)
            let made = molecules.wholePositions(wrapped, box: box)
            let centers = molecules.centersOfMass(wrapped, masses: topology.masses, box: box)
            for m in 0..<molecules.count {
                let ids = molecules.atoms(of: m).map(Int.init)
                // Bond vectors are the true ones, whatever image the molecule is in.
                XCTAssertEqual(
                    (made[ids[1]] - made[ids[0]] - (whole[ids[1]] - whole[ids[0]])).length, 0, accuracy: 1e-9)
                XCTAssertEqual(
                    (made[ids[2]] - made[ids[1]] - (whole[ids[2]] - whole[ids[1]])).length, 0, accuracy: 1e-9)
                var truth = Vec3.zero
                for i in ids { truth += topology.masses[i] * whole[i] }
                truth = truth / 29.0
                // The centre of mass equals the true one up to a lattice vector.
                let s = box.fractional(displacement: centers[m] - truth)
                for axis in 0..<3 { XCTAssertEqual(s[axis], s[axis].rounded(), accuracy: 1e-9, "molecule \(m)") }
            }
        }
    }

    func testMoleculesFromIdsResiduesAndSingleAtoms() throws {
        var topology = Topology(atomCount: 5)
        topology.moleculeIDs = [7, 7, 0, 9, 7]
        topology.given = [.molecules]
        let fromIDs = Molecules(topology)
        XCTAssertEqual(fromIDs.source, .moleculeIDs)
        XCTAssertEqual(fromIDs.count, 3, "molecule id 0 means an atom in no molecule")
        XCTAssertEqual(Array(fromIDs.atoms(of: 0)), [0, 1, 4])
        XCTAssertEqual(fromIDs.charges([1, -1, 0.5, 2, 0.25]), [0.25, 0.5, 2])

        var residues = Topology(atomCount: 4)
        residues.residueIDs = [1, 1, 2, 2]
        residues.given = [.residues]
        XCTAssertEqual(Molecules(residues).count, 2)
        XCTAssertEqual(Molecules(Topology(atomCount: 4)).source, .atoms)
    }
}
