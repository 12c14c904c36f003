import IonCore
import IonNumerics

/// What an edge tells the network about its two nodes.
public enum EdgeFeatures: String, Codable, Sendable, CaseIterable {
    /// r / r_c: the network's outputs do not change when the frame is rotated.
    case distance
    /// (Δx, Δy, Δz, r) / r_c, as Bapst et al. 2020 give it; rotations are learned from data
    /// (train with random rotations).
    case vector

    public var count: Int { self == .distance ? 1 : 4 }
}

/// A graph network in the style of Bapst et al. 2020 (doi:10.1038/s41567-020-0842-8): node and
/// edge encoders, `steps` rounds of message passing with one shared core, and a per-node
/// decoder. Each round updates every edge from itself and its two nodes, then every node from
/// itself and the sum of its incoming edges, both with residual connections:
///
///     e ← e + φ_e([e, h_receiver, h_sender]),   h_i ← h_i + φ_h([h_i, Σ_{e into i} e]).
///
/// Every part is a ``MultilayerPerceptron`` with one hidden layer of `width`; gradients come by
/// backpropagation through the rounds (the core's gradients summed over them).
public struct GraphNetwork<S: NetworkScalar>: Codable, Sendable, Equatable {
    public let width: Int
    public let steps: Int
    public let speciesCount: Int
    public let edgeFeatures: EdgeFeatures
    /// The node encoder (one-hot species → width), edge encoder (edge features → width), edge
    /// core (3·width → width), node core (2·width → width) and decoder (width → outputs).
    public var parts: [MultilayerPerceptron<S>]

    @usableFromInline static var nodeEncoder: Int { 0 }
    @usableFromInline static var edgeEncoder: Int { 1 }
    @usableFromInline static var edgeCore: Int { 2 }
    @usableFromInline static var nodeCore: Int { 3 }
    @usableFromInline static var decoder: Int { 4 }

    @inlinable public var outputs: Int { parts[Self.decoder].outputWidth }

    /// A network with seeded initial parameters (PyTorch's default for each dense layer).
    /// - Precondition: positive width, species and outputs; steps ≥ 0.
    public init(
        speciesCount: Int, edgeFeatures: EdgeFeatures = .distance, width: Int = 64, steps: Int = 3,
        outputs: Int = 1, activation: Activation = .relu, seed: UInt64 = 1
    ) {
        precondition(speciesCount > 0 && width > 0 && outputs > 0 && steps >= 0, "invalid graph-network sizes")
        self.width = width; self.steps = steps; self.speciesCount = speciesCount; self.edgeFeatures = edgeFeatures
        let inputs = [speciesCount, edgeFeatures.count, 3 * width, 2 * width, width]
        parts = inputs.enumerated().map { k, input in
            MultilayerPerceptron<S>(
                sizes: [input, width, k == Self.decoder ? outputs : width], activation: activation,
                seed: seed &+ 0x9E37_79B9 &* UInt64(k + 1))
        }
    }

    /// What a forward pass keeps for the backward pass: each part's workspace per round, the
    /// inputs the parts saw, and the latest node states.
    public struct Workspace: Sendable {
        @usableFromInline var encoders = [MultilayerPerceptron<S>.Workspace](repeating: .init(), count: 2)
        @usableFromInline var edgeCores: [MultilayerPerceptron<S>.Workspace] = []
        @usableFromInline var nodeCores: [MultilayerPerceptron<S>.Workspace] = []
        @usableFromInline var decoder = MultilayerPerceptron<S>.Workspace()
        @usableFromInline var oneHot: [S] = [], edgeInput: [S] = []
        @usableFromInline var edgeCoreInputs: [[S]] = [], nodeCoreInputs: [[S]] = []
        @usableFromInline var nodes: [S] = []
        public init() {}
    }

    /// The edge features of `graph`, edges × ``EdgeFeatures/count``, in units of its cutoff.
    @inlinable
    func edgeInputs(_ graph: FrameGraph) -> [S] {
        let f = edgeFeatures.count, scale = 1 / graph.cutoff
        var out = [S](repeating: 0, count: graph.edgeCount * f)
        for e in 0..<graph.edgeCount {
            if edgeFeatures == .vector {
                let d = graph.displacements[e]
                out[e * f] = S(d.x * scale); out[e * f + 1] = S(d.y * scale); out[e * f + 2] = S(d.z * scale)
            }
            out[e * f + f - 1] = S(graph.distances[e] * scale)
        }
        return out
    }

    /// The outputs for every node of `graph` (nodes × ``outputs``, row-major).
    @inlinable
    public func predict(_ graph: FrameGraph) -> [S] {
        var workspace = Workspace()
        return forward(graph, workspace: &workspace)
    }

