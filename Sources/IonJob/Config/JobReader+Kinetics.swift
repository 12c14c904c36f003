import IonAnalysis
import IonCore

extension JobReader {
    /// `[[kinetics]]`: centres, partners, cutoff (Å; RDF minimum when absent), counting,
    /// centres_by_molecule, tolerance (frames), bootstrap, window (frames), threshold, label.
    mutating func readKinetics(_ table: inout ConfigTable, temperature: Double?) throws -> JobConfig.KineticsJob {
        let centres = try table.requiredString("centres"), partners = try table.requiredString("partners")
        let countingText = try table.string("counting") ?? ShellDefinition.Counting.molecules.rawValue
        guard let counting = ShellDefinition.Counting(rawValue: countingText) else {
            throw table.error("counting", "'\(countingText)' is not a counting mode; use \(ShellDefinition.Counting.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        let definition = ShellDefinition(centres: try selection(centres, &table, "centres").text,
                                         partners: try selection(partners, &table, "partners").text,
                                         cutoff: try table.double("cutoff", positive: true),
                                         centresByMolecule: try table.bool("centres_by_molecule") ?? false, counting: counting)
        var lifetimes = ShellLifetimeOptions()
        lifetimes.tolerance = try table.integer("tolerance", minimum: 0) ?? 0
        lifetimes.bootstrapReplicates = try table.integer("bootstrap", minimum: 0) ?? lifetimes.bootstrapReplicates
        if lifetimes.bootstrapReplicates == 1 { throw table.error("bootstrap", "must be 0 (fit covariance) or at least 2") }
        var states = ShellStateOptions()
        states.window = try table.integer("window", minimum: 1) ?? states.window
        states.threshold = try table.integer("threshold", minimum: 0)
        states.temperature = temperature
        return JobConfig.KineticsJob(label: try table.string("label") ?? "\(centres)–\(partners)", definition: definition,
                                     lifetimes: lifetimes, bursts: ShellBurstOptions(), states: states)
    }
}
