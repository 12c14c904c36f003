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

    /// Half the smallest perpendicular width of the first frame's cell: the largest radius an
    /// RDF of this trajectory may reach.
    /// - Throws: ``InputError`` when the first frame has no periodic cell.
    public static func halfCellWidth(_ trajectory: Trajectory) throws -> Double {
        struct FirstFrame: Error { var box: Box? }
        var box: Box?
        do { try trajectory.forEachFrame { _, frame in throw FirstFrame(box: frame.box) } } catch let first as FirstFrame { box = first.box }
        guard let widths = box?.perpendicularWidths else { throw InputError("an RDF needs a periodic cell; the first frame has none") }
        return 0.5 * min(widths.x, widths.y, widths.z)
    }
}
