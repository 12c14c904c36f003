// Training throughput of the seed-002 network (Jones et al. 2022: SOAP features → two hidden
// layers of 100 → one output) in IonLearn's MultilayerPerceptron<Float>: seeded random
// standardised features, least-squares targets, mini-batches of --batch samples, Adam at
// 5·10⁻⁴; each step is a forward pass, backpropagation and an Adam update, as one PyTorch step
// (`Benchmarks/scripts/torch_mlp.py` times the same shapes). One thread. Prints samples/s,
// best of --repeat epochs. Checksum: the last batch's loss.
// Usage: network-training [--features 468] [--hidden 100] [--samples 16384] [--batch 256] [--repeat 3]
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
