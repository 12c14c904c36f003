import Foundation
import IonCore
import XCTest

@testable import IonIO

/// GSD files written by the `gsd` package (2.x container) and by convert.py (1.0 container),
/// against the LAMMPS truth moved to HOOMD's centred box. Float32 data: 2e-5 Å.
final class GSDReaderTests: XCTestCase {
    let tolerance = 2e-5

    func testHOOMDFileMatchesTruth() throws {
        let path = Fixture.path("gsd/hoomd.gsd")
        let frames = try verifyReader({ try GSDReader(path: path) }, frames: 5)
        for (k, frame) in frames.enumerated() {
            let truth = Fixture.truth[k]
            XCTAssertLessThan(
                maxDeviation(frame.positions, truth.positions) { $0 - truth.centre }, tolerance, "frame \(k)")
            let box = try XCTUnwrap(frame.box)
            assertBox(box, truth, tolerance: 1e-5, origin: -0.5 * (truth.a + truth.b + truth.c))
            // Lammps real velocities (Å/fs) stored unitless and read as they are.
            XCTAssertLessThan(maxDeviation(try XCTUnwrap(frame.velocities), truth.velocities), 1e-8)
            XCTAssertEqual(frame.step, truth.step)
            XCTAssertNil(frame.time)
            XCTAssertEqual(frame.wrapping, .wrapped)
            // Charges are written in frame 0 only and fall back to it.
            XCTAssertEqual(frame.charges ?? [], truth.charges.map { Double(Float($0)) })
            XCTAssertNil(frame.images, "all image flags are 0, so gsd wrote none")
        }
        // Positions lie in the centred cell: fractional coordinates in [0, 1).
        for r in frames[0].positions {
            let s = frames[0].box!.fractional(position: r)
            for axis in 0..<3 { XCTAssertTrue(s[axis] >= -1e-6 && s[axis] < 1 + 1e-6, "\(s)") }
        }
    }

    func testTopologyFromFrameZero() throws {
        let reader = try GSDReader(path: Fixture.path("gsd/hoomd.gsd"))
        XCTAssertEqual(reader.units, .lj)
        let topology = try XCTUnwrap(reader.embeddedTopology)
        let truth = Fixture.truth[0]
        XCTAssertEqual(topology.atomCount, 120)
        XCTAssertEqual(topology.names, truth.types.map { ["Li", "Cl", "N"][$0 - 1] })
        XCTAssertEqual(topology.elements, topology.names)
        XCTAssertTrue(topology.given.isSuperset(of: [.names, .types, .elements, .masses, .charges, .bonds]))
        for i in 0..<120 {
            XCTAssertEqual(topology.masses[i], truth.masses[i], accuracy: 1e-5)
            XCTAssertEqual(topology.charges[i], truth.charges[i], accuracy: 1e-7)
        }
        XCTAssertEqual(topology.bonds.count, 20)
        XCTAssertEqual(topology.bonds.first?.0, 80)
        XCTAssertEqual(topology.bonds.first?.1, 81)
        let molecules = Molecules(topology)
        XCTAssertEqual(molecules.source, .bonds)
        XCTAssertEqual(molecules.count, 100)
        XCTAssertEqual(try Formats.readTopology(Fixture.path("gsd/hoomd.gsd")).bonds.count, 20)
    }

    func testUnitsOptionConverts() throws {
        var reader = try GSDReader(path: Fixture.path("gsd/hoomd.gsd"), options: ReaderOptions(units: .real))
        var frame = Frame()
        try reader.seek(toFrame: 4)
        XCTAssertTrue(try reader.read(into: &frame))
        let truth = Fixture.truth[4]
        XCTAssertLessThan(maxDeviation(frame.velocities!, truth.velocities) { $0 * 1000 }, 1e-5, "Å/fs → Å/ps")
        XCTAssertLessThan(maxDeviation(frame.positions, truth.positions) { $0 - truth.centre }, tolerance)
    }

    func testVersion1FileAndFallbackToFrameZero() throws {
        let frames = try verifyReader({ try GSDReader(path: Fixture.path("gsd/v1.gsd")) }, frames: 2)
        let (t0, t1) = (Fixture.truth[0], Fixture.truth[1])
        XCTAssertLessThan(maxDeviation(frames[1].positions, t1.positions) { $0 - t1.centre }, tolerance)
        // Frame 1 stores only step and positions: box, velocities and images come from frame 0.
        XCTAssertEqual(frames[1].step, 10)
        XCTAssertEqual(frames[1].box, frames[0].box)
        XCTAssertEqual(frames[1].velocities, frames[0].velocities)
        XCTAssertLessThan(maxDeviation(frames[1].velocities!, t0.velocities), 1e-8)
        let images = try XCTUnwrap(frames[1].images)
        XCTAssertEqual(images[0], SIMD3<Int32>(-1, 0, 1))
        XCTAssertEqual(images[5], SIMD3<Int32>(1, 0, 1))
        XCTAssertNil(frames[1].charges, "no charge chunk anywhere")
        let topology = try XCTUnwrap(try GSDReader(path: Fixture.path("gsd/v1.gsd")).embeddedTopology)
        XCTAssertEqual(topology.names[0], "Li")
        XCTAssertEqual(topology.masses[0], 1, "schema default mass")
        XCTAssertFalse(topology.given.contains(.masses))
    }

