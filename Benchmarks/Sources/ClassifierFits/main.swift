// Logistic-regression and linear-SVM training (IonLearn's Newton solvers) as `ionscope softness`
// runs it: stratified 5-fold cross-validation over the 7 values of C (35 fits, standardised per
// fold), then a refit at the chosen C, on 1 thread and on every core.
// Features: seeded synthetic ones shaped like radial structure functions (8 smooth latent factors
// plus noise, so neighbouring columns correlate as RSF bins do; labels from a planted logistic
// model), or real ones from `--data PREFIX`: PREFIX.x (float64, row-major, --features per row) and
// PREFIX.y (one uint8 per row, 1 = positive), as validation/softness/bench_sklearn.py writes them.
// Checksum: the sum of the refitted weights.
// Usage: classifier-fits [--samples 1800] [--features 94] [--data PREFIX] [--repeat 3]
import BenchmarkSupport
import Foundation
import IonCore
import IonLearn
import IonNumerics

let arguments = BenchmarkArguments()
let d = Int(arguments.option("--features", "94"))!
let repeats = Int(arguments.option("--repeat", "3"))!
let grid = [1e-3, 1e-2, 0.1, 1, 10, 100, 1000]

func synthetic(samples n: Int) -> ([Double], [Bool]) {
    var random = SplitMix64(seed: 2017)
    let factors = 8
    let loadings = (0..<(factors * d)).map { k in sin(Double(k % d) * Double(k / d + 1) * 0.07) }
    let planted = (0..<d).map { sin(Double($0) * 0.3) }
    var x = [Double](repeating: 0, count: n * d), labels = [Bool](repeating: false, count: n)
    for i in 0..<n {
        let latent = (0..<factors).map { _ in random.normal() }
        var z = 0.0
        for k in 0..<d {
            var v = 0.3 * random.normal()
            for f in 0..<factors { v += latent[f] * loadings[f * d + k] }
            x[i * d + k] = v
            z += 0.3 * planted[k] * v
        }
        labels[i] = Double(random.next() >> 11) * 0x1p-53 < 1 / (1 + exp(-z))
    }
    return (x, labels)
}

func load(_ prefix: String) throws -> ([Double], [Bool]) {
    let bytes = try Data(contentsOf: URL(fileURLWithPath: prefix + ".x"))
    let x = bytes.withUnsafeBytes { Array($0.bindMemory(to: Double.self)) }
    let labels = try Data(contentsOf: URL(fileURLWithPath: prefix + ".y")).map { $0 != 0 }
    precondition(x.count == labels.count * d, "\(prefix).x does not hold \(d) features per label")
    return (x, labels)
}

let (x, labels) =
    try arguments.option("--data").map(load)
    ?? synthetic(
        samples: Int(arguments.option("--samples", "1800"))!)
print(
    "\(labels.count) samples × \(d) features (\(labels.filter { $0 }.count) positive), \(grid.count) C × 5 folds + refit"
)
let clock = ContinuousClock()
for classifier in LinearClassifier.allCases {
    for threads in [1, ProcessInfo.processInfo.activeProcessorCount] {
        for run in 1...repeats {
            var checksum = 0.0, chosen = 0.0
            let elapsed = try clock.measure {
                let validation = try CrossValidation(
                    x, features: d, labels: labels, grid: grid, folds: 5, balanced: true, classifier: classifier,
                    threads: threads)
                let scaler = Standardizer(fitting: x, features: d)
                let model = try classifier.fit(
                    scaler.apply(x), features: d, labels: labels, c: validation.chosen, balanced: true)
                checksum = model.weights.reduce(0, +); chosen = validation.chosen
            }
            print(
                String(
                    format: "%@, %d thread(s), run %d: %.3f s (C = %g), checksum %.12g", classifier.rawValue, threads,
                    run, seconds(elapsed), chosen, checksum))
        }
    }
}
