import Foundation
import IonCore
import XCTest

@testable import IonIO

/// DCD from LAMMPS itself and the variants convert.py makes from the same run, against the
/// LAMMPS `dump custom` truth. Float32 coordinates: 2e-5 Å for positions up to 30 Å.
final class DCDReaderTests: XCTestCase {
    let positionTolerance = 2e-5

    func testLAMMPSFileMatchesTruth() throws {
        let path = Fixture.path("dcd/lammps.dcd")
        let frames = try verifyReader({ try DCDReader(path: path) }, frames: 5)
        let reader = try DCDReader(path: path)
        XCTAssertEqual(reader.writer, .lammps)
        XCTAssertEqual(reader.atomCount, 120)
        XCTAssertTrue(reader.hasUnitCell)
        XCTAssertFalse(reader.byteOrderIsBigEndian)
        XCTAssertFalse(reader.unitsAreKnown, "LAMMPS DCD without ReaderOptions.units")
        XCTAssertTrue(try DCDReader(path: path, options: ReaderOptions(units: .real)).unitsAreKnown)
        for (k, frame) in frames.enumerated() {
            let truth = Fixture.truth[k]
            XCTAssertLessThan(maxDeviation(frame.positions, truth.positions), positionTolerance, "frame \(k)")
            assertBox(frame.box, truth, tolerance: 1e-9)
            XCTAssertEqual(frame.step, truth.step)
            XCTAssertNil(frame.time, "LAMMPS DELTA is in the run's units: no time without ReaderOptions.units")
        }
    }

    func testLAMMPSTimeNeedsUnits() throws {
        var reader = try DCDReader(path: Fixture.path("dcd/lammps.dcd"), options: ReaderOptions(units: .real))
        var frame = Frame()
        try reader.seek(toFrame: 3)
        XCTAssertTrue(try reader.read(into: &frame))
        XCTAssertEqual(frame.step, 30)
        XCTAssertEqual(frame.time!, 0.030, accuracy: 1e-12, "30 steps of 1 fs")
    }

    func testBigEndianAnd64BitMarkersReadTheSameFrames() throws {
        let little = try verifyReader({ try DCDReader(path: Fixture.path("dcd/lammps.dcd")) }, frames: 5)
        for variant in ["dcd/lammps_bigendian.dcd", "dcd/lammps_marker64.dcd"] {
            let frames = try verifyReader({ try DCDReader(path: Fixture.path(variant)) }, frames: 5)
            for k in 0..<5 { assertSameFrame(frames[k], little[k], "\(variant) frame \(k)") }
        }
        XCTAssertTrue(try DCDReader(path: Fixture.path("dcd/lammps_bigendian.dcd")).byteOrderIsBigEndian)
    }

    func testMDAnalysisWriter() throws {
        let frames = try verifyReader({ try DCDReader(path: Fixture.path("dcd/mdanalysis.dcd")) }, frames: 5)
        XCTAssertEqual(try DCDReader(path: Fixture.path("dcd/mdanalysis.dcd")).writer, .charmm)
        for (k, frame) in frames.enumerated() {
            let truth = Fixture.truth[k]
            XCTAssertLessThan(maxDeviation(frame.positions, truth.positions), positionTolerance)
            assertBox(frame.box, truth, tolerance: 1e-4)  // MDAnalysis stores the cell from float32
            // MDAnalysis writes DELTA = 1 ps in AKMA units and NSAVC = 1.
            XCTAssertEqual(frame.time!, Double(k), accuracy: 1e-6)
        }
    }

    func testNAMDFixedAtoms() throws {
        let frames = try verifyReader({ try DCDReader(path: Fixture.path("dcd/namd_fixed.dcd")) }, frames: 5)
        let reader = try DCDReader(path: Fixture.path("dcd/namd_fixed.dcd"))
        XCTAssertEqual(reader.writer, .namd)
        XCTAssertEqual(reader.title.count, 2)
        for (k, frame) in frames.enumerated() {
            let truth = Fixture.truth[k]
            // Atoms 1…100 are free; 101…120 keep their frame-0 positions.
            let expected = Array(truth.positions[0..<100]) + Array(Fixture.truth[0].positions[100...])
            XCTAssertLessThan(maxDeviation(frame.positions, expected), positionTolerance, "frame \(k)")
            assertBox(frame.box, truth, tolerance: 1e-9)
            XCTAssertEqual(frame.step, 10 + 10 * k)
            // DELTA is 1 fs written in AKMA units.
            XCTAssertEqual(frame.time!, Double(10 + 10 * k) * 1e-3, accuracy: 1e-8)  // float32 DELTA
        }
    }

    func testCHARMMShapeMatrixAndFourthDimension() throws {
        let frames = try verifyReader({ try DCDReader(path: Fixture.path("dcd/charmm_shape.dcd")) }, frames: 5)
        XCTAssertEqual(try DCDReader(path: Fixture.path("dcd/charmm_shape.dcd")).writer, .charmm)
        let text = try String(contentsOfFile: Fixture.path("triclinic-salt/charmm_shape_truth.txt"), encoding: .utf8)
        let rows = text.split(separator: "\n").filter { !$0.hasPrefix("#") }.map {
            let v = $0.split(separator: " ").map { Double($0)! }
            return Vec3(v[0], v[1], v[2])
        }
        for (block, k) in [0, 4].enumerated() {
            let expected = Array(rows[(6 * block)..<(6 * block + 6)])
            let box = try XCTUnwrap(frames[k].box)
            assertVectorsClose(box.a, expected[0], 1e-9, "a")
            assertVectorsClose(box.b, expected[1], 1e-9, "b")
            assertVectorsClose(box.c, expected[2], 1e-9, "c")
            for i in 0..<3 {
                assertVectorsClose(frames[k].positions[i], expected[3 + i], positionTolerance, "atom \(i)")
            }
            XCTAssertEqual(box.volume, Fixture.truth[k].lx * Fixture.truth[k].ly * Fixture.truth[k].lz, accuracy: 1e-6)
            XCTAssertEqual(frames[k].step, 1000 + 10 * k)
            XCTAssertEqual(frames[k].time!, Double(1000 + 10 * k) * 2e-3, accuracy: 1e-6, "DELTA is 2 fs in AKMA units")
        }
    }

