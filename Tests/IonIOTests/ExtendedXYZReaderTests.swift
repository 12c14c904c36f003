import Foundation
import IonCore
import XCTest

@testable import IonIO

/// XYZ written by LAMMPS (`dump xyz`, `dump extxyz`, `%g`: 6 significant digits) and by ASE
/// (extended XYZ, 8 decimals, momenta), plain and gzip.
final class ExtendedXYZReaderTests: XCTestCase {
    /// `%g` keeps 6 significant digits: 5e-5 relative, under 2e-3 Å for coordinates below 30 Å.
    let gTolerance = 2e-3

    func testLAMMPSPlainXYZ() throws {
        let path = Fixture.path("xyz/lammps.xyz")
        let frames = try verifyReader({ try ExtendedXYZReader(path: path) }, frames: 5)
        for (k, frame) in frames.enumerated() {
            let truth = Fixture.truth[k]
            XCTAssertLessThan(maxDeviation(frame.positions, truth.positions), gTolerance, "frame \(k)")
            XCTAssertEqual(frame.step, truth.step, "from 'Atoms. Timestep: N'")
            XCTAssertNil(frame.box)
            XCTAssertNil(frame.velocities)
        }
        let topology = try XCTUnwrap(try ExtendedXYZReader(path: path).embeddedTopology)
        XCTAssertEqual(topology.elements, Fixture.truth[0].types.map { ["Li", "Cl", "N"][$0 - 1] })
        XCTAssertTrue(topology.given.contains(.elements))
        XCTAssertEqual(topology.masses[40], 35.45, accuracy: 1e-9)
    }

    func testLAMMPSExtendedXYZInRealUnits() throws {
        let path = Fixture.path("xyz/lammps.extxyz")
        let options = ReaderOptions(units: .real)
        let frames = try verifyReader({ try ExtendedXYZReader(path: path, options: options) }, frames: 5)
        for (k, frame) in frames.enumerated() {
            let truth = Fixture.truth[k]
            XCTAssertLessThan(maxDeviation(frame.positions, truth.positions), gTolerance, "frame \(k)")
            assertBox(frame.box, truth, tolerance: 1e-9)
            let velocities = try XCTUnwrap(frame.velocities)
            for i in 0..<120 {
                assertVectorsClose(
                    velocities[i], truth.velocities[i] * 1000, 1e-5 * (truth.velocities[i].length * 1000) + 1e-9,
                    "v \(i)")
            }
            XCTAssertNotNil(frame.forces)
            XCTAssertEqual(frame.step, truth.step)
            XCTAssertEqual(frame.time!, Double(truth.step) * 1e-3, accuracy: 1e-12, "Time in fs (real)")
        }
    }

    func testASEExtendedXYZWithMomenta() throws {
        for name in ["xyz/ase.extxyz", "xyz/ase.extxyz.gz"] {
            let path = Fixture.path(name)
            let frames = try verifyReader({ try ExtendedXYZReader(path: path) }, frames: 5)
            for (k, frame) in frames.enumerated() {
                let truth = Fixture.truth[k]
                XCTAssertLessThan(maxDeviation(frame.positions, truth.positions), 2e-8, "\(name) frame \(k)")
                assertBox(frame.box, truth, tolerance: 1e-12)
                // ASE momenta (u·Å per ASE time unit) → Å/ps; truth is Å/fs.
                XCTAssertLessThan(maxDeviation(try XCTUnwrap(frame.velocities), truth.velocities) { $0 * 1000 }, 1e-5)
                XCTAssertEqual(frame.time!, Double(truth.step) * 1e-3, accuracy: 1e-12)
            }
            let topology = try XCTUnwrap(try ExtendedXYZReader(path: path).embeddedTopology)
            XCTAssertTrue(topology.given.contains(.masses))
            XCTAssertEqual(topology.masses, Fixture.truth[0].masses)
        }
    }

