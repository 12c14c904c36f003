/// First-shell contacts in one frame, in compressed rows: for each centre, the ids of the
/// partners inside its shell, ascending. The shared currency between shell finding (structure),
/// clusters, shell kinetics and, later, graph models — one flat buffer, no per-centre arrays.
public struct ShellContacts: Sendable, Equatable {
    /// Partners of centre c are `partners[offsets[c]..<offsets[c + 1]]`.
    public private(set) var offsets: [Int]
    /// Partner ids (an index into the partner list the shell definition names: molecules or atoms).
    public private(set) var partners: [Int32]

    /// No centres.
    public init() { offsets = [0]; partners = [] }

    /// Contacts from rows given explicitly (tests, simulators).
    public init(rows: [[Int32]]) {
        self.init()
        for row in rows { append(row.sorted()) }
    }

    /// Number of centres.
    public var centreCount: Int { offsets.count - 1 }

    /// Partners of centre `c`, ascending.
    public func partners(of c: Int) -> ArraySlice<Int32> { partners[offsets[c]..<offsets[c + 1]] }

    /// Empties the rows, keeping the storage.
    public mutating func removeAll() {
        offsets.removeAll(keepingCapacity: true); offsets.append(0)
        partners.removeAll(keepingCapacity: true)
    }

    /// Appends the next centre's row; `row` must be ascending and without repeats.
    public mutating func append<S: Sequence>(_ row: S) where S.Element == Int32 {
        partners.append(contentsOf: row)
        offsets.append(partners.count)
    }
}
