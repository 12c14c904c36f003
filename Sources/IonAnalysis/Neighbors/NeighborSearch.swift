import IonCore

/// Finds every pair of points closer than a cutoff under periodic boundary conditions: the one
/// neighbour search that every structural analysis uses.
///
/// Points are binned into a cell list laid in fractional coordinates, so orthorhombic and
/// triclinic cells take the same path. Each cell is at least `cutoff / reach` wide between
/// opposite faces, so a pair within the cutoff differs by at most `reach` cells along each
/// axis (the fractional separation along axis k is at most cutoff / w_k, w_k the perpendicular
/// width). Neighbouring cells are visited with their periodic image shift, so distances need
/// no minimum-image search; when the grid has fewer than 2·reach + 1 cells along an axis, the
/// same cell is visited with different shifts, which are different images, so nothing is missed
/// or counted twice. The cutoff may be at most half the smallest perpendicular width, which
/// makes the image within the cutoff unique. Systems with few pairs use a direct O(N·M) loop.
///
/// The object keeps its buffers between frames: create one per thread and reuse it. The pair
/// loop lives in ``forEachPair(_:box:cutoff:_:)`` and ``forEachPair(_:_:box:cutoff:_:)``;
/// ``neighborList(_:_:box:cutoff:)`` builds per-point lists from it.
///
/// Cell lists: Allen and Tildesley, *Computer Simulation of Liquids*, 2nd ed. (2017), §5.3.2,
/// doi:10.1093/oso/9780198803195.001.0001; fractional-coordinate cells for triclinic boxes as in
/// LAMMPS and freud.
///
/// - Complexity: O(N + M + pairs checked); about (2·reach + 1)³ / reach³ · (3/4π) ≈ 6.4
///   (reach 1) or 3.7 (reach 2) times the pairs within the cutoff are checked, plus O(cells).
public struct NeighborSearch: Sendable {
    /// Cells per cutoff length: 1 visits 27 neighbouring cells, 2 visits 125 smaller ones
    /// (fewer distance checks for dense systems).
    public var reach: Int
    /// Below this many candidate pairs the direct loop is used.
    public var directPairLimit: Int

    var gridA = CellGrid()
    var gridB = CellGrid()

    public init(reach: Int = 2, directPairLimit: Int = 4096) {
        precondition(reach >= 1)
        self.reach = reach; self.directPairLimit = directPairLimit
    }

    /// Checks that `cutoff` (Å) is positive and at most half the smallest perpendicular width
    /// of `box`.
    /// - Throws: ``InputError`` naming the cutoff and the box's limit.
    public static func validate(cutoff: Double, box: Box) throws {
        guard cutoff > 0, cutoff.isFinite else {
            throw InputError("the cutoff must be a positive distance; got \(cutoff) Å")
        }
        let w = box.perpendicularWidths
        let smallest = min(w.x, w.y, w.z)
        guard cutoff <= smallest / 2 * (1 + 1e-12) else {
            throw InputError(
                "the cutoff \(cutoff) Å exceeds half the smallest perpendicular width of the box (\(smallest) Å), so the largest allowed is \(smallest / 2) Å"
            )
        }
    }

    /// Calls `body(i, j, d, r²)` once for every pair `i < j` of `points` with r² < cutoff²,
    /// where `d` is the minimum-image displacement from point i to point j (Å).
    /// - Throws: ``InputError`` when the cutoff exceeds half the smallest box width.
    public mutating func forEachPair(
        _ points: [Vec3], box: Box, cutoff: Double,
        _ body: (_ i: Int, _ j: Int, _ d: Vec3, _ r2: Double) -> Void
    ) throws {
        try Self.validate(cutoff: cutoff, box: box)
        points.withUnsafeBufferPointer { p in
            if p.count * p.count / 2 <= directPairLimit {
                directPairs(p, nil, box: box, cutoff: cutoff, body)
            } else {
                cellPairs(p, nil, box: box, cutoff: cutoff, body)
            }
        }
    }

    /// Calls `body(i, j, d, r²)` once for every `i` of `a` and `j` of `b` with r² < cutoff²,
    /// `d` the minimum-image displacement from a[i] to b[j] (Å). The sets are independent: a
    /// point present in both is paired with itself at distance 0; callers filter by identity.
    /// - Throws: ``InputError`` when the cutoff exceeds half the smallest box width.
    public mutating func forEachPair(
        _ a: [Vec3], _ b: [Vec3], box: Box, cutoff: Double,
        _ body: (_ i: Int, _ j: Int, _ d: Vec3, _ r2: Double) -> Void
    ) throws {
        try Self.validate(cutoff: cutoff, box: box)
        a.withUnsafeBufferPointer { pa in
            b.withUnsafeBufferPointer { pb in
                if pa.count * pb.count <= directPairLimit {
                    directPairs(pa, pb, box: box, cutoff: cutoff, body)
                } else {
                    cellPairs(pa, pb, box: box, cutoff: cutoff, body)
                }
            }
        }
    }

    /// The direct loop over all pairs with the box's minimum image (unique within the cutoff).
    @inline(never)
    func directPairs(
        _ a: UnsafeBufferPointer<Vec3>, _ b: UnsafeBufferPointer<Vec3>?, box: Box, cutoff: Double,
        _ body: (Int, Int, Vec3, Double) -> Void
    ) {
        let rc2 = cutoff * cutoff
        let other = b ?? a
        for i in 0..<a.count {
            let first = b == nil ? i + 1 : 0
            guard first < other.count else { continue }
            for j in first..<other.count {
                let d = box.minimumImage(other[j] - a[i])
                let r2 = d.squaredLength
                if r2 < rc2 { body(i, j, d, r2) }
            }
        }
    }

    /// Cells along each axis: as many as fit with width ≥ cutoff / reach, capped so the grid
    /// has no more than a few cells per point.
    static func gridSize(box: Box, cutoff: Double, reach: Int, points: Int) -> (Int, Int, Int) {
        let w = box.perpendicularWidths
        let scale = Double(reach) / cutoff * (1 - 1e-12)
        var n = [max(1, Int(w.x * scale)), max(1, Int(w.y * scale)), max(1, Int(w.z * scale))]
        let limit = max(64, 4 * points)
        while n[0] * n[1] * n[2] > limit {
            let k = n.firstIndex(of: n.max()!)!
            n[k] = max(1, n[k] * 3 / 4)
        }
        return (n[0], n[1], n[2])
    }
}
