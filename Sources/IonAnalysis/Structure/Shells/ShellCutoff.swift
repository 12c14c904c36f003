import IonCore
import IonIO

/// The shell radius from the first minimum of the centre–partner RDF: one extra pass over the
/// trajectory before the shells are found.
public enum ShellCutoff {
    /// The RDF's first minimum (r in Å, with g and N(r) there) for `definition`'s groups.
    ///
    /// The RDF is between centres of mass of the molecules when the centres or the partners are
    /// centres of mass (both groups then use them), otherwise between the selected atoms, with
    /// `bins` bins up to `rMax` Å (``RadialDistribution``, first minimum by ``RDFExtrema``).
    /// - Throws: ``InputError`` when the RDF has no first minimum below `rMax`, or as
    ///   ``RadialDistribution/compute(_:selection:with:options:)``.
    public static func firstMinimum(_ trajectory: Trajectory, definition: ShellDefinition, rMax: Double = 12,
                                    bins: Int = 120) throws -> RDFExtremum {
        let byMolecule = definition.centresByMolecule || definition.counting == .centresOfMass
        let rdf = try RadialDistribution.compute(trajectory, selection: try Selection(definition.centres),
                                                 with: try Selection(definition.partners),
                                                 options: RDFOptions(rMax: rMax, bins: bins, byMolecule: byMolecule))
        guard let minimum = rdf.firstMinimum else {
            throw InputError("the RDF of '\(definition.partners)' around '\(definition.centres)' has no first minimum below \(rMax) Å; give the cutoff")
        }
        return minimum
    }
}
