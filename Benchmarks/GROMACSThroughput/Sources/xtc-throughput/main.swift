// Reads every frame of a trajectory (any format IonScope knows) a few times and prints the
// best frames per second. The sum of one coordinate per frame is printed so the work cannot be
// optimised away. With --sum, one more untimed pass prints the sum of all coordinates (nm), to
// compare with another reader.
import Foundation
import IonCore
import IonIO

var arguments = CommandLine.arguments
let wantsSum = arguments.contains("--sum")
arguments.removeAll { $0 == "--sum" }
guard arguments.count >= 2 else {
    print("usage: xtc-throughput FILE [repeats] [--sum]")
    exit(2)
}
let path = arguments[1]
let repeats = arguments.count > 2 ? Int(arguments[2]) ?? 3 : 3
var best = Double.infinity
var frames = 0
var atoms = 0
var checksum = 0.0
for _ in 0..<repeats {
    var reader = try Formats.openTrajectory(path)
    var frame = Frame()
    let start = DispatchTime.now().uptimeNanoseconds
    frames = 0
    while try reader.read(into: &frame) {
        frames += 1
        checksum += frame.positions[frames % frame.positions.count].x
    }
    atoms = reader.atomCount
    best = min(best, Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9)
}
let bytes = (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? 0
print(String(format: "%@: %d frames of %d atoms, %.1f MB; best of %d: %.3f s, %.0f frames/s, %.0f MB/s (checksum %.3f)",
             path, frames, atoms, Double(bytes) / 1e6, repeats, best, Double(frames) / best,
             Double(bytes) / 1e6 / best, checksum))
if wantsSum {
    var reader = try Formats.openTrajectory(path)
    var frame = Frame()
    var sum = 0.0
    while try reader.read(into: &frame) {
        for p in frame.positions { sum += (p.x + p.y + p.z) / 10 }
    }
    print(String(format: "sum of all coordinates: %.6f nm", sum))
}
