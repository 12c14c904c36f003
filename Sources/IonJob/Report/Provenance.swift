import Foundation
import IonIO
import IonReport

/// Where a report came from: the program, the command, the inputs (size and SHA-256), the job
/// file and the time each step took.
struct Provenance: Encodable {
    struct InputFile: Encodable {
        var path: String
        var role: String
        var bytes: Int
        var sha256: String
    }
    var ionscopeVersion = ionScopeVersion
    var date: String
    var commandLine: [String]
    var host: String
    var inputs: [InputFile]
    var jobFile: String
    var job: String
    /// Seconds per step.
    var timings: [String: Double] = [:]

    init(config: JobConfig, timings: inout [(String, Double)], commandLine: [String]) throws {
        let start = ContinuousClock.now
        let formatter = ISO8601DateFormatter()
        date = formatter.string(from: Date())
        self.commandLine = commandLine
        host =
            "\(ProcessInfo.processInfo.operatingSystemVersionString), \(ProcessInfo.processInfo.activeProcessorCount) cores"
        var files: [(String, String)] = config.input.topologyPath.map { [($0, "topology")] } ?? []
        files += config.input.trajectoryPaths.map { ($0, "trajectory") }
        inputs = try files.map { path, role in
            let attributes = try FileManager.default.attributesOfItem(atPath: path)
            return InputFile(
                path: path, role: role, bytes: (attributes[.size] as? Int) ?? 0, sha256: try SHA256.hex(ofFile: path))
        }
        jobFile = config.path
        job = config.text
        timings.append(("hashing the inputs", JobRunner.seconds(since: start)))
    }

    func with(timings: [(String, Double)]) -> Provenance {
        var copy = self
        copy.timings = Dictionary(timings, uniquingKeysWith: +)
        return copy
    }

    /// Rows for the report's provenance table.
    func rows(timings: [(String, Double)]) -> [(String, String)] {
        var rows: [(String, String)] = [
            ("IonScope", ionscopeVersion), ("date", date), ("command", commandLine.joined(separator: " ")),
            ("machine", host), ("job file", jobFile),
        ]
        for input in inputs {
            rows.append(
                (
                    "\(input.role): \(URL(fileURLWithPath: input.path).lastPathComponent)",
                    "\(input.path) · \(input.bytes) bytes · sha256 \(input.sha256)"
                ))
        }
        for (step, seconds) in timings { rows.append(("time: \(step)", "\(formatNumber(seconds, 3)) s")) }
        return rows
    }
}
