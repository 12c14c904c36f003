import IonCore

extension NeighborSearch {
    /// The largest cutoff ``forEachImagePair(_:_:box:cutoff:_:)`` takes, in units of the cell's
    /// smallest perpendicular width: beyond it the periodic images of every point number more
    /// than (2·4 + 1)³ and the cell is too small for a local environment to mean anything.
    public static let largestImageCutoff = 4.0

    /// Calls `body(i, j, d, r²)` for every point `i` of `a` and every periodic image of every
    /// point `j` of `b` with r² < cutoff², `d` the displacement from a[i] to that image (Å).
    ///
    /// Unlike ``forEachPair(_:_:box:cutoff:_:)`` the cutoff may exceed half the cell: a point
    /// then meets several images of the same neighbour, and its own images (a point present in
    /// both sets also meets itself at distance 0; callers filter by identity). This is the
    /// neighbourhood of descriptors whose reach is set by physics, not by the cell (SOAP with
    /// DScribe's padded cutoff on a small cell). The grid's cells are at least cutoff / reach
    /// wide where the cell allows; the pair loop visits, along each axis k, the cells within
    /// ⌈cutoff · n_k / w_k⌉ of a point's own (n_k cells over the perpendicular width w_k), each
    /// offset with its own image shift, so every image is met once.
    /// - Throws: ``InputError`` for a cutoff that is not positive or exceeds
    ///   ``largestImageCutoff`` times the smallest perpendicular width.
    /// - Complexity: O(N + M + images checked), about (2m + 1)³ cells per point.
    public mutating func forEachImagePair(
        _ a: [Vec3], _ b: [Vec3], box: Box, cutoff: Double,
        _ body: (_ i: Int, _ j: Int, _ d: Vec3, _ r2: Double) -> Void
    ) throws {
        guard cutoff > 0, cutoff.isFinite else {
            throw InputError("the cutoff must be a positive distance; got \(cutoff) Å")
        }
        let w = box.perpendicularWidths
        let smallest = min(w.x, w.y, w.z)
        guard cutoff <= Self.largestImageCutoff * smallest else {
            throw InputError(
                "the cutoff \(cutoff) Å is more than \(Int(Self.largestImageCutoff)) times the smallest perpendicular width of the box (\(smallest) Å)"
            )
        }
        let (nx, ny, nz) = Self.gridSize(box: box, cutoff: cutoff, reach: reach, points: a.count + b.count)
        let mx = Int((cutoff * Double(nx) / w.x).rounded(.up))
        let my = Int((cutoff * Double(ny) / w.y).rounded(.up))
        let mz = Int((cutoff * Double(nz) / w.z).rounded(.up))
        a.withUnsafeBufferPointer { pa in gridA.build(pa, box: box, nx: nx, ny: ny, nz: nz) }
        b.withUnsafeBufferPointer { pb in gridB.build(pb, box: box, nx: nx, ny: ny, nz: nz) }
        let rc2 = cutoff * cutoff
        let (ga, gb) = (gridA, gridB)
        ga.withView { va in
            gb.withView { vb in
                for cz in 0..<nz {
                    for cy in 0..<ny {
                        for cx in 0..<nx {
                            let c = (cz * ny + cy) * nx + cx
                            let a0 = Int(va.start[c]), a1 = Int(va.start[c + 1])
                            if a0 == a1 { continue }
                            for dz in -mz...mz {
                                let (kz, tz) = wrapCell(cz + dz, nz)
                                for dy in -my...my {
                                    let (ky, ty) = wrapCell(cy + dy, ny)
                                    for dx in -mx...mx {
                                        let (kx, tx) = wrapCell(cx + dx, nx)
                                        let c2 = (kz * ny + ky) * nx + kx
                                        let b0 = Int(vb.start[c2]), b1 = Int(vb.start[c2 + 1])
                                        if b0 == b1 { continue }
                                        let shift = Double(tx) * box.a + Double(ty) * box.b + Double(tz) * box.c
                                        cellPair(va, a0, a1, vb, b0, b1, shift, rc2, ordered: false, body)
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
    }
}
