import IonCore

/// One species of an Onsager analysis: the molecules (or single atoms) a selection matches.
public struct OnsagerSpecies: Sendable {
    /// A short name for tables ("Li", "TFSI").
    public var name: String
    public var selection: Selection
    /// True: every molecule with an atom in the selection is one particle, at the centre of mass
    /// of the whole molecule, with the molecule's net charge. False: every selected atom is one
    /// particle with its own charge.
    public var byMolecule: Bool

    public init(name: String, selection: Selection, byMolecule: Bool = true) {
        self.name = name; self.selection = selection; self.byMolecule = byMolecule
    }

    /// Parses `NAME=SELECTION` (the CLI's `--species 'Li=type 1'`).
    public init(parsing text: String, byMolecule: Bool = true) throws {
        guard let equals = text.firstIndex(of: "="), equals != text.startIndex else {
            throw InputError("a species is written NAME=SELECTION, e.g. 'Li=type 1'; got '\(text)'")
        }
        let name = String(text[..<equals].drop(while: \.isWhitespace).reversed().drop(while: \.isWhitespace).reversed())
        let selection = try Selection(String(text[text.index(after: equals)...]))
        self.init(name: name, selection: selection, byMolecule: byMolecule)
    }
}

/// The particles of every species resolved against a topology: atom groups, charges, masses.
struct ResolvedSpecies {
    var name: String
    /// Atom indices of each particle.
    var particles: [[Int]]
    /// Charge of every particle of the species, e.
    var charge: Double

    /// Resolves `species`, checking that each has particles, a single charge, and that no
    /// particle belongs to two species.
    static func resolve(_ species: [OnsagerSpecies], topology: Topology) throws -> [ResolvedSpecies] {
        guard topology.given.contains(.charges) else {
            throw InputError(
                "the topology has no charges; conductivity needs them (a LAMMPS data file of style full or charge, or a dump with q)"
            )
        }
        guard !species.isEmpty else { throw InputError("give at least one species") }
        let molecules = Molecules(topology)
        var owner = [Int](repeating: -1, count: topology.atomCount)
        var resolved: [ResolvedSpecies] = []
        for (s, item) in species.enumerated() {
            let atoms = try item.selection.atomIndices(in: topology)
            guard !atoms.isEmpty else {
                throw InputError("species \(item.name): the selection '\(item.selection.text)' matches no atoms")
            }
            var particles: [[Int]] = []
            if item.byMolecule {
                var seen = Set<Int32>()
                for i in atoms where seen.insert(molecules.moleculeOfAtom[i]).inserted {
                    particles.append(molecules.atoms(of: Int(molecules.moleculeOfAtom[i])).map { Int($0) })
                }
            } else {
                particles = atoms.map { [$0] }
            }
            for particle in particles {
                for i in particle {
                    if owner[i] >= 0 && owner[i] != s {
                        throw InputError(
                            "species \(item.name) and \(species[owner[i]].name) share atom index \(i): every particle must belong to one species"
                        )
                    }
                    owner[i] = s
                }
            }
            let charges = particles.map { $0.reduce(0) { $0 + topology.charges[$1] } }
            let charge = charges[0]
            if let other = charges.first(where: { abs($0 - charge) > 1e-4 }) {
                throw InputError(
                    "species \(item.name): particles carry different net charges (\(charge) e and \(other) e); split it into species of one charge"
                )
            }
            resolved.append(
                ResolvedSpecies(
                    name: item.name, particles: particles, charge: charges.reduce(0, +) / Double(charges.count)))
        }
        return resolved
    }
}

extension OnsagerSeries {
    /// Particle counts and charges of `species` in `topology`, with the checks of a full
    /// analysis (one charge per species, no shared atoms), without reading frames: lets a
    /// caller report a bad species before a long read.
    public static func checkSpecies(_ species: [OnsagerSpecies], topology: Topology) throws -> [(
        count: Int, charge: Double
    )] {
        try ResolvedSpecies.resolve(species, topology: topology).map { ($0.particles.count, $0.charge) }
    }
}
