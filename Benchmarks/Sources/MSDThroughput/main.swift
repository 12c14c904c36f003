// FFT MSD throughput: P particles × T frames of synthetic 3D random walks held in memory,
// the MSD over all origins summed over particles (MSDAccumulator: two series per complex FFT,
// one inverse transform at the end). Only the MSD is timed; the walks are generated first.
// Usage: swift run -c release msd-throughput [particles] [frames]   (default 10000 10000)
// The same sizes in tidynamics: scripts/tidynamics_msd.py.
import Foundation
import IonNumerics

@inline(never) func blackHole<T>(_ x: T) { withExtendedLifetime(x) {} }

let arguments = CommandLine.arguments
let particles = arguments.count > 1 ? Int(arguments[1])! : 10_000
let frames = arguments.count > 2 ? Int(arguments[2])! : 10_000

/// SplitMix64 + Box–Muller.
struct Walks {
    var state: UInt64 = 12345
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
    mutating func normal() -> Double {
        let u1 = Double(next() >> 11) * 0x1p-53 + 0x1p-54, u2 = Double(next() >> 11) * 0x1p-53
        return (-2 * log(u1)).squareRoot() * cos(2 * .pi * u2)
    }
}

// Component series, particle-major: series[(p * 3 + axis) * frames + t]. 8·3·P·T bytes (2.4 GB at 10⁴ × 10⁴).
var walks = Walks()
var series = [Double](repeating: 0, count: particles * 3 * frames)
for s in 0..<(particles * 3) {
    var x = 0.0
    for t in 0..<frames { x += walks.normal(); series[s * frames + t] = x }
}

let clock = ContinuousClock()
var total = [Double]()
let elapsed = clock.measure {
    var accumulator = MSDAccumulator(length: frames)
    var a = [Double](repeating: 0, count: frames), b = a
    var s = 0
    let count = particles * 3
    while s < count {
        a.withUnsafeMutableBufferPointer { dst in series.withUnsafeBufferPointer { src in for t in 0..<frames { dst[t] = src[s * frames + t] } } }
        if s + 1 < count {
            b.withUnsafeMutableBufferPointer { dst in series.withUnsafeBufferPointer { src in for t in 0..<frames { dst[t] = src[(s + 1) * frames + t] } } }
            accumulator.add(a, b)
        } else {
            accumulator.add(a)
        }
        s += 2
    }
    total = accumulator.result()
}
blackHole(total)
let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18
let check = total[frames / 10] / Double(particles)  // ≈ lag for unit steps in 3D: 3 × lag
print(String(format: "msd-throughput: %d particles × %d frames: %.3f s (%.1f particle-series/ms); MSD(%d)/P = %.1f (expected ≈ %d)",
             particles, frames, seconds, Double(particles) / seconds / 1000, frames / 10, check, 3 * (frames / 10)))
