import Foundation
import IonCore
import IonTestSupport
import XCTest

@testable import IonIO

/// Damaged copies of every fixture (seeded random byte changes and cuts): a reader may refuse a
/// file with an ``IonScopeError``, but must never trap or throw anything else.
final class ReaderCorruptionTests: XCTestCase {
    static let fixtures = [
        "dcd/lammps.dcd", "dcd/lammps_bigendian.dcd", "dcd/lammps_marker64.dcd", "dcd/namd_fixed.dcd",
        "dcd/charmm_shape.dcd", "gsd/hoomd.gsd", "gsd/v1.gsd", "pdb/ase.pdb", "pdb/mdanalysis.pdb",
        "xyz/lammps.xyz", "xyz/lammps.extxyz", "xyz/ase.extxyz",
    ]

    func testDamagedFilesFailCleanly() throws {
        let scratch = try ScratchDirectory()
        var random = SeededRandom(seed: 20_240_611)
        // IONSCOPE_CORRUPTION_TRIALS=1000 for a longer search.
        let verbose = ProcessInfo.processInfo.environment["IONSCOPE_CORRUPTION_VERBOSE"] != nil
        let trials = ProcessInfo.processInfo.environment["IONSCOPE_CORRUPTION_TRIALS"].flatMap { Int($0) } ?? 24
        for fixture in Self.fixtures {
            let original = try Data(contentsOf: URL(fileURLWithPath: Fixture.path(fixture)))
            let name = (fixture as NSString).lastPathComponent
            for trial in 0..<trials {
                var data = original
                if trial % 4 == 3 {
                    data = data.prefix(Int.random(in: 0..<data.count, using: &random))
                } else {
                    // Text files: change bytes to digits, letters, signs or newlines; binary: anything.
                    let text = fixture.hasSuffix("pdb") || fixture.contains("xyz")
                    for _ in 0..<Int.random(in: 1...8, using: &random) {
                        let at = Int.random(in: 0..<data.count, using: &random)
                        data[at] =
                            text
                            ? Array("0123456789-+.eE\n aZ*".utf8).randomElement(using: &random)!
                            : UInt8.random(in: 0...255, using: &random)
                    }
                }
                let path = try scratch.write("\(trial)-\(name)", data)
                if verbose { FileHandle.standardError.write(Data("\(fixture) trial \(trial)\n".utf8)) }
                exercise(path, "\(fixture) trial \(trial)")
            }
        }
    }

    private func exercise(_ path: String, _ what: String) {
        do {
            var reader = try Formats.openTrajectory(path)
            _ = reader.embeddedTopology
            let count = try reader.frameCount()
            var frame = Frame()
            while try reader.read(into: &frame) {
                XCTAssertEqual(frame.positions.count, reader.atomCount, what)
            }
            if count > 0 {
                try reader.seek(toFrame: count - 1)
                _ = try reader.read(into: &frame)
            }
            _ = try Formats.readTopology(path)
        } catch is IonScopeError {
            // Refused with a message: fine.
        } catch {
            XCTFail("\(what): \(type(of: error)) is not an IonScopeError: \(error)")
        }
    }
}
