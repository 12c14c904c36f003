import ArgumentParser
import Foundation
import IonCore
import IonIO

struct Demo: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Analyse the bundled LAMMPS trajectory of a lithium salt in a coarse-grained ionic liquid.")

    func run() throws {
        try reportingErrors {
            guard let folder = Bundle.module.url(forResource: "DemoData", withExtension: nil),
                  FileManager.default.fileExists(atPath: folder.appendingPathComponent("demo.data").path) else {
                throw InputError("the bundled demo trajectory is missing from this build")
            }
            let data = folder.appendingPathComponent("demo.data").path
            let dump = folder.appendingPathComponent("demo.lammpstrj.gz").path
            print("IonScope demo: \(dump)\n")
            let trajectory = try Trajectory(TrajectoryInput(topologyPath: data, trajectoryPaths: [dump], units: .real,
                                                            timestep: demoTimestep(folder)))
            let summary = try TrajectorySummary(trajectory)
            print(renderSummary(summary))
        }
    }

    /// The MD timestep of the bundled run, ps, from demo.json.
    func demoTimestep(_ folder: URL) -> Double? {
        guard let data = try? Data(contentsOf: folder.appendingPathComponent("demo.json")),
              let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any],
              let femtoseconds = object["timestep_fs"] as? Double else { return nil }
        return femtoseconds / 1000
    }
}
