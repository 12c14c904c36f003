import Foundation
import IonAnalysis
import IonCore
import IonIO
import IonLearn
import IonReport
import XCTest

@testable import IonJob

/// The local-molar-conductivity pipeline without LAMMPS: the field's statistics on a planted
/// configuration, the campaign's inputs read back as a manifest, and manifest → dataset →
/// ensemble → prediction on the committed primitive-model trajectory.
final class LocalConductivityTests: XCTestCase {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()
    static let fixture = root.appendingPathComponent("Tests/Fixtures/primitive-model/ions.lammpstrj.gz").path

    /// Two snapshots of four ions in a 20 σ cell: cation 0 and anion 2 in contact (1 σ), cation 1
    /// and anion 3 far from everyone. Two members whose outputs differ by ±0.1.
    func testFieldStatisticsOnAPlantedConfiguration() throws {
        let box = try XCTUnwrap(Box(a: Vec3(20, 0, 0), b: Vec3(0, 20, 0), c: Vec3(0, 0, 20), origin: .zero))
        let positions = [Vec3(1, 1, 1), Vec3(10, 10, 10), Vec3(2, 1, 1), Vec3(10, 1, 15)]
        let isCation = [true, true, false, false]
        let k: [Double] = [-0.5, 1.0, -0.3, 2.0, -0.4, 1.2, 0.1, 1.8]  // snapshot-major
        let outputs = [k.map { $0 + 0.1 }, k.map { $0 - 0.1 }]
        let field = try LocalConductivityField(
            outputs: outputs, isCation: isCation, snapshots: [(positions, box), (positions, box)], shell: 1.6,
            correlationWidth: 0.5, unit: "u", lengthUnit: "σ", measured: nil)
        let mean = k.reduce(0, +) / 8
        XCTAssertEqual(field.molarConductivity.value, mean, accuracy: 1e-12)
        XCTAssertEqual(field.molarConductivity.uncertainty!, (2 * 0.01).squareRoot(), accuracy: 1e-12, "members ±0.1")
        XCTAssertEqual(field.cationConductivity.value, (-0.5 + 1.0 - 0.4 + 1.2) / 4, accuracy: 1e-12)
        XCTAssertEqual(field.anionConductivity.value, (-0.3 + 2.0 + 0.1 + 1.8) / 4, accuracy: 1e-12)
        XCTAssertEqual(field.paired, 4, "ions 0 and 2, twice")
        XCTAssertEqual(field.negativePaired, 3.0 / 4)
        XCTAssertEqual(field.negativeUnpaired, 0)
        XCTAssertEqual(field.negativeFraction, 3.0 / 8)
        XCTAssertEqual(field.pairedCounts.reduce(0, +) + field.unpairedCounts.reduce(0, +), 8)
        XCTAssertEqual(field.edges.first, -0.5)
        XCTAssertEqual(field.edges.last!, 2.0, accuracy: 1e-12)
    }

    func testCampaignInputsReadBackAsAManifest() throws {
        let campaign = PrimitiveModelCampaign(pairs: [20, 100], bjerrumLengths: [2.5, 10])
        let systems = try campaign.systems()
        XCTAssertEqual(systems.map(\.name), ["p20-lb2.5", "p20-lb10", "p100-lb2.5", "p100-lb10"])
        XCTAssertEqual(systems.map(\.seed), [1000, 2000, 3000, 4000])
        XCTAssertEqual(systems[2].concentration, 0.08, accuracy: 1e-15, "100 pairs in 1250 σ³")
        XCTAssertTrue(campaign.arguments(systems[1]).joined(separator: " ").contains("-var lb 10 -var seed 2000"))
        XCTAssertTrue(PrimitiveModelCampaign.input.contains("dielectric      ${diel}"))
        XCTAssertThrowsError(try PrimitiveModelCampaign(beads: 500).systems(), "a cell narrower than 2 r_cut")
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("campaign-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        for s in systems {
            try FileManager.default.createDirectory(
                at: folder.appendingPathComponent(s.name), withIntermediateDirectories: true)
            try Data().write(to: folder.appendingPathComponent("\(s.name)/ions.lammpstrj.gz"))
        }
        let path = folder.appendingPathComponent("manifest.toml").path
        try Data(try campaign.manifest().utf8).write(to: URL(fileURLWithPath: path))
        let manifest = try ConductivityManifest.read(path)
        XCTAssertEqual(manifest.systems.map(\.name), systems.map(\.name))
        XCTAssertEqual(manifest.units, .lj)
        XCTAssertEqual(manifest.settings.snapshotEvery, 120)
        XCTAssertEqual(manifest.systems[0].input.timestep, 0.005)
        XCTAssertEqual(manifest.systems[0].temperature, 1)
        try Data((try campaign.manifest() + "\nsurprise = 1\n").utf8).write(to: URL(fileURLWithPath: path))
        XCTAssertThrowsError(try ConductivityManifest.read(path))
        XCTAssertTrue(try campaign.script(parallel: 2).contains("gzip -f ions.lammpstrj"))
    }

