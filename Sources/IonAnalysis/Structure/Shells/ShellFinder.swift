import IonCore

/// Finds, frame by frame, the first-shell partners of every centre of a ``ShellDefinition``
/// into ``ShellContacts`` rows, with the number of coordinating atoms of each contact
/// (denticity). Create one per thread and reuse it: buffers are kept between frames.
///
/// Candidate pairs come from ``NeighborSearch`` (cell lists, orthorhombic or triclinic cells)
/// between the centre points and the partner points (selected atoms, or centres of mass); the
/// pairs are then sorted into rows by a counting sort and repeated partners merged.
///
/// Finders that describe the same shell — the same centre and partner points, partner ids and
/// cutoff, whichever analysis made them — share one search per frame (``find(in:)``).
///
/// - Complexity: per frame O(N + C + P + pairs within the cutoff), N atoms (centres of mass
///   need all of them), C centres, P partner points.
public struct ShellFinder: Sendable {
    public let definition: ShellDefinition
    /// Shell radius, Å.
    public let cutoff: Double
    /// Molecule of each centre (centre ids index this array).
    public let centreMolecules: [Int32]
    /// Atom of each centre; nil when centres are centres of mass.
    public let centreAtoms: [Int32]?
    /// Molecule of each partner id.
    public let partnerMolecules: [Int32]
    /// Atom of each partner id; nil unless partners are counted by atom.
    public let partnerAtoms: [Int32]?
    /// Number of partner atoms within the cutoff for each entry of the last `find`'s
    /// `contacts.partners` (1 unless partners are counted by molecule with several selected atoms).
    public internal(set) var coordinatingAtoms: [Int32] = []
    /// Distance from the centre to the nearest coordinating point of each entry of the last
    /// `find`'s `contacts.partners`, Å.
    public internal(set) var distances: [Double] = []

    let molecules: Molecules
    let masses: [Double]
    /// The search's slot among the values the pass's analyses share.
    let sharedKey: SharedKey<FoundShells>
    /// Atoms whose positions are the partner points (atom modes), and the partner id of each point.
    let pointAtoms: [Int32]
    let pointPartner: [Int32]
    var search = NeighborSearch()
    var centrePoints: [Vec3] = [], partnerPoints: [Vec3] = []
    var pairCentre: [Int32] = [], pairPartner: [Int32] = [], pairR2: [Double] = []
    var rowStart: [Int] = [], sorted: [Int32] = [], sortedR2: [Double] = []

    /// - Throws: ``InputError`` when the cutoff is missing or not positive or a selection
    ///   matches no atoms; ``SelectionError`` for a selection that does not parse or fit.
    public init(definition: ShellDefinition, context: AnalysisContext) throws {
        guard let cutoff = definition.cutoff else {
            throw InputError(
                "the shell of '\(definition.centres)' by '\(definition.partners)' needs a cutoff (or one from the RDF minimum)"
            )
        }
        guard cutoff > 0, cutoff.isFinite else {
            throw InputError("the shell cutoff must be a positive distance; got \(cutoff) Å")
        }
        self.definition = definition; self.cutoff = cutoff
        molecules = context.molecules; masses = context.masses
        let moleculeOf = context.molecules.moleculeOfAtom
        let centres = try ShellFinder.atoms(definition.centres, context)
        let partners = try ShellFinder.atoms(definition.partners, context)
        if definition.centresByMolecule {
            centreMolecules = Array(Set(centres.map { moleculeOf[$0] })).sorted(); centreAtoms = nil
        } else {
            centreAtoms = centres.map(Int32.init); centreMolecules = centres.map { moleculeOf[$0] }
        }
        switch definition.counting {
        case .atoms:
            partnerAtoms = partners.map(Int32.init); partnerMolecules = partners.map { moleculeOf[$0] }
            pointAtoms = partnerAtoms!; pointPartner = (0..<partners.count).map(Int32.init)
        case .molecules, .centresOfMass:
            partnerAtoms = nil
            partnerMolecules = Array(Set(partners.map { moleculeOf[$0] })).sorted()
            var idOfMolecule = [Int32](repeating: -1, count: context.molecules.count)
            for (k, m) in partnerMolecules.enumerated() { idOfMolecule[Int(m)] = Int32(k) }
            if definition.counting == .molecules {
                pointAtoms = partners.map(Int32.init); pointPartner = partners.map { idOfMolecule[Int(moleculeOf[$0])] }
            } else {
                pointAtoms = []; pointPartner = (0..<partnerMolecules.count).map(Int32.init)
            }
        }
        // A one-atom molecule's centre of mass is its atom's position exactly, so points are named
        // by atom where they can be: Li⁺ by molecule and Li⁺ by atom are one search.
        let molecules = context.molecules
        func point(molecule m: Int32) -> Int32 {
            let m = Int(m)
            return molecules.offsets[m + 1] - molecules.offsets[m] == 1
                ? molecules.atoms[molecules.offsets[m]] : -1 - Int32(m)
        }
        let description = ShellSearch(
            centres: centreAtoms ?? centreMolecules.map(point),
            points: definition.counting == .centresOfMass ? partnerMolecules.map(point) : pointAtoms,
            pointPartner: pointPartner, excludesByAtom: definition.counting == .atoms && centreAtoms != nil,
            cutoff: cutoff)
        sharedKey = context.shared.key(for: description, of: FoundShells.self)
    }

