import Foundation
import XCTest

#if canImport(Glibc)
    import Glibc
#endif

/// Outputs never destroy a user's data and never fail silently (issue 16 items 1 and 7):
/// `--force` replaces only the files an earlier run's manifest lists, unchanged; one run writes a
/// directory at a time; leftovers of killed runs are cleaned or put back, and said; a full disk
/// is an error.
final class OutputSafetyTests: ScratchTestCase {
    /// A short job (20 demo frames, one MSD) into `output`.
    func runJob(_ output: URL, _ extra: [String] = []) throws -> (status: Int32, out: String, err: String) {
        let data = CLITests.demoData
        let job = scratch.appendingPathComponent("job.toml")
        try """
        [input]
        topology = "\(data.appendingPathComponent("demo.data").path)"
        trajectories = ["\(data.appendingPathComponent("demo.lammpstrj.gz").path)"]
        units = "real"
        timestep = 0.002
        stop = 20
        [[msd]]
        select = "type 1"
        """.write(to: job, atomically: true, encoding: .utf8)
        return try run(["run", job.path, "--output", output.path, "--quiet"] + extra)
    }

    func names(_ url: URL) throws -> [String] { try FileManager.default.contentsOfDirectory(atPath: url.path).sorted() }

    func testForceReplacesOnlyUnchangedFilesOfTheManifest() throws {
        let output = scratch.appendingPathComponent("out")
        XCTAssertEqual(try runJob(output).status, 0)
        XCTAssertTrue(try names(output).contains("manifest.json"))
        // Unchanged: --force replaces it.
        let again = try runJob(output, ["--force"])
        XCTAssertEqual(again.status, 0, again.err)
        // A file the user added, or one they edited, makes --force refuse and keeps everything.
        try Data("my notes".utf8).write(to: output.appendingPathComponent("notes.txt"))
        let added = try runJob(output, ["--force"])
        XCTAssertEqual(added.status, 73, added.err)
        XCTAssertTrue(added.err.contains("notes.txt") && added.err.contains("did not write"), added.err)
        XCTAssertEqual(try String(contentsOf: output.appendingPathComponent("notes.txt"), encoding: .utf8), "my notes")
        try FileManager.default.removeItem(at: output.appendingPathComponent("notes.txt"))
        try Data("<p>edited</p>".utf8).write(to: output.appendingPathComponent("report.html"))
        let edited = try runJob(output, ["--force"])
        XCTAssertEqual(edited.status, 73, edited.err)
        XCTAssertTrue(edited.err.contains("report.html (changed since IonScope wrote it)"), edited.err)
        // A directory with provenance.json but no manifest is not taken for an output.
        let lookalike = scratch.appendingPathComponent("lookalike")
        try FileManager.default.createDirectory(at: lookalike, withIntermediateDirectories: true)
        try Data("{}".utf8).write(to: lookalike.appendingPathComponent("provenance.json"))
        try FileManager.default.createDirectory(
            at: lookalike.appendingPathComponent("figures"), withIntermediateDirectories: true)
        try Data("png".utf8).write(to: lookalike.appendingPathComponent("figures/fig1.png"))
        XCTAssertEqual(try runJob(lookalike, ["--force"]).status, 73)
        XCTAssertEqual(try names(lookalike.appendingPathComponent("figures")), ["fig1.png"])
    }

    func testOneRunAtATimeAndLeftoversOfKilledRuns() throws {
        let output = scratch.appendingPathComponent("out")
        // Another run holds the lock.
        let descriptor = open(scratch.appendingPathComponent(".out.lock").path, O_CREAT | O_RDWR, 0o644)
        XCTAssertEqual(flock(descriptor, LOCK_EX | LOCK_NB), 0)
        let busy = try runJob(output)
        XCTAssertEqual(busy.status, 73, busy.err)
        XCTAssertTrue(busy.err.contains("another IonScope run is writing"), busy.err)
        close(descriptor)
        // A run killed mid-write left its staging directory; one killed while replacing left the
        // previous output aside. The next run cleans the first and puts the second back.
        XCTAssertEqual(try runJob(output).status, 0)
        let aside = scratch.appendingPathComponent(".out.old-99999")
        try FileManager.default.moveItem(at: output, to: aside)
        try FileManager.default.createDirectory(
            at: scratch.appendingPathComponent(".out.partial-99998"), withIntermediateDirectories: true)
        let next = try run(["run", scratch.appendingPathComponent("job.toml").path, "--output", output.path])
        XCTAssertEqual(next.status, 73, "the output put back exists, so without --force the run stops: \(next.err)")
        XCTAssertTrue(next.err.contains("put back out from .out.old-99999"), next.err)
        XCTAssertTrue(next.err.contains("removed .out.partial-99998"), next.err)
        XCTAssertTrue(try names(output).contains("report.html"))
        XCTAssertEqual(try names(scratch).filter { $0.hasPrefix(".out.") }, [])
    }

    func testALoopingSymbolicLinkIsRefusedBeforeTheWork() throws {
        let loop = scratch.appendingPathComponent("loop")
        try FileManager.default.createSymbolicLink(atPath: loop.path, withDestinationPath: loop.path)
        let result = try runJob(loop)
        XCTAssertEqual(result.status, 73, result.err)
        XCTAssertTrue(result.err.contains("symbolic link that leads nowhere"), result.err)
    }

    func testAFullDiskIsAnError() throws {
        guard FileManager.default.fileExists(atPath: "/dev/full") else { throw XCTSkip("no /dev/full") }
        let process = Process()
        process.executableURL = IonScopeBinary.executable
        process.arguments = ["inspect", CLITests.demoData.appendingPathComponent("demo.data").path, "--json"]
        process.standardOutput = FileHandle(forWritingAtPath: "/dev/full")
        let err = Pipe()
        process.standardError = err
        try process.run()
        let message = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        XCTAssertEqual(process.terminationStatus, 73, message)
        XCTAssertTrue(message.contains("cannot write the JSON to standard output: No space left on device"), message)
    }
}
