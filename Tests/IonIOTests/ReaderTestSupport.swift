import Foundation
import IonCore
import XCTest

@testable import IonIO

/// Paths of the bundled fixtures (see Fixtures/triclinic-salt/make_fixtures.sh).
enum Fixture {
    static let root = Bundle.module.url(forResource: "Fixtures", withExtension: nil)!

    static func path(_ relative: String) -> String { root.appendingPathComponent(relative).path }

    /// The LAMMPS run's `dump custom` frames, the truth every format is compared with.
    static let truth: [TruthFrame] = (try? TruthFrame.load(path("triclinic-salt/truth.lammpstrj"))) ?? []
}

/// One frame of the LAMMPS truth dump (units real: Å, Å/fs), atoms sorted by id.
struct TruthFrame {
    var step: Int
    var lx = 0.0, ly = 0.0, lz = 0.0, xy = 0.0, xz = 0.0, yz = 0.0
    var origin = Vec3.zero
    var positions: [Vec3] = []
    /// Å/fs as LAMMPS `real` writes them.
    var velocities: [Vec3] = []
    var types: [Int] = []
    var charges: [Double] = []
    var masses: [Double] = []

    var a: Vec3 { Vec3(lx, 0, 0) }
    var b: Vec3 { Vec3(xy, ly, 0) }
    var c: Vec3 { Vec3(xz, yz, lz) }
    /// Centre of the cell, where HOOMD puts its origin.
    var centre: Vec3 { origin + 0.5 * (a + b + c) }

    static func load(_ path: String) throws -> [TruthFrame] {
        let lines = try String(contentsOfFile: path, encoding: .utf8).split(separator: "\n").map(String.init)
        var frames: [TruthFrame] = []
        var i = 0
        func numbers(_ line: String) -> [Double] { line.split(separator: " ").compactMap { Double($0) } }
        while i + 9 <= lines.count {
            var frame = TruthFrame(step: Int(lines[i + 1])!)
            let n = Int(lines[i + 3])!
            let (bx, by, bz) = (numbers(lines[i + 5]), numbers(lines[i + 6]), numbers(lines[i + 7]))
            (frame.xy, frame.xz, frame.yz) = (bx[2], by[2], bz[2])
            let xlo = bx[0] - min(0, frame.xy, frame.xz, frame.xy + frame.xz)
            let xhi = bx[1] - max(0, frame.xy, frame.xz, frame.xy + frame.xz)
            let ylo = by[0] - min(0, frame.yz), yhi = by[1] - max(0, frame.yz)
            frame.origin = Vec3(xlo, ylo, bz[0])
            (frame.lx, frame.ly, frame.lz) = (xhi - xlo, yhi - ylo, bz[1] - bz[0])
            for line in lines[(i + 9)..<(i + 9 + n)] {
                let v = numbers(line)  // id mol type q mass x y z vx vy vz ix iy iz
                frame.types.append(Int(v[2])); frame.charges.append(v[3]); frame.masses.append(v[4])
                frame.positions.append(Vec3(v[5], v[6], v[7]))
                frame.velocities.append(Vec3(v[8], v[9], v[10]))
            }
            frames.append(frame)
            i += 9 + n
        }
        return frames
    }
}

/// Checks every reader the same way (MDAnalysis' shared reader tests): frame count, sequential
/// reading, end of file, random access against sequential frames, rewinding and reopening.
/// Returns the frames read in order.
@discardableResult
func verifyReader(
    _ open: () throws -> any TrajectoryReader, frames expected: Int,
    file: StaticString = #filePath, line: UInt = #line
) throws -> [Frame] {
    var reader = try open()
    XCTAssertEqual(try reader.frameCount(), expected, "frame count", file: file, line: line)
    var frames: [Frame] = []
    var frame = Frame()
    while try reader.read(into: &frame) { frames.append(frame) }
    XCTAssertEqual(frames.count, expected, "frames read in order", file: file, line: line)
    XCTAssertFalse(try reader.read(into: &frame), "read after the end", file: file, line: line)
    XCTAssertFalse(try reader.read(into: &frame), "second read after the end", file: file, line: line)
    for atom in frames { XCTAssertEqual(atom.atomCount, reader.atomCount, file: file, line: line) }

    for k in [expected - 1, 0, expected / 2, 1, expected - 1] where k >= 0 && k < expected {
        try reader.seek(toFrame: k)
        XCTAssertTrue(try reader.read(into: &frame), "read after seek to \(k)", file: file, line: line)
        assertSameFrame(frame, frames[k], "frame \(k) after seek", file: file, line: line)
    }
    try reader.rewind()
    var count = 0
    while try reader.skipFrame() { count += 1 }
    XCTAssertEqual(count, expected, "skipFrame count", file: file, line: line)
    try reader.rewind()
    XCTAssertTrue(try reader.read(into: &frame), file: file, line: line)
    assertSameFrame(frame, frames[0], "frame 0 after rewind", file: file, line: line)
    XCTAssertEqual(try reader.frameCount(), expected, "frame count again", file: file, line: line)
    XCTAssertTrue(try reader.read(into: &frame), "frameCount keeps the position", file: file, line: line)
    if expected > 1 { assertSameFrame(frame, frames[1], "frame 1 after frameCount", file: file, line: line) }

    var reopened = try open()
    XCTAssertTrue(try reopened.read(into: &frame), file: file, line: line)
    assertSameFrame(frame, frames[0], "frame 0 of a reopened file", file: file, line: line)
    return frames
}

