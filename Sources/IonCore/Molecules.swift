/// The atoms of a topology grouped into molecules, stored as one flat array with offsets
/// (no per-molecule allocation).
///
/// Molecules come from, in order of preference: molecule ids (LAMMPS `mol`), bond connectivity,
/// residue ids; with none of these every atom is its own molecule. ``source`` says which.
public struct Molecules: Sendable {
    /// Atom indices of molecule `m` are `atoms[offsets[m]..<offsets[m+1]]`, ascending.
    public let offsets: [Int]
    public let atoms: [Int32]
    /// Molecule index of each atom.
    public let moleculeOfAtom: [Int32]
    /// For each atom, the atom it is placed next to when a molecule is made whole (its parent in
    /// a bond tree, or the molecule's first atom); −1 for the first atom of each molecule.
    let wholeParent: [Int32]
    /// All atoms, each after its ``wholeParent``.
    let wholeOrder: [Int32]
    /// Where the grouping came from.
    public let source: Source

    public enum Source: String, Sendable, Codable {
        case moleculeIDs = "molecule ids", bonds, residues, atoms = "single atoms"
    }

    /// Number of molecules.
    public var count: Int { offsets.count - 1 }

    /// Atom indices of molecule `m`.
    public func atoms(of m: Int) -> ArraySlice<Int32> { atoms[offsets[m]..<offsets[m + 1]] }

    /// Groups `topology`'s atoms into molecules.
    /// - Complexity: O(N + bonds).
    public init(_ topology: Topology) {
        let n = topology.atomCount
        var label = [Int](repeating: 0, count: n)
        if let ids = topology.moleculeIDs, topology.given.contains(.molecules) {
            // LAMMPS molecule id 0 means "in no molecule": each such atom stands alone.
            label = ids.enumerated().map { $1 == 0 ? -($0 + 1) : $1 }; source = .moleculeIDs
        } else if !topology.bonds.isEmpty {
            var union = DisjointSets(count: n)
            for (i, j) in topology.bonds { union.join(Int32(i), Int32(j)) }
            for i in 0..<n { label[i] = Int(union.root(Int32(i))) }
            source = .bonds
        } else if topology.given.contains(.residues) {
            label = topology.residueIDs; source = .residues
        } else {
            label = Array(0..<n); source = .atoms
        }
        // Number molecules in order of their first atom; a label that reappears after another
        // one (GRO residue numbers wrap at 100000) still joins the same molecule.
        var index: [Int: Int32] = [:]
        var moleculeOfAtom = [Int32](repeating: 0, count: n)
        for i in 0..<n {
            if let m = index[label[i]] {
                moleculeOfAtom[i] = m
            } else {
                let m = Int32(index.count); index[label[i]] = m; moleculeOfAtom[i] = m
            }
        }
        var counts = [Int](repeating: 0, count: index.count + 1)
        for m in moleculeOfAtom { counts[Int(m) + 1] += 1 }
        for m in 0..<index.count { counts[m + 1] += counts[m] }
        var fill = counts
        var atoms = [Int32](repeating: 0, count: n)
        for i in 0..<n {
            let m = Int(moleculeOfAtom[i]); atoms[fill[m]] = Int32(i); fill[m] += 1
        }
        offsets = counts
        self.atoms = atoms
        self.moleculeOfAtom = moleculeOfAtom
        (wholeParent, wholeOrder) = Molecules.bondTree(
            topology: topology, offsets: counts, atoms: atoms,
            moleculeOfAtom: moleculeOfAtom)
    }

    /// Breadth-first bond tree within each molecule; atoms not reached by bonds hang on the
    /// molecule's first atom.
    private static func bondTree(
        topology: Topology, offsets: [Int], atoms: [Int32],
        moleculeOfAtom: [Int32]
    ) -> (parent: [Int32], order: [Int32]) {
        let n = topology.atomCount
        var parent = [Int32](repeating: -2, count: n)
        var degree = [Int](repeating: 0, count: n + 1)
        for (i, j) in topology.bonds where moleculeOfAtom[Int(i)] == moleculeOfAtom[Int(j)] {
            degree[Int(i) + 1] += 1; degree[Int(j) + 1] += 1
        }
        for i in 0..<n { degree[i + 1] += degree[i] }
        var fill = degree
        var neighbours = [Int32](repeating: 0, count: degree[n])
        for (i, j) in topology.bonds where moleculeOfAtom[Int(i)] == moleculeOfAtom[Int(j)] {
            neighbours[fill[Int(i)]] = j; fill[Int(i)] += 1
            neighbours[fill[Int(j)]] = i; fill[Int(j)] += 1
        }
        var queue: [Int32] = []
        queue.reserveCapacity(n)
        for m in 0..<(offsets.count - 1) {
            let first = atoms[offsets[m]]
            parent[Int(first)] = -1
            var head = queue.count
            queue.append(first)
            while head < queue.count {
                let i = Int(queue[head]); head += 1
                for k in degree[i]..<degree[i + 1] where parent[Int(neighbours[k])] == -2 {
                    parent[Int(neighbours[k])] = Int32(i); queue.append(neighbours[k])
                }
            }
            for k in offsets[m]..<offsets[m + 1] where parent[Int(atoms[k])] == -2 {
                parent[Int(atoms[k])] = first
                queue.append(atoms[k])
            }
        }
        return (parent, queue)
    }
}
