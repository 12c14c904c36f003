import IonCore

/// Neighbours of every point of a set in compressed sparse rows: the neighbours of point i are
/// `indices[offsets[i]..<offsets[i + 1]]`, at `distances` (Å) and `displacements` (from point
/// i to the neighbour, Å), in ascending neighbour index.
public struct NeighborList: Sendable {
    public var offsets: [Int]
    public var indices: [Int32]
    public var distances: [Double]
    public var displacements: [Vec3]

    /// Number of query points.
    public var count: Int { offsets.count - 1 }
    /// Neighbour indices of point i.
    public func neighbors(of i: Int) -> ArraySlice<Int32> { indices[offsets[i]..<offsets[i + 1]] }
}

extension NeighborSearch {
    /// The neighbours within `cutoff` of every point of `a`: points of `b`, or with `b` nil the
    /// other points of `a` (each pair then appears in both rows).
    /// - Throws: ``InputError`` when the cutoff exceeds half the smallest box width.
    /// - Complexity: that of the pair loop, plus O(pairs) to sort them into rows.
    public mutating func neighborList(_ a: [Vec3], _ b: [Vec3]? = nil, box: Box, cutoff: Double) throws -> NeighborList
    {
        var first: [Int32] = [], second: [Int32] = [], vectors: [Vec3] = [], r2s: [Double] = []
        let collect = { (i: Int, j: Int, d: Vec3, r2: Double) in
            first.append(Int32(i)); second.append(Int32(j)); vectors.append(d); r2s.append(r2)
        }
        if let b {
            try forEachPair(a, b, box: box, cutoff: cutoff, collect)
        } else {
            try forEachPair(a, box: box, cutoff: cutoff, collect)
        }
        let symmetric = b == nil
        var offsets = [Int](repeating: 0, count: a.count + 1)
        for i in first { offsets[Int(i) + 1] += 1 }
        if symmetric { for j in second { offsets[Int(j) + 1] += 1 } }
        for i in 0..<a.count { offsets[i + 1] += offsets[i] }
        let total = offsets[a.count]
        var indices = [Int32](repeating: 0, count: total), distances = [Double](repeating: 0, count: total)
        var displacements = [Vec3](repeating: .zero, count: total)
        var fill = offsets
        func put(_ i: Int, _ j: Int32, _ d: Vec3, _ r: Double) {
            let k = fill[i]; fill[i] += 1
            indices[k] = j; distances[k] = r; displacements[k] = d
        }
        for k in first.indices {
            let r = r2s[k].squareRoot()
            put(Int(first[k]), second[k], vectors[k], r)
            if symmetric { put(Int(second[k]), first[k], -vectors[k], r) }
        }
        // Ascending neighbour index within each row.
        for i in 0..<a.count where offsets[i + 1] - offsets[i] > 1 {
            let range = offsets[i]..<offsets[i + 1]
            let order = range.sorted { indices[$0] < indices[$1] }
            let (si, sd, sv) = (order.map { indices[$0] }, order.map { distances[$0] }, order.map { displacements[$0] })
            indices.replaceSubrange(range, with: si); distances.replaceSubrange(range, with: sd)
            displacements.replaceSubrange(range, with: sv)
        }
        return NeighborList(offsets: offsets, indices: indices, distances: distances, displacements: displacements)
    }
}
