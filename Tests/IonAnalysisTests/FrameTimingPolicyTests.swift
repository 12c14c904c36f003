import Foundation
import IonAnalysis
import IonCore
import IonIO
import XCTest

/// Every time correlation refuses unevenly spaced frames with the same message: 40 demo frames
/// with frames 10–25 missing (the "40 % of the frames missing").
final class FrameTimingPolicyTests: XCTestCase {
    func testAnalysesInTimeRefuseMissingFrames() throws {
        let trajectory = try Trajectory(
            TrajectoryInput(
                topologyPath: RDFDemoTests.demo.appendingPathComponent("demo.data").path,
                trajectoryPaths: [RDFDemoTests.demo.appendingPathComponent("demo.lammpstrj.gz").path],
                units: .real, timestep: 0.002, range: FrameRange(stop: 40)))
        var frames: [Frame] = []
        try trajectory.forEachFrame { index, frame in if !(10..<26).contains(index) { frames.append(frame) } }
        let topology = trajectory.topology
        let li = try Selection("type 1")
        func refusal<A: FrameAnalysis>(_ analysis: A) -> String {
            do {
                _ = try AnalysisPass.run(analysis, topology: topology, units: .real, frames: frames)
                return "accepted"
            } catch { return "\(error)" }
        }
        let messages = [
            "msd": refusal(ParticleSeriesCollector(selection: li, byMolecule: false)),
            "onsager": refusal(
                OnsagerSeriesCollector(species: [
                    OnsagerSpecies(name: "Li", selection: li),
                    OnsagerSpecies(name: "TFSI", selection: try Selection("type 2 3")),
                ])),
            "rotation": refusal(RotationalRelaxation(tail: try Selection("type 4"), head: try Selection("type 6"))),
            "kinetics": refusal(
                ShellKineticsCollection(
                    definition: ShellDefinition(
                        centres: "type 1", partners: "type 2 3", cutoff: 6.3, counting: .centresOfMass))),
        ]
        for (name, message) in messages {
            XCTAssertTrue(
                message.contains("not evenly spaced") && message.contains("frames 9 and 10"), "\(name): \(message)")
        }
    }
}

/// A fit window changed from what was asked is said (issue 15 item 7).
extension FrameTimingPolicyTests {
    func testAClippedFitWindowIsSaid() throws {
        let trajectory = try Trajectory(
            TrajectoryInput(
                topologyPath: RDFDemoTests.demo.appendingPathComponent("demo.data").path,
                trajectoryPaths: [RDFDemoTests.demo.appendingPathComponent("demo.lammpstrj.gz").path],
                units: .real, timestep: 0.002, range: FrameRange(stop: 40)))
        let series = try MeanSquaredDisplacement.collect(
            trajectory, selection: try Selection("type 1"), byMolecule: false)
        let msd = MeanSquaredDisplacement.compute(series, selection: "type 1", particles: "atoms", drift: "system")
        var options = SelfDiffusionOptions()
        options.fitStart = 3; options.fitEnd = 100  // the run is 29.25 ps long
        let d = try XCTUnwrap(SelfDiffusion.estimate(series, msd: msd, options: options))
        XCTAssertTrue(d.warnings.contains { $0.contains("beyond the run's longest lag") }, "\(d.warnings)")
        options.fitEnd = 20
        XCTAssertFalse(
            try XCTUnwrap(SelfDiffusion.estimate(series, msd: msd, options: options)).warnings.contains {
                $0.contains("beyond")
            })
    }
}
