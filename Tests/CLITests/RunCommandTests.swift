import Foundation
import XCTest

/// `ionscope demo` and `ionscope run`: the output directory, the report, provenance, and that a
/// failed or interrupted run leaves what was there before.
final class RunCommandTests: ScratchTestCase {
    /// Names in `scratch` that a run must never leave behind.
    func leftovers() throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: scratch.path).filter {
            $0.contains(".partial-") || $0.contains(".old-")
        }
    }

    func testDemoWritesTheReportAndEveryDataFile() throws {
        let output = scratch.appendingPathComponent("demo")
        let result = try run(["demo", "--output", output.path])
        XCTAssertEqual(result.status, 0, result.err)
        XCTAssertTrue(result.out.contains("report: \(output.path)/report.html"), result.out)
        XCTAssertTrue(result.out.contains("D(Li)"), result.out)
        let files = Set(try FileManager.default.contentsOfDirectory(atPath: output.path))
        for name in [
            "report.html", "provenance.json", "summary.json", "job.toml", "conductivity.json", "conductivity.csv",
            "msd-li.json", "msd-li.csv", "msd-tfsi.csv", "msd-pyr13.csv", "rdf-li-s.csv",
        ] {
            XCTAssertTrue(files.contains(name), "\(name) missing from \(files.sorted())")
        }
        let html = try String(contentsOf: output.appendingPathComponent("report.html"), encoding: .utf8)
        XCTAssertGreaterThanOrEqual(html.components(separatedBy: "<svg").count - 1, 7, "plots in the report")
        XCTAssertFalse(html.contains("no data to draw"))
        XCTAssertFalse(html.contains("<script"), "the report must work without scripts")
        // Every plot draws at least one series.
        for svg in html.components(separatedBy: "<svg").dropFirst() {
            XCTAssertTrue(svg.contains(#"class="series""#), "a plot without a drawn series")
        }
        // The CSV has a header with units and numeric rows.
        let csv = try String(contentsOf: output.appendingPathComponent("msd-li.csv"), encoding: .utf8).split(
            separator: "\n")
        XCTAssertEqual(csv.first, "lag (frames),t (ps),msd (Å²),msd_x (Å²),msd_y (Å²),msd_z (Å²)")
        XCTAssertEqual(csv.count, 402)
        // Provenance hashes agree with coreutils' sha256sum.
        let provenance =
            try JSONSerialization.jsonObject(with: Data(contentsOf: output.appendingPathComponent("provenance.json")))
            as! [String: Any]
        let inputs = provenance["inputs"] as! [[String: Any]]
        XCTAssertEqual(inputs.count, 2)
        if FileManager.default.fileExists(atPath: "/usr/bin/sha256sum") {
            for input in inputs {
                let process = Process()
                process.executableURL = URL(fileURLWithPath: "/usr/bin/sha256sum")
                process.arguments = [input["path"] as! String]
                let pipe = Pipe(); process.standardOutput = pipe
                try process.run(); process.waitUntilExit()
                let expected = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self).prefix(
                    64)
                XCTAssertEqual(input["sha256"] as? String, String(expected))
            }
        }
        // A second run does not overwrite without --force …
        let again = try run(["demo", "--output", output.path, "--quiet"])
        XCTAssertEqual(again.status, 73, "an output error")
        XCTAssertTrue(again.err.contains("already exists"), again.err)
        XCTAssertTrue(FileManager.default.fileExists(atPath: output.appendingPathComponent("report.html").path))
        XCTAssertEqual(try leftovers(), [])
    }

    /// A run that fails while reading leaves an existing output directory untouched, even with --force.
    func testAFailingRunLeavesTheOldOutput() throws {
        let output = scratch.appendingPathComponent("out")
        try FileManager.default.createDirectory(at: output, withIntermediateDirectories: true)
        // An earlier IonScope output (its manifest lists its files), so --force may replace it.
        try Data("keep me".utf8).write(to: output.appendingPathComponent("old.txt"))
        try Data(
            """
            {"generator": "IonScope", "files": {"old.txt": {"bytes": 7, \
            "sha256": "8dfef3faa531cad70736cb40ad8932ffb50887f5a8fffd209193b545c4e354ae"}}}
            """.utf8
        ).write(to: output.appendingPathComponent("manifest.json"))
        let data = CLITests.demoData
        // A dump cut inside its first frame header: the run fails while reading, after the
        // output was staged.
        let dump = scratch.appendingPathComponent("short.lammpstrj")
        try Data("ITEM: TIMESTEP\n0\nITEM: NUMBER OF ATOMS\n1700\n".utf8).write(to: dump)
        let job = scratch.appendingPathComponent("job.toml")
        try Data(
            """
            [input]
            topology = "\(data.appendingPathComponent("demo.data").path)"
            trajectories = ["short.lammpstrj"]
            timestep = 0.002
            temperature = 450
            [[msd]]
            select = "type 1"
            """.utf8
        ).write(to: job)
        let result = try run(["run", job.path, "--output", output.path, "--force"])
        XCTAssertEqual(result.status, 66, "an input-file error: \(result.err)")
        XCTAssertTrue(result.err.contains("error:"), result.err)
        XCTAssertTrue(result.err.contains("short.lammpstrj, frame 0"), "the run must fail while reading: \(result.err)")
        XCTAssertEqual(
            try FileManager.default.contentsOfDirectory(atPath: output.path).sorted(), ["manifest.json", "old.txt"])
        XCTAssertEqual(try leftovers(), [])
    }

    /// --force never replaces a directory IonScope did not write, the current directory or a parent.
    func testForceReplacesOnlyEarlierOutputs() throws {
        let mine = scratch.appendingPathComponent("thesis")
        try FileManager.default.createDirectory(at: mine, withIntermediateDirectories: true)
        try Data("chapter 1".utf8).write(to: mine.appendingPathComponent("chapter1.tex"))
        let refused = try run(["demo", "--output", mine.path, "--force", "--quiet"])
        XCTAssertEqual(refused.status, 73)
        XCTAssertTrue(refused.err.contains("did not write"), refused.err)
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: mine.path), ["chapter1.tex"])
        let root = try run(["demo", "--output", "/", "--force", "--quiet"])
        XCTAssertEqual(root.status, 73)
        XCTAssertTrue(root.err.contains("the root"), root.err)
    }

    /// SIGINT in the middle of reading: exit status 130, no output directory, no staging left.
    func testAnInterruptedRunLeavesNothing() throws {
        let output = scratch.appendingPathComponent("interrupted")
        let process = Process()
        process.executableURL = IonScopeBinary.executable
        process.arguments = ["demo", "--output", output.path, "--quiet"]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        // Wait until the staging directory exists, then interrupt.
        let deadline = Date().addingTimeInterval(20)
        while try leftovers().isEmpty && Date() < deadline && process.isRunning { usleep(20_000) }
        usleep(200_000)
        process.interrupt()
        process.waitUntilExit()
        XCTAssertEqual(process.terminationStatus, 130)
        XCTAssertFalse(FileManager.default.fileExists(atPath: output.path))
        XCTAssertEqual(try leftovers(), [])
    }

    /// A job on the reduced-unit (LAMMPS lj) primitive-model trajectory with velocities: Einstein
    /// and Green–Kubo transport side by side, every quantity labelled in reduced units.
    func testVelocityJobInReducedUnits() throws {
        let fixture = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Fixtures/primitive-model/ions.lammpstrj.gz")
        let job = scratch.appendingPathComponent("pm.toml")
        try Data(
            """
            [input]
            trajectories = ["\(fixture.path)"]
            timestep = 0.005
            temperature = 1
            [selections]
            cation = "type 1"
            anion = "type 2"
            [[msd]]
            select = "cation"
            drift = "none"
            [[vacf]]
            select = "cation"
            [[rdf]]
            select = "cation"
            with = "anion"
            rmax = 5
            [conductivity]
            species = ["cation", "anion"]
            atoms = true
            green_kubo = true
            """.utf8
        ).write(to: job)
        let output = scratch.appendingPathComponent("pm")
        let result = try run(["run", job.path, "--output", output.path, "--quiet"])
        XCTAssertEqual(result.status, 0, result.err)
        let html = try String(contentsOf: output.appendingPathComponent("report.html"), encoding: .utf8)
        for expected in ["Green–Kubo", "σ²/τ", "q²/(σ·τ·ε)", "Running Green–Kubo conductivity", "Normalised VACF"] {
            XCTAssertTrue(html.contains(expected), "report lacks \(expected)")
        }
        XCTAssertFalse(html.contains("S/m"), "SI labels on reduced-unit numbers")
        XCTAssertFalse(html.contains("Å"), "ångström labels on reduced-unit numbers")
        XCTAssertTrue(html.contains("r (σ)"), "the RDF's distances in σ")
        for name in ["vacf-cation.csv", "green-kubo.json", "conductivity.json"] {
            XCTAssertTrue(FileManager.default.fileExists(atPath: output.appendingPathComponent(name).path), name)
        }
        // The same run given twice as replicas: both give the same D, their spread is zero, and
        // the Onsager analysis counts two replicas.
        let replicated = scratch.appendingPathComponent("pm2.toml")
        let text = try String(contentsOf: job, encoding: .utf8)
            .replacingOccurrences(
                of: "trajectories = [\"\(fixture.path)\"]",
                with: "replicas = [[\"\(fixture.path)\"], [\"\(fixture.path)\"]]\nstop = 400")
        try Data(text.utf8).write(to: replicated)
        let twice = scratch.appendingPathComponent("pm2")
        XCTAssertEqual(try run(["run", replicated.path, "--output", twice.path, "--quiet"]).status, 0)
        let replicas =
            try JSONSerialization.jsonObject(with: Data(contentsOf: twice.appendingPathComponent("replicas.json")))
            as! [String: Any]
        XCTAssertEqual(replicas["runs"] as? Int, 2)
        for quantity in replicas["quantities"] as! [[String: Any]] {
            let values = quantity["values"] as! [Double]
            XCTAssertEqual(values.count, 2)
            XCTAssertEqual(values[0], values[1], accuracy: 1e-12 * abs(values[0]), "\(quantity["label"]!)")
        }
        let onsager =
            try JSONSerialization.jsonObject(with: Data(contentsOf: twice.appendingPathComponent("conductivity.json")))
            as! [String: Any]
        XCTAssertEqual(onsager["replicas"] as? Int, 2)
    }

    func testCheckValidatesWithoutRunning() throws {
        let job = scratch.appendingPathComponent("job.toml")
        try Data("[input]\ntrajectories = [\"nothere.dump\"]\n[[msd]]\nselect = \"all\"\n".utf8).write(to: job)
        let result = try run(["run", job.path, "--check"])
        XCTAssertEqual(result.status, 64, "a job-file mistake is a usage error")
        XCTAssertTrue(result.err.contains("job.toml:2: [input] key 'trajectories'"), result.err)
        XCTAssertTrue(result.err.contains("nothere.dump does not exist"), result.err)
    }
}
