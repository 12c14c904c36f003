import Foundation
import IonAnalysis
import IonCore
import IonIO
import XCTest

@testable import IonJob

/// The runner over the bundled demo: missing cutoffs of every analysis come from one shared
/// pre-pass, and equal the first minima found one RDF at a time.
final class JobRunnerTests: XCTestCase {
    func testMissingCutoffsShareOnePrePass() throws {
        let demo = PluginRegistryTests.root.appendingPathComponent("Sources/ionscope/DemoData")
        let text = """
            [input]
            topology = "\(demo.appendingPathComponent("demo.data").path)"
            trajectories = ["\(demo.appendingPathComponent("demo.lammpstrj.gz").path)"]
            units = "real"
            timestep = 0.002
            stop = 30
            [selections]
            Li = "type 1"
            TFSI = "type 2 3"
            [[shells]]
            centres = "Li"
            partners = ["TFSI"]
            counting = "centres-of-mass"
            [[clusters]]
            cations = ["Li"]
            anions = ["TFSI"]
            [[kinetics]]
            centres = "Li"
            partners = "TFSI"
            counting = "centres-of-mass"
            bootstrap = 0
            power_law_replicates = 0
            state_bootstrap = 2
            """
        let config = try JobConfig.parse(
            text, path: FileManager.default.temporaryDirectory.appendingPathComponent("cutoffs.toml").path)
        var notes: [String] = []
        let results = try JobRunner.run(config, note: { notes.append($0) })
        let prePasses = results.timings.filter { $0.0.contains("cutoffs from RDF minima") }
        XCTAssertEqual(prePasses.count, 1, "\(results.timings.map(\.0))")
        XCTAssertTrue(prePasses[0].0.contains("1 RDFs"), "the three analyses ask for the same RDF: \(prePasses[0].0)")
        XCTAssertEqual(notes.count, 3, "each analysis says where its cutoff came from: \(notes)")
        // The same minimum as a pass of its own.
        let trajectory = try Trajectory(config.input)
        let alone = try ShellCutoff.firstMinimum(
            trajectory,
            definition: ShellDefinition(
                centres: "type 1", partners: "type 2 3",
                centresByMolecule: true, counting: .centresOfMass))
        let shells = try XCTUnwrap(results.output("shells", as: SolvationShellResult.self))
        XCTAssertEqual(shells.species[0].cutoff, alone.r)
        XCTAssertEqual(shells.species[0].cutoffSource, "first minimum of the RDF")
        let clusters = try XCTUnwrap(results.output("clusters", as: ClusterResult.self))
        XCTAssertEqual(clusters.contacts[0].cutoff, alone.r)
        let kinetics = try XCTUnwrap(results.output("kinetics", as: KineticsResult.self))
        XCTAssertEqual(kinetics.definition.cutoff, alone.r)
    }

    /// A LAMMPS run whose cell is compressed from 8σ to 7σ (`Tests/Fixtures/shrinking-cell`): the
    /// default RDF range, half the first frame's cell, no longer fits the later frames. The RDF
    /// ends at half the narrowest frame's cell and says so; an explicit rmax that does not fit
    /// stops with the frame named.
    func testTheAutomaticRDFRangeFollowsAShrinkingCell() throws {
        let dump = PluginRegistryTests.root.appendingPathComponent("Tests/Fixtures/shrinking-cell/shrink.lammpstrj.gz")
        func job(_ rdf: String) throws -> JobConfig {
            let text = """
                [input]
                trajectories = ["\(dump.path)"]
                units = "lj"
                timestep = 0.005
                [[rdf]]
                select = "all"
                \(rdf)
                """
            return try JobConfig.parse(
                text, path: FileManager.default.temporaryDirectory.appendingPathComponent("shrink.toml").path)
        }
        let results = try JobRunner.run(try job("bins = 100"))
        let rdf = try XCTUnwrap(results.output("rdf", as: RDFResult.self))
        XCTAssertEqual(rdf.frames, 20)
        XCTAssertEqual(rdf.binWidth, 3.9777 / 100, accuracy: 1e-12)
        XCTAssertEqual(rdf.r.count, 88, "7.0055σ / 2 = 3.503σ holds 88 bins of 0.0398σ")
        XCTAssertTrue(rdf.warnings.contains { $0.contains("the cell narrows during the run") }, "\(rdf.warnings)")
        let peak = try XCTUnwrap(rdf.firstPeak)
        XCTAssertEqual(peak.r, 1.1, accuracy: 0.1, "the Lennard-Jones first peak near 2^(1/6)σ")
        XCTAssertThrowsError(try JobRunner.run(try job("rmax = 3.9"))) { error in
            XCTAssertTrue("\(error)".contains("of the range: rmax 3.9 exceeds"), "\(error)")
        }
    }

    /// A GROMACS .trr whose frames hold different fields (positions every 50 steps, velocities
    /// every 100, forces every 40: `Tests/IonIOTests/Fixtures/gromacs/water.trr`): the force-only
    /// frames are left out of every analysis, with a count, and none is indexed (issue 16 item 3:
    /// msd and rdf crashed with an index out of range).
    func testFramesWithoutPositionsAreLeftOutAndCounted() throws {
        let folder = PluginRegistryTests.root.appendingPathComponent("Tests/IonIOTests/Fixtures/gromacs")
        let text = """
            [input]
            topology = "\(folder.appendingPathComponent("water.gro").path)"
            trajectories = ["\(folder.appendingPathComponent("water.trr").path)"]
            [[msd]]
            select = "resname SOL"
            molecules = true
            [[rdf]]
            select = "name OW"
            rmax = 7
            """
        let config = try JobConfig.parse(
            text, path: FileManager.default.temporaryDirectory.appendingPathComponent("trr.toml").path)
        let results = try JobRunner.run(config)
        let msd = try XCTUnwrap(results.output("msd", as: MSDResult.self))
        XCTAssertEqual(msd.lags.count, 5, "the 5 frames with positions, 0.1 ps apart")
        XCTAssertEqual(try XCTUnwrap(msd.times).last ?? 0, 0.4, accuracy: 1e-6)  // float32 times
        let rdf = try XCTUnwrap(results.output("rdf", as: RDFResult.self))
        XCTAssertEqual(rdf.frames, 5)
        XCTAssertTrue(
            rdf.warnings.contains { $0.contains("4 frame(s) carry no positions") && $0.contains("left out") },
            "\(rdf.warnings)")
    }
}
