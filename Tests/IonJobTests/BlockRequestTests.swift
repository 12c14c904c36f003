import Foundation
import IonAnalysis
import IonCore
import XCTest

@testable import IonJob

/// A requested number of blocks that the run cannot hold is never reduced in silence (issue 15
/// item 7): on the primitive model's first 300 frames, too many blocks for any window stop with
/// the largest count that works, fewer blocks than asked for are said, and single-frame RDF
/// blocks are flagged.
final class BlockRequestTests: XCTestCase {
    func run(_ table: String) throws -> JobResults {
        let dump = PluginRegistryTests.root.appendingPathComponent("Tests/Fixtures/primitive-model/ions.lammpstrj.gz")
        let text = """
            [input]
            trajectories = ["\(dump.path)"]
            timestep = 0.005
            temperature = 1
            stop = 300
            \(table)
            """
        let config = try JobConfig.parse(
            text, path: FileManager.default.temporaryDirectory.appendingPathComponent("blocks.toml").path)
        return try JobRunner.run(config)
    }

    func testTooManyBlocksStopWithTheLargestCountThatWorks() {
        // (More than 10⁴ is refused by the setting's range before any frame is read.)
        XCTAssertThrowsError(try run("[[vacf]]\nselect = \"type 1\"\nblocks = 1000")) {
            XCTAssertTrue("\($0)".contains("ask for at most 50 blocks"), "\($0)")
        }
        XCTAssertThrowsError(
            try run("[conductivity]\nspecies = [\"P=type 1\", \"M=type 2\"]\nblocks = 1000")
        ) {
            XCTAssertTrue("\($0)".contains("ask for at most 37 blocks"), "\($0)")
        }
    }

    func testFewerBlocksThanAskedForAreSaid() throws {
        // A 5 τ window (100 lags) leaves room for one block of 300 frames, not 5.
        let vacf = try XCTUnwrap(
            try run("[[vacf]]\nselect = \"type 1\"\nwindow = 5").output("vacf", as: VACFOutput.self))
        XCTAssertTrue(
            vacf.vacf.warnings.contains { $0.contains("instead of the 5 asked for") }, "\(vacf.vacf.warnings)")
        let conductivity = try XCTUnwrap(
            try run("[conductivity]\nspecies = [\"P=type 1\", \"M=type 2\"]\nfit_start = 0.5\nfit_end = 2")
                .output("conductivity", as: ConductivityOutput.self))
        XCTAssertTrue(
            conductivity.einstein.warnings.contains {
                $0.contains("3 blocks of 100 frames instead of the 5 asked for")
            },
            "\(conductivity.einstein.warnings)")
        let rdf = try XCTUnwrap(
            try run("[[rdf]]\nselect = \"type 1\"\nwith = \"type 2\"\nrmax = 5\nblocks = 400").output(
                "rdf", as: RDFResult.self))
        XCTAssertTrue(
            rdf.warnings.contains { $0.contains("300 block(s) of one frame instead of the 400 asked for") },
            "\(rdf.warnings)")
    }
}
