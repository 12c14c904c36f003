import Foundation
import IonAnalysis
import IonReport

/// Writes a job's results into an ``OutputDirectory``: a JSON and a CSV per analysis,
/// `summary.json`, `provenance.json`, the job file, and `report.html`.
public enum JobWriter {
    /// Writes everything and commits the directory; returns the path of `report.html`.
    @discardableResult
    public static func write(_ results: JobResults, config: JobConfig, to output: OutputDirectory,
                             commandLine: [String] = CommandLine.arguments) throws -> String {
        let start = ContinuousClock.now
        let units = UnitLabels(results.summary.units)
        var sections = [systemSection(results.summary)]
        var files = FileSet(output: output)
        try files.json("summary.json", results.summary)
        if !results.msd.isEmpty { sections.append(try msdSection(results.msd, units: units, files: &files)) }
        for (label, rdf) in results.rdf { sections.append(try rdfSection(label, rdf, files: &files)) }
        if !results.vacf.isEmpty { sections.append(try vacfSection(results.vacf, files: &files)) }
        for (label, r) in results.rotation { sections.append(try rotationSection(label, r, files: &files)) }
        for (label, r) in results.shells { sections.append(try shellsSection(label, r, files: &files)) }
        for (label, r) in results.clusters { sections.append(try clustersSection(label, r, units: units, files: &files)) }
        for (label, r) in results.cdf { sections.append(try cdfSection(label, r, files: &files)) }
        for (label, r) in results.kinetics { sections.append(try kineticsSection(label, r, units: units, files: &files)) }
        if let replicas = results.replicas { sections.append(try replicaSection(replicas, files: &files)) }
        if let conductivity = results.conductivity { sections.append(try conductivitySection(conductivity, files: &files)) }
        if let greenKubo = results.greenKubo { sections.append(try greenKuboSection(greenKubo, units: units, files: &files)) }
        try output.write("job.toml", text: config.text)
        var timings = results.timings
        let provenance = try Provenance(config: config, timings: &timings, commandLine: commandLine)
        timings.append(("writing outputs", JobRunner.seconds(since: start)))
        try files.json("provenance.json", provenance.with(timings: timings))
        let report = Report(title: config.title,
                            subtitle: "IonScope \(ionScopeVersion) · \(results.summary.atoms) atoms, \(results.summary.frames) frames · \(provenance.date)",
                            summary: summaryTables(results), sections: sections,
                            provenance: provenance.rows(timings: timings), warnings: results.warnings)
        try output.write("report.html", text: HTMLReport.render(report))
        try output.commit()
        return output.destination.appendingPathComponent("report.html").path
    }
}

/// The files written so far, so sections can link theirs.
struct FileSet {
    let output: OutputDirectory
    private(set) var names: [String] = []
    init(output: OutputDirectory) { self.output = output }

    mutating func json<T: Encodable>(_ name: String, _ value: T) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        encoder.nonConformingFloatEncodingStrategy = .convertToString(positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
        try output.write(name, try encoder.encode(value))
        names.append(name)
    }

    mutating func csv(_ name: String, _ table: DataTable) throws {
        try output.write(name, text: table.csv)
        names.append(name)
    }
}

/// A file-name-safe form of a label: "Li–TFSI (COM)" → "li-tfsi-com".
func slug(_ label: String) -> String {
    var out = ""
    for scalar in label.lowercased().unicodeScalars {
        if ("a"..."z").contains(scalar) || ("0"..."9").contains(scalar) { out.unicodeScalars.append(scalar) }
        else if scalar == "+" { out += "plus" }
        else if !out.hasSuffix("-") && !out.isEmpty { out += "-" }
    }
    while out.hasSuffix("-") { out.removeLast() }
    return out.isEmpty ? "group" : out
}
