import Foundation
import ArgumentParser
import IonAnalysis
import IonCore
import IonIO
import IonReport

/// Options shared by `shells` and `clusters`: cutoffs by name, and the RDF that supplies them
/// when none is given.
struct CutoffOptions: ParsableArguments {
    @Option(help: ArgumentHelp("Shell radius in Å: one number for every pair, or KEY=Å for one (shells: a partner name; clusters: CATION:ANION). Pairs without one take the first minimum of their RDF (one extra pass).", valueName: "Å|key=Å"))
    var cutoff: [String] = []

    @Option(help: "Largest distance of the RDF that supplies a missing cutoff, Å.")
    var rdfRmax: Double = 12

    @Option(help: "Blocks of consecutive frames for the uncertainties.")
    var blocks: Int = 5

    func validate() throws {
        guard rdfRmax > 0 else { throw ValidationError("--rdf-rmax must be positive") }
        guard blocks >= 2 else { throw ValidationError("--blocks must be 2 or more") }
        _ = try parsed()
    }

    /// The cutoff for every pair and those by key.
    func parsed() throws -> (all: Double?, byKey: [String: Double]) {
        var all: Double?, byKey: [String: Double] = [:]
        for text in cutoff {
            let parts = text.split(separator: "=", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
            guard let value = Double(parts.last ?? ""), value > 0 else {
                throw ValidationError("--cutoff takes a positive distance in Å or KEY=Å; got '\(text)'")
            }
            if parts.count == 2 { byKey[parts[0]] = value } else { all = value }
        }
        return (all, byKey)
    }

    /// The cutoff for `key`, or the first minimum of the RDF of `definition` (said on stderr).
    func cutoff(for key: String, _ definition: ShellDefinition, _ trajectory: Trajectory) throws -> (Double, String) {
        let (all, byKey) = try parsed()
        if let value = byKey[key] ?? all { return (value, "given") }
        let minimum = try ShellCutoff.firstMinimum(trajectory, definition: definition, rMax: rdfRmax)
        printError("note: \(key): cutoff \(formatNumber(minimum.r)) Å from the first minimum of the RDF of '\(definition.partners)' around '\(definition.centres)' (one extra pass)")
        return (minimum.r, "first minimum of the RDF")
    }
}

extension ShellDefinition.Counting: ExpressibleByArgument {}

/// NAME=SELECTION, as `--species` is written elsewhere.
func namedSelection(_ text: String) throws -> (name: String, selection: String) {
    let species = try OnsagerSpecies(parsing: text)
    return (species.name, species.selection.text)
}
