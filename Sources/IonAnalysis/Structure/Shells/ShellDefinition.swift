import IonCore

/// What makes a first solvation shell: who sits in the middle, who may be in the shell, how a
/// partner is counted and how far the shell reaches.
///
/// Centres are the atoms of ``centres`` or, with ``centresByMolecule``, the centres of mass of
/// the molecules holding them (ascending molecule index). Partners are counted by
/// ``counting``: a partner molecule is in the shell when any of its selected atoms lies within
/// the cutoff of the centre (the default), its centre of mass does, or each selected atom is a
/// partner of its own. A centre is never its own partner: an atom centre does not count itself
/// (nor, with partners counted by molecule, its own molecule); a molecular centre does not count
/// its own molecule or any of its atoms.
public struct ShellDefinition: Codable, Sendable, Equatable {
    /// How partners are counted; see the type's discussion.
    public enum Counting: String, Codable, Sendable, CaseIterable {
        /// A molecule with any selected atom within the cutoff; partner ids index the sorted
        /// list of molecules holding selected atoms.
        case molecules
        /// A molecule whose centre of mass is within the cutoff; ids as for `molecules`.
        case centresOfMass = "centres-of-mass"
        /// Each selected atom within the cutoff; ids index the sorted selected atoms.
        case atoms
    }

    /// Selection of the centres.
    public var centres: String
    /// Selection of the partners.
    public var partners: String
    /// Shell radius, Å; nil means "take it from the first minimum of the centre–partner RDF"
    /// (see ``ShellCutoff``); a ``ShellFinder`` needs it set.
    public var cutoff: Double?
    /// Centres are centres of mass of the molecules holding the selected atoms.
    public var centresByMolecule: Bool
    public var counting: Counting

    public init(
        centres: String, partners: String, cutoff: Double? = nil, centresByMolecule: Bool = false,
        counting: Counting = .molecules
    ) {
        self.centres = centres; self.partners = partners; self.cutoff = cutoff
        self.centresByMolecule = centresByMolecule; self.counting = counting
    }
}
