import ArgumentParser
import Foundation
import IonAnalysis
import IonCore
import IonIO
import IonReport

struct Shells: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "shells",
        abstract: "First solvation shells: coordination numbers, denticity and shell compositions around the --select centres.",
        discussion: """
        Each --partner NAME=SELECTION is a species counted in the shells (or --with, named after \
        its selection). A partner molecule is in a centre's shell when any of its selected atoms \
        is within the cutoff (--count molecules, the default), its centre of mass is \
        (centres-of-mass), or each selected atom counts (atoms). Denticity is the number of \
        selected atoms of one partner within the cutoff.
        """)

    @OptionGroup var input: InputOptions
    @OptionGroup var cutoffs: CutoffOptions

    @Option(name: .customLong("partner"), help: ArgumentHelp("A partner species, NAME=SELECTION (repeat for each).", valueName: "name=selection"))
    var partners: [String] = []

    @Flag(help: "Centres are the centres of mass of the molecules holding the selected atoms.")
    var centreMolecules = false

    @Option(help: "How partners are counted: molecules, centres-of-mass or atoms.")
    var count: ShellDefinition.Counting = .molecules

    @Flag(help: "Print the result as JSON.")
    var json = false

    func validate() throws {
        if partners.isEmpty && input.withSelection == nil {
            throw ValidationError("give the partners with --partner NAME=SELECTION (or --with SELECTION)")
        }
        if input.select == nil { throw ValidationError("give the centres with --select") }
    }

    func run() throws {
        try reportingErrors {
            let (select, with) = try input.selections()
            var named = try partners.map(namedSelection)
            if let with { named.insert((with.text, with.text), at: 0) }
            let trajectory = try Trajectory(try input.trajectoryInput())
            let species = try named.map { name, selection in
                var definition = ShellDefinition(centres: select!.text, partners: selection, centresByMolecule: centreMolecules, counting: count)
                let (cutoff, source) = try cutoffs.cutoff(for: name, definition, trajectory)
                definition.cutoff = cutoff
                return SolvationShellAnalysis.Species(name: name, definition: definition, cutoffSource: source)
            }
            let result = try AnalysisPass.run(trajectory, try SolvationShellAnalysis(species: species, blocks: cutoffs.blocks))
            for warning in result.warnings { printError("warning: \(warning)") }
            if json { try printJSON(result) } else { print(renderShells(result)) }
        }
    }
}

/// Per species: cutoff, ⟨n⟩, P(n) and denticity; then the commonest compositions.
func renderShells(_ result: SolvationShellResult, compositions: Int = 10) -> String {
    func pm(_ value: Double?, _ error: Double?) -> String {
        guard let value else { return "-" }
        return formatNumber(value) + (error.map { " ± \(formatNumber($0, 2))" } ?? "")
    }
    var out = ["Shells around '\(result.centres)': \(result.centreCount) \(result.centreParticles), \(result.frames) frames, \(result.blocks) blocks"]
    for s in result.species {
        out.append("")
        out.append("\(s.name) ('\(s.partners)', \(s.partnerCount) \(s.counting == .atoms ? "atoms" : "molecules"), counted by \(s.counting.rawValue)): cutoff \(formatNumber(s.cutoff)) Å (\(s.cutoffSource))")
        out.append("  mean coordination number: \(pm(s.meanCoordination, s.meanCoordinationError))")
        out.append("  \("n".leftPadded(4))  \("P(n)".leftPadded(16))")
        for bin in s.coordination where (bin.probability ?? 0) > 0 {
            out.append("  \(String(bin.count).leftPadded(4))  \(pm(bin.probability, bin.error).leftPadded(16))")
        }
        out.append("  \("atoms".leftPadded(5))  \("per centre".leftPadded(16))  \("fraction".leftPadded(9))  (denticity)")
        for bin in s.denticity where (bin.perCentre ?? 0) > 0 {
            out.append("  \(String(bin.count).leftPadded(5))  \(pm(bin.perCentre, bin.error).leftPadded(16))  \(formatNumber(bin.fraction ?? 0).leftPadded(9))")
        }
    }
    out.append("")
    out.append("distinct partner molecules per centre: \(pm(result.distinctPartners, result.distinctPartnersError))")
    out.append("commonest shell compositions (fraction of centre-frames):")
    for c in result.compositions.prefix(compositions) { out.append("  \(formatNumber(c.probability).leftPadded(8))  \(c.label)") }
    out.append("(uncertainties: standard errors over blocks of frames)")
    return out.joined(separator: "\n")
}
