import Foundation
import IonAnalysis
import IonReport

/// Writes a job's results into an ``OutputDirectory``: a JSON and a CSV per analysis,
/// `summary.json`, `provenance.json`, the job file, and `report.html`.
public enum JobWriter {
    /// Writes everything and commits the directory; returns the path of `report.html`.
    @discardableResult
    public static func write(
        _ results: JobResults, config: JobConfig, to output: OutputDirectory,
        commandLine: [String] = CommandLine.arguments
    ) throws -> String {
        let start = ContinuousClock.now
        let units = UnitLabels(results.summary.units)
        var sections = [systemSection(results.summary)]
        var files = FileSet(output: output)
        try files.json("summary.json", results.summary)
        sections += try analysisSections(results.analyses, units: units, files: &files)
        if let replicas = results.replicas { sections.append(try replicaSection(replicas, files: &files)) }
        try output.write("job.toml", text: config.text)
        var timings = results.timings
        let provenance = try Provenance(config: config, timings: &timings, commandLine: commandLine)
        timings.append(("writing outputs", JobRunner.seconds(since: start)))
        try files.json("provenance.json", provenance.with(timings: timings))
        let report = Report(
            title: config.title,
            subtitle:
                "IonScope \(ionScopeVersion) · \(results.summary.atoms) atoms, \(results.summary.frames) frames · \(provenance.date)",
            summary: summaryTables(results), sections: sections,
            provenance: provenance.rows(timings: timings), warnings: results.warnings)
        try output.write("report.html", text: HTMLReport.render(report))
        try output.commit()
        return output.destination.appendingPathComponent("report.html").path
    }
}

extension JobWriter {
    /// The sections of every analysis, plug-in by plug-in in the registry's order.
    public static func analysisSections(
        _ analyses: [AnalysisOutcome], units: UnitLabels,
        files: inout FileSet
    ) throws -> [ReportSection] {
        var sections: [ReportSection] = []
        for plugin in AnalysisPlugins.all { sections += try plugin.sections(of: analyses, units: units, files: &files) }
        return sections
    }
}

/// The data files of a report's sections, so sections can link theirs; without an output
/// directory (the terminal) only their names are kept.
public struct FileSet {
    let output: OutputDirectory?
    public private(set) var names: [String] = []
    public init(output: OutputDirectory?) { self.output = output }

    /// Writes `value` as pretty JSON (keys sorted; non-finite numbers as strings).
    public mutating func json<T: Encodable>(_ name: String, _ value: T) throws {
        if let output { try output.write(name, try encodeJSON(value)) }
        names.append(name)
    }

    public mutating func csv(_ name: String, _ table: DataTable) throws {
        if let output { try output.write(name, text: table.csv) }
        names.append(name)
    }

    /// Writes bytes as they are.
    public mutating func data(_ name: String, _ data: Data) throws {
        if let output { try output.write(name, data) }
        names.append(name)
    }

    /// Writes text as it is (an extended XYZ file, say).
    public mutating func text(_ name: String, _ text: String) throws {
        if let output { try output.write(name, text: text) }
        names.append(name)
    }

    /// Writes doubles of the given shape as a NumPy `.npy` file.
    public mutating func npy(_ name: String, shape: [Int], _ values: [Double]) throws {
        if let output { try output.write(name, NumPyArray.encode(shape: shape, values)) }
        names.append(name)
    }
}

/// Pretty JSON with sorted keys and non-finite numbers as "inf", "-inf", "nan": every JSON
/// IonScope writes or prints.
public func encodeJSON<T: Encodable>(_ value: T) throws -> Data {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
    encoder.nonConformingFloatEncodingStrategy = .convertToString(
        positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
    return try encoder.encode(value)
}

/// A file-name-safe form of a label: "Li–TFSI (COM)" → "li-tfsi-com".
public func slug(_ label: String) -> String {
    var out = ""
    for scalar in label.lowercased().unicodeScalars {
        if ("a"..."z").contains(scalar) || ("0"..."9").contains(scalar) {
            out.unicodeScalars.append(scalar)
        } else if scalar == "+" {
            out += "plus"
        } else if !out.hasSuffix("-") && !out.isEmpty {
            out += "-"
        }
    }
    while out.hasSuffix("-") { out.removeLast() }
    return out.isEmpty ? "group" : out
}

extension JobWriter {
    /// The headline numbers of every analysis, then, for several runs, their mean over the runs.
    public static func summaryTables(_ results: JobResults) -> [ReportTable] {
        let rows = results.analyses.flatMap { $0.headlines.map { [$0.label, $0.display, $0.method] } }
        var tables =
            rows.isEmpty ? [] : [ReportTable(caption: "", columns: ["quantity", "value", "method"], rows: rows)]
        if let replicas = results.replicas, !replicas.quantities.isEmpty {
            tables.append(
                ReportTable(
                    caption: "Mean of \(replicas.runs) runs (± s/√n over the runs)",
                    columns: ["quantity", "value", "method"],
                    rows: replicas.quantities.map { q in
                        [
                            q.label,
                            formatEstimate(q.mean, q.standardError) + (q.unit.symbol.isEmpty ? "" : " \(q.unit)"),
                            "spread over replicas",
                        ]
                    }))
        }
        return tables
    }
}
