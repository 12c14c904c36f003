import BenchmarkSupport
// FFT MSD throughput: P particles × T frames of synthetic 3D random walks held in memory,
// the MSD over all origins summed over particles (MSDAccumulator: two series per complex FFT,
// one inverse transform at the end). Only the MSD is timed; the walks are generated first.
// Usage: swift run -c release msd-throughput [particles] [frames]   (default 10000 10000)
// The same sizes in tidynamics: scripts/tidynamics_msd.py.
import Foundation
import IonNumerics

let arguments = BenchmarkArguments()
let particles = arguments.positional(0, 10_000)
let frames = arguments.positional(1, 10_000)

// Component series, particle-major: series[(p * 3 + axis) * frames + t]. 8·3·P·T bytes (2.4 GB at 10⁴ × 10⁴).
var walks = SplitMix64(seed: 12345)
var series = [Double](repeating: 0, count: particles * 3 * frames)
for s in 0..<(particles * 3) {
    var x = 0.0
    for t in 0..<frames { x += walks.normal(); series[s * frames + t] = x }
}

let clock = ContinuousClock()
var total = [Double]()
let elapsed = clock.measure {
    var accumulator = MSDAccumulator(length: frames)
    forEachSeriesPair(series, count: particles * 3, length: frames) { accumulator.add($0, $1) }
    total = accumulator.result()
}
blackHole(total)
let elapsedSeconds = seconds(elapsed)
let check = total[frames / 10] / Double(particles)  // ≈ lag for unit steps in 3D: 3 × lag
print(
    String(
        format:
            "msd-throughput: %d particles × %d frames: %.3f s (%.1f particle-series/ms); MSD(%d)/P = %.1f (expected ≈ %d)",
        particles, frames, elapsedSeconds, Double(particles) / elapsedSeconds / 1000, frames / 10, check,
        3 * (frames / 10)))
