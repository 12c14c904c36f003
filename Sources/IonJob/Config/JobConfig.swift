import Foundation
import IonCore
import IonIO

/// A job: the inputs, named selections and the analyses to run, read from a TOML file.
/// ``JobConfig/load(_:)`` checks every key, type and file before anything is read.
public struct JobConfig: Sendable {
    public var path: String
    /// The file's text, kept for the provenance record.
    public var text: String
    public var title: String
    /// Output directory from the file (relative to the current directory); nil for the default.
    public var output: String?
    public var input: TrajectoryInput
    /// Further runs of the same system (replicas), read after ``input``: every analysis runs on
    /// each; the report shows the first run (or the pooled result, for analyses that pool runs)
    /// and every headline number per run with their mean ± s/√n.
    public var replicas: [TrajectoryInput] = []
    /// K; needed by conductivity.
    public var temperature: Double?
    /// Threads for the analyses that use several (`[input] threads`); nil for every core.
    public var threads: Int?
    /// Named selections, in the order written.
    public var selections: [(name: String, selection: Selection)]
    /// The analyses, in the order of the file's tables by plug-in (``AnalysisPlugins/all``).
    public var analyses: [any AnalysisJob]

    /// Reads and checks the job file at `path`. Relative file names in it are relative to its
    /// folder.
    public static func load(_ path: String) throws -> JobConfig {
        guard let data = FileManager.default.contents(atPath: path), let text = String(data: data, encoding: .utf8)
        else {
            throw ConfigError(path: path, line: nil, "cannot read the job file (missing, unreadable or not UTF-8)")
        }
        return try parse(text, path: path)
    }

    /// Checks `text` as the job file `path` (whose folder anchors relative file names).
    public static func parse(_ text: String, path: String) throws -> JobConfig {
        let root: TOMLTable
        do { root = try TOMLParser.parse(text) } catch {
            throw ConfigError(path: path, line: error.line, "\(error.message) (column \(error.column))")
        }
        var reader = JobReader(path: path, folder: URL(fileURLWithPath: path).deletingLastPathComponent())
        return try reader.read(root, text: text)
    }
}
