// Times g(r) of N uniform random points (an ideal gas) over F frames, all points with all
// (A = B, as freud's RDF with query_points = points), with 1 thread and with all threads.
// Usage: rdf-throughput [--atoms 40000] [--frames 100] [--density 0.05] [--rmax 10] [--bins 100]
//                       [--threads 1,2] [--repeat 3] [--write FILE]
// --write stores the frames as raw little-endian float64 (F × N × 3) plus the box side in
// FILE.json, for Benchmarks/scripts/freud_rdf.py.
import Foundation
import IonAnalysis
import IonCore

let arguments = Array(CommandLine.arguments.dropFirst())
@MainActor func option(_ name: String, _ fallback: String) -> String {
    guard let k = arguments.firstIndex(of: name), k + 1 < arguments.count else { return fallback }
    return arguments[k + 1]
}
let atoms = Int(option("--atoms", "40000"))!
let frameCount = Int(option("--frames", "100"))!
let density = Double(option("--density", "0.05"))!
let rMax = Double(option("--rmax", "10"))!
let bins = Int(option("--bins", "100"))!
let repeats = Int(option("--repeat", "3"))!
let threadCounts = option("--threads", "1,\(ProcessInfo.processInfo.activeProcessorCount)").split(separator: ",").map { Int($0)! }
let side = pow(Double(atoms) / density, 1.0 / 3)
let box = Box(lx: side, ly: side, lz: side)!

/// SplitMix64, so the frames are the same on every run.
struct SplitMix: RandomNumberGenerator {
    var state: UInt64
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
var random = SplitMix(state: 2026)
let frames = (0..<frameCount).map { _ -> RDFFrame in
    let p = (0..<atoms).map { _ in Vec3(.random(in: 0..<side, using: &random), .random(in: 0..<side, using: &random),
                                        .random(in: 0..<side, using: &random)) }
    return RDFFrame(a: p, b: p, box: box)
}
if let k = arguments.firstIndex(of: "--write") {
    let path = arguments[k + 1]
    var data = Data(capacity: frameCount * atoms * 24)
    for frame in frames { frame.a.withUnsafeBytes { data.append(contentsOf: $0) } }
    try data.write(to: URL(fileURLWithPath: path))
    let meta = "{\"atoms\": \(atoms), \"frames\": \(frameCount), \"side\": \(side), \"rmax\": \(rMax), \"bins\": \(bins)}\n"
    try meta.write(toFile: path + ".json", atomically: true, encoding: .utf8)
}

let sets = try RDFPointSets(identities: (0..<atoms).map(Int32.init))
print(String(format: "%d atoms × %d frames, box %.2f Å, density %.3f Å⁻³, rmax %.1f Å, %d bins (best of %d)",
             atoms, frameCount, side, density, rMax, bins, repeats))
var single = 0.0
for threads in threadCounts {
    var best = Double.infinity
    var checksum = 0.0
    for _ in 0..<repeats {
        let start = Date()
        var accumulator = try RDFAccumulator(sets: sets, rMax: rMax, bins: bins)
        // Batches as the trajectory driver hands them over.
        let batch = threads == 1 ? 1 : 4 * threads
        var f = 0
        while f < frames.count {
            try accumulator.add(batch: Array(frames[f..<min(f + batch, frames.count)]), threads: threads)
            f += batch
        }
        let curves = try accumulator.curves()
        best = min(best, Date().timeIntervalSince(start))
        checksum = curves.g.reduce(0, +) / Double(bins)
    }
    if threads == 1 { single = best }
    print(String(format: "threads %2d: %.3f s, %.1f frames/s%@ (mean g %.4f)", threads, best, Double(frameCount) / best,
                 threads == 1 || single == 0 ? "" : String(format: ", speed-up %.2f×", single / best), checksum))
}
