import ArgumentParser
import Foundation
import IonCore
import IonJob
import IonReport

struct Demo: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract:
            "Analyse the bundled LAMMPS trajectory of a lithium salt in a coarse-grained ionic liquid into ./ionscope-demo.",
        discussion: """
            Runs the bundled job file (DemoData/demo.toml: MSD and self-diffusion of every ion, Li–TFSI and \
            Li–S radial distributions, Onsager coefficients, conductivity and transference numbers) over one \
            read of the trajectory, prints the headline numbers and writes the report, data files and \
            provenance into the output directory.
            """)

    @Option(name: .shortAndLong, help: "Output directory.")
    var output = "ionscope-demo"

    @Flag(help: "Replace the output directory if it exists.")
    var force = false

    @OptionGroup var verbosity: VerbosityOptions

    func run() throws {
        try reportingErrors {
            guard let folder = Bundle.module.url(forResource: "DemoData", withExtension: nil),
                FileManager.default.fileExists(atPath: folder.appendingPathComponent("demo.toml").path)
            else {
                throw InputError("the bundled demo trajectory is missing from this build")
            }
            let config = try JobConfig.load(folder.appendingPathComponent("demo.toml").path)
            if !verbosity.quiet { print("\(config.title)\n") }
            let report = try runJob(
                config, output: output, force: force, verbosity: verbosity, printHeadlines: !verbosity.quiet)
            print("\nreport: \(report)")
        }
    }
}
