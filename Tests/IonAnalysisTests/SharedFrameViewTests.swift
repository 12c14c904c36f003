import Foundation
import IonAnalysis
import IonCore
import IonIO
import XCTest

/// Analyses that derive the same thing from a frame share it: the shell search of Li⁺ by TFSI⁻
/// centres of mass is made once per frame for clusters (Li by molecule), shell kinetics (Li by
/// atom) and a second clusters analysis, and every result is the one each gives alone, on 1
/// and on 3 threads.
final class SharedFrameViewTests: XCTestCase {
    let trajectory = try! DemoTrajectory.open(stop: 45)

    /// Keeps the pass's record.
    struct RecordKeeper: FrameAnalysis {
        mutating func prepare(_ context: AnalysisContext) throws {}
        mutating func accumulate(_ view: FrameView) throws {}
        mutating func finish(_ pass: PassRecord) throws -> PassRecord { pass }
    }

    func encoded(_ value: some Encodable) throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        encoder.nonConformingFloatEncodingStrategy = .convertToString(
            positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
        return try encoder.encode(value)
    }

    func testOneShellSearchPerFrameServesEveryAnalysisThatAsks() throws {
        let clusters = try ClusterAnalysis(
            cations: [.init(name: "Li", selection: "type 1")], anions: [.init(name: "TFSI", selection: "type 2 3")],
            rules: [ContactRule(cation: "Li", anion: "TFSI", cutoff: 6.3)])
        let kinetics = ShellKineticsCollection(
            definition: ShellDefinition(centres: "type 1", partners: "type 2 3", cutoff: 6.3, counting: .centresOfMass))
        let alone = (
            clusters: try encoded(AnalysisPass.run(trajectory, clusters, threads: 1)),
            kinetics: try encoded(AnalysisPass.run(trajectory, kinetics, threads: 1))
        )
        for threads in [1, 3] {
            let tasks: [any PassParticipant] = [
                makeTask("clusters", clusters), makeTask("kinetics", kinetics), makeTask("again", clusters),
                makeTask("record", RecordKeeper()),
            ]
            try AnalysisPass.run(trajectory, tasks, threads: threads)
            XCTAssertEqual(try encoded(tasks[0].anyResult as! ClusterResult), alone.clusters, "\(threads) threads")
            XCTAssertEqual(
                try encoded(tasks[1].anyResult as! ShellKineticsCollection.Result), alone.kinetics, "\(threads) threads"
            )
            XCTAssertEqual(try encoded(tasks[2].anyResult as! ClusterResult), alone.clusters, "\(threads) threads")
            let sharing = (tasks[3].anyResult as! PassRecord).sharing
            XCTAssertEqual(sharing.keys, 1, "Li by molecule and Li by atom are one search")
            XCTAssertEqual(sharing.asked, 3 * 45)
            XCTAssertEqual(sharing.made, 45, "one search per frame")
        }
    }

    /// Different cutoffs or partners are different searches.
    func testDifferentShellsAreNotShared() throws {
        let a = ShellKineticsCollection(
            definition: ShellDefinition(centres: "type 1", partners: "type 2 3", cutoff: 6.3, counting: .centresOfMass))
        let b = ShellKineticsCollection(
            definition: ShellDefinition(centres: "type 1", partners: "type 2 3", cutoff: 6.0, counting: .centresOfMass))
        let c = ShellKineticsCollection(
            definition: ShellDefinition(centres: "type 1", partners: "type 2 3", cutoff: 6.3, counting: .molecules))
        let tasks: [any PassParticipant] = [
            makeTask("a", a), makeTask("b", b), makeTask("c", c), makeTask("record", RecordKeeper()),
        ]
        try AnalysisPass.run(trajectory, tasks, threads: 1)
        let sharing = (tasks[3].anyResult as! PassRecord).sharing
        XCTAssertEqual(sharing.keys, 3)
        XCTAssertEqual(sharing.made, 3 * 45)
        let alone = try encoded(AnalysisPass.run(trajectory, b, threads: 1))
        XCTAssertEqual(try encoded(tasks[1].anyResult as! ShellKineticsCollection.Result), alone)
    }

    /// A one-atom molecule's centre of mass is its atom's position, bit for bit.
    func testMonatomicCentresAreTheAtomsThemselves() throws {
        var frame = Frame()
        try trajectory.forEachFrame { index, read in if index == 3 { frame = read } }
        let context = AnalysisContext(topology: trajectory.topology, units: .real)
        let view = FrameView(frame, index: 3, context: context)
        let centres = view.centresOfMass()
        var monatomic = 0
        for m in 0..<context.molecules.count where context.molecules.atoms(of: m).count == 1 {
            let atom = Int(context.molecules.atoms(of: m).first!)
            XCTAssertEqual(centres[m], view.wholePositions()[atom])
            monatomic += 1
        }
        XCTAssertGreaterThan(monatomic, 0)
        XCTAssertEqual(
            centres, context.molecules.centersOfMass(frame.positions, masses: context.masses, box: frame.box))
    }
}
