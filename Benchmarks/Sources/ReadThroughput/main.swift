// Opens each file given and reads every frame; prints frames/s and MB/s (best of `--repeat` runs).
// --columns NAME,… also reads those per-atom columns of a LAMMPS dump (as `ionscope correlate`
// and `softness --compare` ask for c_pe, c_vor[1], …) into Frame.perAtom.
// Usage: read-throughput [--repeat N] [--topology FILE] [--columns NAME,…] FILE…
import Foundation
import IonCore
import IonIO

var arguments = Array(CommandLine.arguments.dropFirst())
var repeats = 3
var topologyPath: String?
if let k = arguments.firstIndex(of: "--repeat") {
    repeats = Int(arguments[k + 1])!; arguments.removeSubrange(k...(k + 1))
}
if let k = arguments.firstIndex(of: "--topology") {
    topologyPath = arguments[k + 1]; arguments.removeSubrange(k...(k + 1))
}
var columns: [String] = []
if let k = arguments.firstIndex(of: "--columns") {
    columns = arguments[k + 1].split(separator: ",").map(String.init); arguments.removeSubrange(k...(k + 1))
}

for path in arguments {
    let bytes = (try FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? 0
    var options = ReaderOptions()
    if let topologyPath { options.atomIDs = try Formats.readTopology(topologyPath).atomIDs }
    options.perAtomColumns = columns
    var best = Double.infinity
    var frames = 0
    var atoms = 0
    var checksum = 0.0
    for _ in 0..<repeats {
        let start = Date()  // opening counts: some formats index the file when opened
        var reader = try Formats.openTrajectory(path, options: options)
        var frame = Frame()
        frames = 0
        checksum = 0
        while try reader.read(into: &frame) {
            frames += 1
            checksum += frame.positions[frames % frame.atomCount].x  // keeps the work alive
            for column in frame.perAtom { checksum += column[frames % frame.atomCount] }
        }
        best = min(best, Date().timeIntervalSince(start))
        atoms = reader.atomCount
    }
    let name = (path as NSString).lastPathComponent
    print(
        String(
            format: "%@: %d frames × %d atoms, %.1f MB: %.3f s, %.1f frames/s, %.1f MB/s (checksum %.3g)",
            name, frames, atoms, Double(bytes) / 1e6, best, Double(frames) / best, Double(bytes) / 1e6 / best, checksum)
    )
}
