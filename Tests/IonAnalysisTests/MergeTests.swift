import Foundation
import IonAnalysis
import IonCore
import IonIO
import XCTest

/// A run split into two consecutive blocks of frames, each analysed on its own, its partial state
/// sent through JSON (as between ranks, or to a checkpoint) and merged, ends as the single pass:
/// on 64 frames of the bundled demo split at frame 32 (a multiple of every block length the
/// errors use, so they agree too), every number to 1e-9.
final class MergeTests: XCTestCase {
    static let frames: (topology: Topology, frames: [Frame]) = {
        let trajectory = try! DemoTrajectory.open(stop: 64)
        var frames: [Frame] = []
        try! trajectory.forEachFrame { _, frame in frames.append(frame) }
        return (trajectory.topology, frames)
    }()

    /// The analysis over `frames[range]`, prepared afresh, and the record of those frames.
    func partialRun<A: MergeableAnalysis>(_ analysis: A, _ range: Range<Int>) throws -> (A, PassRecord) {
        var analysis = analysis
        let context = AnalysisContext(topology: Self.frames.topology, units: .real)
        try analysis.prepare(context)
        var timing = FrameTiming()
        for f in range {
            timing.record(Self.frames.frames[f].time)
            try analysis.accumulate(FrameView(Self.frames.frames[f], index: f, context: context))
        }
        return (analysis, PassRecord(timing: timing))
    }

    /// - Parameter errors: whether the block errors must agree too (when `split` is a multiple of
    ///   the longest block); otherwise only the estimates are compared.
    func checkSplit<A: MergeableAnalysis>(_ analysis: A, at split: Int = 32, errors: Bool = true, _ name: String) throws
    where A.Result: Encodable {
        let n = Self.frames.frames.count
        var (whole, wholeRecord) = try partialRun(analysis, 0..<n)
        var (first, record) = try partialRun(analysis, 0..<split)
        var (second, secondRecord) = try partialRun(analysis, split..<n)
        let sent = try JSONEncoder().encode(try second.partial())
        try first.merge(try JSONDecoder().decode(A.Partial.self, from: sent))
        record.merge(secondRecord)
        XCTAssertEqual(record.timing, wholeRecord.timing, "\(name): the merged frame timing")
        let expected = try json(whole.finish(wholeRecord)), merged = try json(first.finish(record))
        XCTAssertGreaterThan(countNumbers(expected), 10, name)
        compare(merged, expected, name, errors: errors)
    }

    func json(_ value: some Encodable) throws -> Any {
        let encoder = JSONEncoder()
        encoder.nonConformingFloatEncodingStrategy = .convertToString(
            positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
        return try JSONSerialization.jsonObject(with: encoder.encode(value))
    }

    func countNumbers(_ value: Any) -> Int {
        if let array = value as? [Any] { return array.reduce(0) { $0 + countNumbers($1) } }
        if let object = value as? [String: Any] { return object.values.reduce(0) { $0 + countNumbers($1) } }
        return value is NSNumber ? 1 : 0
    }

    func compare(_ a: Any, _ b: Any, _ path: String, errors: Bool) {
        switch (a, b) {
        case let (x as [String: Any], y as [String: Any]):
            XCTAssertEqual(Set(x.keys), Set(y.keys), path)
            for (key, value) in x where errors || !key.lowercased().contains("error") {
                if let other = y[key] { compare(value, other, "\(path).\(key)", errors: errors) }
            }
        case let (x as [Any], y as [Any]):
            XCTAssertEqual(x.count, y.count, path)
            for (k, (u, v)) in zip(x, y).enumerated() { compare(u, v, "\(path)[\(k)]", errors: errors) }
        case let (x as NSNumber, y as NSNumber):
            let (u, v) = (x.doubleValue, y.doubleValue)
            XCTAssertEqual(u, v, accuracy: 1e-9 * max(1, abs(u), abs(v)), path)
        default:  // text, with the numbers in it to 10 digits
            XCTAssertEqual(rounded("\(a)"), rounded("\(b)"), path)
        }
    }

    func rounded(_ text: String) -> String {
        let pattern = try! NSRegularExpression(pattern: "-?[0-9]+\\.[0-9]+(e-?[0-9]+)?")
        var out = text
        for match in pattern.matches(in: text, range: NSRange(text.startIndex..., in: text)).reversed() {
            let range = Range(match.range, in: text)!
            out.replaceSubrange(range, with: String(format: "%.10g", Double(text[range])!))
        }
        return out
    }

    func testSolvationShells() throws {
        let shell = ShellDefinition(centres: "type 1", partners: "type 2 3", cutoff: 6.3, counting: .centresOfMass)
        try checkSplit(
            try SolvationShellAnalysis(species: [
                .init(name: "TFSI", definition: shell),
                .init(
                    name: "S",
                    definition: ShellDefinition(centres: "type 1", partners: "type 3", cutoff: 6, counting: .molecules)),
            ]), "shells")
    }

    func testClusters() throws {
        try checkSplit(
            try ClusterAnalysis(
                cations: [.init(name: "Li", selection: "type 1")], anions: [.init(name: "TFSI", selection: "type 2 3")],
                rules: [ContactRule(cation: "Li", anion: "TFSI", cutoff: 6.3)]), "clusters")
    }

    func testCombinedDistributionAndProfileAndRDF() throws {
        try checkSplit(
            try CombinedDistribution(
                centres: "type 1", partners: "type 2 3", points: ["type 3", "type 2", "type 3"], rMax: 12), "cdf")
        try checkSplit(try DensityProfile(selection: Selection("type 1"), axis: 2, bins: 20), "profile")
        try checkSplit(
            RDFAnalysis(
                selection: Selection("type 1"), with: Selection("type 2 3"),
                options: RDFOptions(rMax: 12, bins: 60, byMolecule: true)), "rdf")
        // Counts add exactly at any seam.
        try checkSplit(
            try CombinedDistribution(
                centres: "type 1", partners: "type 2 3", points: ["type 3", "type 2", "type 3"], rMax: 12), at: 23,
            "cdf split at 23")
    }

    /// Net charges first met after the seam get the slots a single pass gives them.
    func testClusterChargesMetOnlyLaterKeepTheirPlace() throws {
        let clusters = try ClusterAnalysis(
            cations: [.init(name: "Li", selection: "type 1")], anions: [.init(name: "TFSI", selection: "type 2 3")],
            rules: [ContactRule(cation: "Li", anion: "TFSI", cutoff: 6.3)])
        try checkSplit(clusters, at: 2, errors: false, "clusters split after 2 frames")
    }

    func testPartialsOfOtherSetUpsAreRefused() throws {
        let (a, _) = try partialRun(try DensityProfile(selection: Selection("type 1"), axis: 2, bins: 20), 0..<4)
        var (b, _) = try partialRun(try DensityProfile(selection: Selection("type 1"), axis: 2, bins: 10), 4..<8)
        XCTAssertThrowsError(try b.merge(a.partial()))
    }
}
