import Foundation
import IonCore
import IonTestSupport
import XCTest

@testable import IonIO

/// Truncated, corrupted and inconsistent GROMACS files, made from copies of the fixtures: every
/// failure is a FormatError naming the file and the frame (and, for .gro, the line); complete
/// frames before a truncated last one stay readable.
final class GROMACSBadInputTests: XCTestCase {
    typealias Fixtures = GROMACSFixtures
    var folder: ScratchDirectory!

    override func setUpWithError() throws { folder = try ScratchDirectory() }
    override func tearDown() { folder = nil }

    /// Opens `path`, reads `good` frames, and expects the next read to throw; returns the error.
    func readUntilError(
        _ open: () throws -> any TrajectoryReader, good: Int,
        file: StaticString = #filePath, line: UInt = #line
    ) throws -> FormatError? {
        var reader = try open()
        var frame = Frame()
        for k in 0..<good {
            XCTAssertTrue(try reader.read(into: &frame), "frame \(k) should read", file: file, line: line)
        }
        return expectFormatError("reading frame \(good)", file: file, line: line) { _ = try reader.read(into: &frame) }
    }

    /// A file cut inside frame `good`: `good` frames count and read, the next one throws a
    /// truncation error, also after seeking to it.
    func checkTruncated(
        _ path: String, good: Int, open: (String) throws -> any TrajectoryReader,
        file: StaticString = #filePath, line: UInt = #line
    ) throws -> FormatError? {
        var reader = try open(path)
        XCTAssertEqual(try reader.frameCount(), good, file: file, line: line)
        let error = try readUntilError({ try open(path) }, good: good, file: file, line: line)
        XCTAssertEqual(
            error?.isTruncation, true, "\(error.map(String.init(describing:)) ?? "")", file: file, line: line)
        XCTAssertEqual(error?.frame, good, file: file, line: line)
        XCTAssertEqual(error?.path, path, file: file, line: line)
        try reader.seek(toFrame: good)
        var frame = Frame()
        XCTAssertEqual(
            expectFormatError(file: file, line: line) { _ = try reader.read(into: &frame) }?.isTruncation,
            true, file: file, line: line)
        return error
    }

    // MARK: .xtc

    func testXTCTruncatedLastFrame() throws {
        let data = try Fixtures.data("water.xtc")
        let offsets = data.xtcFrameOffsets()
        XCTAssertEqual(offsets.count, 11)
        for (name, cut) in [
            ("in header", offsets[10] + 30), ("in compression header", offsets[10] + 70),
            ("in block", offsets[10] + 500), ("last byte", data.count - 1),
        ] {
            let path = try folder.write("cut.xtc", data.prefix(cut))
            let error = try checkTruncated(path, good: 10) { try XTCReader(path: $0) }
            XCTAssertTrue(error?.description.contains("end") ?? false, "\(name): \(String(describing: error))")
        }
    }

    func testXTCWrongMagic() throws {
        var data = try Fixtures.data("water.xtc")
        let offsets = data.xtcFrameOffsets()
        data.setInt32(1994, at: offsets[4])
        let path = try folder.write("magic.xtc", data)
        let error = try readUntilError({ try XTCReader(path: path) }, good: 4)
        XCTAssertEqual(error?.frame, 4)
        XCTAssertEqual(error?.isTruncation, false)
        XCTAssertTrue(error?.message.contains("magic number 1994") ?? false, String(describing: error))
        XCTAssertEqual(expectFormatError { _ = try XTCReader(path: path).frameCount() }?.frame, 4)

        data.setInt32(12345, at: 0)
        let first = try folder.write("magic0.xtc", data)
        let openError = expectFormatError { _ = try XTCReader(path: first) }
        XCTAssertEqual(openError?.frame, 0)
        XCTAssertTrue(openError?.description.hasPrefix(first) ?? false)

        let gzip = try folder.write("water.xtc.gz", Data([0x1f, 0x8b, 8, 0]) + data)
        XCTAssertTrue(expectFormatError { _ = try XTCReader(path: gzip) }?.message.contains("gzip") ?? false)
        let empty = try folder.write("empty.xtc", Data())
        XCTAssertTrue(expectFormatError { _ = try XTCReader(path: empty) }?.message.contains("empty") ?? false)
    }

    /// water.xtc (394 atoms) followed by ions.xtc (4 atoms).
    func testXTCChangedAtomCount() throws {
        let path = try folder.write("mixed.xtc", try Fixtures.data("water.xtc") + Fixtures.data("ions.xtc"))
        let error = try readUntilError({ try XTCReader(path: path) }, good: 11)
        XCTAssertEqual(error?.frame, 11)
        XCTAssertTrue(
            error?.message.contains("4 atoms, but the first frame has 394") ?? false, String(describing: error))
        XCTAssertEqual(expectFormatError { _ = try XTCReader(path: path).frameCount() }?.frame, 11)
    }

