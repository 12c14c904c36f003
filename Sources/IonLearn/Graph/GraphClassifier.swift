import Foundation
import IonCore
import IonNumerics

/// A graph whose chosen nodes carry a class (for soft/hard states: `true` = soft).
public struct LabelledGraph: Sendable {
    public var graph: FrameGraph
    /// The labelled nodes and their classes.
    public var nodes: [Int32]
    public var labels: [Bool]

    /// - Precondition: one label per node, each node in the graph.
    public init(graph: FrameGraph, nodes: [Int32], labels: [Bool]) {
        precondition(nodes.count == labels.count && nodes.allSatisfy { Int($0) < graph.nodeCount })
        self.graph = graph; self.nodes = nodes; self.labels = labels
    }
}

/// How a graph classifier is trained: Adam over mini-batches of graphs (their gradients computed
/// on separate threads and summed in a fixed order), class weights, random rotations of the edge
/// vectors, and early stopping on the validation graphs' loss.
public struct GraphTrainingOptions: Codable, Sendable, Equatable {
    public var epochs: Int
    public var learningRate: Double
    public var batchGraphs: Int
    public var patience: Int
    /// Weight each class by its inverse frequency in the training labels.
    public var balanced: Bool
    /// Rotate each training graph's edge vectors at random every time it is seen (only matters
    /// for ``EdgeFeatures/vector``).
    public var rotate: Bool
    public var seed: UInt64

    public init(
        epochs: Int = 200, learningRate: Double = 1e-3, batchGraphs: Int = 4, patience: Int = 30,
        balanced: Bool = true, rotate: Bool = true, seed: UInt64 = 1
    ) {
        self.epochs = epochs; self.learningRate = learningRate; self.batchGraphs = batchGraphs
        self.patience = patience; self.balanced = balanced; self.rotate = rotate; self.seed = seed
    }
}

/// A trained graph classifier and its learning curve.
public struct GraphTrainingResult<S: NetworkScalar>: Sendable {
    public var network: GraphNetwork<S>
    /// The class-weighted cross-entropy of the validation graphs after each epoch; the best
    /// epoch (1-based), whose parameters ``network`` holds.
    public var validationLoss: [Double]
    public var bestEpoch: Int

    @inlinable public init(network: GraphNetwork<S>, validationLoss: [Double], bestEpoch: Int) {
        self.network = network; self.validationLoss = validationLoss; self.bestEpoch = bestEpoch
    }
}

extension GraphNetwork {
    /// P(class true) of every node: the sigmoid of the first output.
    @inlinable
    public func probabilities(_ graph: FrameGraph) -> [Double] {
        var workspace = Workspace()
        return probabilities(graph, workspace: &workspace)
    }

    /// ``probabilities(_:)`` reusing `workspace` (twice as fast over many graphs: the buffers of
    /// large graphs are not allocated again).
    @inlinable
    public func probabilities(_ graph: FrameGraph, workspace: inout Workspace) -> [Double] {
        let y = forward(graph, workspace: &workspace)
        return (0..<graph.nodeCount).map { 1 / (1 + Foundation.exp(-Double(y[$0 * outputs]))) }
    }

    /// The class-weighted binary cross-entropy of the labelled nodes of `data` (mean over
    /// graphs of each graph's weighted mean).
    @inlinable
    public func loss(_ data: [LabelledGraph], weights: (Double, Double) = (1, 1)) -> Double {
        var total = 0.0, workspace = Workspace()
        for item in data {
            let p = probabilities(item.graph, workspace: &workspace)
            var sum = 0.0, weight = 0.0
            for (node, label) in zip(item.nodes, item.labels) {
                let w = label ? weights.1 : weights.0
                let q = min(max(p[Int(node)], 1e-12), 1 - 1e-12)
                sum -= w * (label ? Foundation.log(q) : Foundation.log(1 - q)); weight += w
            }
            total += weight > 0 ? sum / weight : 0
        }
        return total / Double(max(1, data.count))
    }

