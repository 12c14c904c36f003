import Foundation
import IonCore
import XCTest

@testable import IonIO

final class LAMMPSDataReaderTests: XCTestCase {
    var scratch: ScratchDirectory!

    override func setUpWithError() throws { scratch = try ScratchDirectory() }

    func write(_ text: String) throws -> String { try scratch.write("system.data", text: text) }

    let header = """
        LAMMPS data file via write_data, version 7 Jan 2022

        4 atoms
        2 atom types
        2 bonds
        1 bond types

        0 10 xlo xhi
        0 10 ylo yhi
        0 10 zlo zhi

        Masses

        1 6.94 # Li
        2 32.06 # S

        Pair Coeffs # lj/cut

        1 0.1 2.0
        2 0.2 3.5

        """

    func testFullStyleWithIdsOutOfOrderBondsAndLabelsFromMassComments() throws {
        let path = try write(
            header + """
                Atoms # full

                40 2 2 -0.5 1 1 1 0 0 0
                10 1 1 1.0 2 2 2 0 0 0
                30 2 2 -0.5 3 3 3 0 0 0
                20 3 1 1.0 4 4 4 0 0 1

                Velocities

                10 0 0 0
                20 0 0 0
                30 0 0 0
                40 0 0 0

                Bonds

                1 1 30 40
                2 1 10 20
                """)
        let topology = try LAMMPSDataReader.read(path: path)
        XCTAssertEqual(topology.atomIDs, [10, 20, 30, 40])
        XCTAssertEqual(topology.types, ["1", "1", "2", "2"])
        XCTAssertEqual(topology.names, ["Li", "Li", "S", "S"])
        XCTAssertEqual(topology.masses, [6.94, 6.94, 32.06, 32.06])
        XCTAssertEqual(topology.charges, [1, 1, -0.5, -0.5])
        XCTAssertEqual(topology.moleculeIDs!, [1, 3, 2, 2])
        XCTAssertEqual(topology.elements, ["Li", "Li", "S", "S"], "elements guessed from the masses")
        XCTAssertEqual(topology.bonds.map { [$0.0, $0.1] }, [[2, 3], [0, 1]])
        XCTAssert(topology.given.isSuperset(of: [.masses, .charges, .molecules, .bonds, .types]))
        let molecules = Molecules(topology)
        XCTAssertEqual(molecules.source, .moleculeIDs)
        XCTAssertEqual(molecules.count, 3)
    }

    func testAtomicAndChargeStylesAndTypeLabels() throws {
        let atomic = try write(
            header.replacingOccurrences(of: "2 bonds\n1 bond types\n", with: "") + """
                Atom Type Labels

                1 Li+
                2 Cl-

                Atoms # atomic

                1 1 0 0 0
                2 2 1 1 1
                3 2 2 2 2
                4 1 3 3 3
                """)
        let a = try LAMMPSDataReader.read(path: atomic)
        XCTAssertEqual(a.names, ["Li+", "Cl-", "Cl-", "Li+"])
        XCTAssertFalse(a.given.contains(.charges))
        XCTAssertNil(a.moleculeIDs)

        let charge = try write(header + "Atoms # charge\n\n1 1 1.0 0 0 0\n2 2 -1.0 1 1 1\n3 2 -1 2 2 2\n4 1 1 3 3 3\n")
        XCTAssertEqual(try LAMMPSDataReader.read(path: charge).charges, [1, -1, -1, 1])
    }

