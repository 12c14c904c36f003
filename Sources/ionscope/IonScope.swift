import ArgumentParser
import IonReport

@main
struct IonScope: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ionscope",
        abstract: "Ion transport and local structure from molecular-dynamics trajectories of electrolytes.",
        version: ionScopeVersion,
        subcommands: [Inspect.self, MSD.self, VACF.self, Rotation.self, Conductivity.self, Arrhenius.self, RDF.self, Shells.self, Clusters.self, CDF.self, Lifetimes.self, Bursts.self, States.self, Run.self, Demo.self])
}
