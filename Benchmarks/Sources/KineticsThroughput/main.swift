// Pair-existence ACFs over all time origins (pooled normalisation) for P pairs × K frames
// simulated by TwoStateSimulator (two-state rates of the kinetics tests, re-forming after
// Geom(0.01) gaps), stored as runs (PairExistence):
//   continuous   continuousCorrelationAllLags(maxLag: M)          O(runs + K)
//   intermittent correlation(.intermittent, lags: 0…M)             O(runs · M)
//   ShellLifetimes (log lags, fits, 100 bootstrap replicates), for scale — no peer.
// M = --max-lag, default K/10 (ShellLifetimes' default longest lag). Timed: the calls only.
// Usage: kinetics-throughput [pairs 2000] [frames 10000] [--max-lag M] [--write FILE] [--repeat 2]
// --write stores h_p(k) as uint8 (pairs × frames) for scripts/numpy_pair_acf.py.
import BenchmarkSupport
import Foundation
import IonAnalysis
import IonNumerics

let arguments = BenchmarkArguments()
let pairs = arguments.positional(0, 2000)
let frames = arguments.positional(1, 10_000)
let repeats = Int(arguments.option("--repeat", "2"))!
let maxLag = min(frames - 1, Int(arguments.option("--max-lag", "\(frames / 10)"))!)

let model = TwoStateModel(alpha: (0.02, 0.005), beta: (0.15, 0.0016))!
var simulator = TwoStateSimulator(seed: 11)
let runs = simulator.existenceRuns(model, birth: model.stationaryLaw, reformation: 0.01, pairs: pairs, frames: frames)
let existence = try PairExistence(
    frameCount: frames, centreCount: 1, pairs: runs.indices.map { (0, Int32($0)) }, runs: runs)
if let path = arguments.option("--write") {
    var h = [UInt8](repeating: 0, count: pairs * frames)
    for (p, list) in runs.enumerated() { for run in list { for k in run.first...run.last { h[p * frames + k] = 1 } } }
    try writeRaw([h], to: path)
}
let occupied = existence.runFirst.indices.reduce(0) { $0 + Int(existence.runLast[$1] - existence.runFirst[$1]) + 1 }
print(
    "\(pairs) pairs × \(frames) frames, \(existence.runFirst.count) runs, occupancy \(String(format: "%.4f", Double(occupied) / Double(pairs * frames))), lags 0…\(maxLag)"
)

func checksum(_ c: [Double]) -> String {
    String(format: "C(10) %.9f C(100) %.9f C(%d) %.9f Σ %.9e", c[10], c[100], maxLag, c[maxLag], c.reduce(0, +))
}
let clock = ContinuousClock()
let lags = Array(0...maxLag)
for run in 1...repeats {
    var continuous = [Double](), intermittent = [Double]()
    let a = clock.measure { continuous = existence.continuousCorrelationAllLags(maxLag: maxLag) }
    blackHole(continuous)
    let b = clock.measure { intermittent = existence.correlation(.intermittent, lags: lags) }
    blackHole(intermittent)
    print(String(format: "run %d continuous (all lags ≤ %d): %.6f s; ", run, maxLag, seconds(a)) + checksum(continuous))
    print(
        String(format: "run %d intermittent (all lags ≤ %d): %.3f s; ", run, maxLag, seconds(b))
            + checksum(intermittent))
}
var lifetimes: ShellLifetimes?
let c = try clock.measure { lifetimes = try ShellLifetimes(existence, frameInterval: 1) }
blackHole(lifetimes)
print(
    String(
        format: "ShellLifetimes (defaults: %d log lags, 100 bootstrap replicates, fits): %.3f s", lifetimes!.lags.count,
        seconds(c)))
