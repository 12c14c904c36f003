import ArgumentParser
import Foundation
import IonCore
import IonJob

/// `ionscope campaign`: the simulation campaign of Jones et al. 2022
/// (doi:10.48550/arXiv.2208.03182) as LAMMPS inputs, and optionally its runs.
struct Campaign: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "campaign",
        abstract:
            "Write (and run) LAMMPS inputs of the primitive-model electrolyte over a grid of concentrations and Bjerrum lengths.",
        discussion: """
            The primitive model of Jones, Fong, Persson & Lee 2022 (doi:10.48550/arXiv.2208.03182): beads of diameter \
            σ and unit mass at number density 0.8, WCA repulsion, Coulomb between the ±1 ions at Bjerrum length l_B \
            (PPPM), Langevin equilibration then Nosé–Hoover at T = 1; the ions' positions with image flags are dumped. \
            The folder gets in.system (one input, -var per system), run.sh and manifest.toml for \
            `ionscope learn conductivity train`. With --run, run.sh runs LAMMPS (--lammps, default lmp) for every \
            system not yet finished, --parallel at a time.
            """)

    @Option(help: "Folder to write (refused if it exists, unless --force).") var output: String
    @Flag(help: "Write into an existing folder.") var force = false
    @Option(help: "Beads per system (cation, anion and solvent).") var beads = 1000
    @Option(help: "Cation–anion pairs per system, comma-separated.") var pairs = "20,40,60,80,100"
    @Option(help: "Bjerrum lengths l_B (σ), comma-separated.") var bjerrum = "2.5,5,7.5"
    @Option(help: "Langevin equilibration steps (0.005 τ).") var equilibrate = 10000
    @Option(help: "Production steps (0.005 τ).") var steps = 40000
    @Option(help: "Steps between dumped frames.") var every = 50
    @Option(name: .customLong("snapshot-every"), help: "Frames between the environments the manifest asks for.")
    var snapshotEvery = 120
    @Flag(name: .customLong("run"), help: "Run LAMMPS now.") var runNow = false
    @Option(help: "Systems run at a time.") var parallel = 1
    @Option(help: "The LAMMPS executable.") var lammps = "lmp"

    func run() throws {
        try reportingErrors {
            func list<T>(_ text: String, _ name: String, _ parse: (String) -> T?) throws -> [T] {
                let values = text.split(separator: ",").map { parse($0.trimmingCharacters(in: .whitespaces)) }
                guard !values.isEmpty, values.allSatisfy({ $0 != nil }) else {
                    throw ValidationError("--\(name): give comma-separated numbers")
                }
                return values.map { $0! }
            }
            guard equilibrate >= 0, steps > 0, every > 0, steps >= every, snapshotEvery > 0, parallel >= 1 else {
                throw ValidationError("steps, every, snapshot-every and parallel must be positive")
            }
            let campaign = PrimitiveModelCampaign(
                beads: beads, pairs: try list(pairs, "pairs") { Int($0) },
                bjerrumLengths: try list(bjerrum, "bjerrum") { Double($0) }, equilibrationSteps: equilibrate,
                productionSteps: steps, every: every, snapshotEvery: snapshotEvery)
            let systems = try campaign.systems()
            let folder = URL(fileURLWithPath: output)
            if FileManager.default.fileExists(atPath: folder.path) && !force {
                throw InputError("\(output) exists; pass --force to write into it")
            }
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            for (name, text) in [
                ("in.system", PrimitiveModelCampaign.input), ("manifest.toml", try campaign.manifest()),
                ("run.sh", try campaign.script(lammps: lammps, parallel: parallel)),
            ] {
                try Data(text.utf8).write(to: folder.appendingPathComponent(name), options: .atomic)
            }
            print("\(systems.count) systems in \(output): in.system, run.sh, manifest.toml")
            guard runNow else {
                print(
                    "run them with: sh \(output)/run.sh   then: ionscope learn conductivity train \(output)/manifest.toml --output MODEL"
                )
                return
            }
            let process = Process()
            process.executableURL = URL(fileURLWithPath: "/bin/sh")
            process.arguments = [folder.appendingPathComponent("run.sh").path]
            try process.run()
            process.waitUntilExit()
            guard process.terminationStatus == 0 else {
                throw InputError("run.sh stopped with status \(process.terminationStatus); see the systems' log.lammps")
            }
            print("done; next: ionscope learn conductivity train \(output)/manifest.toml --output MODEL")
        }
    }
}
