extension Molecules {
    /// Positions with every molecule made whole across periodic boundaries: each atom is placed
    /// at the minimum image of its bond-tree parent (or of the molecule's first atom), so a
    /// molecule shorter than half the cell along every bond path comes out in one piece. The
    /// first atom of each molecule stays where it is. Without a box, positions are returned as
    /// they are.
    /// - Complexity: O(N).
    public func wholePositions(_ positions: [Vec3], box: Box?) -> [Vec3] {
        guard let box else { return positions }
        var whole = positions
        for i32 in wholeOrder {
            let i = Int(i32), p = Int(wholeParent[i])
            if p >= 0 { whole[i] = whole[p] + box.minimumImage(positions[i] - positions[p]) }
        }
        return whole
    }

    /// Centre of mass of every molecule, Å, computed from whole molecules. Atoms with zero mass
    /// in a molecule whose masses are all zero count equally (geometric centre).
    /// - Complexity: O(N).
    public func centersOfMass(_ positions: [Vec3], masses: [Double], box: Box?) -> [Vec3] {
        centersOfMass(wholePositions: wholePositions(positions, box: box), masses: masses)
    }

    /// Centre of mass of every molecule from positions already made whole, Å. A one-atom
    /// molecule's centre is its atom's position exactly, so centres by molecule and by atom agree
    /// bit for bit for monatomic ions.
    /// - Complexity: O(N).
    public func centersOfMass(wholePositions whole: [Vec3], masses: [Double]) -> [Vec3] {
        var centers = [Vec3](repeating: .zero, count: count)
        for m in 0..<count {
            guard offsets[m + 1] - offsets[m] > 1 else {
                centers[m] = whole[Int(atoms[offsets[m]])]
                continue
            }
            var total = 0.0
            var sum = Vec3.zero
            for i in atoms(of: m) { total += masses[Int(i)]; sum += masses[Int(i)] * whole[Int(i)] }
            if total > 0 {
                centers[m] = sum / total
            } else {
                for i in atoms(of: m) { sum += whole[Int(i)] }
                centers[m] = sum / Double(offsets[m + 1] - offsets[m])
            }
        }
        return centers
    }

    /// Total mass of each molecule, g/mol.
    public func masses(_ atomMasses: [Double]) -> [Double] {
        (0..<count).map { m in atoms(of: m).reduce(0) { $0 + atomMasses[Int($1)] } }
    }

    /// Net charge of each molecule, e.
    public func charges(_ atomCharges: [Double]) -> [Double] {
        (0..<count).map { m in atoms(of: m).reduce(0) { $0 + atomCharges[Int($1)] } }
    }
}