    /// Five "systems" cut from the committed run (frame ranges are not in manifests, so one file
    /// five times, with different SOAP snapshots): the dataset's Λ equals the conductivity
    /// analysis', the ensemble trains, saves, and the plug-in applies it.
    func testManifestToDatasetToEnsembleToPrediction() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("lc-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        var text = """
            [dataset]
            units = "lj"
            temperature = 1
            timestep = 0.005
            snapshot_every = 400
            nmax = 3
            lmax = 2

            """
        for k in 0..<5 { text += "[[system]]\nname = \"s\(k)\"\ntrajectories = [\"\(Self.fixture)\"]\n" }
        let manifestPath = folder.appendingPathComponent("m.toml").path
        try Data(text.utf8).write(to: URL(fileURLWithPath: manifestPath))
        let (dataset, features) = try ConductivityManifest.read(manifestPath).measure(threads: 2)
        XCTAssertEqual(dataset.systems.count, 5)
        XCTAssertEqual(dataset.systems[0].snapshots, [0, 400, 800, 1200])
        XCTAssertEqual(dataset.systems[1].firstRow, 400, "4 snapshots × 100 ions")
        XCTAssertEqual(features.count, 5 * 400 * dataset.columns.count)
        // The same Λ as the conductivity analysis of the same run (charges ±1 here).
        let onsager = try OnsagerAnalysis.compute(
            [try Trajectory(try XCTUnwrap(try ConductivityManifest.read(manifestPath).systems.first).input)],
            species: [
                OnsagerSpecies(name: "cation", selection: try Selection("type 1"), byMolecule: false),
                OnsagerSpecies(name: "anion", selection: try Selection("type 2"), byMolecule: false),
            ], options: OnsagerOptions(temperature: 1))
        XCTAssertEqual(dataset.systems[0].molarConductivity, onsager.molarConductivity)
        XCTAssertEqual(dataset.systems[0].cations, 50)
        XCTAssertEqual(dataset.systems[0].isCation.filter { $0 }.count, 50)

        let options = EnsembleOptions(
            testFraction: 0, folds: 2, seedsPerFold: 2, hidden: [8],
            training: TrainingOptions(epochs: 3, learningRate: 1e-3, batchGroups: 1, patience: 3, seed: 1))
        let (ensemble, result) = try ConductivityTraining.train(
            dataset, features: features, options: options, threads: 2)
        XCTAssertEqual(result.systems.count, 5)
        XCTAssertTrue(result.systems.allSatisfy { $0.outOfFold != nil && $0.role == "training" })
        let modelPath = folder.appendingPathComponent("ensemble.json").path
        try EnsembleModel(
            ensemble, columns: dataset.columns, descriptor: dataset.descriptor, lengthUnit: dataset.lengthUnit,
            target: "k", targetUnit: dataset.molarConductivityUnit, groups: dataset.systems.map(\.name)
        ).save(modelPath)
        let reloaded = try ConductivityDataset.load(
            try { () throws -> String in
                let out = folder.appendingPathComponent("dataset").path
                let directory = try OutputDirectory(out, force: false)
                var files = FileSet(output: directory)
                try dataset.write(features, into: &files)
                try directory.commit()
                return out
            }())
        XCTAssertEqual(reloaded.features, features)
        XCTAssertEqual(
            reloaded.dataset.systems.map { $0.molarConductivity }, dataset.systems.map { $0.molarConductivity })

        let job = try JobConfig.parse(
            """
            [input]
            trajectories = ["\(Self.fixture)"]
            timestep = 0.005
            temperature = 1
            [[local-conductivity]]
            model = "\(modelPath)"
            snapshot_every = 400
            """, path: folder.appendingPathComponent("job.toml").path)
        let outcome = try XCTUnwrap(try JobRunner.run(job).analyses.first)
        let predicted = try XCTUnwrap(outcome.output as? LocalConductivityResult)
        XCTAssertEqual(predicted.frames, [0, 400, 800, 1200])
        XCTAssertEqual(predicted.field.members, 4)
        // Through the plug-in, the ensemble gives the training's prediction for this system.
        XCTAssertEqual(predicted.field.molarConductivity.value, result.systems[0].predicted.value, accuracy: 1e-9)
        XCTAssertEqual(predicted.field.measured!.value, onsager.molarConductivity.value, accuracy: 1e-12)
        let wrong = try JobConfig.parse(
            """
            [input]
            trajectories = ["\(Self.fixture)"]
            timestep = 0.005
            [[local-conductivity]]
            model = "\(manifestPath)"
            """, path: folder.appendingPathComponent("job2.toml").path)
        XCTAssertThrowsError(try JobRunner.run(wrong))
    }
}
