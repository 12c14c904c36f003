import Foundation
import IonCore
import IonTestSupport
import XCTest

@testable import IonIO

/// The GROMACS readers against files written by GROMACS 2022.5 and the values MDAnalysis reads
/// from them (see Fixtures/gromacs/make_gromacs_fixtures.sh and make_reference.py).
final class GROMACSReaderTests: XCTestCase {
    typealias Fixtures = GROMACSFixtures
    let nm = 10.0  // Å per nm

    // MARK: Shared checks

    /// The stored value that a reference number stands for: JSON holds the shortest decimal
    /// that reads back to the file's float32, so single-precision values go through Float.
    func stored(_ value: Double, single: Bool = true) -> Double { single ? Double(Float(value)) : value }

    /// Box vectors against a reference row-major matrix in nm (file floats: exact after ×10).
    func assertBox(
        _ box: Box?, _ reference: [Double], _ context: String, single: Bool = true,
        file: StaticString = #filePath, line: UInt = #line
    ) {
        guard let box else { return XCTFail("no box, \(context)", file: file, line: line) }
        let rows = [box.a, box.b, box.c]
        for r in 0..<3 {
            for k in 0..<3 {
                XCTAssertEqual(
                    rows[r][k], stored(reference[3 * r + k], single: single) * nm, accuracy: 1e-12,
                    "box[\(r)][\(k)], \(context)", file: file, line: line)
            }
        }
    }

    /// Largest |ours − reference| over a flattened N×3 array, in the units of `reference` after
    /// dividing ours by `scale`.
    func maxDeviation(_ ours: [Vec3], _ reference: [Double], scale: Double) -> Double {
        XCTAssertEqual(ours.count * 3, reference.count)
        var worst = 0.0
        for (i, v) in ours.enumerated() where 3 * i + 2 < reference.count {
            for k in 0..<3 { worst = max(worst, abs(v[k] / scale - reference[3 * i + k])) }
        }
        return worst
    }

    /// Vectors equal `reference` (flattened, file units) times `factor`, exactly; reports the
    /// first difference only.
    func assertExact(
        _ ours: [Vec3]?, _ reference: [Double]?, factor: Double, single: Bool, _ context: String,
        file: StaticString = #filePath, line: UInt = #line
    ) {
        guard let ours, let reference else {
            return XCTAssertEqual(ours == nil, reference == nil, "presence, \(context)", file: file, line: line)
        }
        XCTAssertEqual(ours.count * 3, reference.count, context, file: file, line: line)
        for (i, v) in ours.enumerated() where 3 * i + 2 < reference.count {
            for k in 0..<3 where v[k] != stored(reference[3 * i + k], single: single) * factor {
                return XCTFail(
                    "atom \(i) axis \(k): \(v[k]) ≠ \(reference[3 * i + k]) × \(factor), \(context)", file: file,
                    line: line)
            }
        }
    }

    /// Reads every frame of `reader` sequentially.
    func readAll(_ reader: any TrajectoryReader) throws -> [Frame] {
        var reader = reader
        var frames: [Frame] = []
        var frame = Frame()
        while try reader.read(into: &frame) { frames.append(frame) }
        XCTAssertFalse(try reader.read(into: &frame), "end of file stays the end")
        return frames
    }

