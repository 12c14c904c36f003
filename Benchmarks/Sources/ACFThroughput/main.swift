// Autocorrelation over all time origins, summed over S series of T points (a VACF: each series
// one velocity component, an AR(1) process v(t) = 0.9 v(t−1) + ξ): CorrelationAccumulator
// (two real series per complex FFT, power spectra summed, one inverse transform at the end),
// and — for S ≤ 2000 — the per-series free function autocorrelation(_:) summed. Only the
// correlation is timed; the series are generated first.
// Usage: acf-throughput [series 10000] [points 10000] [--write FILE] [--repeat 2]
// --write stores the series as float64 (series × points) for scripts/tidynamics_acf.py.
import BenchmarkSupport
import Foundation
import IonNumerics

let arguments = BenchmarkArguments()
let count = arguments.positional(0, 10_000)
let points = arguments.positional(1, 10_000)
let repeats = Int(arguments.option("--repeat", "2"))!

var normals = SplitMix64(seed: 77)
var series = [Double](repeating: 0, count: count * points)  // series[s * points + t]
for s in 0..<count {
    var v = normals.normal() / (1 - 0.81).squareRoot()
    for t in 0..<points { series[s * points + t] = v; v = 0.9 * v + normals.normal() }
}
if let path = arguments.option("--write") { try writeRaw([series], to: path) }

func summary(_ c: [Double]) -> String {
    String(
        format: "C(0)/S %.6f C(10)/S %.6f (expected %.4f, %.4f); checksum Σ_{m<100} C(m)/S %.9e",
        c[0] / Double(count), c[10] / Double(count), 1 / 0.19, pow(0.9, 10) / 0.19,
        c.prefix(100).reduce(0, +) / Double(count))
}
let clock = ContinuousClock()
for run in 1...repeats {
    var total = [Double]()
    let elapsed = clock.measure {
        var accumulator = CorrelationAccumulator(length: points)
        forEachSeriesPair(series, count: count, length: points) { accumulator.add($0, $1) }
        total = accumulator.result()
    }
    blackHole(total)
    print(
        String(
            format: "acf-throughput run %d: CorrelationAccumulator, %d series × %d points: %.3f s; ", run, count,
            points, seconds(elapsed)) + summary(total))
}
if count <= 2000 {
    var total = [Double](repeating: 0, count: points)
    let elapsed = clock.measure {
        for s in 0..<count {
            let c = autocorrelation(Array(series[(s * points)..<((s + 1) * points)]))
            for t in 0..<points { total[t] += c[t] }
        }
    }
    blackHole(total)
    print(
        String(
            format: "acf-throughput: autocorrelation(_:) per series, %d series × %d points: %.3f s; ", count, points,
            seconds(elapsed)) + summary(total))
}
