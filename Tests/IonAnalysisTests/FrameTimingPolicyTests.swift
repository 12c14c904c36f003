import Foundation
import IonAnalysis
import IonCore
import IonIO
import XCTest

/// Every time correlation refuses unevenly spaced frames with the same message: 40 demo frames
/// with frames 10–25 missing (the "40 % of the frames missing").
final class FrameTimingPolicyTests: XCTestCase {
    /// The first 40 frames of the bundled demo, 0.75 ps apart.
    func demo() throws -> Trajectory { try DemoTrajectory.open(stop: 40) }

    func testAnalysesInTimeRefuseMissingFrames() throws {
        let trajectory = try demo()
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
        let trajectory = try demo()
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

/// Frames without a cell: unwrapped positions are used (and said); positions that jump across
/// half the system in one step — wrapped into a cell the file does not give — are refused
/// (issue 15 item 4).
extension FrameTimingPolicyTests {
    func cellLessFrames(wrapped: Bool) -> [Frame] {
        (0..<20).map { k in
            // Two walkers drifting along x at 1 Å per frame in a 10 Å "cell" the file forgot.
            var x = 1.0 + Double(k)
            if wrapped { x -= 10 * (x / 10).rounded(.down) }
            return Frame(
                positions: [Vec3(x, 1, 1), Vec3(9 - Double(k) * 0.1, 5, 9)], box: nil, step: k, time: Double(k))
        }
    }

    func testCellLessFramesAreUsedOnlyWhenTheyCannotBeWrapped() throws {
        var topology = Topology(atomCount: 2)
        topology.types = ["1", "1"]; topology.masses = [1, 1]; topology.given = [.types, .masses]
        let analysis = ParticleSeriesCollector(selection: try Selection("all"), byMolecule: false, drift: .keep)
        let plain = try AnalysisPass.run(analysis, topology: topology, frames: cellLessFrames(wrapped: false))
        XCTAssertTrue(plain.warnings.contains { $0.contains("no periodic cell") }, "\(plain.warnings)")
        XCTAssertThrowsError(try AnalysisPass.run(analysis, topology: topology, frames: cellLessFrames(wrapped: true)))
        {
            XCTAssertTrue("\($0)".contains("look wrapped into a cell the file does not give"), "\($0)")
        }
    }
}

/// A massless site (TIP4P's M) followed on its own gives a finite MSD, not 0/0 (issue 15 item 5).
extension FrameTimingPolicyTests {
    func testMasslessSitesGiveAFiniteMSD() throws {
        var topology = Topology(atomCount: 3)
        topology.types = ["O", "H", "M"]; topology.masses = [16, 1, 0]; topology.given = [.types, .masses]
        let box = Box(lx: 20, ly: 20, lz: 20)!
        let frames = (0..<10).map { k in
            let shift = Vec3(0.1 * Double(k), 0, 0)
            return Frame(
                positions: [Vec3(5, 5, 5) + shift, Vec3(5.9, 5, 5) + shift, Vec3(5.15, 5, 5) + shift], box: box,
                time: Double(k))
        }
        for drift in [DriftPolicy.keep, .removeCenterOfMass(of: try Selection("type M"))] {
            let series = try AnalysisPass.run(
                ParticleSeriesCollector(selection: try Selection("type M"), byMolecule: false, drift: drift),
                topology: topology,
                frames: frames)
            let msd = MeanSquaredDisplacement.compute(series, selection: "type M", particles: "atoms", drift: "")
            XCTAssertTrue(msd.msd.allSatisfy(\.isFinite), "\(drift.description): \(msd.msd)")
        }
    }
}