    func testCommentSyntaxAndUnknownColumns() throws {
        let text = """
            2
            Properties=species:S:1:tags:I:1:pos:R:3:dipole:R:3:forces:R:3:charges:R:1 Lattice = "10 0 0 0 11 0 0 1 12" name="two words" Origin="1 2 3" flag step=7 Time=2.5
            Na 5 1.0 2.0 3.0 0 0 0 0.1 0.2 0.3 1.0
            Cl 6 4.0 5.0 6.0 9 9 9 -0.1 -0.2 -0.3 -1.0
            2
            pbc="F F F" Lattice="10 0 0 0 11 0 0 1 12" Properties=species:S:1:pos:R:3
            Na 1.5 2.5 3.5
            Cl 4.5 5.5 6.5

            """
        let scratch = try ScratchDirectory()
        let path = try scratch.write("syntax.extxyz", text: text)
        let frames = try verifyReader({ try ExtendedXYZReader(path: path) }, frames: 2)
        XCTAssertEqual(frames[0].positions, [Vec3(1, 2, 3), Vec3(4, 5, 6)])
        let box = try XCTUnwrap(frames[0].box)
        XCTAssertEqual(box.c, Vec3(0, 1, 12))
        XCTAssertEqual(box.origin, Vec3(1, 2, 3))
        XCTAssertEqual(frames[0].step, 7)
        XCTAssertEqual(frames[0].time!, 2.5e-3, accuracy: 1e-15)
        XCTAssertEqual(frames[0].charges, [1, -1])
        XCTAssertEqual(frames[0].forces![1].z, -0.3 * UnitSystem.metal.energy, accuracy: 1e-12, "eV/Å")
        XCTAssertNil(frames[1].box, "pbc F F F")
        XCTAssertNil(frames[1].forces)
        XCTAssertEqual(frames[1].positions[1], Vec3(4.5, 5.5, 6.5))
        let topology = try XCTUnwrap(try ExtendedXYZReader(path: path).embeddedTopology)
        XCTAssertEqual(topology.names, ["Na", "Cl"])
        XCTAssertEqual(topology.charges, [1, -1])
        XCTAssertTrue(topology.given.contains(.charges))
    }

    func testFurtherPerAtomColumnsByName() throws {
        let text = """
            2
            Properties=species:S:1:pos:R:3:forces:R:3:model_0:R:3:energies:R:1:tags:I:1
            Na 1 2 3 0.1 0.2 0.3 1.1 1.2 1.3 -4.5 7
            Cl 4 5 6 -0.1 -0.2 -0.3 2.1 2.2 2.3 -5.5 8
            2
            Properties=species:S:1:energies:R:1:pos:R:3:model_0:R:3:forces:R:3:tags:I:1
            Na -6.5 1 2 3 3.1 3.2 3.3 0 0 0 9
            Cl -7.5 4 5 6 4.1 4.2 4.3 0 0 0 10

            """
        let scratch = try ScratchDirectory()
        let path = try scratch.write("columns.extxyz", text: text)
        let columns = ["model_0[3]", "forces[1]", "energies", "tags", "model_0[1]"]
        let options = ReaderOptions(perAtomColumns: columns)
        let frames = try verifyReader({ try ExtendedXYZReader(path: path, options: options) }, frames: 2)
        XCTAssertEqual(frames[0].perAtom, [[1.3, 2.3], [0.1, -0.1], [-4.5, -5.5], [7, 8], [1.1, 2.1]])
        XCTAssertEqual(frames[1].perAtom, [[3.3, 4.3], [0, 0], [-6.5, -7.5], [9, 10], [3.1, 4.1]], "a new layout")
        XCTAssertEqual(frames[0].forces![0].x, 0.1 * UnitSystem.metal.energy, accuracy: 1e-12, "still converted")
        for (names, message) in [
            (["model_1[1]"], "no per-atom column 'model_1'"), (["model_0"], "ask for model_0[1] … model_0[3]"),
            (["model_0[4]"], "not 4"), (["species"], "not a number"),
        ] {
            let error = expectFormatError(message) {
                _ = try ExtendedXYZReader(path: path, options: ReaderOptions(perAtomColumns: names))
            }
            XCTAssertEqual(error?.line, 2, message)
            XCTAssertTrue(error?.description.contains(message) ?? false, "\(error?.description ?? "")")
        }
        var input = TrajectoryInput(trajectoryPaths: [path])
        input.perAtomColumns = ["energies"]
        XCTAssertEqual(try Trajectory(input).readers[0].perAtomColumns, ["energies"])
    }

