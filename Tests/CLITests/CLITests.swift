import Foundation
import XCTest

/// End-to-end tests: run the built `ionscope` binary and check what it prints.
final class CLITests: XCTestCase {
    /// The directory holding the test bundle also holds the built executable.
    static var executable: URL {
        var directory = Bundle(for: CLITests.self).bundleURL
        while !FileManager.default.fileExists(atPath: directory.appendingPathComponent("ionscope").path) {
            let parent = directory.deletingLastPathComponent()
            if parent == directory { break }
            directory = parent
        }
        return directory.appendingPathComponent("ionscope")
    }

    /// Runs ionscope with `arguments`; returns exit status, stdout and stderr.
    func run(_ arguments: [String]) throws -> (status: Int32, out: String, err: String) {
        let process = Process()
        process.executableURL = Self.executable
        process.arguments = arguments
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        let outData = out.fileHandleForReading.readDataToEndOfFile()
        let errData = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: outData, as: UTF8.self), String(decoding: errData, as: UTF8.self))
    }

    func testHelpListsTheCommands() throws {
        let result = try run(["--help"])
        XCTAssertEqual(result.status, 0)
        XCTAssert(result.out.contains("inspect"), result.out)
        XCTAssert(result.out.contains("demo"), result.out)
    }

    func testMissingFileGivesACleanError() throws {
        let result = try run(["inspect", "/nonexistent/x.lammpstrj"])
        XCTAssertEqual(result.status, 1)
        XCTAssert(result.err.contains("/nonexistent/x.lammpstrj: cannot open"), result.err)
    }

    func testUnknownExtensionIsExplained() throws {
        let result = try run(["inspect", "/tmp/whatever.abc"])
        XCTAssertEqual(result.status, 1)
        XCTAssert(result.err.contains("cannot tell the file format"), result.err)
    }
}
