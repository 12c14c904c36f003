import ArgumentParser
import Foundation
import IonAnalysis
import IonCore
import IonIO
import IonReport

struct RDF: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "rdf",
        abstract: "Radial distribution function g(r) and running coordination number N(r) between two groups.")

    @OptionGroup var input: InputOptions

    @Flag(help: "Use the centres of mass of the molecules that hold selected atoms instead of atoms.")
    var molecules = false

    @Flag(help: "Leave out pairs of atoms in the same molecule.")
    var excludeIntramolecular = false

    @Option(help: "Largest distance in Å (σ for lj inputs), at most half the smallest cell width.")
    var rmax: Double = 10

    @Option(help: "Number of bins between 0 and rmax.")
    var bins: Int = 200

    @Option(help: "Blocks of consecutive frames for the uncertainties.")
    var blocks: Int = 5

    @Option(help: "Threads (default: all cores).")
    var threads: Int?

    @Flag(help: "Print the result as JSON.")
    var json = false

    func validate() throws {
        guard rmax > 0 else { throw ValidationError("--rmax must be positive") }
        guard bins >= 1 else { throw ValidationError("--bins must be 1 or more") }
        guard blocks >= 2 else { throw ValidationError("--blocks must be 2 or more") }
        if let threads, threads < 1 { throw ValidationError("--threads must be 1 or more") }
        if molecules && excludeIntramolecular { throw ValidationError("--exclude-intramolecular applies to atoms, not to --molecules") }
    }

    func run() throws {
        try reportingErrors {
            let (select, with) = try input.selections()
            let trajectory = try Trajectory(try input.trajectoryInput())
            let options = RDFOptions(rMax: rmax, bins: bins, byMolecule: molecules, excludeIntramolecular: excludeIntramolecular,
                                     blocks: blocks, threads: threads)
            let result = try RadialDistribution.compute(trajectory, selection: select ?? Selection("all"), with: with, options: options)
            for warning in result.warnings { printError("warning: \(warning)") }
            if json { try printJSON(result) } else { print(renderRDF(result)) }
        }
    }
}

/// The extrema, then g(r) and N(r) at about `rows` radii.
func renderRDF(_ result: RDFResult, rows: Int = 40) -> String {
    var out = ["g(r) of '\(result.withSelection)' around '\(result.selection)': \(result.countA) × \(result.countB) \(result.particles), \(result.frames) frames, \(result.blocks) blocks" + (result.excludesIntramolecularPairs ? ", intramolecular pairs excluded" : "")]
    func describe(_ name: String, _ e: RDFExtremum?) {
        guard let e else { out.append("\(name): not found"); return }
        let rError = e.rError.map { " ± \(formatNumber($0, 2))" } ?? ""
        let nError = e.coordinationError.map { " ± \(formatNumber($0, 2))" } ?? ""
        out.append("\(name): r = \(formatNumber(e.r)) \(result.distanceUnit)\(rError), g = \(formatNumber(e.g)), N = \(formatNumber(e.coordination))\(nError)")
    }
    describe("first peak", result.firstPeak)
    describe("first minimum", result.firstMinimum)
    out.append("\("r (\(result.distanceUnit))".leftPadded(8))  \("g(r)".leftPadded(9))  \("± g".leftPadded(8))  \("N(r)".leftPadded(9))  \("± N".leftPadded(8))")
    let step = max(1, result.r.count / rows)
    for k in stride(from: step - 1, to: result.r.count, by: step) {
        let gError = result.gError.map { formatNumber($0[k], 2) } ?? "-"
        let nError = result.coordinationError.map { formatNumber($0[k], 2) } ?? "-"
        out.append("\(formatNumber(result.r[k]).leftPadded(8))  \(formatNumber(result.g[k]).leftPadded(9))  \(gError.leftPadded(8))  \(formatNumber(result.coordination[k]).leftPadded(9))  \(nError.leftPadded(8))")
    }
    out.append("(N(r) at the upper edge of each bin; uncertainties: standard errors over blocks of frames)")
    return out.joined(separator: "\n")
}
