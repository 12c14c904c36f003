import IonAnalysis
import IonCore
import IonIO
import IonReport

/// One analysis, declared once for the command line, the job file and the report.
///
/// A plug-in declares its ``settings`` (from which `ionscope NAME --option` and the job table
/// `[[NAME]]` are both derived), builds its ``FrameAnalysis`` for a run, turns what that
/// collected into a `Codable` ``Output``, and presents the output as headline rows and report
/// sections (the terminal shows the same tables as text). Register it with one line in
/// ``AnalysisPlugins/all``; `docs/adding-an-analysis.md` walks through an example.
public protocol AnalysisPlugin: Sendable {
    associatedtype Analysis: FrameAnalysis
    associatedtype Output: Codable & Sendable

    /// The command (`ionscope msd`) and the job table (`[[msd]]`).
    static var name: String { get }
    /// One line for `ionscope --help`.
    static var abstract: String { get }
    /// The method in a few sentences, with units and citations, for `ionscope NAME --help`.
    static var discussion: String { get }
    /// Every setting, each declared once. A `label` setting is added to all plug-ins.
    static var settings: [Setting] { get }
    /// Whether a job may hold several tables (`[[msd]]`) or at most one (`[conductivity]`).
    static var repeatable: Bool { get }
    /// A job table that runs this analysis on a bundled trajectory: documentation, and the
    /// registry test runs it.
    static var example: PluginExample { get }

    /// Reads checked settings; throws ``SettingError`` for combinations that do not fit.
    init(_ settings: SettingValues) throws
    /// The name of this analysis in the report, in file names and in messages.
    var label: String { get }
    /// RDFs whose first minima this analysis needs before its pass (cutoffs not given): the
    /// runner finds every analysis' in one shared pre-pass, and ``RunSetup/firstMinimum(_:)``
    /// hands them out. Default: none.
    func cutoffRequests(_ run: RunSetup) throws -> [FirstMinimumRequest]
    /// Per-atom columns this analysis reads from the trajectory (LAMMPS dump `c_pe`, …): the
    /// runner asks the readers for every analysis' columns, and ``RunSetup/perAtomColumn(_:)``
    /// says where each one is in ``Frame/perAtom``. Default: none.
    var perAtomColumns: [String] { get }
    /// The analysis for one run (one trajectory or replica).
    func analysis(_ run: RunSetup) throws -> Analysis
    /// The output of one run.
    func output(_ collected: Analysis.Result, _ run: RunSetup) throws -> Output
    /// One output over several runs of the same system, for analyses that pool replicas;
    /// nil (the default) reports the first run and compares the runs' headline numbers.
    func combined(_ runs: [Analysis.Result], _ run: RunSetup) throws -> Output?

    /// The headline numbers of an output, for the summary table and the replica comparison.
    static func headlines(_ output: Output, label: String) -> [Headline]
    /// Warnings of an output, each once.
    static func warnings(_ output: Output, label: String) -> [String]
    /// The report sections of every instance of this plug-in in a job, writing their data
    /// files through `files`.
    static func sections(_ items: [Labelled<Output>], units: UnitLabels, files: inout FileSet) throws -> [ReportSection]
}

extension AnalysisPlugin {
    public static var discussion: String { "" }
    public static var repeatable: Bool { true }
    public func combined(_ runs: [Analysis.Result], _ run: RunSetup) throws -> Output? { nil }
    public func cutoffRequests(_ run: RunSetup) throws -> [FirstMinimumRequest] { [] }
    public var perAtomColumns: [String] { [] }

    /// The declared settings and the common `label`.
    public static var allSettings: [Setting] {
        settings + [Setting("label", .text, help: "Name of this analysis in the report, its file names and messages.")]
    }
}

extension AnalysisPlugin where Output == Analysis.Result {
    /// The output is what the analysis collected.
    public func output(_ collected: Analysis.Result, _ run: RunSetup) throws -> Output { collected }
}

extension AnalysisPlugin where Output: CarriesWarnings {
    /// The warnings the output carries.
    public static func warnings(_ output: Output, label: String) -> [String] { output.warnings }
}

/// A plug-in whose every analysis in a job has a report section of its own (most of them; the
/// MSD puts every group in one plot, so it writes ``AnalysisPlugin/sections(_:units:files:)``).
public protocol OneSectionEach: AnalysisPlugin {
    /// The section of one analysis, writing its data files through `files`.
    static func section(_ label: String, _ output: Output, units: UnitLabels, files: inout FileSet) throws
        -> ReportSection
}

extension OneSectionEach {
    public static func sections(_ items: [Labelled<Output>], units: UnitLabels, files: inout FileSet) throws
        -> [ReportSection]
    {
        try items.map { try section($0.label, $0.output, units: units, files: &files) }
    }
}

/// An output with the label of its analysis.
public struct Labelled<Output: Sendable>: Sendable {
    public var label: String
    public var output: Output
    public init(_ label: String, _ output: Output) { self.label = label; self.output = output }
}