    func testXTCByteCountPastEndOfFile() throws {
        var data = try Fixtures.data("water.xtc")
        let offsets = data.xtcFrameOffsets()
        data.setInt32(0x7fff_0000, at: offsets[2] + 88)
        let path = try folder.write("count.xtc", data)
        let error = try checkTruncated(path, good: 2) { try XTCReader(path: $0) }
        XCTAssertTrue(error?.message.contains("run past the end of the file") ?? false, String(describing: error))
        data.setInt32(-5, at: offsets[2] + 88)
        let negative = try folder.write("negative.xtc", data)
        XCTAssertEqual(try readUntilError({ try XTCReader(path: negative) }, good: 2)?.isTruncation, false)
    }

    /// Header fields out of range give clear errors, never a trap.
    func testXTCCorruptCompressionHeader() throws {
        let original = try Fixtures.data("water.xtc")
        let cases: [(String, Int, Int32)] = [
            ("precision", 56, Int32(bitPattern: Float(0).bitPattern)),
            ("precision", 56, Int32(bitPattern: Float.nan.bitPattern)),
            ("smallidx", 84, 200), ("smallidx", 84, 3),
            ("maxint", 72, Int32.min),  // maxint < minint
            ("atom counts", 52, 393),  // second natoms differs
        ]
        for (what, field, value) in cases {
            var data = original
            data.setInt32(value, at: data.xtcFrameOffsets()[1] + field)
            let path = try folder.write("header.xtc", data)
            let error = try readUntilError({ try XTCReader(path: path) }, good: 1)
            XCTAssertEqual(error?.frame, 1, what)
            XCTAssertTrue(error?.message.contains(what) ?? false, "\(what): \(String(describing: error))")
        }
    }

    /// Random bytes in the compressed block: each read either succeeds (the bits still decode)
    /// or throws a FormatError for that frame; nothing traps or reads outside the block.
    func testXTCRandomlyCorruptedBlocksNeverCrash() throws {
        let original = try Fixtures.data("water.xtc")
        let offsets = original.xtcFrameOffsets()
        var generator = SeededRandom(seed: 7)
        var failures = 0
        for trial in 0..<60 {
            var data = original
            let target = offsets[trial % offsets.count]
            let count = Int(data.int32(at: target + 88))
            for _ in 0..<(1 + trial % 8) {
                data[target + 92 + Int.random(in: 0..<count, using: &generator)] = UInt8.random(
                    in: 0...255, using: &generator)
            }
            let path = try folder.write("noise.xtc", data)
            let reader = try XTCReader(path: path)
            var frame = Frame()
            var k = 0
            do {
                while try reader.read(into: &frame) {
                    XCTAssertEqual(frame.positions.count, 394)
                    k += 1
                }
            } catch let error as FormatError {
                XCTAssertEqual(error.frame, k, "trial \(trial)")
                failures += 1
            }
        }
        XCTAssertGreaterThan(failures, 0, "some corruptions should be detected")
    }

    func testXTCNonFiniteValues() throws {
        var data = try Fixtures.data("ions.xtc")
        data.setFloat32(.nan, at: 104 + 56 + 12)  // frame 1, atom 2, x
        var path = try folder.write("nan.xtc", data)
        var error = try readUntilError({ try XTCReader(path: path) }, good: 1)
        XCTAssertEqual(error?.frame, 1)
        XCTAssertTrue(error?.message.contains("atom 2 has a non-finite position") ?? false, String(describing: error))

        data = try Fixtures.data("water.xtc")
        data.setFloat32(.infinity, at: data.xtcFrameOffsets()[3] + 16)  // box v1x
        path = try folder.write("inf.xtc", data)
        error = try readUntilError({ try XTCReader(path: path) }, good: 3)
        XCTAssertTrue(error?.message.contains("non-finite") ?? false, String(describing: error))
    }

    // MARK: .trr

    func testTRRTruncatedLastFrame() throws {
        let data = try Fixtures.data("water.trr")
        let offsets = data.trrFrameOffsets()
        XCTAssertEqual(offsets.count, 9)
        for cut in [offsets[8] + 2, offsets[8] + 50, offsets[8] + 84 + 1000, data.count - 4] {
            let path = try folder.write("cut.trr", data.prefix(cut))
            _ = try checkTruncated(path, good: 8) { try TRRReader(path: $0) }
        }
    }

    func testTRRWrongMagicAndBadSizes() throws {
        var data = try Fixtures.data("water.trr")
        let offsets = data.trrFrameOffsets()
        data.setInt32(1995, at: offsets[3])
        var path = try folder.write("magic.trr", data)
        var error = try readUntilError({ try TRRReader(path: path) }, good: 3)
        XCTAssertEqual(error?.frame, 3)
        XCTAssertTrue(error?.message.contains("wrong magic number 1995") ?? false, String(describing: error))

        data = try Fixtures.data("water.trr")
        data.setInt32(100, at: offsets[2] + 24 + 4 * 7)  // x block of 100 bytes
        path = try folder.write("sizes.trr", data)
        error = try readUntilError({ try TRRReader(path: path) }, good: 2)
        XCTAssertTrue(error?.message.contains("corrupt frame header") ?? false, String(describing: error))

        data = try Fixtures.data("water.trr")
        data.setInt32(-1, at: offsets[0] + 24 + 4 * 10)  // natoms
        path = try folder.write("natoms.trr", data)
        XCTAssertEqual(expectFormatError { _ = try TRRReader(path: path) }?.frame, 0)
    }