func assertSameFrame(_ x: Frame, _ y: Frame, _ what: String, file: StaticString = #filePath, line: UInt = #line) {
    XCTAssertEqual(x.positions, y.positions, "\(what): positions", file: file, line: line)
    XCTAssertEqual(x.velocities, y.velocities, "\(what): velocities", file: file, line: line)
    XCTAssertEqual(x.box, y.box, "\(what): box", file: file, line: line)
    XCTAssertEqual(x.step, y.step, "\(what): step", file: file, line: line)
    XCTAssertEqual(x.time, y.time, "\(what): time", file: file, line: line)
}

/// Largest |a − b| over all atoms, after mapping `b` through `transform`.
func maxDeviation(_ a: [Vec3], _ b: [Vec3], _ transform: (Vec3) -> Vec3 = { $0 }) -> Double {
    guard a.count == b.count else { return .infinity }
    return zip(a, b).map { ($0 - transform($1)).length }.max() ?? 0
}

func assertVectorsClose(
    _ a: Vec3, _ b: Vec3, _ tolerance: Double, _ what: String,
    file: StaticString = #filePath, line: UInt = #line
) {
    XCTAssertLessThanOrEqual((a - b).length, tolerance, "\(what): \(a) vs \(b)", file: file, line: line)
}

/// The box vectors equal the truth's restricted triclinic cell.
func assertBox(
    _ box: Box?, _ truth: TruthFrame, tolerance: Double, origin: Vec3? = nil,
    file: StaticString = #filePath, line: UInt = #line
) {
    guard let box else { return XCTFail("no box", file: file, line: line) }
    assertVectorsClose(box.a, truth.a, tolerance, "a", file: file, line: line)
    assertVectorsClose(box.b, truth.b, tolerance, "b", file: file, line: line)
    assertVectorsClose(box.c, truth.c, tolerance, "c", file: file, line: line)
    if let origin { assertVectorsClose(box.origin, origin, tolerance, "origin", file: file, line: line) }
}

/// A scratch directory for corrupted copies of fixtures, removed by the test case's teardown.
final class ScratchDirectory {
    let url: URL
    init() throws {
        url = FileManager.default.temporaryDirectory.appendingPathComponent("ionscope-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }
    deinit { try? FileManager.default.removeItem(at: url) }

    /// Writes `data` to `name` and returns its path.
    func write(_ name: String, _ data: Data) throws -> String {
        let target = url.appendingPathComponent(name)
        try data.write(to: target)
        return target.path
    }

    func write(_ name: String, text: String) throws -> String { try write(name, Data(text.utf8)) }

    /// A copy of fixture `relative` with `edit` applied to its bytes.
    func copy(_ relative: String, as name: String, _ edit: (inout Data) -> Void = { _ in }) throws -> String {
        var data = try Data(contentsOf: URL(fileURLWithPath: Fixture.path(relative)))
        edit(&data)
        return try write(name, data)
    }
}

// `expectFormatError` is shared with the GROMACS tests (GROMACSTestSupport.swift).

/// Reads every frame of `reader`; returns how many were read before an error (thrown on).
func readAll(_ reader: inout any TrajectoryReader) throws -> Int {
    var frame = Frame()
    var count = 0
    while try reader.read(into: &frame) { count += 1 }
    return count
}
