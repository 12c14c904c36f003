import Foundation
import XCTest

/// Files whose headers claim absurd sizes (10¹² atoms, a maximal title count, a maximal TRR block)
/// are refused without allocating what they claim: each `ionscope inspect` of the hostile inputs kept
/// in Fuzz/regressions runs under a 300 MB address-space limit (`ulimit -v`) and ends with an exit
/// status of its own (0 for the cut files that still hold complete frames, 66 for bad input data),
/// never a signal; a reader that believed a header would die allocating.
final class HostileHeaderMemoryTests: XCTestCase {
    static let regressions = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Fuzz/regressions")

    func testHostileHeadersStayWithinMemory() throws {
        var checked = 0
        for reader in ["dcd", "gro", "lammps-data", "lammps-dump", "trr", "xyz"] {
            let folder = Self.regressions.appendingPathComponent(reader)
            for name in try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted() {
                let file = folder.appendingPathComponent(name).path
                let process = Process()
                process.executableURL = URL(fileURLWithPath: "/bin/sh")
                process.arguments = [
                    "-c", "ulimit -v 300000; exec \"$0\" inspect \"$1\"", IonScopeBinary.executable.path, file,
                ]
                process.standardOutput = FileHandle.nullDevice
                let err = Pipe()
                process.standardError = err
                try process.run()
                let message = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
                process.waitUntilExit()
                XCTAssertEqual(process.terminationReason, .exit, "\(reader)/\(name) was killed: \(message)")
                XCTAssertTrue(
                    [0, 65, 66].contains(process.terminationStatus),
                    "\(reader)/\(name): \(process.terminationStatus) \(message)")
                checked += 1
            }
        }
        XCTAssertGreaterThanOrEqual(checked, 12)
    }
}
