import IonCore

extension NeighborSearch {
    /// The cell-list pair loop: for every cell of A, the neighbouring cells of B (or, for one
    /// set, half of them plus the pairs inside the cell), with the periodic shift of each.
    mutating func cellPairs(
        _ a: UnsafeBufferPointer<Vec3>, _ b: UnsafeBufferPointer<Vec3>?, box: Box, cutoff: Double,
        _ body: (Int, Int, Vec3, Double) -> Void
    ) {
        let (nx, ny, nz) = Self.gridSize(box: box, cutoff: cutoff, reach: reach, points: a.count + (b?.count ?? 0))
        gridA.build(a, box: box, nx: nx, ny: ny, nz: nz)
        if let b { gridB.build(b, box: box, nx: nx, ny: ny, nz: nz) }
        let same = b == nil
        let m = reach
        let rc2 = cutoff * cutoff
        let (a, b) = (gridA, gridB)
        a.withView { va in
            func loop(_ vb: CellGridView) {
                for cz in 0..<nz {
                    for cy in 0..<ny {
                        for cx in 0..<nx {
                            let c = (cz * ny + cy) * nx + cx
                            let a0 = Int(va.start[c]), a1 = Int(va.start[c + 1])
                            if a0 == a1 { continue }
                            for dz in -m...m {
                                if same && dz < 0 { continue }
                                let (kz, tz) = wrapCell(cz + dz, nz)
                                for dy in -m...m {
                                    if same && dz == 0 && dy < 0 { continue }
                                    let (ky, ty) = wrapCell(cy + dy, ny)
                                    for dx in -m...m {
                                        if same && dz == 0 && dy == 0 && dx < 0 { continue }
                                        let (kx, tx) = wrapCell(cx + dx, nx)
                                        let c2 = (kz * ny + ky) * nx + kx
                                        let b0 = Int(vb.start[c2]), b1 = Int(vb.start[c2 + 1])
                                        if b0 == b1 { continue }
                                        let shift = Double(tx) * box.a + Double(ty) * box.b + Double(tz) * box.c
                                        if same && dx == 0 && dy == 0 && dz == 0 {
                                            selfCell(va, a0, a1, rc2, body)
                                        } else {
                                            cellPair(va, a0, a1, vb, b0, b1, shift, rc2, ordered: same, body)
                                        }
                                    }
                                }
                            }
                        }
                    }
                }
            }
            if same { loop(va) } else { b.withView { loop($0) } }
        }
    }
}

/// Cell index in 0..<n and the periodic image it lies in.
@inline(__always) func wrapCell(_ c: Int, _ n: Int) -> (Int, Int) {
    if c >= 0 && c < n { return (c, 0) }
    let t = c >= 0 ? c / n : -((-c - 1) / n) - 1
    return (c - t * n, t)
}

/// Pairs i < j inside one cell of one set.
@inline(__always) func selfCell(
    _ v: CellGridView, _ a0: Int, _ a1: Int, _ rc2: Double,
    _ body: (Int, Int, Vec3, Double) -> Void
) {
    for i in a0..<a1 {
        let (px, py, pz) = (v.x[i], v.y[i], v.z[i])
        let ii = Int(v.index[i])
        var j = i + 1
        while j < a1 {
            let dx = v.x[j] - px, dy = v.y[j] - py, dz = v.z[j] - pz
            let r2 = dx * dx + dy * dy + dz * dz
            if r2 < rc2 {
                let jj = Int(v.index[j])
                if ii < jj { body(ii, jj, Vec3(dx, dy, dz), r2) } else { body(jj, ii, Vec3(-dx, -dy, -dz), r2) }
            }
            j += 1
        }
    }
}

/// Pairs between the points a0..<a1 of one grid and b0..<b1 of another (or the same) grid,
/// the second shifted by `shift`. `ordered`: report the smaller original index first.
@inline(__always) func cellPair(
    _ va: CellGridView, _ a0: Int, _ a1: Int, _ vb: CellGridView, _ b0: Int, _ b1: Int,
    _ shift: Vec3, _ rc2: Double, ordered: Bool,
    _ body: (Int, Int, Vec3, Double) -> Void
) {
    for i in a0..<a1 {
        let px = va.x[i] - shift.x, py = va.y[i] - shift.y, pz = va.z[i] - shift.z
        let ii = Int(va.index[i])
        for j in b0..<b1 {
            let dx = vb.x[j] - px, dy = vb.y[j] - py, dz = vb.z[j] - pz
            let r2 = dx * dx + dy * dy + dz * dz
            if r2 < rc2 {
                let jj = Int(vb.index[j])
                if !ordered || ii < jj {
                    body(ii, jj, Vec3(dx, dy, dz), r2)
                } else {
                    body(jj, ii, Vec3(-dx, -dy, -dz), r2)
                }
            }
        }
    }
}
