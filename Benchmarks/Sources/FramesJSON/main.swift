// Prints frames as JSON (positions in Å, box vectors in Å) for the validation scripts.
// Usage: frames-json [--topology FILE] [--units U] [--frames 0,5,9] TRAJECTORY
import Foundation
import IonCore
import IonIO

var arguments = Array(CommandLine.arguments.dropFirst())
@MainActor func option(_ name: String) -> String? {
    guard let k = arguments.firstIndex(of: name), k + 1 < arguments.count else { return nil }
    defer { arguments.removeSubrange(k...(k + 1)) }
    return arguments[k + 1]
}
let topology = option("--topology")
let units = option("--units").flatMap(UnitSystem.init(rawValue:))
let wanted = option("--frames").map { Set($0.split(separator: ",").compactMap { Int($0) }) }
guard let path = arguments.first else {
    fatalError("usage: frames-json [--topology FILE] [--units U] [--frames 0,5] TRAJECTORY")
}

struct FrameJSON: Encodable {
    var index: Int
    var step: Int?
    var time: Double?
    var box: [[Double]]?
    var positions: [[Double]]
    var velocities: [[Double]]?
}
let trajectory = try Trajectory(TrajectoryInput(topologyPath: topology, trajectoryPaths: [path], units: units))
var frames: [FrameJSON] = []
try trajectory.forEachFrame { index, frame in
    if let wanted, !wanted.contains(index) { return }
    frames.append(
        FrameJSON(
            index: index, step: frame.step, time: frame.time,
            box: frame.box.map { [[$0.a.x, $0.a.y, $0.a.z], [$0.b.x, $0.b.y, $0.b.z], [$0.c.x, $0.c.y, $0.c.z]] },
            positions: frame.positions.map { [$0.x, $0.y, $0.z] },
            velocities: frame.velocities?.map { [$0.x, $0.y, $0.z] }))
}
FileHandle.standardOutput.write(try JSONEncoder().encode(frames))
