import ArgumentParser
import Foundation
import IonAnalysis
import IonCore
import IonIO

struct MSD: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "msd",
        abstract: "Mean squared displacement over all time origins (FFT), of atoms or molecular centres of mass.")

    @OptionGroup var input: InputOptions

    @Flag(help: "Use the centre of mass of the selected atoms of each molecule instead of single atoms.")
    var molecules = false

    @Flag(help: "Keep the system's centre-of-mass drift (removed by default).")
    var keepDrift = false

    @Flag(help: "Print the result as JSON.")
    var json = false

    func run() throws {
        try reportingErrors {
            let selection = try input.selections().select ?? Selection("all")
            let trajectory = try Trajectory(try input.trajectoryInput())
            let result = try MeanSquaredDisplacement.compute(trajectory, selection: selection, byMolecule: molecules,
                                                             drift: keepDrift ? .keep : .removeSystemCenterOfMass)
            for warning in result.warnings { printError("warning: \(warning)") }
            if json { try printJSON(result) } else { print(renderMSD(result)) }
        }
    }
}

/// A table of the MSD at about 20 logarithmically spaced lags.
func renderMSD(_ result: MSDResult, rows: Int = 20) -> String {
    var out = ["MSD of '\(result.selection)': \(result.particleCount) \(result.particles); drift: \(result.drift)"]
    let unit = result.times == nil ? "lag (frames)" : "lag (ps)"
    out.append("\(unit.leftPadded(14))  \("MSD (Å²)".leftPadded(12))  \("x".leftPadded(10))  \("y".leftPadded(10))  \("z".leftPadded(10))")
    let last = result.lags.count - 1
    var shown = Set<Int>()
    for k in 0...rows where last > 0 {
        shown.insert(Int((pow(Double(last), Double(k) / Double(rows))).rounded()))
    }
    for m in shown.sorted() where m > 0 {
        let lag = result.times.map { format($0[m], 5) } ?? String(m)
        out.append("\(lag.leftPadded(14))  \(format(result.msd[m]).leftPadded(12))  \(format(result.msdX[m]).leftPadded(10))  \(format(result.msdY[m]).leftPadded(10))  \(format(result.msdZ[m]).leftPadded(10))")
    }
    if result.times == nil { out.append("(frame times unknown: pass --timestep or --dt for lags in ps)") }
    return out.joined(separator: "\n")
}
