import IonAnalysis
import IonCore
import IonReport

/// One analysis of a job with its plug-in's type erased: what the runner drives. Every step a
/// plug-in declares is reached through here, so none can be left out.
public protocol AnalysisJob: Sendable {
    /// The plug-in's name (`msd`).
    var plugin: String { get }
    var label: String { get }
    /// RDF minima this analysis needs before the pass.
    func cutoffRequests(_ run: RunSetup) throws -> [FirstMinimumRequest]
    /// Per-atom trajectory columns this analysis reads.
    var perAtomColumns: [String] { get }
    /// This analysis as a participant of a run's pass.
    func participant(_ run: RunSetup) throws -> any PassParticipant
    /// What the participant collected, after the pass.
    func collected(_ participant: any PassParticipant) throws -> any Sendable
    /// The outputs of every run, headline numbers and warnings.
    func outcome(_ collected: [any Sendable], _ runs: [RunSetup]) throws -> AnalysisOutcome
}

/// A plug-in instance as an ``AnalysisJob``.
public struct PluginJob<Plugin: AnalysisPlugin>: AnalysisJob {
    public let instance: Plugin
    public init(_ instance: Plugin) { self.instance = instance }

    public var plugin: String { Plugin.name }
    public var label: String { instance.label }

    public func cutoffRequests(_ run: RunSetup) throws -> [FirstMinimumRequest] { try instance.cutoffRequests(run) }
    public var perAtomColumns: [String] { instance.perAtomColumns }

    public func participant(_ run: RunSetup) throws -> any PassParticipant {
        makeTask("\(Plugin.name) \(label)", try instance.analysis(run))
    }

    public func collected(_ participant: any PassParticipant) throws -> any Sendable {
        guard let result = participant.anyResult as? Plugin.Analysis.Result else {
            throw InternalError("\(Plugin.name) '\(label)' has no result after the pass")
        }
        return result
    }

    public func outcome(_ collected: [any Sendable], _ runs: [RunSetup]) throws -> AnalysisOutcome {
        let results = try collected.map { item -> Plugin.Analysis.Result in
            guard let result = item as? Plugin.Analysis.Result else {
                throw InternalError("\(Plugin.name): a result of another type")
            }
            return result
        }
        guard !results.isEmpty, results.count == runs.count else { throw InternalError("\(Plugin.name): no run") }
        let outputs = try zip(results, runs).map { try instance.output($0, $1) }
        let pooled = runs.count > 1 ? try instance.combined(results, runs[0]) : nil
        let shown = pooled ?? outputs[0]
        var warnings = Plugin.warnings(shown, label: label)
        if pooled != nil { warnings += Plugin.warnings(outputs[0], label: label).filter { !warnings.contains($0) } }
        for (k, output) in outputs.enumerated().dropFirst() {
            warnings += Plugin.warnings(output, label: label).map { "replica \(k + 1): \($0)" }
        }
        return AnalysisOutcome(
            plugin: Plugin.name, label: label, output: shown,
            runHeadlines: outputs.map { Plugin.headlines($0, label: label) },
            headlines: Plugin.headlines(shown, label: label), warnings: warnings)
    }
}

/// What one analysis of a job produced.
public struct AnalysisOutcome: Sendable {
    public let plugin: String
    public let label: String
    /// The output reported: pooled over the runs where the plug-in pools them, else the first run's.
    public let output: any Codable & Sendable
    /// The headline numbers of each run alone, the first run first.
    public let runHeadlines: [[Headline]]
    /// The headline numbers of ``output``.
    public let headlines: [Headline]
    public let warnings: [String]
}

extension AnalysisPlugin {
    /// Reads one job-file table of this plug-in.
    static func job(_ table: inout ConfigTable, parser: SettingParser, temperature: Double?) throws -> any AnalysisJob {
        let values = try table.settings(allSettings, parser: parser, temperature: temperature)
        do { return PluginJob(try Self(values)) } catch let error as SettingError {
            throw table.error(error.key, error.message)
        }
    }

    /// Reads this plug-in's settings from command-line arguments.
    public static func job(_ arguments: ArgumentSettings, temperature: Double?) throws -> any AnalysisJob {
        PluginJob(try Self(try arguments.values(for: allSettings, temperature: temperature)))
    }

    /// The outputs of this plug-in's analyses among `outcomes`, with their labels.
    static func outputs(_ outcomes: [AnalysisOutcome]) -> [Labelled<Output>] {
        outcomes.compactMap { outcome in
            guard outcome.plugin == name, let output = outcome.output as? Output else { return nil }
            return Labelled(outcome.label, output)
        }
    }

    /// The report sections of this plug-in's analyses among `outcomes`.
    static func sections(of outcomes: [AnalysisOutcome], units: UnitLabels, files: inout FileSet) throws
        -> [ReportSection]
    {
        let items = outputs(outcomes)
        return items.isEmpty ? [] : try sections(items, units: units, files: &files)
    }
}
