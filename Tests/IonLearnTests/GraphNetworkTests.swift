import IonCore
import IonLearn
import IonNumerics
import XCTest

/// The graph network: backpropagation through the message-passing rounds against finite
/// differences, outputs unchanged by rotations and translations, and permuted with the nodes.
final class GraphNetworkTests: XCTestCase {
    let box = Box(lx: 7, ly: 7.5, lz: 8)!

    func graph(_ count: Int, seed: UInt64, species: Int = 2, cutoff: Double = 3.3) throws -> ([Vec3], FrameGraph) {
        var random = SplitMix64(seed: seed)
        func u() -> Double { Double(random.next() >> 11) * 0x1p-53 }
        let points = (0..<count).map { _ in Vec3(7 * u(), 7.5 * u(), 8 * u()) }
        var builder = FrameGraphBuilder(cutoff: cutoff)
        let graph = try builder.graph(
            points, species: (0..<count).map { Int32($0 % species) }, speciesCount: species, box: box)
        return (points, graph)
    }

    /// Every part's gradient equals central finite differences of L = Σ cᵢ yᵢ (1e-6 relative),
    /// with both kinds of edge features, through three rounds.
    func testGradientsEqualFiniteDifferences() throws {
        let (_, g) = try graph(14, seed: 1)
        XCTAssertGreaterThan(g.edgeCount, 20)
        var random = SplitMix64(seed: 2)
        for features in EdgeFeatures.allCases {
            let network = GraphNetwork<Double>(
                speciesCount: 2, edgeFeatures: features, width: 5, steps: 3, outputs: 2, activation: .tanh, seed: 4)
            let c = (0..<(g.nodeCount * 2)).map { _ in Double(random.next() >> 11) * 0x1p-53 - 0.5 }
            func loss(_ net: GraphNetwork<Double>) -> Double { zip(net.predict(g), c).reduce(0) { $0 + $1.0 * $1.1 } }
            var workspace = GraphNetwork<Double>.Workspace()
            _ = network.forward(g, workspace: &workspace)
            var gradients = network.zeroGradients
            network.backward(g, c, workspace: &workspace, into: &gradients)
            let h = 1e-6
            for part in network.parts.indices {
                var worst = 0.0
                for k in network.parts[part].parameters.indices {
                    var up = network, down = network
                    up.parts[part].parameters[k] += h; down.parts[part].parameters[k] -= h
                    let numeric = (loss(up) - loss(down)) / (2 * h)
                    worst = max(worst, abs(numeric - gradients[part][k]) / max(1e-3, abs(numeric)))
                }
                XCTAssertLessThan(worst, 1e-6, "\(features), part \(part): largest relative gradient error \(worst)")
            }
        }
    }

    /// With distances as edge features, rotating the frame leaves the outputs as they were; with
    /// vectors it does not (the network must learn the symmetry), so the test can fail.
    func testRotationInvarianceWithDistanceFeatures() throws {
        let (_, g) = try graph(40, seed: 3)
        let angle = 0.7, axis = Vec3(1, 2, -0.5) * (1 / Vec3(1, 2, -0.5).length)
        func rotate(_ v: Vec3) -> Vec3 {  // Rodrigues' formula
            v * cos(angle) + axis.cross(v) * sin(angle) + axis * (axis.dot(v) * (1 - cos(angle)))
        }
        var rotated = g
        rotated.displacements = g.displacements.map(rotate)
        for (features, invariant) in [(EdgeFeatures.distance, true), (.vector, false)] {
            let network = GraphNetwork<Double>(speciesCount: 2, edgeFeatures: features, width: 8, steps: 2, seed: 5)
            let a = network.predict(g), b = network.predict(rotated)
            let change = zip(a, b).map { abs($0 - $1) }.max()!
            if invariant {
                XCTAssertLessThan(change, 1e-12, "distance features: rotation changed an output by \(change)")
            } else {
                XCTAssertGreaterThan(change, 1e-6, "vector features should see the rotation")
            }
        }
    }

    /// Translating the points (through the periodic boundary) gives the same outputs, and
    /// permuting them permutes the outputs.
    func testTranslationInvarianceAndPermutationEquivariance() throws {
        let (points, g) = try graph(40, seed: 6)
        let network = GraphNetwork<Double>(speciesCount: 2, edgeFeatures: .vector, width: 8, steps: 3, seed: 7)
        let y = network.predict(g)
        var builder = FrameGraphBuilder(cutoff: g.cutoff)
        let shifted = try builder.graph(
            points.map { $0 + Vec3(3.1, -2.4, 5.7) }, species: g.species, speciesCount: 2, box: box)
        XCTAssertLessThan(zip(y, network.predict(shifted)).map { abs($0 - $1) }.max()!, 1e-12)
        var random = SplitMix64(seed: 8)
        var order = Array(points.indices)
        order.shuffle(using: &random)
        let permuted = try builder.graph(
            order.map { points[$0] }, species: order.map { g.species[$0] }, speciesCount: 2, box: box)
        let z = network.predict(permuted)
        for (k, original) in order.enumerated() {
            XCTAssertEqual(z[k], y[original], accuracy: 1e-12, "node \(original) moved to \(k)")
        }
    }

