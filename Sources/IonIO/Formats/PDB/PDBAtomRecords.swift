/// The per-atom fields of a PDB file's first model that ``Topology`` has no place for.
public struct PDBAtomRecords: Sendable {
    /// Atom serial numbers as written (decimal or hybrid-36); for `*****` serials, the previous
    /// serial plus one.
    public var serials: [Int] = []
    /// Alternate location indicators (column 17), "" when blank. Atoms with alternate locations
    /// are all kept, in file order.
    public var alternateLocations: [String] = []
    /// Chain identifiers (column 22), "" when blank.
    public var chainIDs: [String] = []
    /// Insertion codes (column 27), "" when blank.
    public var insertionCodes: [String] = []
    /// Occupancies (columns 55–60), 1 where blank.
    public var occupancies: [Double] = []
    /// Temperature factors (columns 61–66), Å², 0 where blank.
    public var temperatureFactors: [Double] = []
    /// True for HETATM records.
    public var isHetero: [Bool] = []

    public init() {}

    mutating func reserve(_ n: Int) {
        serials.reserveCapacity(n); alternateLocations.reserveCapacity(n); chainIDs.reserveCapacity(n)
        insertionCodes.reserveCapacity(n); occupancies.reserveCapacity(n)
        temperatureFactors.reserveCapacity(n); isHetero.reserveCapacity(n)
    }
}