    func testErrorsNameTheFileAndLine() throws {
        let missingMass = try write(
            header.replacingOccurrences(of: "2 32.06 # S\n", with: "")
                + "Atoms # atomic\n\n1 1 0 0 0\n2 2 1 1 1\n3 2 2 2 2\n4 1 3 3 3\n")
        XCTAssertThrowsError(try LAMMPSDataReader.read(path: missingMass)) { error in
            XCTAssert("\(error)".contains("system.data"), "\(error)")
        }
        let shortSection = try write(header + "Atoms # full\n\n1 1 1 0.5 0 0 0\n2 1 1 0.5 1 1 1\n")
        XCTAssertThrowsError(try LAMMPSDataReader.read(path: shortSection)) { error in
            XCTAssert("\(error)".contains("ends after 2 of 4 rows"), "\(error)")
        }
        let badNumber = try write(header + "Atoms # full\n\n1 1 1 x 0 0 0\n")
        XCTAssertThrowsError(try LAMMPSDataReader.read(path: badNumber)) { error in
            XCTAssert("\(error)".contains("line 23") && "\(error)".contains("charge"), "\(error)")
        }
        let unknownStyle = try write(header + "Atoms # ellipsoid\n\n1 1 1 0 0 0 0\n")
        XCTAssertThrowsError(try LAMMPSDataReader.read(path: unknownStyle)) { error in
            XCTAssert("\(error)".contains("'ellipsoid' is not supported"), "\(error)")
        }
    }

    /// The data file's cell (xlo xhi … and the xy xz yz tilts) is kept, for `inspect` of a data
    /// file alone (issue 16 item 9).
    func testTheCellIsRead() throws {
        let atoms = "Atoms # atomic\n\n1 1 0 0 0\n2 2 1 1 1\n3 2 2 2 2\n4 1 3 3 3\n"
        let upright = try LAMMPSDataReader.read(path: try write(header + atoms))
        XCTAssertEqual(upright.box?.lengths.x ?? 0, 10, accuracy: 1e-12)
        XCTAssertEqual(upright.box?.isOrthorhombic, true)
        let tilted = try LAMMPSDataReader.read(
            path: try write(
                header.replacingOccurrences(of: "0 10 zlo zhi\n", with: "0 10 zlo zhi\n2 0 0 xy xz yz\n") + atoms))
        XCTAssertEqual(tilted.box?.b.x ?? 0, 2, accuracy: 1e-12)
        XCTAssertEqual(tilted.box?.isOrthorhombic, false)
    }

    /// `Atoms # my system` is a comment, not an atom style: the style comes from the columns
    /// (issue 16 item 9); a real but unsupported style is still named.
    func testACommentAfterAtomsIsNotAStyle() throws {
        let path = try write(
            header + "Atoms # my system\n\n1 1 1 0.5 0 0 0\n2 1 1 0.5 1 1 1\n3 1 2 -0.5 2 2 2\n4 1 2 -0.5 3 3 3\n")
        let topology = try LAMMPSDataReader.read(path: path)
        XCTAssertEqual(topology.charges, [0.5, 0.5, -0.5, -0.5])
        let sphere = try write(header + "Atoms # sphere\n\n1 1 1 1 0 0 0\n")
        XCTAssertThrowsError(try LAMMPSDataReader.read(path: sphere)) { error in
            XCTAssert("\(error)".contains("'sphere' is not supported"), "\(error)")
        }
    }

    /// Header counts far beyond what the file holds (10¹² atoms or bonds in a four-atom file) are
    /// an error at the section's end, never an allocation of their size (issue 16 item 2; this
    /// aborted with "failed to allocate 16000000000032 bytes").
    func testHeaderCountsAreNotTrustedForAllocation() throws {
        let atoms = "Atoms # full\n\n1 1 1 0.5 0 0 0\n2 1 1 0.5 1 1 1\n3 1 2 -0.5 2 2 2\n4 1 2 -0.5 3 3 3\n"
        let bonds = "\nBonds\n\n1 1 1 2\n2 1 3 4\n"
        for (claim, message) in [
            ("1000000000000 atoms", "the Atoms section has 4 rows, but the header promised 1000000000000"),
            ("1000000000000 bonds", "the Bonds section ends after 2 of 1000000000000 rows"),
        ] {
            let key = claim.hasSuffix("atoms") ? "4 atoms" : "2 bonds"
            let path = try write(header.replacingOccurrences(of: key, with: claim) + atoms + bonds)
            XCTAssertThrowsError(try LAMMPSDataReader.read(path: path)) { error in
                XCTAssert("\(error)".contains(message), "\(error)")
            }
        }
    }
}
