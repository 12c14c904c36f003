import IonCore

/// The topology of a `hoomd`-schema GSD file, from frame 0: `particles/types` and
/// `particles/typeid` (type names become names and types; elements where a name is an element
/// symbol), `particles/mass` (default 1), `particles/charge` (default 0) and `bonds/group`.
enum GSDTopology {
    static func read(_ gsd: GSDFile, atomCount n: Int, units: UnitSystem) throws -> Topology {
        var topology = Topology(atomCount: n)
        let typeNames = try gsd.strings("particles/types", frame: 0) ?? ["A"]
        let typeIDs =
            try gsd.integers("particles/typeid", frame: 0, rows: n, columns: 1)
            ?? [Int](repeating: 0, count: n)
        for (i, id) in typeIDs.enumerated() {
            guard id >= 0, id < typeNames.count else {
                throw FormatError(
                    path: gsd.path, frame: 0,
                    "GSD particles/typeid: particle \(i) has type \(id), but particles/types names \(typeNames.count) types"
                )
            }
            topology.names[i] = typeNames[id]
            topology.types[i] = typeNames[id]
        }
        topology.given = [.names, .types]
        if let masses = try gsd.numbers("particles/mass", frame: 0, rows: n, columns: 1) {
            topology.masses = masses.map { $0 * units.mass }
            topology.given.insert(.masses)
        } else {
            topology.masses = [Double](repeating: units.mass, count: n)  // schema default 1
        }
        if let charges = try gsd.numbers("particles/charge", frame: 0, rows: n, columns: 1) {
            topology.charges = charges.map { $0 * units.charge }
            topology.given.insert(.charges)
        }
        let known = topology.names.map { Elements.mass(of: $0) == nil ? "" : $0 }
        if units.isReduced {
            // Reduced units: element symbols only where the type names are ones, no guessing
            // from masses (a mass of 1 would read as hydrogen).
            topology.elements = known
            if !known.contains("") { topology.given.insert(.elements) }
        } else {
            topology.setElements(known)
        }
        if let bondCount = try gsd.integers("bonds/N", frame: 0, rows: 1, columns: 1)?.first, bondCount > 0 {
            guard let group = try gsd.integers("bonds/group", frame: 0, rows: bondCount, columns: 2) else {
                throw FormatError(
                    path: gsd.path, frame: 0, "GSD bonds/N is \(bondCount) but there is no bonds/group chunk")
            }
            for b in 0..<bondCount {
                let (i, j) = (group[2 * b], group[2 * b + 1])
                guard i >= 0, i < n, j >= 0, j < n else {
                    throw FormatError(
                        path: gsd.path, frame: 0,
                        "GSD bonds/group: bond \(b) joins particles \(i) and \(j), outside 0..<\(n)")
                }
                topology.bonds.append((Int32(i), Int32(j)))
            }
            topology.given.insert(.bonds)
        }
        return topology
    }
}