    // MARK: bad input

    func testTruncatedFile() throws {
        let scratch = try ScratchDirectory()
        let path = try scratch.copy("gsd/hoomd.gsd", as: "cut.gsd") { $0.removeLast(200) }
        var reader: any TrajectoryReader = try GSDReader(path: path)
        XCTAssertEqual(try reader.frameCount(), 4)
        let error = expectFormatError("read past 4 frames") { _ = try readAll(&reader) }
        XCTAssertEqual(error?.isTruncation, true)
        XCTAssertEqual(error?.frame, 4)
        try reader.seek(toFrame: 3)
        var frame = Frame()
        XCTAssertTrue(try reader.read(into: &frame))
        let truth = Fixture.truth[3]
        XCTAssertLessThan(maxDeviation(frame.positions, truth.positions) { $0 - truth.centre }, tolerance)
        let header = try scratch.copy("gsd/hoomd.gsd", as: "header.gsd") { $0 = $0.prefix(100) }
        XCTAssertEqual(expectFormatError("cut header") { _ = try GSDReader(path: header) }?.isTruncation, true)
    }

    func testChangedParticleCount() throws {
        var reader: any TrajectoryReader = try GSDReader(path: Fixture.path("gsd/bad_natoms.gsd"))
        let error = expectFormatError("N changes") { _ = try readAll(&reader) }
        XCTAssertEqual(error?.frame, 1)
        XCTAssertTrue(error?.description.contains("particles/N is 3") ?? false, error?.description ?? "")
    }

    func testNonFinitePosition() throws {
        var reader: any TrajectoryReader = try GSDReader(path: Fixture.path("gsd/bad_nan.gsd"))
        let error = expectFormatError("NaN") { _ = try readAll(&reader) }
        XCTAssertEqual(error?.frame, 1)
        XCTAssertTrue(error?.description.contains("particle 3") ?? false, error?.description ?? "")
    }

    /// Positions stored as integers (the index entry's type byte, at offset 30 of the 32-byte
    /// entry, changed from float to int32: the same size, so the file stays well formed) are
    /// refused, not read as numbers (issue 16 item 9). Entries 6 and 7 of the fixture's index
    /// (from byte 256) are frame 0's N × 3 float chunks.
    func testVectorChunksMustBeFloatingPoint() throws {
        let scratch = try ScratchDirectory()
        let path = try scratch.copy("gsd/hoomd.gsd", as: "int-positions.gsd") { data in
            for entry in [6, 7] { data[256 + 32 * entry + 30] = 7 }  // GSD type 7: int32
        }
        let error = expectFormatError("int32 positions") {
            var reader: any TrajectoryReader = try GSDReader(path: path)
            _ = try readAll(&reader)
        }
        XCTAssertTrue(
            error?.description.contains("holds int32 values, expected float or double") ?? false,
            "\(String(describing: error))")
    }

    func testNotGSDAndWrongSchema() throws {
        let scratch = try ScratchDirectory()
        let text = try scratch.write("text.gsd", Data(repeating: 0x41, count: 400))
        XCTAssertTrue(
            expectFormatError("not GSD") { _ = try GSDReader(path: text) }?.description.contains("magic") ?? false)
        let schema = try scratch.copy("gsd/v1.gsd", as: "schema.gsd") {
            $0.replaceSubrange(112..<117, with: Array("other".utf8))
        }
        XCTAssertTrue(
            expectFormatError("schema") { _ = try GSDReader(path: schema) }?.description.contains("schema 'other'")
                ?? false)
        let version = try scratch.copy("gsd/v1.gsd", as: "version.gsd") { $0[46] = 9 }
        XCTAssertTrue(
            expectFormatError("version") { _ = try GSDReader(path: version) }?.description.contains("version 9")
                ?? false)
        // An index entry with an unknown data type.
        let type = try scratch.copy("gsd/v1.gsd", as: "type.gsd") { $0[256 + 30] = 42 }
        XCTAssertTrue(
            expectFormatError("type") { _ = try GSDReader(path: type) }?.description.contains("data type 42") ?? false)
    }
}