    func testRegisteredFormat() throws {
        let format = try Formats.format(of: "run/traj.DCD")
        XCTAssertTrue(format.providesTrajectory)
        var reader = try Formats.openTrajectory(Fixture.path("dcd/lammps.dcd"))
        XCTAssertEqual(try reader.frameCount(), 5)
    }

    // MARK: bad input

    func testTruncatedLastFrameKeepsCompleteFrames() throws {
        let scratch = try ScratchDirectory()
        for cut in [1, 100, 1500] {
            let path = try scratch.copy("dcd/lammps.dcd", as: "cut\(cut).dcd") { $0.removeLast(cut) }
            var reader: any TrajectoryReader = try DCDReader(path: path)
            XCTAssertEqual(try reader.frameCount(), 4, "cut \(cut) bytes")
            let error = expectFormatError("reading past 4 frames") { _ = try readAll(&reader) }
            XCTAssertEqual(error?.isTruncation, true)
            XCTAssertEqual(error?.frame, 4)
            XCTAssertEqual(error?.path, path)
            try reader.seek(toFrame: 3)
            var frame = Frame()
            XCTAssertTrue(try reader.read(into: &frame))
            XCTAssertLessThan(maxDeviation(frame.positions, Fixture.truth[3].positions), positionTolerance)
        }
    }

    func testTruncatedHeader() throws {
        let scratch = try ScratchDirectory()
        let path = try scratch.copy("dcd/lammps.dcd", as: "header.dcd") { $0 = $0.prefix(150) }
        let error = expectFormatError("cut header") { _ = try DCDReader(path: path) }
        XCTAssertEqual(error?.isTruncation, true)
    }

    func testCorruptRecordMarker() throws {
        let scratch = try ScratchDirectory()
        // Header 276 bytes, frames of 1520: the x-record marker of frame 2 sits 56 bytes in.
        let path = try scratch.copy("dcd/lammps.dcd", as: "marker.dcd") { $0[276 + 2 * 1520 + 56] = 0x7F }
        var reader: any TrajectoryReader = try DCDReader(path: path)
        let error = expectFormatError("bad marker") { _ = try readAll(&reader) }
        XCTAssertEqual(error?.frame, 2)
        XCTAssertEqual(error?.isTruncation, false)
        XCTAssertTrue(error?.description.contains("record marker") ?? false, error?.description ?? "")
    }

    func testNonFiniteCoordinate() throws {
        let scratch = try ScratchDirectory()
        let nan = withUnsafeBytes(of: Float.nan.bitPattern.littleEndian) { Array($0) }
        let path = try scratch.copy("dcd/lammps.dcd", as: "nan.dcd") { data in
            let at = 276 + 1520 + 56 + 4 + 4 * 7  // frame 1, x of atom 8
            data.replaceSubrange(at..<(at + 4), with: nan)
        }
        var reader: any TrajectoryReader = try DCDReader(path: path)
        let error = expectFormatError("NaN") { _ = try readAll(&reader) }
        XCTAssertEqual(error?.frame, 1)
        XCTAssertTrue(error?.description.contains("atom 8") ?? false, error?.description ?? "")
    }

    func testNotADCDFile() throws {
        let scratch = try ScratchDirectory()
        let path = try scratch.write("text.dcd", text: "this is not a DCD file at all, just some text\n")
        let error = expectFormatError("text file") { _ = try DCDReader(path: path) }
        XCTAssertTrue(error?.description.contains("not a DCD file") ?? false)
        let velocity = try scratch.copy("dcd/lammps.dcd", as: "veld.dcd") {
            $0.replaceSubrange(4..<8, with: Array("VELD".utf8))
        }
        XCTAssertTrue(
            expectFormatError("velocity file") { _ = try DCDReader(path: velocity) }?
                .description.contains("VELD") ?? false)
        let empty = try scratch.write("empty.dcd", Data())
        _ = expectFormatError("empty file") { _ = try DCDReader(path: empty) }
    }

    func testBadAtomCountAndFreeList() throws {
        let scratch = try ScratchDirectory()
        let zero = try scratch.copy("dcd/lammps.dcd", as: "zero.dcd") {
            $0.replaceSubrange(268..<272, with: [0, 0, 0, 0])
        }
        XCTAssertTrue(
            expectFormatError("zero atoms") { _ = try DCDReader(path: zero) }?.description.contains("atom count")
                ?? false)
        // NAMNF larger than the atom count.
        let fixed = try scratch.copy("dcd/lammps.dcd", as: "fixed.dcd") {
            $0.replaceSubrange(40..<44, with: [200, 0, 0, 0])
        }
        XCTAssertTrue(
            expectFormatError("too many fixed") { _ = try DCDReader(path: fixed) }?.description.contains("fixed")
                ?? false)
    }
}
