// What every benchmark executable shares: consuming results so the optimiser keeps them, normal
// deviates from the library's seeded generator, the command line and the clock. The library
// never depends on this target.
import Foundation
import IonCore
import IonNumerics

/// Consumes `x` so the work that made it is not optimised away.
@inline(never) public func blackHole<T>(_ x: T) { withExtendedLifetime(x) {} }

extension SplitMix64 {
    /// A standard normal deviate (Box–Muller), for inputs that are the same on every run.
    public mutating func normal() -> Double {
        let u1 = Double(next() >> 11) * 0x1p-53 + 0x1p-54, u2 = Double(next() >> 11) * 0x1p-53
        return (-2 * log(u1)).squareRoot() * cos(2 * .pi * u2)
    }
}

/// The command line: leading positional numbers, then `--name value` options.
public struct BenchmarkArguments: Sendable {
    public let all: [String]
    public init() { all = Array(CommandLine.arguments.dropFirst()) }

    /// Positional argument `k` (before the first option) as an integer, or `fallback`.
    public func positional(_ k: Int, _ fallback: Int) -> Int {
        let numbers = all.prefix { !$0.hasPrefix("--") }
        return k < numbers.count ? Int(numbers[numbers.startIndex + k])! : fallback
    }

    /// The value after `--name`, or nil.
    public func option(_ name: String) -> String? {
        guard let k = all.firstIndex(of: name), k + 1 < all.count else { return nil }
        return all[k + 1]
    }

    public func option(_ name: String, _ fallback: String) -> String { option(name) ?? fallback }
}

/// Seconds in `d`.
public func seconds(_ d: Duration) -> Double { Double(d.components.seconds) + Double(d.components.attoseconds) * 1e-18 }

/// Writes the bytes of `arrays` one after another to `path` (raw, little-endian on this machine).
public func writeRaw<T>(_ arrays: [[T]], to path: String) throws {
    var data = Data()
    for array in arrays { array.withUnsafeBytes { data.append(contentsOf: $0) } }
    try data.write(to: URL(fileURLWithPath: path))
}

/// `count` points uniform in the cube [0, side)³.
public func uniformPoints(_ count: Int, side: Double, using random: inout SplitMix64) -> [Vec3] {
    (0..<count).map { _ in
        Vec3(
            .random(in: 0..<side, using: &random), .random(in: 0..<side, using: &random),
            .random(in: 0..<side, using: &random))
    }
}

/// Writes frames of points as raw float64 (frames × points × 3) to `path` and `meta` (a JSON
/// object's text) to `path.json`, for the Python peer scripts.
public func writeFrames(_ frames: [[Vec3]], meta: String, to path: String) throws {
    try writeRaw(frames, to: path)
    try (meta + "\n").write(toFile: path + ".json", atomically: true, encoding: .utf8)
}

/// Hands the `count` series of `length` points stored back to back in `series` to `body` two
/// at a time (the second nil for an odd last one), copied into reused buffers — the way the
/// FFT accumulators take them (two real series per complex transform).
public func forEachSeriesPair(_ series: [Double], count: Int, length: Int, _ body: ([Double], [Double]?) -> Void) {
    var a = [Double](repeating: 0, count: length), b = a
    func copy(_ s: Int, into dst: inout [Double]) {
        dst.withUnsafeMutableBufferPointer { d in
            series.withUnsafeBufferPointer { src in for t in 0..<length { d[t] = src[s * length + t] } }
        }
    }
    var s = 0
    while s < count {
        copy(s, into: &a)
        if s + 1 < count { copy(s + 1, into: &b); body(a, b) } else { body(a, nil) }
        s += 2
    }
}
