import Foundation
import XCTest

/// Settings that would allocate without bound, run for ever or divide by nothing are refused
/// with a sentence before any frame is read, on the command line, in a job and by `run --check`
/// alike (issue 16 item 4).
final class HostileSettingsTests: XCTestCase {
    static let demo = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Sources/ionscope/DemoData")
    var files: [String] { ["demo.data", "demo.lammpstrj.gz"].map { Self.demo.appendingPathComponent($0).path } }

    func expectRefusal(_ arguments: [String], _ message: String, line: UInt = #line) throws {
        let result = try run(arguments)
        XCTAssertEqual(result.status, 64, "\(arguments): \(result.err)", line: line)
        XCTAssertTrue(result.err.contains(message), "\(arguments): \(result.err)", line: line)
    }

    func testHugeCountsAndTinyTimesAreRefused() throws {
        let input = files + ["--timestep", "0.002", "--units", "real"]
        try expectRefusal(["rdf"] + input + ["--select", "type 1", "--bins", "1000000000"], "at most 10000")
        try expectRefusal(["rdf"] + input + ["--select", "type 1", "--bins", "4611686018427387904"], "at most 10000")
        try expectRefusal(
            ["cdf"] + input + [
                "--centres", "type 1", "--partners", "type 2 3", "--points", "type 3", "--points", "type 2",
                "--points", "type 3", "--distance-bins", "100000000",
            ], "at most 1000")
        try expectRefusal(
            ["kinetics"] + input + ["--centres", "type 1", "--partners", "type 2 3", "--bootstrap", "1000000000"],
            "at most 10000")
        try expectRefusal(["msd"] + input + ["--select", "type 1", "--fit-start", "nan"], "expected a finite number")
        try expectRefusal(["msd"] + input + ["--select", "type 1", "--timestep", "-1"], "must be positive")
        try expectRefusal(["inspect"] + files + ["--timestep", "-1"], "must be positive")
        let tiny = try run(["msd"] + files + ["--select", "type 1", "--timestep", "1e-300"])
        XCTAssertNotEqual(tiny.status, 0)
        XCTAssertTrue(tiny.err.contains("is not an MD timestep"), tiny.err)
    }

    func testRunCheckRefusesThemAtTheirLine() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("hostile-\(getpid())")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        func check(_ input: String, _ table: String) throws -> (status: Int32, err: String) {
            let job = folder.appendingPathComponent("job.toml")
            try """
            [input]
            topology = "\(files[0])"
            trajectories = ["\(files[1])"]
            \(input)
            \(table)
            """.write(to: job, atomically: true, encoding: .utf8)
            let result = try run(["run", job.path, "--check"])
            return (result.status, result.err)
        }
        let bins = try check("timestep = 0.002", "[[rdf]]\nselect = \"type 1\"\nbins = 1000000000")
        XCTAssertNotEqual(bins.status, 0)
        XCTAssertTrue(bins.err.contains("job.toml:7: [[rdf]] #1 key 'bins': must be at most 10000"), bins.err)
        let timestep = try check("timestep = 1e-300", "[[rdf]]\nselect = \"type 1\"")
        XCTAssertNotEqual(timestep.status, 0)
        XCTAssertTrue(timestep.err.contains("job.toml:4: [input] key 'timestep'"), timestep.err)
    }

    /// inspect's warnings go to stderr with the other commands' (issue 16 item 9), and input quoted
    /// in an error reaches the terminal escaped (item 8).
    func testInspectWarnsOnStderrAndErrorsAreEscaped() throws {
        let inspect = try run(["inspect"] + files)
        XCTAssertEqual(inspect.status, 0, inspect.err)
        XCTAssertFalse(inspect.out.contains("warning"), inspect.out)
        XCTAssertTrue(inspect.err.contains("warning: the unit system was assumed"), inspect.err)
        let gro = FileManager.default.temporaryDirectory.appendingPathComponent("escape-\(getpid()).gro")
        try "title\n\u{1B}]0;pwned\u{07}\n".write(to: gro, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(at: gro) }
        let bad = try run(["inspect", gro.path])
        XCTAssertNotEqual(bad.status, 0)
        XCTAssertFalse(bad.err.contains("\u{1B}"), bad.err)
        XCTAssertTrue(bad.err.contains("\\u{1b}]0;pwned\\u{7}"), bad.err)
    }

    /// A lone .xtc, .trr or .dcd can be inspected without a topology, as `gmx check` and
    /// `catdcd` do (issue 16 item 9); an analysis of one still asks for the topology.
    func testALoneBinaryTrajectoryCanBeInspected() throws {
        let fixtures = Self.demo.deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Tests/IonIOTests/Fixtures")
        for file in ["gromacs/water.xtc", "gromacs/water.trr", "dcd/lammps.dcd"] {
            let result = try run(["inspect", fixtures.appendingPathComponent(file).path])
            XCTAssertEqual(result.status, 0, "\(file): \(result.err)")
            XCTAssertTrue(result.out.contains("the format stores no names"), result.out)
        }
        let xtc = try run(["inspect", fixtures.appendingPathComponent("gromacs/water.xtc").path])
        XCTAssertTrue(xtc.out.contains("atoms: 394") && xtc.out.contains("frames: 11"), xtc.out)
        let msd = try run(["msd", fixtures.appendingPathComponent("gromacs/water.xtc").path, "--select", "all"])
        XCTAssertNotEqual(msd.status, 0)
        XCTAssertTrue(msd.err.contains("give a topology file"), msd.err)
    }
}