    /// Seeks to every frame in a seeded random order and compares with the sequential read;
    /// then rewinds and re-reads frame 0, and checks seeking to the end and past it.
    func verifyRandomAccess(
        _ reader: any TrajectoryReader, sequential: [Frame],
        file: StaticString = #filePath, line: UInt = #line
    ) throws {
        var reader = reader
        XCTAssertEqual(try reader.frameCount(), sequential.count, file: file, line: line)
        var generator = SeededRandom(seed: 42)
        var frame = Frame()
        for k in Array(0..<sequential.count).shuffled(using: &generator) {
            try reader.seek(toFrame: k)
            XCTAssertTrue(try reader.read(into: &frame), "frame \(k)", file: file, line: line)
            XCTAssertEqual(frame.positions, sequential[k].positions, "positions of frame \(k)", file: file, line: line)
            XCTAssertEqual(
                frame.velocities, sequential[k].velocities, "velocities of frame \(k)", file: file, line: line)
            XCTAssertEqual(frame.forces, sequential[k].forces, "forces of frame \(k)", file: file, line: line)
            XCTAssertEqual(frame.box, sequential[k].box, "box of frame \(k)", file: file, line: line)
            XCTAssertEqual(frame.step, sequential[k].step, "step of frame \(k)", file: file, line: line)
            XCTAssertEqual(frame.time, sequential[k].time, "time of frame \(k)", file: file, line: line)
        }
        try reader.rewind()
        XCTAssertTrue(try reader.read(into: &frame), file: file, line: line)
        XCTAssertEqual(frame.positions, sequential[0].positions, "frame 0 after rewind", file: file, line: line)
        try reader.seek(toFrame: sequential.count)
        XCTAssertFalse(try reader.read(into: &frame), "seek to the end, then read", file: file, line: line)
        let error = expectFormatError("seeking past the end", file: file, line: line) {
            try reader.seek(toFrame: sequential.count + 1)
        }
        XCTAssertEqual(error?.frame, sequential.count + 1, file: file, line: line)
    }

    // MARK: .xtc

    /// Positions must match MDAnalysis to 0.5×10⁻³ nm (the file's grid); they match its floats.
    func checkXTC(_ name: String, _ reference: Fixtures.XDRFile) throws {
        let reader = try XTCReader(path: Fixtures.path(name))
        XCTAssertEqual(reader.atomCount, reference.atoms)
        XCTAssertEqual(reader.units, .gromacs)
        let frames = try readAll(reader)
        XCTAssertEqual(frames.count, reference.frames.count, name)
        for (k, (frame, expected)) in zip(frames, reference.frames).enumerated() {
            let context = "\(name) frame \(k)"
            XCTAssertEqual(frame.step, expected.step, context)
            XCTAssertEqual(frame.time, expected.time, context)  // float time as a double, exact
            XCTAssertEqual(frame.wrapping, .unknown)
            XCTAssertNil(frame.velocities)
            assertBox(frame.box, expected.box, context)
            XCTAssertEqual(frame.positions.count, reference.atoms, context)
            if let grid = expected.xi, let precision = expected.precision {
                let deviation = maxDeviation(frame.positions, grid.map { Double($0) / precision }, scale: nm)
                XCTAssertLessThanOrEqual(deviation, 0.5e-3, context)
                XCTAssertLessThanOrEqual(deviation, 1e-6, "\(context): should equal the file's float values")
            } else if let x = expected.x {
                assertExact(frame.positions, x, factor: nm, single: true, context)
            }
        }
        try verifyRandomAccess(try XTCReader(path: Fixtures.path(name)), sequential: frames)
    }

    func testXTCCubicWaterMatchesMDAnalysis() throws {
        try checkXTC("water.xtc", Fixtures.reference.waterXTC)
        let first = try readAll(try XTCReader(path: Fixtures.path("water.xtc")))[0]
        // Units: the first oxygen is at (0.230, 0.628, 0.113) nm in water.gro.
        XCTAssertEqual(first.positions[0].x, 2.30, accuracy: 1e-5)
        XCTAssertEqual(first.positions[0].y, 6.28, accuracy: 1e-5)
        XCTAssertEqual(first.box?.lengths.x ?? 0, 16.0, accuracy: 1e-5)
        XCTAssertTrue(first.box?.isOrthorhombic ?? false)
    }

    func testXTCTriclinicMatchesMDAnalysis() throws {
        try checkXTC("tric.xtc", Fixtures.reference.triclinicXTC)
        let box = try XCTUnwrap(try readAll(try XTCReader(path: Fixtures.path("tric.xtc")))[0].box)
        XCTAssertFalse(box.isOrthorhombic)
        // Rhombic dodecahedron (xy-square) of image distance 2 nm: angles 60°, 60°, 90°.
        XCTAssertEqual(box.anglesDegrees.x, 60, accuracy: 1e-3)
        XCTAssertEqual(box.anglesDegrees.y, 60, accuracy: 1e-3)
        XCTAssertEqual(box.anglesDegrees.z, 90, accuracy: 1e-3)
        XCTAssertEqual(box.lengths.x, 20, accuracy: 1e-4)
    }