    /// A saved network reads back equal and predicts the same bits.
    func testSavedNetworkPredictsTheSameBits() throws {
        let (_, g) = try graph(20, seed: 9)
        let network = GraphNetwork<Float>(speciesCount: 2, width: 6, steps: 2, seed: 3)
        let data = try JSONEncoder().encode(network)
        let back = try JSONDecoder().decode(GraphNetwork<Float>.self, from: data)
        XCTAssertEqual(back, network)
        XCTAssertEqual(back.predict(g).map(\.bitPattern), network.predict(g).map(\.bitPattern))
    }
}

/// Training: a label that is a known function of the neighbour graph is learned; threads do
/// not change the result.
final class GraphClassifierTests: XCTestCase {
    /// Species-0 nodes are "soft" when at least five species-1 nodes lie within the cutoff.
    func plantedGraphs(_ count: Int, seed: UInt64) throws -> [LabelledGraph] {
        var random = SplitMix64(seed: seed)
        func u() -> Double { Double(random.next() >> 11) * 0x1p-53 }
        let box = Box(lx: 7, ly: 7.5, lz: 8)!
        var builder = FrameGraphBuilder(cutoff: 2.5)
        return try (0..<count).map { _ in
            let points = (0..<60).map { _ in Vec3(7 * u(), 7.5 * u(), 8 * u()) }
            let species = (0..<60).map { Int32($0 % 2) }
            let graph = try builder.graph(points, species: species, speciesCount: 2, box: box)
            let nodes = (0..<60).filter { species[$0] == 0 }.map(Int32.init)
            let labels = nodes.map { i in
                graph.incoming(Int(i)).filter { species[Int(graph.senders[$0])] == 1 }.count >= 5
            }
            return LabelledGraph(graph: graph, nodes: nodes, labels: labels)
        }
    }

    func accuracy(_ network: GraphNetwork<Float>, _ data: [LabelledGraph]) -> Double {
        var right = 0, total = 0
        for item in data {
            let p = network.probabilities(item.graph)
            for (node, label) in zip(item.nodes, item.labels) {
                if (p[Int(node)] > 0.5) == label { right += 1 }
                total += 1
            }
        }
        return Double(right) / Double(total)
    }

    /// One round of message passing can count a species' neighbours: held-out accuracy above
    /// 95 % (an untrained network is near chance).
    func testLearnsANeighbourCountRule() throws {
        let data = try plantedGraphs(48, seed: 11)
        let (training, validation, test) = (Array(data[0..<30]), Array(data[30..<38]), Array(data[38...]))
        let soft = test.reduce(0) { $0 + $1.labels.filter { $0 }.count },
            labelled = test.reduce(0) { $0 + $1.labels.count }
        XCTAssertTrue((0.25...0.75).contains(Double(soft) / Double(labelled)), "the rule should split the nodes")
        let network = GraphNetwork<Float>(speciesCount: 2, width: 16, steps: 1, seed: 2)
        let result = try network.trainedClassifier(
            on: training, validation: validation,
            options: GraphTrainingOptions(epochs: 60, learningRate: 3e-3, batchGraphs: 2, patience: 20, seed: 3))
        let before = accuracy(network, test), after = accuracy(result.network, test)
        XCTAssertGreaterThan(
            after, 0.95, "held-out accuracy \(after) (untrained \(before)), best epoch \(result.bestEpoch)")
    }

    /// Gradients of a batch are summed in a fixed order: one thread and two give the same network.
    func testSameNetworkOnAnyThreads() throws {
        let data = try plantedGraphs(6, seed: 12)
        let network = GraphNetwork<Float>(speciesCount: 2, edgeFeatures: .vector, width: 6, steps: 2, seed: 4)
        let options = GraphTrainingOptions(epochs: 2, learningRate: 1e-3, batchGraphs: 3, patience: 5, seed: 5)
        let one = try network.trainedClassifier(
            on: Array(data[0..<4]), validation: Array(data[4...]), options: options, threads: 1)
        let two = try network.trainedClassifier(
            on: Array(data[0..<4]), validation: Array(data[4...]), options: options, threads: 2)
        XCTAssertEqual(one.network, two.network)
        XCTAssertEqual(one.validationLoss, two.validationLoss)
    }
}
