import ArgumentParser
import Foundation
import IonAnalysis
import IonCore
import IonIO
import IonReport

struct Clusters: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "clusters",
        abstract: "Ion clusters: connected components of cation–anion contacts, free ions, contact pairs and aggregates.",
        discussion: """
        Ions are whole molecules. A cation and an anion are in contact when their centres of mass \
        are within the cutoff of their pair (--count centres-of-mass, the default) or any selected \
        anion atom is within it of the cation's centre of mass (--count molecules). Net charges \
        come from the topology.
        """)

    @OptionGroup var input: InputOptions
    @OptionGroup var cutoffs: CutoffOptions

    @Option(name: .customLong("cation"), help: ArgumentHelp("A cation species, NAME=SELECTION (repeat for each).", valueName: "name=selection"))
    var cations: [String] = []

    @Option(name: .customLong("anion"), help: ArgumentHelp("An anion species, NAME=SELECTION (repeat for each).", valueName: "name=selection"))
    var anions: [String] = []

    @Option(help: "How contacts are found: centres-of-mass or molecules.")
    var count: ShellDefinition.Counting = .centresOfMass

    @Flag(help: "Print the result as JSON.")
    var json = false

    func validate() throws {
        guard !cations.isEmpty, !anions.isEmpty else {
            throw ValidationError("give the ions with --cation NAME=SELECTION and --anion NAME=SELECTION, e.g. --cation 'Li=type 1' --anion 'TFSI=type 2 3'")
        }
        guard count != .atoms else { throw ValidationError("--count must be centres-of-mass or molecules") }
    }

    func run() throws {
        try reportingErrors {
            let cationList = try cations.map(namedSelection).map { ClusterAnalysis.Ion(name: $0.name, selection: $0.selection) }
            let anionList = try anions.map(namedSelection).map { ClusterAnalysis.Ion(name: $0.name, selection: $0.selection) }
            let trajectory = try Trajectory(try input.trajectoryInput())
            var rules: [ContactRule] = []
            for cation in cationList {
                for anion in anionList {
                    let definition = ShellDefinition(centres: cation.selection, partners: anion.selection, centresByMolecule: true,
                                                     counting: .centresOfMass)
                    let (cutoff, source) = try cutoffs.cutoff(for: "\(cation.name):\(anion.name)", definition, trajectory)
                    rules.append(ContactRule(cation: cation.name, anion: anion.name, cutoff: cutoff, cutoffSource: source))
                }
            }
            let analysis = try ClusterAnalysis(cations: cationList, anions: anionList, rules: rules, counting: count, blocks: cutoffs.blocks)
            let result = try AnalysisPass.run(trajectory, analysis)
            for warning in result.warnings { printError("warning: \(warning)") }
            if json { try printJSON(result) } else { print(renderClusters(result)) }
        }
    }
}

/// Contacts, the fractions by species, and the size and charge distributions.
func renderClusters(_ result: ClusterResult, rows: Int = 15) -> String {
    func pm(_ value: Double, _ error: Double?) -> String { formatNumber(value) + (error.map { " ± \(formatNumber($0, 2))" } ?? "") }
    var out = ["Ion clusters over \(result.frames) frames, \(result.blocks) blocks; contacts by \(result.counting.rawValue):"]
    for rule in result.contacts { out.append("  \(rule.cation)–\(rule.anion) within \(formatNumber(rule.cutoff)) Å (\(rule.cutoffSource))") }
    out.append("\("species".leftPadded(10))  \("ions".leftPadded(5))  \("z (e)".leftPadded(6))  \("free".leftPadded(16))  \("contact pairs".leftPadded(16))  \("aggregates".leftPadded(16))")
    for (ion, f) in zip(result.ions, result.fractions) {
        out.append("\(ion.name.leftPadded(10))  \(String(ion.count).leftPadded(5))  \(formatNumber(ion.charge, 3).leftPadded(6))  \(pm(f.free, f.freeError).leftPadded(16))  \(pm(f.pairs, f.pairsError).leftPadded(16))  \(pm(f.aggregates, f.aggregatesError).leftPadded(16))")
    }
    for (title, unit, bins) in [("cluster size", "ions", result.sizes), ("net charge", "e", result.charges)] {
        out.append("\((title + " (" + unit + ")").leftPadded(18))  \("per frame".leftPadded(16))  \("fraction".leftPadded(9))")
        for bin in bins.prefix(rows) {
            let value = bin.value == bin.value.rounded() ? String(Int(bin.value)) : formatNumber(bin.value, 3)
            out.append("\(value.leftPadded(18))  \(pm(bin.perFrame, bin.perFrameError).leftPadded(16))  \(formatNumber(bin.fraction).leftPadded(9))")
        }
        if bins.count > rows { out.append("\("…".leftPadded(18))  (\(bins.count - rows) more in --json)") }
    }
    out.append("(fractions of each species' ions; uncertainties: standard errors over blocks of frames; the series per frame is in --json)")
    return out.joined(separator: "\n")
}
