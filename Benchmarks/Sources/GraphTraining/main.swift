// Training and prediction time of IonLearn's graph network (Bapst et al. 2020 style: node and
// edge encoders, --steps rounds of a shared message-passing core with residuals, a per-node
// decoder; every part one hidden layer of --width, ReLU) in Float on --graphs random frames of
// --nodes particles of two species at unit density, edges within --cutoff (about twelve
// neighbours at the default). One training step = forward, backpropagation (binary
// cross-entropy on every node) and an Adam update of all parts, one graph per step, one thread.
// `Benchmarks/scripts/torch_graph_network.py` times the same network and graph sizes in PyTorch.
// Prints ms per training step and per prediction (a forward pass reusing one workspace), best of
// --repeat passes over the graphs.
// Usage: graph-training [--nodes 1000] [--cutoff 1.42] [--width 64] [--steps 3] [--graphs 8] [--repeat 3]
import BenchmarkSupport
import Foundation
import IonCore
import IonLearn
import IonNumerics

let arguments = BenchmarkArguments()
let nodes = Int(arguments.option("--nodes", "1000"))!
let cutoff = Double(arguments.option("--cutoff", "1.42"))!
let width = Int(arguments.option("--width", "64"))!
let steps = Int(arguments.option("--steps", "3"))!
let count = Int(arguments.option("--graphs", "8"))!
let repeats = Int(arguments.option("--repeat", "3"))!

var random = SplitMix64(seed: 7)
func u(_ random: inout SplitMix64) -> Double { Double(random.next() >> 11) * 0x1p-53 }
let length = pow(Double(nodes), 1.0 / 3.0)
let box = Box(lx: length, ly: length, lz: length)!
var builder = FrameGraphBuilder(cutoff: cutoff)
var graphs: [FrameGraph] = []
for _ in 0..<count {
    var points: [Vec3] = []
    for _ in 0..<nodes { points.append(Vec3(length * u(&random), length * u(&random), length * u(&random))) }
    graphs.append(
        try builder.graph(points, species: (0..<nodes).map { Int32($0 % 2) }, speciesCount: 2, box: box))
}
var labels: [Float] = []
for _ in 0..<nodes { labels.append(u(&random) < 0.5 ? 0 : 1) }
let edges = graphs.reduce(0) { $0 + $1.edgeCount } / count
print("\(count) graphs of \(nodes) nodes, \(edges) edges each on average, width \(width), \(steps) rounds, Float")

var network = GraphNetwork<Float>(speciesCount: 2, width: width, steps: steps, seed: 1)
var optimisers = network.parts.map { Adam<Float>(parameters: $0.parameters.count, learningRate: 1e-3) }
var workspace = GraphNetwork<Float>.Workspace()
let clock = ContinuousClock()
var bestTrain = Double.infinity, bestPredict = Double.infinity, checksum = 0.0
for _ in 0..<repeats {
    let train = clock.measure {
        for graph in graphs {
            let y = network.forward(graph, workspace: &workspace)
            var dy = [Float](repeating: 0, count: nodes)
            for i in 0..<nodes { dy[i] = (1 / (1 + exp(-y[i])) - labels[i]) / Float(nodes) }
            var gradients = network.zeroGradients
            network.backward(graph, dy, workspace: &workspace, into: &gradients)
            for p in network.parts.indices {
                optimisers[p].update(&network.parts[p].parameters, gradient: gradients[p])
            }
        }
    }
    let predict = clock.measure {
        for graph in graphs { checksum = Double(network.forward(graph, workspace: &workspace)[0]) }
    }
    bestTrain = min(bestTrain, seconds(train)); bestPredict = min(bestPredict, seconds(predict))
}
print(
    String(
        format: "training step %.2f ms, prediction %.2f ms per graph (output[0] %.6g)",
        1000 * bestTrain / Double(count), 1000 * bestPredict / Double(count), checksum))