    /// What makes two finders' searches the same: the points (atom index ≥ 0, or −1 − molecule for a
    /// centre of mass), the partner id of each point, how a centre's own atoms are left out, the cutoff.
    struct ShellSearch: Hashable, Sendable {
        let centres: [Int32], points: [Int32], pointPartner: [Int32]
        let excludesByAtom: Bool
        let cutoff: Double
    }

    static func atoms(_ text: String, _ context: AnalysisContext) throws -> [Int] {
        let atoms = try Selection(text).atomIndices(in: context.topology)
        guard !atoms.isEmpty else { throw InputError("the selection '\(text)' matches no atoms") }
        return atoms
    }

    /// Number of centres (rows of the contacts).
    public var centreCount: Int { centreMolecules.count }
    /// Number of partner ids.
    public var partnerCount: Int { partnerMolecules.count }

    /// The shells of the view's frame, found by this finder or, when another analysis' finder
    /// describes the same search, taken from it.
    /// - Throws: as ``find(in:into:)``.
    public mutating func find(in view: FrameView) throws -> FoundShells {
        let key = sharedKey
        return try view.shared(key) {
            var found = FoundShells()
            try find(in: view.frame, into: &found.contacts, centresOfMass: view.centresOfMass)
            found.coordinatingAtoms = coordinatingAtoms; found.distances = distances
            return found
        }
    }

    /// The shells of `frame` into `contacts` (one row per centre, partner ids ascending), and
    /// ``coordinatingAtoms`` beside them.
    /// - Throws: ``InputError`` when the frame has no cell, or the cutoff exceeds half its
    ///   smallest perpendicular width.
    public mutating func find(in frame: Frame, into contacts: inout ShellContacts) throws {
        let (molecules, masses) = (self.molecules, self.masses)
        try find(in: frame, into: &contacts) {
            molecules.centersOfMass(frame.positions, masses: masses, box: frame.box)
        }
    }

    private mutating func find(
        in frame: Frame, into contacts: inout ShellContacts, centresOfMass: () -> [Vec3]
    ) throws {
        guard let box = frame.box else { throw InputError("a frame has no periodic cell; solvation shells need one") }
        guard frame.positions.count == molecules.moleculeOfAtom.count else {
            throw InputError(
                "a frame has \(frame.positions.count) atoms; the topology has \(molecules.moleculeOfAtom.count)")
        }
        let needCentres = centreAtoms == nil, needPartners = definition.counting == .centresOfMass
        let centresOfMass = needCentres || needPartners ? centresOfMass() : []
        centrePoints.removeAll(keepingCapacity: true); partnerPoints.removeAll(keepingCapacity: true)
        if let centreAtoms {
            for a in centreAtoms { centrePoints.append(frame.positions[Int(a)]) }
        } else {
            for m in centreMolecules { centrePoints.append(centresOfMass[Int(m)]) }
        }
        if needPartners {
            for m in partnerMolecules { partnerPoints.append(centresOfMass[Int(m)]) }
        } else {
            for a in pointAtoms { partnerPoints.append(frame.positions[Int(a)]) }
        }
        try collectPairs(box: box)
        buildRows(into: &contacts)
    }
}

/// One finder's shells in one frame: the contacts, and beside each entry of
/// `contacts.partners` its number of coordinating atoms and the distance to the nearest, Å.
public struct FoundShells: Sendable {
    public var contacts = ShellContacts()
    public var coordinatingAtoms: [Int32] = []
    public var distances: [Double] = []
}