    func testChosenFramesAreCopiedWithOneMoreColumn() throws {
        let text = """
            1
            Properties=species:S:1:pos:R:3 a=1
            Li 0.123456789 0 0

            1
            Properties="species:S:1:pos:R:3" a=2
            Li 1 0 0
            1
            plain comment
            Li 2 0 0

            """
        let scratch = try ScratchDirectory()
        let path = try scratch.write("three.extxyz", text: text)
        let copied = try ExtXYZSubset.text(of: [0, 1, 2], in: path, column: "u", values: [[0.5], [1.5], [2.5]])
        XCTAssertEqual(
            copied,
            """
            1
            Properties=species:S:1:pos:R:3:u:R:1 a=1 ionscope_frame=0
            Li 0.123456789 0 0 0.5
            1
            Properties="species:S:1:pos:R:3:u:R:1" a=2 ionscope_frame=1
            Li 1 0 0 1.5
            1
            plain comment Properties=species:S:1:pos:R:3:u:R:1 ionscope_frame=2
            Li 2 0 0 2.5

            """)
        let last = try scratch.write(
            "last.extxyz", text: try ExtXYZSubset.text(of: [2], in: path, column: "u", values: [[7]]))
        var reader = try ExtendedXYZReader(path: last, options: ReaderOptions(perAtomColumns: ["u"]))
        var frame = Frame()
        XCTAssertTrue(try reader.read(into: &frame))
        XCTAssertEqual(frame.perAtom, [[7]])
        XCTAssertEqual(frame.positions, [Vec3(2, 0, 0)])
        XCTAssertThrowsError(try ExtXYZSubset.text(of: [3], in: path, column: "u", values: [[1]]))
        XCTAssertThrowsError(try ExtXYZSubset.text(of: [1], in: path, column: "u", values: [[1, 2]]))
    }

    func testRegisteredExtensions() throws {
        XCTAssertEqual(try Formats.format(of: "a/b.extxyz.gz").name, try Formats.format(of: "c.xyz").name)
        var reader = try Formats.openTrajectory(Fixture.path("xyz/ase.extxyz.gz"))
        XCTAssertEqual(try reader.frameCount(), 5)
        XCTAssertEqual(try Formats.readTopology(Fixture.path("xyz/lammps.xyz")).atomCount, 120)
    }

    // MARK: bad input

    private func lines(_ relative: String) throws -> [String] {
        try String(contentsOfFile: Fixture.path(relative), encoding: .utf8)
            .split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    }

    func testTruncatedLastFrame() throws {
        let scratch = try ScratchDirectory()
        let all = try lines("xyz/ase.extxyz")  // frames of 122 lines
        let cuts = [
            ("lines", all[0..<(4 * 122 + 50)].joined(separator: "\n") + "\n"),
            ("record", all[0..<(4 * 122 + 50)].joined(separator: "\n") + "\n" + all[4 * 122 + 50].prefix(30)),
            ("header", all[0..<(4 * 122 + 1)].joined(separator: "\n") + "\n"),
        ]
        for (name, text) in cuts {
            do {
                let path = try scratch.write("cut-\(name).extxyz", text: text)
                var reader: any TrajectoryReader = try ExtendedXYZReader(path: path)
                XCTAssertEqual(try reader.frameCount(), 4, name)
                let error = expectFormatError("past 4 frames") { _ = try readAll(&reader) }
                XCTAssertEqual(error?.isTruncation, true, name)
                XCTAssertEqual(error?.frame, 4, name)
                XCTAssertNotNil(error?.line, name)
                try reader.seek(toFrame: 3)
                var frame = Frame()
                XCTAssertTrue(try reader.read(into: &frame))
                XCTAssertLessThan(maxDeviation(frame.positions, Fixture.truth[3].positions), 2e-8)
            }
        }
    }

