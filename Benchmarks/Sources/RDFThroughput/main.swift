// Times g(r) of N uniform random points (an ideal gas) over F frames, all points with all
// (A = B, as freud's RDF with query_points = points), with 1 thread and with all threads.
// Usage: rdf-throughput [--atoms 40000] [--frames 100] [--density 0.05] [--rmax 10] [--bins 100]
//                       [--threads 1,2] [--repeat 3] [--write FILE]
// --write stores the frames as raw little-endian float64 (F × N × 3) plus the box side in
// FILE.json, for Benchmarks/scripts/freud_rdf.py.
import BenchmarkSupport
import Foundation
import IonAnalysis
import IonCore
import IonNumerics

let arguments = BenchmarkArguments()
func option(_ name: String, _ fallback: String) -> String { arguments.option(name, fallback) }
let atoms = Int(option("--atoms", "40000"))!
let frameCount = Int(option("--frames", "100"))!
let density = Double(option("--density", "0.05"))!
let rMax = Double(option("--rmax", "10"))!
let bins = Int(option("--bins", "100"))!
let repeats = Int(option("--repeat", "3"))!
let threadCounts = option("--threads", "1,\(ProcessInfo.processInfo.activeProcessorCount)").split(separator: ",").map {
    Int($0)!
}
let side = pow(Double(atoms) / density, 1.0 / 3)
let box = Box(lx: side, ly: side, lz: side)!

var random = SplitMix64(seed: 2026)
let frames = (0..<frameCount).map { _ -> RDFFrame in
    let p = uniformPoints(atoms, side: side, using: &random)
    return RDFFrame(a: p, b: p, box: box)
}
if let path = arguments.option("--write") {
    try writeFrames(
        frames.map(\.a),
        meta:
            "{\"atoms\": \(atoms), \"frames\": \(frameCount), \"side\": \(side), \"rmax\": \(rMax), \"bins\": \(bins)}",
        to: path)
}

let sets = try RDFPointSets(identities: (0..<atoms).map(Int32.init))
print(
    String(
        format: "%d atoms × %d frames, box %.2f Å, density %.3f Å⁻³, rmax %.1f Å, %d bins (best of %d)",
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
    print(
        String(
            format: "threads %2d: %.3f s, %.1f frames/s%@ (mean g %.4f)", threads, best, Double(frameCount) / best,
            threads == 1 || single == 0 ? "" : String(format: ", speed-up %.2f×", single / best), checksum))
}
