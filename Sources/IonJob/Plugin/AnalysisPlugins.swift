import IonCore

/// Every analysis IonScope offers, in the order of the report: one line each. A plug-in listed
/// here has its command (`ionscope NAME`), its job table (`[[NAME]]`), its report section and
/// its headline rows; `PluginRegistryTests` checks each of them.
public enum AnalysisPlugins {
    public static let all: [any AnalysisPlugin.Type] = [
        MSDPlugin.self,
        VACFPlugin.self,
        ConductivityPlugin.self,
        RotationPlugin.self,
        RDFPlugin.self,
        ShellsPlugin.self,
        ClustersPlugin.self,
        CDFPlugin.self,
        KineticsPlugin.self,
        ProfilePlugin.self,
        D2MinPlugin.self,
        DescriptorsPlugin.self,
        SoftnessPlugin.self,
        CorrelatePlugin.self,
        SweepPlugin.self,
        UncertaintyPlugin.self,
        LocalConductivityPlugin.self,
    ]

    /// The options every analysis command takes besides its own: the unit system, timing,
    /// frame range, temperature and replicas (a job file's `[input]` table), and JSON output.
    public static let inputOptions: [Setting] = [
        Setting(
            "units", .choice(UnitSystem.allCases.map(\.rawValue)),
            help:
                "Unit system of the files (default: the format's own; LAMMPS files without ITEM: UNITS are taken as real, with a warning)."
        ),
        Setting(
            "timestep", .number(.positive), unit: "ps",
            help: "MD timestep; frame time = step × timestep (LAMMPS dumps store only the step)."),
        Setting(
            "dt", .number(.positive), unit: "ps", help: "Time between frames (overrides times stored in the files)."),
        Setting(
            "start", .integer(minimum: 0, maximum: .max), default: .integer(0),
            help: "First frame to use (counted from 0 over all files)."),
        Setting("stop", .integer(minimum: 1, maximum: .max), help: "Stop before this frame."),
        Setting("stride", .integer(minimum: 1, maximum: .max), default: .integer(1), help: "Use every n-th frame."),
        Setting(
            "box", .numbers(.positive, count: nil), unit: "Å",
            help:
                "Periodic cell for files that store none (plain XYZ, PDB without CRYST1): a,b,c or a,b,c,α,β,γ (degrees; σ for lj)."
        ),
        Setting("temperature", .number(.positive), unit: "K", help: "Temperature of the run (reduced k_B T/ε for lj)."),
        Setting(
            "threads", .integer(minimum: 1, maximum: 1024),
            help: "Threads for the analyses that use several (default: every core)."),
        .flag(
            "replicas",
            help:
                "Treat every trajectory file as an independent run of the same system (default: read them one after another)."
        ),
        .flag("json", help: "Print the result as JSON."),
    ]

    /// Options of the analysis commands alone (a job file names its output directory itself):
    /// write the analysis' files, as a job would, into a directory.
    public static let outputOptions: [Setting] = [
        Setting(
            "output", .text,
            help:
                "Also write the analysis' files (JSON, CSV, .npy) into this directory, created whole or not at all."),
        Setting(
            "npy", .text,
            help:
                "Also write the result's array (descriptors: frames × centres × features, float64) as this NumPy .npy file, with the JSON that names its columns beside it (FILE.json)."
        ),
        .flag(
            "force",
            help:
                "Replace the --output directory if it exists (only files IonScope wrote there), or the --npy file and its JSON."
        ),
    ]

    /// Every option a command takes besides the plug-in's own.
    public static var commandOptions: [Setting] { inputOptions + outputOptions }

    /// The plug-in called `name`.
    public static func named(_ name: String) -> (any AnalysisPlugin.Type)? { all.first { $0.name == name } }
}

extension AnalysisPlugins {
    /// What is wrong with a plug-in's declaration, if anything: empty help, keys that are not
    /// snake_case, keys declared twice or clashing with the input options of the command line.
    public static func problems<Plugin: AnalysisPlugin>(of plugin: Plugin.Type, inputOptions: [Setting]) -> [String] {
        var problems: [String] = []
        let name = Plugin.name
        if name.isEmpty || name != name.lowercased() || name.contains(" ") {
            problems.append("'\(name)': a command name is one lowercase word")
        }
        if Plugin.abstract.isEmpty { problems.append("\(name): no abstract") }
        if Plugin.discussion.isEmpty { problems.append("\(name): no discussion") }
        if all.filter({ $0.name == name }).count > 1 { problems.append("\(name): registered twice") }
        var seen = Set(inputOptions.map(\.key))
        for setting in Plugin.allSettings {
            let key = setting.key
            if key.isEmpty || key.contains(where: { !($0.isLowercase || $0.isNumber || $0 == "_") }) {
                problems.append("\(name): key '\(key)' is not snake_case")
            }
            if !seen.insert(key).inserted {
                problems.append("\(name): key '\(key)' declared twice or clashes with an input option")
            }
            if setting.help.isEmpty { problems.append("\(name): key '\(key)' has no help") }
            if setting.required && setting.defaultValue != nil {
                problems.append("\(name): key '\(key)' is required and has a default")
            }
        }
        return problems
    }
}
