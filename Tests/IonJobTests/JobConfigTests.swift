import Foundation
import XCTest

@testable import IonJob

/// Job files: what a good one gives, and what each kind of mistake says.
final class JobConfigTests: XCTestCase {
    var folder: URL!

    override func setUpWithError() throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("ionscope-job-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        for name in ["system.data", "run.lammpstrj"] { try Data().write(to: folder.appendingPathComponent(name)) }
    }

    override func tearDownWithError() throws { try? FileManager.default.removeItem(at: folder) }

    func parse(_ text: String) throws -> JobConfig {
        try JobConfig.parse(text, path: folder.appendingPathComponent("job.toml").path)
    }

    let valid = """
        title = "test"
        [input]
        topology = "system.data"
        trajectories = ["run.lammpstrj"]
        units = "real"
        timestep = 0.002
        temperature = 300
        stride = 2

        [selections]
        Li = "type 1"
        TFSI = "type 2 3"

        [[msd]]
        select = "Li"
        fit_start = 10

        [[rdf]]
        select = "Li"
        with = "TFSI"
        molecules = true
        rmax = 8

        [conductivity]
        species = ["Li", "TFSI"]
        """

    func testAValidJobIsReadCompletely() throws {
        let config = try parse(valid)
        XCTAssertEqual(config.title, "test")
        XCTAssertEqual(config.input.trajectoryPaths, [folder.appendingPathComponent("run.lammpstrj").path])
        XCTAssertEqual(config.input.timestep, 0.002)
        XCTAssertEqual(config.input.range.stride, 2)
        XCTAssertEqual(config.temperature, 300)
        XCTAssertEqual(config.selections.map(\.name), ["Li", "TFSI"])
        XCTAssertEqual(config.analyses.map(\.plugin), ["msd", "conductivity", "rdf"], "tables in the registry's order")
        let msd = try XCTUnwrap(instances(config, MSDPlugin.self).first)
        XCTAssertEqual(msd.selection.text, "type 1")
        XCTAssertEqual(msd.label, "Li")
        XCTAssertEqual(msd.options.fitStart, 10)
        let rdf = try XCTUnwrap(instances(config, RDFPlugin.self).first)
        XCTAssertEqual(rdf.options.rMax, 8)
        XCTAssertTrue(rdf.options.byMolecule)
        XCTAssertEqual(rdf.label, "Li–TFSI")
        let conductivity = try XCTUnwrap(instances(config, ConductivityPlugin.self).first)
        XCTAssertEqual(conductivity.species.map(\.name), ["Li", "TFSI"])
        XCTAssertEqual(conductivity.species.map(\.selection.text), ["type 1", "type 2 3"])
        XCTAssertEqual(conductivity.options.temperature, 300)
    }

    func instances<P: AnalysisPlugin>(_ config: JobConfig, _ plugin: P.Type) -> [P] {
        config.analyses.compactMap { ($0 as? PluginJob<P>)?.instance }
    }

    /// Each mistake names the line and says what is wrong.
    func testMistakesNameTheLineAndTheKey() {
        let cases: [(from: String, to: String, line: Int?, message: String)] = [
            ("fit_start = 10", "fit_strat = 10", 16, "unknown key 'fit_strat' (did you mean 'fit_start'?)"),
            ("rmax = 8", "rmax = \"8\"", 22, "key 'rmax': expected a number, got a string"),
            ("rmax = 8", "rmax = -8", 22, "key 'rmax': must be positive"),
            ("\"run.lammpstrj\"", "\"missing.lammpstrj\"", 4, "missing.lammpstrj does not exist"),
            ("units = \"real\"", "units = \"imperial\"", 5, "'imperial' is not a unit system"),
            (
                "select = \"Li\"\nfit_start", "select = \"Lithium\"\nfit_start", 15,
                "'Lithium' is neither a named selection nor a valid selection"
            ),
            ("select = \"Li\"\nfit_start", "selection = \"Li\"\nfit_start", 15, "key 'selection': renamed 'select'"),
            ("fit_start = 10", "fit_start = 10\nfit_end = 5", 17, "key 'fit_end': must be larger than fit_start"),
            ("rmax = 8", "rmax = 8\nbins = 1.5", 23, "key 'bins': expected an integer"),
            ("species = [\"Li\", \"TFSI\"]", "species = [\"Li\"]", 25, "give at least two ions"),
            ("temperature = 300\n", "", nil, "conductivity needs the temperature"),
            ("stride = 2", "stride = 0", 8, "must be 1 or more"),
            ("timestep = 0.002", "timestep = 0.002\nframe_interval = 1", 7, "give either timestep"),
            ("[[msd]]", "[msd]\n[[msd]]", 15, "not an array of tables"),
        ]
        for item in cases {
            let text = valid.replacingOccurrences(of: item.from, with: item.to)
            XCTAssertNotEqual(text, valid, "case did not change the file: \(item.from)")
            XCTAssertThrowsError(try parse(text), item.message) { error in
                let description = "\(error)"
                XCTAssertTrue(description.contains(item.message), "\(item.to): \(description)")
                if let line = item.line {
                    XCTAssertTrue(description.contains("job.toml:\(line):"), "\(item.to): \(description)")
                }
            }
        }
    }

    func testReplicasAreRunsOfTheSameSystem() throws {
        try Data().write(to: folder.appendingPathComponent("run2.lammpstrj"))
        let text = valid.replacingOccurrences(
            of: "trajectories = [\"run.lammpstrj\"]",
            with: "replicas = [[\"run.lammpstrj\"], [\"run2.lammpstrj\"]]")
        let config = try parse(text)
        XCTAssertEqual(config.input.trajectoryPaths, [folder.appendingPathComponent("run.lammpstrj").path])
        XCTAssertEqual(config.replicas.map(\.trajectoryPaths), [[folder.appendingPathComponent("run2.lammpstrj").path]])
        XCTAssertEqual(config.replicas.first?.timestep, 0.002, "replicas share the input settings")
        XCTAssertEqual(config.replicas.first?.range.stride, 2)
        let both = valid.replacingOccurrences(
            of: "trajectories = [\"run.lammpstrj\"]",
            with: "trajectories = [\"run.lammpstrj\"]\nreplicas = [[\"run.lammpstrj\"], [\"run2.lammpstrj\"]]")
        XCTAssertThrowsError(try parse(both)) { XCTAssertTrue("\($0)".contains("not both"), "\($0)") }
        let one = valid.replacingOccurrences(
            of: "trajectories = [\"run.lammpstrj\"]", with: "replicas = [[\"run.lammpstrj\"]]")
        XCTAssertThrowsError(try parse(one)) { XCTAssertTrue("\($0)".contains("at least two runs"), "\($0)") }
    }

    func testAJobWithoutAnalysesIsRefused() {
        XCTAssertThrowsError(try parse("[input]\ntrajectories = \"run.lammpstrj\"\n")) { error in
            XCTAssertTrue("\(error)".contains("no analyses"), "\(error)")
        }
    }
}
