import IonCore

/// Maps a dump's atom ids to atom indices: ascending id order, or the topology's order.
///
/// Uses a dense table when ids are not much larger than the atom count (the usual case: one
/// array load per atom line) and binary search over sorted ids otherwise. No dictionary look-up
/// per atom.
struct LAMMPSAtomOrder {
    /// Atom ids in index order.
    let ids: [Int]
    private let table: [Int32]
    private let sortedIDs: [Int]
    private let sortedIndex: [Int32]

    init(fileIDs: [Int], topologyIDs: [Int]?, path: String) throws {
        let ids = topologyIDs ?? fileIDs.sorted()
        if let topologyIDs {
            guard topologyIDs.count == fileIDs.count else {
                throw InputError(
                    "\(path) has \(fileIDs.count) atoms per frame, but the topology has \(topologyIDs.count)")
            }
            let known = Set(topologyIDs)
            if let stray = fileIDs.first(where: { !known.contains($0) }) {
                throw InputError(
                    "\(path): atom id \(stray) is not in the topology; the dump and the topology describe different systems"
                )
            }
        }
        for k in 1..<max(ids.count, 1) where ids[k] == ids[k - 1] {
            throw FormatError(path: path, frame: 0, "atom id \(ids[k]) appears twice in the first frame")
        }
        self.ids = ids
        let maxID = ids.max() ?? 0
        if ids.allSatisfy({ $0 >= 0 }) && maxID <= 8 * ids.count + 1024 {
            var table = [Int32](repeating: -1, count: maxID + 1)
            for (index, id) in ids.enumerated() { table[id] = Int32(index) }
            self.table = table; sortedIDs = []; sortedIndex = []
        } else {
            let order = ids.indices.sorted { ids[$0] < ids[$1] }
            table = []; sortedIDs = order.map { ids[$0] }; sortedIndex = order.map { Int32($0) }
        }
    }

    /// Index of atom `id`, or −1 when the id is unknown.
    @inline(__always)
    func index(of id: Int) -> Int {
        if !table.isEmpty { return id >= 0 && id < table.count ? Int(table[id]) : -1 }
        var (lo, hi) = (0, sortedIDs.count)
        while lo < hi {
            let mid = (lo + hi) / 2
            if sortedIDs[mid] < id { lo = mid + 1 } else { hi = mid }
        }
        return lo < sortedIDs.count && sortedIDs[lo] == id ? Int(sortedIndex[lo]) : -1
    }
}
