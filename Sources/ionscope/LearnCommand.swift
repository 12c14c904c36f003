import ArgumentParser
import Foundation
import IonCore
import IonJob
import IonLearn
import IonReport

/// `ionscope learn …`: models that link local structure to transport.
struct Learn: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "learn", abstract: "Machine-learned links from local structure to transport.",
        subcommands: [LearnConductivity.self])
}

/// `ionscope learn conductivity train|predict`.
struct LearnConductivity: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "conductivity",
        abstract: "Local molar conductivity (Jones et al. 2022): train an ensemble on systems' Λ, predict Λ and k_i.",
        subcommands: [LearnConductivityTrain.self, LearnConductivityPredict.self])
}

struct LearnConductivityTrain: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "train",
        abstract: "Train a local-molar-conductivity ensemble on the systems of a manifest (or a measured dataset).",
        discussion: """
            For every system of the manifest (a TOML file with a [dataset] table and [[system]] tables; ionscope \
            campaign writes one) IonScope measures the molar conductivity Λ (valences ±1) with its uncertainty from the \
            Onsager analysis, and the SOAP environments of its ions (solvent left out) every snapshot_every frames. An \
            ensemble of networks is trained so that the mean of its per-ion outputs k_i over a system's ions and \
            snapshots matches the system's Λ, each system weighted by 1/σ²_Λ (Jones et al. 2022, \
            doi:10.48550/arXiv.2208.03182, eq. 12): 10 % of the systems held out, five folds × five seeds of the rest, \
            two hidden layers of 100, Adam at 5·10⁻⁴, up to 1000 epochs with early stopping. The output folder holds \
            dataset.json and features.npy (give the folder as input to retrain on them), conductivity-ensemble.json for predict, and a report.
            """)

    @Argument(
        help: ArgumentHelp("The manifest (.toml), or a dataset folder written by an earlier train.", valueName: "input")
    )
    var input: String

    @Option(help: "Output folder (refused if it exists, unless --force).")
    var output: String

    @Flag(help: "Replace the output folder.")
    var force = false

    @Option(help: "Epochs at most.") var epochs = 1000
    @Option(help: "Epochs without a better validation RMSE before a member stops.") var patience = 100
    @Option(name: .customLong("learning-rate"), help: "Adam's learning rate.") var learningRate = 5e-4
    @Option(help: "Folds of the training systems.") var folds = 5
    @Option(help: "Networks per fold (different seeds).") var seeds = 5
    @Option(help: "Hidden layer widths, comma-separated.") var hidden = "100,100"
    @Option(name: .customLong("test-fraction"), help: "Share of the systems held out.") var testFraction = 0.1
    @Option(help: "Seed of the split and the members.") var seed = 1
    @Option(help: "Threads (default: every core).") var threads: Int?
    @Flag(help: "Print the result as JSON.") var json = false

    func options() throws -> EnsembleOptions {
        let widths = hidden.split(separator: ",").compactMap { Int($0.trimmingCharacters(in: .whitespaces)) }
        guard !widths.isEmpty, widths.allSatisfy({ $0 > 0 && $0 <= 4096 }) else {
            throw ValidationError("--hidden: give widths such as 100,100")
        }
        guard epochs >= 1, patience >= 1, learningRate > 0, folds >= 2, seeds >= 1, seed >= 0,
            testFraction >= 0, testFraction < 1
        else { throw ValidationError("epochs, patience, folds (≥ 2), seeds, learning rate and seed must be positive") }
        return EnsembleOptions(
            testFraction: testFraction, folds: folds, seedsPerFold: seeds, hidden: widths, activation: .relu,
            training: TrainingOptions(
                epochs: epochs, learningRate: learningRate, batchGroups: 1, patience: patience, seed: UInt64(seed)))
    }

    func run() throws {
        try reportingErrors {
            let options = try options()
            let directory = try OutputDirectory(output, force: force) { printError("note: \($0)") }
            var isFolder: ObjCBool = false
            let measured: (dataset: ConductivityDataset, features: [Float])
            if FileManager.default.fileExists(atPath: input, isDirectory: &isFolder), isFolder.boolValue {
                measured = try ConductivityDataset.load(input)
            } else {
                measured = try ConductivityManifest.read(input).measure(threads: threads) { printError($0) }
            }
            let (ensemble, result) = try ConductivityTraining.train(
                measured.dataset, features: measured.features, options: options, threads: threads
            ) { done, total in printError("trained network \(done) of \(total)") }
            var files = FileSet(output: directory)
            try measured.dataset.write(measured.features, into: &files)
            let model = EnsembleModel(
                ensemble, columns: measured.dataset.columns, descriptor: measured.dataset.descriptor,
                lengthUnit: measured.dataset.lengthUnit, target: "local molar conductivity k_i",
                targetUnit: measured.dataset.molarConductivityUnit, groups: measured.dataset.systems.map(\.name))
            try files.data("conductivity-ensemble.json", try encodeJSON(model))
            let section = try ConductivityTraining.section(result, files: &files)
            let report = Report(
                title: "Local molar conductivity: training", subtitle: "IonScope \(ionScopeVersion) · \(input)",
                summary: [], sections: [section],
                provenance: [("command", CommandLine.arguments.joined(separator: " "))],
                warnings: result.warnings)
            try directory.write("report.html", text: HTMLReport.render(report))
            try directory.commit()
            if json { try printJSON(result) } else { print(TextReport.render([section])) }
            for warning in result.warnings { printError("warning: \(warning)") }
        }
    }
}

/// `ionscope learn conductivity predict FILES… --options`: the `local-conductivity` analysis
/// under the name the learning commands share.
struct LearnConductivityPredict: ParsableCommand {
    static var configuration: CommandConfiguration {
        var configuration = AnalysisCommand<LocalConductivityPlugin>.configuration
        configuration.commandName = "predict"
        return configuration
    }

    @Argument(
        parsing: .allUnrecognized,
        help: ArgumentHelp(
            "Topology, then trajectory files, and the options of local-conductivity.", valueName: "files-and-options"))
    var arguments: [String] = []

    func run() throws {
        let command = try AnalysisCommand<LocalConductivityPlugin>.parse(arguments)
        try command.run()
    }
}
