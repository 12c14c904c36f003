// Training throughput of the seed-002 network (Jones et al. 2022: SOAP features → two hidden
// layers of 100 → one output) in IonLearn's MultilayerPerceptron<Float>: seeded random
// standardised features, least-squares targets, mini-batches of --batch samples, Adam at
// 5·10⁻⁴; each step is a forward pass, backpropagation and an Adam update, as one PyTorch step
// (`Benchmarks/scripts/torch_mlp.py` times the same shapes). One thread. Prints samples/s,
// best of --repeat epochs. Checksum: the last batch's loss.
// With --ensemble: the whole ensemble path users run (`NetworkEnsemble.trained`: 5 folds ×
// --seeds members, each --epochs epochs over groups of --batch rows with the seed-002 weighted
// loss, plus each epoch's validation pass) on --threads threads; prints member-samples/s
// (training rows × epochs × members per second).
// Usage: network-training [--features 468] [--hidden 100] [--samples 16384] [--batch 256] [--repeat 3]
//        network-training --ensemble [--seeds 2] [--epochs 3] [--threads 1] (and the sizes above)
import BenchmarkSupport
import Foundation
import IonLearn
import IonNumerics

let arguments = BenchmarkArguments()
let d = Int(arguments.option("--features", "468"))!
let hidden = Int(arguments.option("--hidden", "100"))!
let samples = Int(arguments.option("--samples", "16384"))!
let batch = Int(arguments.option("--batch", "256"))!
let repeats = Int(arguments.option("--repeat", "3"))!

var random = SplitMix64(seed: 7)
let x = (0..<(samples * d)).map { _ in Float(random.normal()) }
let y = (0..<samples).map { _ in Float(random.normal()) }

if CommandLine.arguments.contains("--ensemble") {
    let seeds = Int(arguments.option("--seeds", "2"))!
    let epochs = Int(arguments.option("--epochs", "3"))!
    let threads = Int(arguments.option("--threads", "1"))!
    let groups = samples / batch
    let data = try GroupedDataset(
        x: Array(x[0..<(groups * batch * d)]), width: d,
        groups: (0..<groups).map { ($0 * batch)..<(($0 + 1) * batch) },
        targets: (0..<groups).map { Double(y[$0]) }, variances: [Double](repeating: 1, count: groups))
    let options = EnsembleOptions(
        folds: 5, seedsPerFold: seeds, hidden: [hidden, hidden], activation: .silu,
        training: TrainingOptions(epochs: epochs, learningRate: 5e-4, batchGroups: 1, patience: epochs + 1, seed: 1))
    let (test, _) = try NetworkEnsemble<Float>.split(groups: groups, options: options)
    let trainingRows = Double((groups - test.count) * batch) * 4 / 5
    let members = 5 * seeds
    print(
        "\(groups) groups of \(batch) rows × \(d) features, \(members) members × \(epochs) epochs, \(threads) thread(s)"
    )
    let clock = ContinuousClock()
    var best = Double.infinity, checksum = 0.0
    for _ in 0..<repeats {
        var ensemble: NetworkEnsemble<Float>? = nil
        let elapsed = try clock.measure {
            ensemble = try NetworkEnsemble<Float>.trained(on: data, options: options, threads: threads)
        }
        checksum = ensemble!.validationRMSE.reduce(0, +)
        best = min(best, seconds(elapsed))
    }
    print(
        String(
            format: "ensemble %.3f s, %.0f member-samples/s (Σ validation RMSE %.6g)", best,
            trainingRows * Double(epochs * members) / best, checksum))
    exit(0)
}
var network = MultilayerPerceptron<Float>(sizes: [d, hidden, hidden, 1], activation: .silu, seed: 1)
var adam = Adam<Float>(parameters: network.parameters.count, learningRate: 5e-4)
var workspace = MultilayerPerceptron<Float>.Workspace()
var gradient = [Float](repeating: 0, count: network.parameters.count)
print("\(samples) samples × \(d) features, network \(network.sizes), batch \(batch), SiLU, Float")
let clock = ContinuousClock()
var best = Double.infinity, loss: Float = 0
for _ in 0..<repeats {
    let elapsed = clock.measure {
        var start = 0
        while start + batch <= samples {
            let xb = Array(x[(start * d)..<((start + batch) * d)])
            let out = network.forward(xb, batch: batch, workspace: &workspace)
            var dy = [Float](repeating: 0, count: batch)
            loss = 0
            for i in 0..<batch {
                let r = out[i] - y[start + i]
                loss += r * r / Float(batch)
                dy[i] = 2 * r / Float(batch)
            }
            for k in gradient.indices { gradient[k] = 0 }
            network.backward(xb, dy, workspace: &workspace, into: &gradient)
            adam.update(&network.parameters, gradient: gradient)
            start += batch
        }
    }
    best = min(best, seconds(elapsed))
}
print(
    String(format: "epoch %.3f s, %.0f samples/s (last loss %.6g)", best, Double(samples / batch * batch) / best, loss))