/// One headline number: a row of the summary table and, for several runs, a quantity whose
/// spread over the runs is reported.
public struct Headline: Sendable {
    public var label: String
    /// The number compared over replicas (nil: shown only).
    public var value: Double?
    public var uncertainty: Double?
    public var unit: PhysicalUnit
    /// How it was obtained.
    public var method: String
    /// The cell as shown; by default "value ± σ unit".
    public var display: String

    public init(
        _ label: String, _ value: Double, _ uncertainty: Double?, unit: PhysicalUnit, method: String,
        display: String? = nil
    ) {
        self.label = label; self.value = value; self.uncertainty = uncertainty; self.unit = unit; self.method = method
        self.display = display ?? (formatEstimate(value, uncertainty) + (unit.symbol.isEmpty ? "" : " \(unit)"))
    }

    /// A row shown but not compared over replicas.
    public init(_ label: String, display: String, method: String) {
        self.label = label; self.value = nil; self.uncertainty = nil; self.unit = .dimensionless; self.method = method;
        self.display = display
    }
}

/// What an analysis sees of the run it is built for.
public struct RunSetup {
    /// The run's files, opened (an extra read for an RDF-minimum cutoff uses it too).
    public let trajectory: Trajectory
    /// Temperature, K (reduced for lj), when given.
    public let temperature: Double?
    /// 0 for the first run, 1 for the second replica, …
    public let index: Int
    /// Says a note to the user (stderr on the command line): a cutoff taken from an RDF, say.
    public let note: (String) -> Void

    /// Threads for the analyses that use several; nil for every core.
    public var threads: Int?
    /// Half the smallest perpendicular width of the first frame's cell (nil without a cell): the
    /// largest radius an RDF may reach.
    public var halfCellWidth: Double?

    /// The largest distance of an RDF: `requested`, or `standard` when it fits into half the first
    /// frame's cell, else half the cell (to 4 decimals, rounded down).
    public func rdfRange(_ requested: Double?, standard: Double) -> Double {
        if let requested { return requested }
        guard let half = halfCellWidth, half < standard else { return standard }
        return (half * 1e4).rounded(.down) / 1e4
    }

    /// ``rdfRange(_:standard:)``, telling the user when the cell made it shorter than `standard`.
    public func rdfRange(_ requested: Double?, standard: Double, for name: String) -> Double {
        let range = rdfRange(requested, standard: standard)
        if requested == nil && range < standard {
            note(
                "\(name): the RDF reaches \(range) \(units.lengthUnit), half the cell (the default \(Int(standard)) \(units.lengthUnit) does not fit)"
            )
        }
        return range
    }
    /// First minima found by the runner's shared pre-pass.
    public var minima: [FirstMinimumRequest: Result<RDFExtremum, InputError>] = [:]

    public init(
        trajectory: Trajectory, temperature: Double?, index: Int = 0, note: @escaping (String) -> Void = { _ in }
    ) {
        self.trajectory = trajectory; self.temperature = temperature; self.index = index; self.note = note
    }

    /// The first minimum of the RDF `request` describes: from the shared pre-pass, or (for a
    /// request no analysis announced) from a pass of its own.
    public func firstMinimum(_ request: FirstMinimumRequest) throws -> RDFExtremum {
        if let found = minima[request] { return try found.get() }
        return try request.minimum(
            of: AnalysisPass.run(trajectory, try request.analysis(threads: threads), threads: threads))
    }

    public var units: UnitSystem { trajectory.units }
    /// Where the per-atom column `name` is in every frame's ``Frame/perAtom``.
    /// - Throws: ``InputError`` when the run was opened without it (an analysis used outside the runner).
    public func perAtomColumn(_ name: String) throws -> Int {
        guard let k = trajectory.input.perAtomColumns.firstIndex(of: name) else {
            throw InputError("the trajectory was opened without its per-atom column '\(name)'")
        }
        return k
    }
    /// The trajectory files, comma-separated, for results that name their source.
    public var source: String { trajectory.input.trajectoryPaths.joined(separator: ", ") }
}

/// Where a plug-in's example job runs.
public struct PluginExample: Sendable {
    public enum Trajectory: Sendable {
        /// The bundled demo (`DemoData`): LAMMPS real units, Li⁺/TFSI⁻/PYR13⁺ beads, no velocities.
        case demo
        /// The primitive-model fixture (`Tests/Fixtures/primitive-model`): LAMMPS lj, with velocities.
        case primitiveModel
        /// The Kob–Andersen fixture with per-atom potential energies and Voronoi volumes
        /// (`Tests/Fixtures/kob-andersen/ka-pe.lammpstrj.gz`): LAMMPS lj, columns `c_pe c_vor[1]`.
        case kobAndersenEnergies
        /// The ensemble-forces fixture's calibration set (`Tests/Fixtures/ensemble-forces/calibration.extxyz.gz`):
        /// extended XYZ in lj units with the per-atom columns `REF_forces` and `model_0` … `model_3`.
        case ensembleForces
    }
    public var trajectory: Trajectory
    /// The body of the plug-in's table (TOML), e.g. `selection = "type 1"`.
    public var table: String
    public init(_ trajectory: Trajectory, _ table: String) { self.trajectory = trajectory; self.table = table }
}
