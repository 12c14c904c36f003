import Foundation
import IonAnalysis
import IonCore
import IonIO
import XCTest

/// The driver's threads change nothing: shells, clusters, the combined distribution and shell
/// kinetics give the same bytes on 1 and on 3 threads (per-frame work in parallel, added in frame
/// order), on 45 frames of the bundled demo (not a multiple of the batch of 24).
final class ParallelPassTests: XCTestCase {
    let trajectory = try! DemoTrajectory.open(stop: 45)

    func same<A: FrameAnalysis>(_ analysis: A, _ name: String) throws where A.Result: Encodable {
        XCTAssertTrue(makeTask(name, analysis).runsInParallel, "\(name) runs on the driver's threads")
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        encoder.nonConformingFloatEncodingStrategy = .convertToString(
            positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
        let serial = try encoder.encode(try AnalysisPass.run(trajectory, analysis, threads: 1))
        let parallel = try encoder.encode(try AnalysisPass.run(trajectory, analysis, threads: 3))
        XCTAssertEqual(serial, parallel, "\(name): the threads changed the result")
        XCTAssertGreaterThan(serial.count, 100, name)
    }

    func testEveryParallelAnalysisMatchesTheSerialPass() throws {
        let shell = ShellDefinition(centres: "type 1", partners: "type 2 3", cutoff: 6.3, counting: .centresOfMass)
        try same(
            try SolvationShellAnalysis(species: [
                .init(name: "TFSI", definition: shell),
                .init(name: "S", definition: ShellDefinition(centres: "type 1", partners: "type 3", cutoff: 6)),
            ]),
            "shells")
        try same(
            try ClusterAnalysis(
                cations: [.init(name: "Li", selection: "type 1")], anions: [.init(name: "TFSI", selection: "type 2 3")],
                rules: [ContactRule(cation: "Li", anion: "TFSI", cutoff: 6.3)]), "clusters")
        try same(
            try CombinedDistribution(
                centres: "type 1", partners: "type 2 3", points: ["type 3", "type 2", "type 3"], rMax: 12),
            "cdf")
        try same(ShellKineticsCollection(definition: shell, positionWindow: 5), "kinetics")
    }

    /// An error in one frame's parallel work is the error a serial pass gives.
    func testAFailingFrameFailsAsInSerial() throws {
        var frames: [Frame] = []
        try trajectory.forEachFrame { index, frame in if index < 30 { frames.append(frame) } }
        frames[17].box = nil
        let topology = trajectory.topology
        let analysis = try ClusterAnalysis(
            cations: [.init(name: "Li", selection: "type 1")], anions: [.init(name: "TFSI", selection: "type 2 3")],
            rules: [ContactRule(cation: "Li", anion: "TFSI", cutoff: 6.3)])
        var messages: [String] = []
        for threads in [1, 3] {
            XCTAssertThrowsError(try AnalysisPass.run(analysis, topology: topology, frames: frames, threads: threads)) {
                messages.append("\($0)")
            }
        }
        XCTAssertEqual(messages.count, 2)
        XCTAssertEqual(messages.first, messages.last)
    }
}
