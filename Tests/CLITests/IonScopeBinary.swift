import Foundation
import XCTest

/// Runs the built `ionscope` binary for the end-to-end tests.
enum IonScopeBinary {
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
    static func run(_ arguments: [String]) throws -> (status: Int32, out: String, err: String) {
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        let outData = out.fileHandleForReading.readDataToEndOfFile()
        let errData = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (
            process.terminationStatus, String(decoding: outData, as: UTF8.self),
            String(decoding: errData, as: UTF8.self)
        )
    }
}

extension XCTestCase {
    func run(_ arguments: [String]) throws -> (status: Int32, out: String, err: String) {
        try IonScopeBinary.run(arguments)
    }
}

/// A test case with a fresh scratch directory per test, removed afterwards.
class ScratchTestCase: XCTestCase {
    var scratch: URL!

    override func setUpWithError() throws {
        scratch = FileManager.default.temporaryDirectory.appendingPathComponent("ionscope-test-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws { try? FileManager.default.removeItem(at: scratch) }
}