    /// Four ions only: GROMACS stores frames of ≤ 9 atoms as plain floats.
    func testXTCUncompressedFewAtoms() throws {
        try checkXTC("ions.xtc", Fixtures.reference.ionsXTC)
    }

    /// GROMACS ≥ 2023 writes magic 2023 and a 64-bit byte count for very large systems; the
    /// same frames rewritten that way must read the same.
    func testXTCMagic2023WithSixtyFourBitByteCount() throws {
        let data = try Fixtures.data("water.xtc")
        var converted = Data()
        let offsets = data.xtcFrameOffsets()
        for (k, start) in offsets.enumerated() {
            var header = data[start..<(start + 88)]
            header.replaceSubrange(header.startIndex..<(header.startIndex + 4), with: [0, 0, 0x07, 0xe7])  // 2023
            converted +=
                header + Data([0, 0, 0, 0]) + data[(start + 88)..<(k + 1 < offsets.count ? offsets[k + 1] : data.count)]
        }
        let folder = try ScratchDirectory()
        let path = try folder.write("large.xtc", converted)
        let frames = try readAll(try XTCReader(path: path))
        let original = try readAll(try XTCReader(path: Fixtures.path("water.xtc")))
        XCTAssertEqual(frames.count, original.count)
        XCTAssertEqual(frames.map(\.positions), original.map(\.positions))
        try verifyRandomAccess(try XTCReader(path: path), sequential: frames)
    }

    /// An all-zero box (no periodicity, as GROMACS writes for vacuum) gives no box.
    func testXTCZeroBoxIsNil() throws {
        var data = try Fixtures.data("ions.xtc")
        for k in 0..<9 { data.setFloat32(0, at: 104 + 16 + 4 * k) }  // frame 1
        let folder = try ScratchDirectory()
        let frames = try readAll(try XTCReader(path: try folder.write("vacuum.xtc", data)))
        XCTAssertNotNil(frames[0].box)
        XCTAssertNil(frames[1].box)
    }

    // MARK: .trr

    /// Every field must equal MDAnalysis' floats exactly (after the unit factor).
    func checkTRR(_ name: String, _ reference: Fixtures.XDRFile, double: Bool) throws {
        let reader = try TRRReader(path: Fixtures.path(name))
        XCTAssertEqual(reader.isDoublePrecision, double)
        XCTAssertEqual(reader.atomCount, reference.atoms)
        let frames = try readAll(reader)
        XCTAssertEqual(frames.count, reference.frames.count, name)
        for (k, (frame, expected)) in zip(frames, reference.frames).enumerated() {
            let context = "\(name) frame \(k)"
            XCTAssertEqual(frame.step, expected.step, context)
            XCTAssertEqual(frame.time, expected.time, context)
            assertBox(frame.box, expected.box, context, single: !double)
            assertExact(
                frame.positions.isEmpty ? nil : frame.positions, expected.x, factor: 10, single: !double,
                "x, \(context)")
            assertExact(frame.velocities, expected.v, factor: 10, single: !double, "v, \(context)")
            assertExact(frame.forces, expected.f, factor: 0.1, single: !double, "f, \(context)")
            XCTAssertEqual(FrameFields(of: frame).contains(.positions), expected.x != nil, context)
        }
        try verifyRandomAccess(try TRRReader(path: Fixtures.path(name)), sequential: frames)
    }

    /// mdrun wrote x every 50 steps, v every 100 and f every 40: frames differ in content.
    func testTRRMixedFieldsMatchMDAnalysis() throws {
        let reference = Fixtures.reference.waterTRR
        XCTAssertEqual(reference.frames.map(\.step), [0, 40, 50, 80, 100, 120, 150, 160, 200])
        try checkTRR("water.trr", reference, double: false)
        let frames = try readAll(try TRRReader(path: Fixtures.path("water.trr")))
        XCTAssertEqual(
            frames.map { FrameFields(of: $0).names }[0...2].map { $0 },
            [["positions", "velocities", "forces", "box"], ["forces", "box"], ["positions", "box"]])
        XCTAssertEqual(frames[1].time ?? 0, 0.08, accuracy: 1e-7)
    }

