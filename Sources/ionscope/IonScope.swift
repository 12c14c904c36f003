import ArgumentParser
import IonJob
import IonReport

@main
struct IonScope: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ionscope",
        abstract: "Ion transport and local structure from molecular-dynamics trajectories of electrolytes.",
        version: ionScopeVersion,
        subcommands: [Inspect.self] + AnalysisPlugins.all.map { command($0) } + [
            Learn.self, Campaign.self, Arrhenius.self, Run.self, Demo.self,
        ])
}
