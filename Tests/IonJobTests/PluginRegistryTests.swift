import Foundation
import IonAnalysis
import IonCore
import IonReport
import XCTest

@testable import IonJob

/// Every registered analysis is complete: declared settings that are well formed, and an example
/// job that runs on a bundled trajectory through the same path as `ionscope run` and gives an
/// output, a report section and JSON.
final class PluginRegistryTests: XCTestCase {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    func testEveryDeclarationIsWellFormed() {
        XCTAssertFalse(AnalysisPlugins.all.isEmpty)
        for plugin in AnalysisPlugins.all {
            XCTAssertEqual(
                AnalysisPlugins.problems(of: plugin, inputOptions: AnalysisPlugins.commandOptions), [], plugin.name)
        }
    }

    /// A plug-in that declares a key twice, or one the command line already uses, is caught.
    func testAHalfDeclaredPluginFails() {
        let problems = AnalysisPlugins.problems(of: BrokenPlugin.self, inputOptions: AnalysisPlugins.inputOptions)
        XCTAssertTrue(problems.contains { $0.contains("'rmax' declared twice") }, "\(problems)")
        XCTAssertTrue(problems.contains { $0.contains("'stride' declared twice or clashes") }, "\(problems)")
        XCTAssertTrue(problems.contains { $0.contains("'Bins' is not snake_case") }, "\(problems)")
        XCTAssertTrue(problems.contains { $0.contains("no discussion") }, "\(problems)")
    }

