import ArgumentParser

@main
struct IonScope: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ionscope",
        abstract: "Ion transport and local structure from molecular-dynamics trajectories of electrolytes.",
        version: "0.1.0",
        subcommands: [Inspect.self, MSD.self, VACF.self, Rotation.self, Conductivity.self, Arrhenius.self, RDF.self, Demo.self])
}