    /// water.trr (394 atoms) followed by tric.trr (500 atoms).
    func testTRRChangedAtomCount() throws {
        let path = try folder.write("mixed.trr", try Fixtures.data("water.trr") + Fixtures.data("tric.trr"))
        let error = try readUntilError({ try TRRReader(path: path) }, good: 9)
        XCTAssertTrue(
            error?.message.contains("500 atoms, but the first frame has 394") ?? false, String(describing: error))
    }

    func testTRRNonFiniteForce() throws {
        var data = try Fixtures.data("water.trr")
        let offsets = data.trrFrameOffsets()
        // Frame 1 (step 40) holds the box and forces only; atom 3's fy.
        data.setFloat32(-.infinity, at: offsets[1] + 84 + 36 + 2 * 12 + 4)
        let path = try folder.write("inf.trr", data)
        let error = try readUntilError({ try TRRReader(path: path) }, good: 1)
        XCTAssertEqual(error?.frame, 1)
        XCTAssertTrue(error?.message.contains("atom 3 has a non-finite force") ?? false, String(describing: error))
    }

    // MARK: .gro

    func groLines(_ name: String) throws -> [Substring] {
        String(decoding: try Fixtures.data(name), as: UTF8.self).split(
            separator: "\n", omittingEmptySubsequences: false)
    }
    func writeGRO(_ lines: some Sequence<Substring>, as name: String = "bad.gro") throws -> String {
        try folder.write(name, Data(lines.joined(separator: "\n").utf8))
    }

    /// traj.gro: 4 frames of 397 lines (title, count, 394 atoms, box).
    func testGROTruncatedLastFrame() throws {
        let lines = try groLines("traj.gro")
        let frameLines = 397
        // Cut after 100 atom lines of frame 3, then just before its box line.
        for (keep, place) in [
            (3 * frameLines + 102, "after 100 of 394 atom lines"), (4 * frameLines - 1, "before the box line"),
            (3 * frameLines + 1, "after the title line"),
        ] {
            let path = try writeGRO(lines.prefix(keep))
            let error = try checkTruncated(path, good: 3) { try GROReader(path: $0) }
            XCTAssertTrue(error?.message.contains(place) ?? false, String(describing: error))
            XCTAssertNotNil(error?.line)
        }
    }

    /// traj.gro (394 atoms) then tric.gro (500 atoms).
    func testGROChangedAtomCount() throws {
        let path = try writeGRO(try groLines("traj.gro").dropLast() + groLines("tric.gro"))
        let error = try readUntilError({ try GROReader(path: path) }, good: 4)
        XCTAssertEqual(error?.frame, 4)
        XCTAssertEqual(error?.line, 4 * 397 + 2)
        XCTAssertTrue(
            error?.message.contains("500 atoms, but the first frame has 394") ?? false, String(describing: error))
        XCTAssertEqual(expectFormatError { _ = try GROReader(path: path).frameCount() }?.line, 4 * 397 + 2)
    }

    func testGROBadNumbersAndBox() throws {
        let original = try groLines("traj.gro")
        var lines = original
        // Frame 2, atom 8 (line 2·397 + 10): y becomes "nan".
        let target = 2 * 397 + 10 - 1
        lines[target] = lines[target].prefix(28) + "     nan" + lines[target].dropFirst(36)
        var error = try readUntilError({ try GROReader(path: try writeGRO(lines)) }, good: 2)
        XCTAssertEqual(error?.frame, 2)
        XCTAssertEqual(error?.line, target + 1)
        XCTAssertTrue(
            error?.message.contains("y (columns 29–36) 'nan' is not a finite number") ?? false,
            String(describing: error))

        lines = original
        lines[397 + 396] = "   1.60000   1.60000"
        error = try readUntilError({ try GROReader(path: try writeGRO(lines)) }, good: 1)
        XCTAssertEqual(error?.line, 397 + 397)
        XCTAssertTrue(error?.message.contains("3 or 9 numbers") ?? false, String(describing: error))

        lines = original
        lines[1] = "  many"
        error = expectFormatError { _ = try GROReader(path: try writeGRO(lines)) }
        XCTAssertEqual(error?.line, 2)
        XCTAssertTrue(error?.message.contains("expected the number of atoms") ?? false, String(describing: error))

        lines = original
        lines[2] = "    1SOL     OW    1   0,230   0,628   0,113"
        error = expectFormatError { _ = try GROReader(path: try writeGRO(lines)) }
        XCTAssertEqual(error?.line, 3)
        XCTAssertTrue(error?.message.contains("decimal points") ?? false, String(describing: error))
    }
}
