import Foundation
import IonIO

/// The bundled demo (coarse-grained Li[TFSI] in [PYR13][TFSI], LAMMPS, real units), as the tests read it.
enum DemoTrajectory {
    static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Sources/ionscope/DemoData")

    /// Its first `stop` frames (all when nil); with the MD timestep (2 fs) when `timed`.
    static func open(stop: Int? = nil, timed: Bool = true) throws -> Trajectory {
        try Trajectory(
            TrajectoryInput(
                topologyPath: folder.appendingPathComponent("demo.data").path,
                trajectoryPaths: [folder.appendingPathComponent("demo.lammpstrj.gz").path],
                units: .real, timestep: timed ? 0.002 : nil, range: FrameRange(stop: stop)))
    }
}