    func testChangedAtomCount() throws {
        let scratch = try ScratchDirectory()
        var all = try lines("xyz/lammps.xyz")
        all[2 * 122] = "119"
        all.remove(at: 2 * 122 + 5)
        let path = try scratch.write("fewer.xyz", text: all.joined(separator: "\n"))
        var reader: any TrajectoryReader = try ExtendedXYZReader(path: path)
        let error = expectFormatError("count") { _ = try readAll(&reader) }
        XCTAssertEqual(error?.frame, 2)
        XCTAssertEqual(error?.line, 2 * 122 + 1)
        XCTAssertEqual(error?.isTruncation, false)
        XCTAssertTrue(error?.description.contains("119 atoms") ?? false, error?.description ?? "")
        var counting: any TrajectoryReader = try ExtendedXYZReader(path: path)
        _ = expectFormatError("frameCount") { _ = try counting.frameCount() }
    }

    func testBadNumbersAndHeaders() throws {
        let scratch = try ScratchDirectory()
        let cases: [(String, (inout [String]) -> Void, Int, String)] = [
            ("word", { $0[130] = "Cl 1.0 abc 3.0" }, 131, "'abc' is not a finite number"),
            ("nan", { $0[130] = "Cl 1.0 nan 3.0" }, 131, "'nan' is not a finite number"),
            ("inf", { $0[130] = "Cl 1.0 2.0 -inf" }, 131, "'-inf' is not a finite number"),
            ("columns", { $0[130] = "Cl 1.0 2.0" }, 131, "has 3 columns"),
            ("count", { $0[122] = "12O" }, 123, "expected the number of atoms"),
            ("properties", { $0[123] = "Properties=species:S:1:pos:R" }, 124, "name:type:count"),
            ("properties-type", { $0[123] = "Properties=species:S:1:pos:X:3" }, 124, "type 'X'"),
            ("no-pos", { $0[123] = "Properties=species:S:1:x:R:3" }, 124, "no pos:R:3"),
            ("lattice", { $0[123] = "Lattice=\"1 0 0 0 1 0 0 0\"" }, 124, "nine finite numbers"),
            ("left-handed", { $0[123] = "Lattice=\"1 0 0 0 1 0 0 0 -1\"" }, 124, "right-handed"),
        ]
        for (name, edit, line, message) in cases {
            var all = try lines("xyz/lammps.xyz")
            edit(&all)
            let path = try scratch.write("\(name).xyz", text: all.joined(separator: "\n"))
            var reader: any TrajectoryReader = try ExtendedXYZReader(path: path)
            let error = expectFormatError(name) { _ = try readAll(&reader) }
            XCTAssertEqual(error?.frame, 1, name)
            XCTAssertEqual(error?.line, line, name)
            XCTAssertEqual(error?.isTruncation, false, name)
            XCTAssertTrue(error?.description.contains(message) ?? false, "\(name): \(error?.description ?? "")")
        }
        let huge = try scratch.write("huge.xyz", text: "999999999999\ncomment\nLi 0 0 0\n")
        let cut = expectFormatError("corrupt atom count") { _ = try ExtendedXYZReader(path: huge) }
        XCTAssertEqual(cut?.isTruncation, true)
        XCTAssertEqual(cut?.line, 3, "the last line of the file")
        let empty = try scratch.write("empty.xyz", text: "\n\n")
        _ = expectFormatError("empty") { _ = try ExtendedXYZReader(path: empty) }
        let momenta = try scratch.write(
            "momenta.extxyz", text: "1\nProperties=species:S:1:pos:R:3:momenta:R:3\nXx 0 0 0 1 1 1\n")
        XCTAssertTrue(
            expectFormatError("momenta without mass") { _ = try ExtendedXYZReader(path: momenta) }?
                .description.contains("positive mass") ?? false)
    }
}