    /// The outputs for every node, keeping in `workspace` what ``backward(_:_:workspace:into:)`` needs.
    /// - Precondition: the graph's species count is the network's.
    @inlinable
    public func forward(_ graph: FrameGraph, workspace w: inout Workspace) -> [S] {
        precondition(graph.speciesCount == speciesCount, "the graph has other species than the network")
        let n = graph.nodeCount, m = graph.edgeCount, h = width
        w.oneHot = [S](repeating: 0, count: n * speciesCount)
        for i in 0..<n { w.oneHot[i * speciesCount + Int(graph.species[i])] = 1 }
        w.edgeInput = edgeInputs(graph)
        var nodes = parts[Self.nodeEncoder].forward(w.oneHot, batch: n, workspace: &w.encoders[0])
        var edges = parts[Self.edgeEncoder].forward(w.edgeInput, batch: m, workspace: &w.encoders[1])
        if w.edgeCores.count != steps {
            w.edgeCores = .init(repeating: .init(), count: steps); w.nodeCores = w.edgeCores
            w.edgeCoreInputs = .init(repeating: [], count: steps); w.nodeCoreInputs = w.edgeCoreInputs
        }
        for t in 0..<steps {
            // Edge update from [e, h_receiver, h_sender].
            var input = [S](repeating: 0, count: m * 3 * h)
            for e in 0..<m {
                let r = Int(graph.receivers[e]) * h, s = Int(graph.senders[e]) * h, o = e * 3 * h
                for k in 0..<h {
                    input[o + k] = edges[e * h + k]; input[o + h + k] = nodes[r + k];
                    input[o + 2 * h + k] = nodes[s + k]
                }
            }
            let edgeDelta = parts[Self.edgeCore].forward(input, batch: m, workspace: &w.edgeCores[t])
            w.edgeCoreInputs[t] = input
            for k in edges.indices { edges[k] += edgeDelta[k] }
            // Node update from [h, Σ incoming e].
            var nodeInput = [S](repeating: 0, count: n * 2 * h)
            for i in 0..<n {
                let o = i * 2 * h
                for k in 0..<h { nodeInput[o + k] = nodes[i * h + k] }
                for e in graph.incoming(i) { for k in 0..<h { nodeInput[o + h + k] += edges[e * h + k] } }
            }
            let nodeDelta = parts[Self.nodeCore].forward(nodeInput, batch: n, workspace: &w.nodeCores[t])
            w.nodeCoreInputs[t] = nodeInput
            for k in nodes.indices { nodes[k] += nodeDelta[k] }
        }
        w.nodes = nodes
        return parts[Self.decoder].forward(nodes, batch: n, workspace: &w.decoder)
    }

    /// Adds to `gradients` (one array per part, each as long as its parameters) the gradient of
    /// a loss whose gradient with respect to the last ``forward(_:workspace:)`` outputs is
    /// `outputGradient` (nodes × outputs).
    @inlinable
    public func backward(
        _ graph: FrameGraph, _ outputGradient: [S], workspace w: inout Workspace, into gradients: inout [[S]]
    ) {
        let n = graph.nodeCount, m = graph.edgeCount, h = width
        precondition(outputGradient.count == n * outputs && gradients.count == parts.count)
        var dNodes = parts[Self.decoder].backwardWithInputGradient(
            w.nodes, outputGradient, workspace: &w.decoder, into: &gradients[Self.decoder])
        var dEdges = [S](repeating: 0, count: m * h)
        for t in stride(from: steps - 1, through: 0, by: -1) {
            // h_{t+1} = h_t + φ_h([h_t, agg]): the residual passes dNodes on unchanged.
            let dNodeInput = parts[Self.nodeCore].backwardWithInputGradient(
                w.nodeCoreInputs[t], dNodes, workspace: &w.nodeCores[t], into: &gradients[Self.nodeCore])
            for i in 0..<n {
                let o = i * 2 * h
                for k in 0..<h { dNodes[i * h + k] += dNodeInput[o + k] }
                for e in graph.incoming(i) { for k in 0..<h { dEdges[e * h + k] += dNodeInput[o + h + k] } }
            }
            // e_{t+1} = e_t + φ_e([e_t, h_r, h_s]).
            let dEdgeInput = parts[Self.edgeCore].backwardWithInputGradient(
                w.edgeCoreInputs[t], dEdges, workspace: &w.edgeCores[t], into: &gradients[Self.edgeCore])
            for e in 0..<m {
                let r = Int(graph.receivers[e]) * h, s = Int(graph.senders[e]) * h, o = e * 3 * h
                for k in 0..<h {
                    dEdges[e * h + k] += dEdgeInput[o + k]
                    dNodes[r + k] += dEdgeInput[o + h + k]; dNodes[s + k] += dEdgeInput[o + 2 * h + k]
                }
            }
        }
        parts[Self.nodeEncoder].backward(
            w.oneHot, dNodes, workspace: &w.encoders[0], into: &gradients[Self.nodeEncoder])
        parts[Self.edgeEncoder].backward(
            w.edgeInput, dEdges, workspace: &w.encoders[1], into: &gradients[Self.edgeEncoder])
    }

    /// Zeroed gradients, one array per part.
    @inlinable public var zeroGradients: [[S]] { parts.map { [S](repeating: 0, count: $0.parameters.count) } }
}
