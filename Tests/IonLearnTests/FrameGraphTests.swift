import IonCore
import IonLearn
import IonNumerics
import XCTest

/// Graphs of frames: the edges a brute-force search over periodic images finds, the same graph
/// after a translation, and relabelled edges after a permutation of the nodes.
final class FrameGraphTests: XCTestCase {
    let box = Box(a: Vec3(9, 0, 0), b: Vec3(2, 8.5, 0), c: Vec3(-1.5, 1, 10))!

    func randomPoints(_ count: Int, seed: UInt64) -> [Vec3] {
        var random = SplitMix64(seed: seed)
        func u() -> Double { Double(random.next() >> 11) * 0x1p-53 }
        return (0..<count).map { _ in box.a * u() + box.b * u() + box.c * u() }
    }

    /// Every ordered pair within the cutoff of its nearest image, in a triclinic cell, with its
    /// displacement; no other edge; sorted by receiver then sender.
    func testEdgesAreThePairsWithinTheCutoffOfTheirNearestImage() throws {
        let points = randomPoints(120, seed: 1), cutoff = 3.2
        let species = (0..<points.count).map { Int32($0 % 3) }
        var builder = FrameGraphBuilder(cutoff: cutoff)
        let graph = try builder.graph(points, species: species, speciesCount: 3, box: box)
        var expected: [(Int32, Int32, Vec3)] = []
        for i in points.indices {
            for j in points.indices where j != i {
                var best = Vec3.zero, bestLength = Double.infinity
                for p in -1...1 {
                    for q in -1...1 {
                        for s in -1...1 {
                            let d = points[j] - points[i] + box.a * Double(p) + box.b * Double(q) + box.c * Double(s)
                            if d.length < bestLength { best = d; bestLength = d.length }
                        }
                    }
                }
                if bestLength < cutoff { expected.append((Int32(i), Int32(j), best)) }
            }
        }
        XCTAssertGreaterThan(expected.count, 500, "the test needs a fair number of edges")
        XCTAssertEqual(graph.edgeCount, expected.count)
        for (e, (receiver, sender, d)) in zip(0..<graph.edgeCount, expected) {
            XCTAssertEqual(graph.receivers[e], receiver); XCTAssertEqual(graph.senders[e], sender)
            XCTAssertEqual((graph.displacements[e] - d).length, 0, accuracy: 1e-12)
            XCTAssertEqual(graph.distances[e], d.length, accuracy: 1e-12)
        }
        for i in points.indices {
            XCTAssertTrue(graph.incoming(i).allSatisfy { graph.receivers[$0] == Int32(i) })
        }
        XCTAssertEqual(graph.incomingOffsets.last, graph.edgeCount)
    }

    /// Translating every point (across the periodic boundary) gives the same edges and distances.
    func testTranslationGivesTheSameGraph() throws {
        let points = randomPoints(80, seed: 2)
        let shift = Vec3(4.3, -7.1, 2.2)
        var builder = FrameGraphBuilder(cutoff: 3)
        let species = [Int32](repeating: 0, count: points.count)
        let a = try builder.graph(points, species: species, speciesCount: 1, box: box)
        let b = try builder.graph(points.map { $0 + shift }, species: species, speciesCount: 1, box: box)
        XCTAssertEqual(a.senders, b.senders); XCTAssertEqual(a.receivers, b.receivers)
        for e in 0..<a.edgeCount {
            XCTAssertEqual(a.distances[e], b.distances[e], accuracy: 1e-12)
            XCTAssertEqual((a.displacements[e] - b.displacements[e]).length, 0, accuracy: 1e-12)
        }
    }

    /// Relabelling the nodes by a permutation π relabels the edges: edge (i ← j) of the original
    /// is edge (π(i) ← π(j)) of the permuted frame, with the same displacement.
    func testPermutingNodesPermutesEdges() throws {
        let points = randomPoints(60, seed: 3)
        let species = (0..<points.count).map { Int32($0 % 2) }
        var random = SplitMix64(seed: 9)
        var order = Array(points.indices)
        order.shuffle(using: &random)
        // Node k of the permuted frame is node order[k] of the original: π(order[k]) = k.
        var position = [Int](repeating: 0, count: points.count)
        for (k, original) in order.enumerated() { position[original] = k }
        var builder = FrameGraphBuilder(cutoff: 3)
        let a = try builder.graph(points, species: species, speciesCount: 2, box: box)
        let b = try builder.graph(
            order.map { points[$0] }, species: order.map { species[$0] }, speciesCount: 2, box: box)
        XCTAssertEqual(a.edgeCount, b.edgeCount)
        var permuted: [String: Vec3] = [:]
        for e in 0..<b.edgeCount { permuted["\(b.receivers[e]) \(b.senders[e])"] = b.displacements[e] }
        for e in 0..<a.edgeCount {
            let key = "\(position[Int(a.receivers[e])]) \(position[Int(a.senders[e])])"
            guard let d = permuted[key] else { return XCTFail("edge \(a.receivers[e]) ← \(a.senders[e]) lost") }
            XCTAssertEqual((d - a.displacements[e]).length, 0, accuracy: 1e-12)
        }
        XCTAssertEqual(b.species, order.map { species[$0] })
    }

    /// Inputs that cannot make a graph say why.
    func testBadInputsAreRefused() {
        var builder = FrameGraphBuilder(cutoff: 5)
        let points = randomPoints(10, seed: 4)
        XCTAssertThrowsError(
            try builder.graph(points, species: [0], speciesCount: 1, box: box)
        ) { XCTAssertTrue("\($0)".contains("one species per node"), "\($0)") }
        XCTAssertThrowsError(
            try builder.graph(points, species: [Int32](repeating: 2, count: 10), speciesCount: 2, box: box)
        ) { XCTAssertTrue("\($0)".contains("outside 0..<2"), "\($0)") }
        XCTAssertThrowsError(
            try builder.graph(points, species: [Int32](repeating: 0, count: 10), speciesCount: 1, box: box),
            "a 5 Å cutoff exceeds half this cell's smallest width")
    }
}
