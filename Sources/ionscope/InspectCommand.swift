import ArgumentParser
import Foundation
import IonCore
import IonIO
import IonReport

struct Inspect: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Summarise a system and its trajectory: atoms, molecules, charge, frames, time step, box, fields.")

    @OptionGroup var input: InputOptions

    @Flag(help: "Print the summary as JSON.")
    var json = false

    func run() throws {
        try reportingErrors {
            let (select, with) = try input.selections()
            var trajectoryInput = try input.trajectoryInput()
            trajectoryInput.allowsUnnamedAtoms = true  // a lone .xtc, .trr or .dcd can be inspected
            let trajectory = try Trajectory(trajectoryInput)
            var summary = try TrajectorySummary(trajectory)
            for selection in [select, with].compactMap({ $0 }) {
                try summary.add(selection, topology: trajectory.topology)
            }
            for warning in summary.warnings { printError("warning: \(warning)") }
            if json { try printJSON(summary) } else { print(renderSummary(summary)) }
        }
    }

}

/// The human-readable form of `inspect`'s summary (its warnings go to stderr).
func renderSummary(_ s: TrajectorySummary) -> String {
    let system = UnitSystem(rawValue: s.units) ?? .real
    let (length, time) = (system.lengthUnit, system.timeUnit)
    // A mass of zero means no input gave masses (dumps without a topology): said, not printed as 0.
    let massesKnown = s.totalMass > 0
    func mass(_ value: Double) -> String {
        massesKnown ? "\(formatNumber(value, 6)) \(system.massUnit)" : "unknown (no masses in the inputs)"
    }
    func charge(_ value: Double?) -> String { chargeText(value, unit: system.chargeUnit) }
    func boxText(_ box: TrajectorySummary.BoxSummary) -> String {
        let l = box.lengths, a = box.anglesDegrees
        var line =
            "\(box.orthorhombic ? "orthorhombic" : "triclinic") \(formatNumber(l.x, 5)) × \(formatNumber(l.y, 5)) × \(formatNumber(l.z, 5)) \(length)"
        if !box.orthorhombic {
            line += ", angles \(formatNumber(a.x, 4))° \(formatNumber(a.y, 4))° \(formatNumber(a.z, 4))°"
        }
        line +=
            box.changes
            ? "; changes: volume \(formatNumber(box.minVolume, 6))…\(formatNumber(box.maxVolume, 6)) \(length)³"
            : "; fixed, volume \(formatNumber(box.volume, 6)) \(length)³"
        return line
    }
    var out: [String] = []
    for file in s.files {
        out.append("\(file.role): \(file.path) (\(file.format)\(file.frames.map { ", \($0) frames" } ?? ""))")
    }
    out.append("units: \(s.units)\(s.unitsKnown ? "" : " (assumed)")")
    out.append("")
    out.append(
        "atoms: \(s.atoms)   total charge: \(charge(s.totalCharge))   total mass: \(mass(s.totalMass))"
    )
    if !s.atomsByType.isEmpty {
        out.append("  by type:    " + s.atomsByType.map { "\($0.label) ×\($0.count)" }.joined(separator: ", "))
    }
    out.append("  by element: " + s.atomsByElement.map { "\($0.label) ×\($0.count)" }.joined(separator: ", "))
    if !s.atomsByResidue.isEmpty {
        out.append("  by residue: " + s.atomsByResidue.map { "\($0.label) ×\($0.count)" }.joined(separator: ", "))
    }
    let unnamed = s.topologyFields.isEmpty
    out.append(
        unnamed
            ? "  from file:  nothing: the format stores no names, types or masses (give a topology for them)"
            : "  from file:  \(s.topologyFields.joined(separator: ", "))"
                + (s.guessedFields.isEmpty ? "" : "; guessed: \(s.guessedFields.joined(separator: ", "))"))
    out.append("molecules: \(s.molecules) (from \(s.moleculesFrom))")
    for c in s.compositions.prefix(unnamed ? 0 : 12) {
        out.append(
            "  \(String(c.molecules).leftPadded(6)) × [\(c.atoms)]"
                + (massesKnown ? "   mass \(formatNumber(c.mass, 5)) \(system.massUnit)" : "")
                + (c.charge.map { ", charge \(charge($0))" } ?? ""))
    }
    if s.compositions.count > 12 { out.append("  … \(s.compositions.count - 12) more kinds") }
    for selection in s.selections {
        out.append(
            "selection '\(selection.selection)': \(selection.atoms) atoms in \(selection.molecules) molecules; "
                + selection.atomsByType.map { "\($0.label) ×\($0.count)" }.joined(separator: ", "))
    }
    out.append("")
    if !s.files.contains(where: { $0.role == "trajectory" }) {
        out.append("no trajectory given: only the topology was read")
        if let box = s.box { out.append("box (stated by the topology file): " + boxText(box)) }
    } else {
        var frames = "frames: \(s.frames)"
        if let first = s.firstStep, let last = s.lastStep { frames += ", steps \(first)…\(last)" }
        if let every = s.stepInterval { frames += " every \(every) steps" }
        out.append(frames)
        out.append(
            "time between frames: "
                + (s.timeInterval.map { "\(formatNumber($0, 6)) \(time) (\(s.timeIntervalSource))" }
                    ?? s.timeIntervalSource))
        out.append(s.box.map { "box: " + boxText($0) } ?? "box: none")
        let wrapping = [
            "wrapped": "wrapped into the cell", "unwrapped": "unwrapped",
            "unknown": "wrapping not stated by the format",
        ]
        out.append(
            "stored per frame: \(s.frameFields.joined(separator: ", ")); positions: \(wrapping[s.positions] ?? s.positions)"
        )
    }
    return out.joined(separator: "\n")
}

/// A charge in `unit` (e, or q for lj), "unknown" when no input gave charges; float32
/// round-off shown as 0.
func chargeText(_ charge: Double?, unit: PhysicalUnit) -> String {
    guard let charge else { return "unknown (no charges in the inputs)" }
    return formatNumber(abs(charge) < 1e-4 ? 0 : charge, 3) + " \(unit)"
}

extension String {
    func leftPadded(_ width: Int) -> String { String(repeating: " ", count: max(0, width - count)) + self }
}