    func testTRRDoublePrecisionMatchesMDAnalysis() throws {
        try checkTRR("double.trr", Fixtures.reference.doubleTRR, double: true)
    }

    func testTRRTriclinicBox() throws {
        try checkTRR("tric.trr", Fixtures.reference.triclinicTRR, double: false)
    }

    // MARK: .gro

    func testGROTopologyMatchesMDAnalysis() throws {
        let reference = Fixtures.reference.waterGRO
        let topology = try Formats.readTopology(Fixtures.path("water.gro"))
        XCTAssertEqual(topology.atomCount, reference.atoms)
        XCTAssertEqual(topology.names, reference.names)
        XCTAssertEqual(topology.residueNames, reference.resnames)
        XCTAssertEqual(topology.residueIDs, reference.resids)
        XCTAssertEqual(topology.given, [.names, .residues])
        XCTAssertEqual(Set(topology.elements), ["O", "H", "Na", "Cl"])
        XCTAssertEqual(topology.masses[0], 15.999, accuracy: 1e-9)
        let reader = try GROReader(path: Fixtures.path("water.gro"))
        let frames = try readAll(reader)
        XCTAssertEqual(frames.count, 1)
        XCTAssertLessThanOrEqual(maxDeviation(frames[0].positions, reference.x_nm, scale: nm), 1e-9)
        XCTAssertEqual(frames[0].box?.lengths.x ?? 0, reference.dimensions[0], accuracy: 1e-9)
        XCTAssertNil(frames[0].velocities)
        XCTAssertNil(frames[0].time)
    }

    /// traj.gro is every third frame of water.xtc written by trjconv: same grid values, with
    /// time and step in the titles.
    func testGROTrajectoryMatchesXTCReference() throws {
        try checkGRO("traj.gro", against: Fixtures.reference.waterXTC, frames: [0, 3, 6, 9])
    }

    /// tric.gro is frames 0, 2, 4 of tric.xtc; its box line has all 9 values.
    func testGROTriclinicMatchesXTCReference() throws {
        try checkGRO("tric.gro", against: Fixtures.reference.triclinicXTC, frames: [0, 2, 4])
    }

    func checkGRO(_ name: String, against reference: Fixtures.XDRFile, frames indices: [Int]) throws {
        let reader = try GROReader(path: Fixtures.path(name))
        XCTAssertEqual(reader.atomCount, reference.atoms)
        let frames = try readAll(reader)
        XCTAssertEqual(frames.count, indices.count)
        for (frame, k) in zip(frames, indices) {
            let expected = reference.frames[k]
            let context = "\(name) frame of step \(expected.step)"
            XCTAssertEqual(frame.step, expected.step, context)
            XCTAssertEqual(frame.time ?? -1, expected.time, accuracy: 1e-6, context)
            let grid = (expected.xi ?? []).map { Double($0) / (expected.precision ?? 1) }
            XCTAssertLessThanOrEqual(maxDeviation(frame.positions, grid, scale: nm), 0.5e-3 + 1e-9, context)
            // .gro prints the box with 5 decimals.
            let box = try XCTUnwrap(frame.box)
            for (r, row) in [box.a, box.b, box.c].enumerated() {
                for axis in 0..<3 {
                    XCTAssertEqual(row[axis] / nm, expected.box[3 * r + axis], accuracy: 0.5e-5 + 1e-6, context)
                }
            }
        }
        try verifyRandomAccess(try GROReader(path: Fixtures.path(name)), sequential: frames)
    }

