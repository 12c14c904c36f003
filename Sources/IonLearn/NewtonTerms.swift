/// Adds the data terms of a Newton step for a linear model on rows x̃ᵢ = (xᵢ, 1):
/// Σᵢ gᵢ x̃ᵢ to `gradient` (p = d + 1 entries) and Σᵢ hᵢ x̃ᵢ x̃ᵢᵀ to `hessian` (p × p, row-major;
/// the upper triangle is summed, then mirrored). Rows with gᵢ = hᵢ = 0 are skipped. O(n p²), the
/// cost of a Newton step: rows go in groups of four, so each Hessian entry is loaded and stored
/// once per four samples, and the inner loop runs over contiguous columns.
func addNewtonTerms(
    _ x: [Double], features d: Int, slopes g: [Double], curvatures h: [Double],
    gradient: inout [Double], hessian: inout [Double]
) {
    let p = d + 1, group = 4
    precondition(x.count == g.count * d && g.count == h.count && gradient.count == p && hessian.count == p * p)
    let active = g.indices.filter { g[$0] != 0 || h[$0] != 0 }
    var rows = [Double](repeating: 0, count: group * p)
    x.withUnsafeBufferPointer { x in
        rows.withUnsafeMutableBufferPointer { rows in
            gradient.withUnsafeMutableBufferPointer { gradient in
                hessian.withUnsafeMutableBufferPointer { hessian in
                    var start = 0
                    while start < active.count {
                        let size = min(group, active.count - start)
                        var gs = (0.0, 0.0, 0.0, 0.0), hs = (0.0, 0.0, 0.0, 0.0)
                        for r in 0..<group {
                            let base = r * p
                            if r < size {
                                let i = active[start + r]
                                for k in 0..<d { rows[base + k] = x[i * d + k] }
                                rows[base + d] = 1
                                switch r {
                                case 0: gs.0 = g[i]; hs.0 = h[i]
                                case 1: gs.1 = g[i]; hs.1 = h[i]
                                case 2: gs.2 = g[i]; hs.2 = h[i]
                                default: gs.3 = g[i]; hs.3 = h[i]
                                }
                            } else {
                                for k in 0..<p { rows[base + k] = 0 }
                            }
                        }
                        let r0 = rows.baseAddress!, r1 = r0 + p, r2 = r1 + p, r3 = r2 + p
                        let hessianBase = hessian.baseAddress!
                        for a in 0..<p {
                            gradient[a] += gs.0 * r0[a] + gs.1 * r1[a] + gs.2 * r2[a] + gs.3 * r3[a]
                            let c0 = hs.0 * r0[a], c1 = hs.1 * r1[a], c2 = hs.2 * r2[a], c3 = hs.3 * r3[a]
                            let row = hessianBase + a * p
                            for b in a..<p { row[b] += c0 * r0[b] + c1 * r1[b] + c2 * r2[b] + c3 * r3[b] }
                        }
                        start += size
                    }
                    for a in 0..<p { for b in 0..<a { hessian[a * p + b] = hessian[b * p + a] } }
                }
            }
        }
    }
}
