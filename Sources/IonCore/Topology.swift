/// What is constant along a trajectory: per-atom identity, mass, charge, residues, molecules
/// and bonds. Arrays are indexed by atom, 0..<atomCount. Masses in g/mol, charges in e.
public struct Topology: Sendable {
    /// Atom names (PDB/GRO names; LAMMPS type labels as names when nothing better is known).
    public var names: [String]
    /// Atom types as the file names them (LAMMPS numeric types as strings: "1", "2", …).
    public var types: [String]
    /// Chemical element symbols, "" where unknown.
    public var elements: [String]
    /// Masses, g/mol (0 where unknown; see ``given``).
    public var masses: [Double]
    /// Charges, e (0 where unknown; see ``given``).
    public var charges: [Double]
    /// Residue numbers as the file writes them.
    public var residueIDs: [Int]
    /// Residue names ("" where unknown).
    public var residueNames: [String]
    /// Molecule ids (LAMMPS `mol`), when the file has them.
    public var moleculeIDs: [Int]?
    /// Atom ids as the file writes them (LAMMPS ids need not be 1…N); nil means 1…N.
    public var atomIDs: [Int]?
    /// Bonds as pairs of atom indices.
    public var bonds: [(Int32, Int32)]
    /// Which fields the input actually gave (the rest are defaults or guesses).
    public var given: TopologyFields
    /// The periodic cell the topology file states (a LAMMPS data file's xlo xhi … lines), Å;
    /// nil when it states none. Frames carry their own cells; this one is for `inspect`.
    public var box: Box?

    /// An empty topology of `atomCount` atoms, every field defaulted.
    public init(atomCount: Int) {
        names = Array(repeating: "", count: atomCount)
        types = Array(repeating: "", count: atomCount)
        elements = Array(repeating: "", count: atomCount)
        masses = Array(repeating: 0, count: atomCount)
        charges = Array(repeating: 0, count: atomCount)
        residueIDs = Array(repeating: 0, count: atomCount)
        residueNames = Array(repeating: "", count: atomCount)
        moleculeIDs = nil
        atomIDs = nil
        bonds = []
        given = []
        box = nil
    }

    /// Number of atoms.
    public var atomCount: Int { names.count }

    /// Sum of charges, e.
    public var totalCharge: Double { charges.reduce(0, +) }

    /// Fills unknown elements from names or masses, and unknown masses from elements.
    /// Records what was guessed in ``guessed``.
    public mutating func guessMissingElementsAndMasses() {
        if !given.contains(.elements) {
            // Names and masses repeat: guess once per distinct value.
            var cache: [String: String?] = [:]
            var any = false
            for i in 0..<atomCount {
                let key = given.contains(.masses) ? String(masses[i]) : names[i]
                let guess: String?
                if let cached = cache[key] {
                    guess = cached
                } else {
                    guess =
                        given.contains(.masses)
                        ? Elements.symbol(forMass: masses[i]) : Elements.symbol(forAtomName: names[i])
                    cache[key] = guess
                }
                if let guess { elements[i] = guess; any = true }
            }
            if any { guessed.insert(.elements) }
        }
        if !given.contains(.masses) {
            var cache: [String: Double?] = [:]
            var any = false
            for i in 0..<atomCount {
                let mass: Double?
                if let cached = cache[elements[i]] {
                    mass = cached
                } else {
                    mass = Elements.mass(of: elements[i]); cache[elements[i]] = mass
                }
                if let mass { masses[i] = mass; any = true }
            }
            if any { guessed.insert(.masses) }
        }
    }

    /// Fields filled by guessing rather than read.
    public var guessed: TopologyFields = []
}

/// Which topology fields an input provided.
public struct TopologyFields: OptionSet, Sendable, Hashable, Codable {
    public let rawValue: Int
    public init(rawValue: Int) { self.rawValue = rawValue }
    public static let names = TopologyFields(rawValue: 1)
    public static let types = TopologyFields(rawValue: 2)
    public static let elements = TopologyFields(rawValue: 4)
    public static let masses = TopologyFields(rawValue: 8)
    public static let charges = TopologyFields(rawValue: 16)
    public static let residues = TopologyFields(rawValue: 32)
    public static let molecules = TopologyFields(rawValue: 64)
    public static let bonds = TopologyFields(rawValue: 128)

    /// Names of the fields, for output.
    public var names: [String] {
        [
            (TopologyFields.names, "names"), (.types, "types"), (.elements, "elements"),
            (.masses, "masses"), (.charges, "charges"), (.residues, "residues"),
            (.molecules, "molecules"), (.bonds, "bonds"),
        ]
        .filter { contains($0.0) }.map(\.1)
    }
}