    /// Trains a copy of this network to classify the labelled nodes of `training`, judged each
    /// epoch on `validation`, spread over `threads` (nil: every core; the same result on any).
    /// - Throws: ``InputError`` for empty sets, graphs of other species, one class only, or a
    ///   diverging loss.
    @inlinable
    public func trainedClassifier(
        on training: [LabelledGraph], validation: [LabelledGraph], options: GraphTrainingOptions,
        threads: Int? = nil
    ) throws -> GraphTrainingResult<S> {
        guard !training.isEmpty, !validation.isEmpty else {
            throw InputError("training a graph network needs training and validation graphs")
        }
        guard (training + validation).allSatisfy({ $0.graph.speciesCount == speciesCount }) else {
            throw InputError("the graphs have another number of species than the network (\(speciesCount))")
        }
        guard options.epochs >= 1, options.batchGraphs >= 1, options.learningRate > 0 else {
            throw InputError("training needs at least one epoch, one graph per batch and a positive learning rate")
        }
        let positives = training.reduce(0) { $0 + $1.labels.filter { $0 }.count }
        let labelled = training.reduce(0) { $0 + $1.labels.count }
        guard positives > 0, positives < labelled else {
            throw InputError("the training labels hold one class only (\(positives) of \(labelled) true)")
        }
        let weights =
            options.balanced
            ? (Double(labelled) / Double(2 * (labelled - positives)), Double(labelled) / Double(2 * positives))
            : (1.0, 1.0)
        var network = self, best = self
        var optimisers = parts.map { Adam<S>(parameters: $0.parameters.count, learningRate: options.learningRate) }
        var random = SplitMix64(seed: options.seed)
        var order = Array(training.indices), curve: [Double] = [], bestLoss = Double.infinity, bestEpoch = 0
        for epoch in 1...options.epochs {
            order.shuffle(using: &random)
            var start = 0
            while start < order.count {
                let batch = Array(order[start..<min(start + options.batchGraphs, order.count)])
                start += options.batchGraphs
                let rotations = batch.map { _ in options.rotate ? Rotation(&random) : nil }
                let frozen = network
                let parts = try parallelMap(batch.count, threads: threads) { b -> [[S]] in
                    var item = training[batch[b]]
                    if let rotation = rotations[b] {
                        item.graph.displacements = item.graph.displacements.map(rotation.apply)
                    }
                    return frozen.classifierGradient(item, weights: weights, scale: 1 / Double(batch.count))
                }
                var gradients = parts[0]
                for more in parts.dropFirst() {
                    for p in gradients.indices { for k in gradients[p].indices { gradients[p][k] += more[p][k] } }
                }
                for p in network.parts.indices {
                    optimisers[p].update(&network.parts[p].parameters, gradient: gradients[p])
                }
            }
            let value = network.loss(validation, weights: weights)
            guard value.isFinite else {
                throw InputError(
                    "training diverged at epoch \(epoch) (validation loss \(value)): lower the learning rate")
            }
            curve.append(value)
            if value < bestLoss { bestLoss = value; bestEpoch = epoch; best = network }
            if epoch - bestEpoch >= options.patience { break }
        }
        return GraphTrainingResult(network: best, validationLoss: curve, bestEpoch: bestEpoch)
    }

    /// The gradient of one graph's weighted cross-entropy, times `scale`.
    @inlinable
    func classifierGradient(_ item: LabelledGraph, weights: (Double, Double), scale: Double) -> [[S]] {
        var workspace = Workspace()
        let y = forward(item.graph, workspace: &workspace)
        var dy = [S](repeating: 0, count: y.count)
        let total = zip(item.nodes, item.labels).reduce(0.0) { $0 + ($1.1 ? weights.1 : weights.0) }
        for (node, label) in zip(item.nodes, item.labels) {
            let z = Double(y[Int(node) * outputs]), p = 1 / (1 + Foundation.exp(-z))
            let w = label ? weights.1 : weights.0
            dy[Int(node) * outputs] = S(scale * w * (p - (label ? 1 : 0)) / total)
        }
        var gradients = zeroGradients
        backward(item.graph, dy, workspace: &workspace, into: &gradients)
        return gradients
    }
}

/// A uniformly random rotation (from a random unit quaternion, Shoemake 1992).
@usableFromInline
struct Rotation: Sendable {
    @usableFromInline let rows: (Vec3, Vec3, Vec3)

    @usableFromInline init(_ random: inout SplitMix64) {
        func u() -> Double { Double(random.next() >> 11) * 0x1p-53 }
        let u1 = u(), u2 = 2 * Double.pi * u(), u3 = 2 * Double.pi * u()
        let a = (1 - u1).squareRoot(), b = u1.squareRoot()
        let (w, x, y, z) = (a * sin(u2), a * cos(u2), b * sin(u3), b * cos(u3))
        rows = (
            Vec3(1 - 2 * (y * y + z * z), 2 * (x * y - w * z), 2 * (x * z + w * y)),
            Vec3(2 * (x * y + w * z), 1 - 2 * (x * x + z * z), 2 * (y * z - w * x)),
            Vec3(2 * (x * z - w * y), 2 * (y * z + w * x), 1 - 2 * (x * x + y * y))
        )
    }

    @usableFromInline func apply(_ v: Vec3) -> Vec3 { Vec3(rows.0.dot(v), rows.1.dot(v), rows.2.dot(v)) }
}