    func testEveryExampleRunsAndReports() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent(
            "ionscope-registry-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        for plugin in AnalysisPlugins.all {
            // Its example applies the bundled ensemble; a checkout without it is tested elsewhere.
            if plugin == LocalConductivityPlugin.self && LocalConductivityPlugin.bundledModelPath == nil { continue }
            let example = plugin.example
            let input: String
            switch example.trajectory {
            case .demo:
                let demo = Self.root.appendingPathComponent("Sources/ionscope/DemoData")
                input = """
                    topology = "\(demo.appendingPathComponent("demo.data").path)"
                    trajectories = ["\(demo.appendingPathComponent("demo.lammpstrj.gz").path)"]
                    units = "real"
                    timestep = 0.002
                    temperature = 450
                    stop = 40
                    """
            case .primitiveModel:
                input = """
                    trajectories = ["\(Self.root.appendingPathComponent("Tests/Fixtures/primitive-model/ions.lammpstrj.gz").path)"]
                    timestep = 0.005
                    temperature = 1
                    stop = 200
                    """
            case .kobAndersenEnergies:
                input = """
                    trajectories = ["\(Self.root.appendingPathComponent("Tests/Fixtures/kob-andersen/ka-pe.lammpstrj.gz").path)"]
                    units = "lj"
                    timestep = 0.005
                    """
            case .ensembleForces:
                input = """
                    trajectories = ["\(Self.root.appendingPathComponent("Tests/Fixtures/ensemble-forces/calibration.extxyz.gz").path)"]
                    units = "lj"
                    """
            }
            let header = plugin.repeatable ? "[[\(plugin.name)]]" : "[\(plugin.name)]"
            let text = "[input]\n\(input)\n\n\(header)\n\(example.table)\n"
            let config = try JobConfig.parse(text, path: folder.appendingPathComponent("\(plugin.name).toml").path)
            XCTAssertEqual(config.analyses.map(\.plugin), [plugin.name])
            let results = try JobRunner.run(config)
            let outcome = try XCTUnwrap(results.analyses.first, plugin.name)
            let json = String(decoding: try encodeJSON(outcome.output), as: UTF8.self)
            XCTAssertFalse(json.isEmpty, plugin.name)
            // No result prints a non-finite number (issue 15 item 5): JSON writes them as strings.
            for token in [#""nan""#, #""inf""#, #""-inf""#] {
                XCTAssertFalse(json.contains(token), "\(plugin.name)'s example output holds \(token)")
            }
            var files = FileSet(output: nil)
            let sections = try JobWriter.analysisSections(
                results.analyses, units: UnitLabels(results.summary.units), files: &files)
            XCTAssertFalse(sections.isEmpty, "\(plugin.name) has no report section")
            XCTAssertFalse(files.names.isEmpty, "\(plugin.name) writes no data file")
            let rendered = TextReport.render(sections)
            XCTAssertFalse(rendered.isEmpty, plugin.name)
            // Units are written one way, with superscripts and subscripts, never as raw TeX.
            for token in ["^2", "^3", "^-", "_R", "_NE"] {
                XCTAssertFalse(json.contains(token) || rendered.contains(token), "\(plugin.name) writes \(token)")
            }
        }
    }

    /// Settings read from the command line and from a job file agree: same defaults, same checks.
    func testCommandLineAndJobFileGiveTheSameSettings() throws {
        let parsed = try ArgumentSettings(
            ["a.data", "--fit-start=20", "--fit-end", "100", "--drift", "none", "--molecules"],
            declared: MSDPlugin.allSettings)
        XCTAssertEqual(parsed.positional, ["a.data"])
        let fromArguments = try MSDPlugin(try parsed.values(for: MSDPlugin.allSettings, temperature: nil))
        var table = ConfigTable(
            try TOMLParser.parse("fit_start = 20\nfit_end = 100\ndrift = \"none\"\nmolecules = true\n"),
            name: "[[msd]]", path: "job.toml")
        let fromTable = try MSDPlugin(
            try table.settings(MSDPlugin.allSettings, parser: SettingParser(named: [:]), temperature: nil))
        for plugin in [fromArguments, fromTable] {
            XCTAssertEqual(plugin.options.fitStart, 20); XCTAssertEqual(plugin.options.fitEnd, 100)
            XCTAssertTrue(plugin.molecules); XCTAssertEqual(plugin.drift.description, DriftPolicy.keep.description)
        }
        XCTAssertThrowsError(try ArgumentSettings(["--fit-start", "-1"], declared: MSDPlugin.allSettings)) {
            XCTAssertEqual("\($0)", "--fit-start: must be 0 or more; got -1.0")
        }
        XCTAssertThrowsError(try ArgumentSettings(["--fit-strat", "1"], declared: MSDPlugin.allSettings)) {
            XCTAssertTrue("\($0)".contains("did you mean --fit-start?"), "\($0)")
        }
        XCTAssertThrowsError(try ArgumentSettings(["--selection", "type 1"], declared: MSDPlugin.allSettings)) {
            XCTAssertTrue("\($0)".contains("--selection is now --select"), "\($0)")
        }
        // The viscosity needs the temperature, from the command line as from a job.
        XCTAssertThrowsError(
            try MSDPlugin(
                try ArgumentSettings(["--viscosity", "0.01"], declared: MSDPlugin.allSettings)
                    .values(for: MSDPlugin.allSettings, temperature: nil)))
        let corrected = try MSDPlugin(
            try ArgumentSettings(["--viscosity", "0.01"], declared: MSDPlugin.allSettings)
                .values(for: MSDPlugin.allSettings, temperature: 450))
        XCTAssertEqual(corrected.options.temperature, 450)
    }

    /// File names in a job file are relative to its folder, as its trajectories are; on the
    /// command line they stay relative to the current directory; absolute names stay as given.
    func testFileSettingsAreRelativeToTheJobFile() throws {
        let settings = UncertaintyPlugin.allSettings
        var table = ConfigTable(
            try TOMLParser.parse(
                "models = [\"m0\", \"m1\"]\nreference = \"ref\"\ntest = \"held-out.extxyz\"\npool = \"/data/pool.extxyz\"\n"
            ), name: "[[uncertainty]]", path: "/jobs/study/job.toml")
        let parser = SettingParser(named: [:], folder: URL(fileURLWithPath: "/jobs/study"))
        let fromTable = try table.settings(settings, parser: parser, temperature: nil)
        XCTAssertEqual(fromTable.text("test"), "/jobs/study/held-out.extxyz")
        XCTAssertEqual(fromTable.text("pool"), "/data/pool.extxyz")
        let fromArguments = try ArgumentSettings(
            ["a.extxyz", "--models", "m0,m1", "--reference", "ref", "--test", "held-out.extxyz"], declared: settings
        ).values(for: settings, temperature: nil)
        XCTAssertEqual(fromArguments.text("test"), "held-out.extxyz")
        var kinetics = ConfigTable(
            try TOMLParser.parse(
                "centres = \"type 1\"\npartners = \"type 2\"\narrhenius_with = [\"../hot/kinetics.json\"]\n"
            ), name: "[kinetics]",
            path: "/jobs/study/job.toml")
        let other = try kinetics.settings(KineticsPlugin.allSettings, parser: parser, temperature: 300)
        XCTAssertEqual(other.texts("arrhenius_with"), ["/jobs/study/../hot/kinetics.json"])
    }

    /// `NAME=SELECTION`, named selections and comparisons with `=` in them.
    func testNamedGroups() throws {
        let parser = SettingParser(named: ["Li": try Selection("type 1")])
        XCTAssertEqual(try parser.namedSelection("Li").selection.text, "type 1")
        XCTAssertEqual(try parser.namedSelection("TFSI=type 2 3").name, "TFSI")
        XCTAssertEqual(try parser.namedSelection("charge == 1").name, "charge == 1")
        XCTAssertEqual(try parser.namedSelection("mass <= 10").selection.text, "mass <= 10")
        XCTAssertThrowsError(try parser.namedSelection("=type 1"))
    }
}

/// A plug-in with mistakes in its declaration, for the registry check.
struct BrokenPlugin: AnalysisPlugin {
    static let name = "broken"
    static let abstract = "A deliberately broken declaration."
    static let settings: [Setting] = [
        Setting("rmax", .number(.positive), help: "Largest distance."),
        Setting("rmax", .number(.positive), help: "Declared again."),
        Setting("stride", .integer(minimum: 1), help: "Clashes with the input option."),
        Setting("Bins", .integer(minimum: 1), help: "Not snake_case."),
    ]
    static let example = PluginExample(.demo, "")
    let label = "broken"
    init(_ settings: SettingValues) throws {}
    func analysis(_ run: RunSetup) throws -> FrameCounter { FrameCounter() }
    func output(_ collected: Int, _ run: RunSetup) throws -> Int { collected }
    static func headlines(_ output: Int, label: String) -> [Headline] { [] }
    static func warnings(_ output: Int, label: String) -> [String] { [] }
    static func sections(_ items: [Labelled<Int>], units: UnitLabels, files: inout FileSet) throws -> [ReportSection] {
        []
    }
}

/// Counts frames.
struct FrameCounter: FrameAnalysis {
    var frames = 0
    mutating func prepare(_ context: AnalysisContext) throws {}
    mutating func accumulate(_ view: FrameView) throws { frames += 1 }
    mutating func finish(_ pass: PassRecord) throws -> Int { frames }
}
