import ArgumentParser
import Foundation
import IonAnalysis
import IonCore
import IonIO
import IonReport

struct CDF: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "cdf",
        abstract: "Combined distribution function g(r, θ): centre–partner distance against an angle or dihedral of the partner.",
        discussion: """
        r is the distance from each --select centre to the centre of mass of each molecule holding \
        --with atoms. θ is the angle (3 --point) or absolute dihedral (4 --point) of atoms of that \
        molecule; each --point is a selection evaluated inside the molecule, the k-th use of the \
        same selection taking its k-th matching atom. g is 1 for an uncorrelated, structureless \
        system (distance normalised by shell volume, angle by sin θ, dihedral uniformly); the \
        correlation map is p(r, θ) − p(r)·p(θ).
        """)

    @OptionGroup var input: InputOptions

    @Option(name: .customLong("point"), help: ArgumentHelp("An atom of the partner molecule making the angle or dihedral (3 or 4, in order).", valueName: "selection"))
    var points: [String] = []

    @Flag(help: "Centres are the centres of mass of the molecules holding the selected atoms.")
    var centreMolecules = false

    @Option(help: "Largest distance in Å (at most half the smallest cell width).")
    var rmax: Double = 10

    @Option(help: "Number of distance bins.")
    var bins: Int = 50

    @Option(help: "Number of angle bins between 0 and 180°.")
    var angleBins: Int = 36

    @Flag(help: "Print the result as JSON.")
    var json = false

    func validate() throws {
        guard points.count == 3 || points.count == 4 else { throw ValidationError("give 3 --point selections for an angle or 4 for a dihedral") }
        guard input.select != nil, input.withSelection != nil else { throw ValidationError("give the centres with --select and the partners with --with") }
        guard rmax > 0 else { throw ValidationError("--rmax must be positive") }
        guard bins >= 1, angleBins >= 1 else { throw ValidationError("--bins and --angle-bins must be 1 or more") }
    }

    func run() throws {
        try reportingErrors {
            let (select, with) = try input.selections()
            for point in points { _ = try Selection(point) }
            let trajectory = try Trajectory(try input.trajectoryInput())
            let analysis = try CombinedDistribution(centres: select!.text, centresByMolecule: centreMolecules, partners: with!.text,
                                                    points: points, rMax: rmax, distanceBins: bins, angleBins: angleBins)
            let result = try AnalysisPass.run(trajectory, analysis)
            for warning in result.warnings { printError("warning: \(warning)") }
            if json { try printJSON(result) } else { print(renderCDF(result)) }
        }
    }
}

/// The marginals, a coarse view of the map, and the most correlated cells.
func renderCDF(_ result: CombinedDistributionResult, rows: Int = 25, columns: Int = 12) -> String {
    var out = ["g(r, \(result.kind)) of '\(result.partners)' molecules (points \(result.points.map { "'\($0)'" }.joined(separator: ", "))) around '\(result.centres)': \(result.centreCount) \(result.centreParticles) × \(result.partnerCount), \(result.frames) frames, \(formatNumber(result.pairsCounted)) pairs below \(formatNumber(result.rMax)) Å"]
    let rStep = max(1, (result.r.count + rows - 1) / rows), aStep = max(1, (result.angle.count + columns - 1) / columns)
    let shownAngles = Array(stride(from: 0, to: result.angle.count, by: aStep))
    out.append("g(r, θ), θ in degrees (rows: every \(rStep) distance bin(s); columns: every \(aStep) angle bin(s)):")
    out.append("\("r (Å)".leftPadded(7))  \("g(r)".leftPadded(6)) | " + shownAngles.map { formatNumber(result.angle[$0], 3).leftPadded(6) }.joined(separator: " "))
    for i in stride(from: 0, to: result.r.count, by: rStep) {
        out.append("\(formatNumber(result.r[i]).leftPadded(7))  \(formatNumber(result.gR[i], 3).leftPadded(6)) | " + shownAngles.map { formatNumber(result.g[i][$0], 3).leftPadded(6) }.joined(separator: " "))
    }
    out.append("\("p(θ)/w(θ)".leftPadded(15)) | " + shownAngles.map { formatNumber(result.angleDistribution[$0], 3).leftPadded(6) }.joined(separator: " "))
    var cells: [(Double, Int, Int)] = []
    for i in result.correlation.indices { for j in result.correlation[i].indices { cells.append((result.correlation[i][j], i, j)) } }
    out.append("strongest correlations p(r, θ) − p(r)·p(θ):")
    for (value, i, j) in cells.sorted(by: { abs($0.0) > abs($1.0) }).prefix(5) {
        out.append("  r = \(formatNumber(result.r[i])) Å, θ = \(formatNumber(result.angle[j], 3))°: \(value > 0 ? "+" : "")\(formatNumber(value, 3))")
    }
    out.append("(g = 1 for no structure; the full maps are in --json)")
    return out.joined(separator: "\n")
}