    /// vel.gro holds the .trr frames at steps 0 and 100 with velocities (4 decimals, nm/ps).
    func testGROVelocitiesMatchTRRReference() throws {
        let reference = Fixtures.reference.waterTRR.frames.filter { $0.step == 0 || $0.step == 100 }
        let frames = try readAll(try GROReader(path: Fixtures.path("vel.gro")))
        XCTAssertEqual(frames.count, 2)
        for (frame, expected) in zip(frames, reference) {
            XCTAssertEqual(frame.step, expected.step)
            XCTAssertLessThanOrEqual(maxDeviation(frame.positions, try XCTUnwrap(expected.x), scale: nm), 0.5e-3 + 1e-7)
            let velocities = try XCTUnwrap(frame.velocities)
            XCTAssertLessThanOrEqual(maxDeviation(velocities, try XCTUnwrap(expected.v), scale: nm), 0.5e-4 + 1e-7)
        }
    }

    /// Hand-written: 5-decimal positions and 6-decimal velocities (width 10), residue numbers
    /// that wrap at 99999, a 9-value box, and a title with time and step.
    func testGROHighPrecisionResidueWrapAndNineValueBox() throws {
        let text = """
            wrapped residues t=  12.50000 step= 6250
                4
            99998SOL     OW    1   0.12345   1.00000  -0.50000  0.123456 -1.000000  0.000001
            99999SOL     OW    2   1.00000   2.00000   3.00000  0.000000  0.000000  0.000000
                0SOL     OW    3   0.00001   0.00002   0.00003  1.000000  2.000000  3.000000
                1NA      NA    4  -1.00000  -2.00000  -3.00000 -1.000000 -2.000000 -3.000000
               3.00000   4.00000   5.00000   0.00000   0.00000   1.00000   0.00000   0.50000   0.25000

            """
        let folder = try ScratchDirectory()
        let path = try folder.write("wrap.gro", Data(text.utf8))
        let reader = try GROReader(path: path)
        XCTAssertEqual(reader.topology.residueIDs, [99998, 99999, 100000, 100001])
        XCTAssertEqual(reader.topology.residueNames, ["SOL", "SOL", "SOL", "NA"])
        XCTAssertEqual(reader.topology.elements, ["O", "O", "O", "Na"])
        var frame = Frame()
        XCTAssertTrue(try reader.read(into: &frame))
        XCTAssertEqual(frame.positions[0].x, 1.2345, accuracy: 1e-12)
        XCTAssertEqual(frame.positions[2].z, 0.0003, accuracy: 1e-12)
        XCTAssertEqual(frame.velocities?[0].x ?? 0, 1.23456, accuracy: 1e-12)
        XCTAssertEqual(frame.velocities?[3].z ?? 0, -30, accuracy: 1e-12)
        XCTAssertEqual(frame.time, 12.5)
        XCTAssertEqual(frame.step, 6250)
        let box = try XCTUnwrap(frame.box)
        XCTAssertEqual(box.a, Vec3(30, 0, 0))
        XCTAssertEqual(box.b, Vec3(10, 40, 0))
        XCTAssertEqual(box.c, Vec3(5, 2.5, 50))
        XCTAssertFalse(try reader.read(into: &frame), "a trailing blank line is not a frame")
    }

    // MARK: Registry

    func testFormatsRegistry() throws {
        XCTAssertEqual(try Formats.format(of: "run/traj.xtc").name, "GROMACS xtc")
        XCTAssertEqual(try Formats.format(of: "run/traj.TRR").name, "GROMACS trr")
        XCTAssertEqual(try Formats.format(of: "conf.gro.gz").name, "GROMACS gro")
        XCTAssertTrue(try Formats.format(of: "a.gro").providesTopology)
        XCTAssertFalse(try Formats.format(of: "a.xtc").providesTopology)
        XCTAssertTrue(try Formats.openTrajectory(Fixtures.path("water.xtc")) is XTCReader)
        XCTAssertTrue(try Formats.openTrajectory(Fixtures.path("water.trr")) is TRRReader)
        XCTAssertTrue(try Formats.openTrajectory(Fixtures.path("traj.gro")) is GROReader)
        XCTAssertThrowsError(try Formats.readTopology(Fixtures.path("water.xtc"))) { XCTAssertTrue($0 is InputError) }
        var reader = try Formats.openTrajectory(Fixtures.path("traj.gro"))
        XCTAssertEqual(reader.embeddedTopology?.atomCount, 394)
        XCTAssertEqual(try reader.frameCount(), 4)
    }
}
