import IonCore

extension RDFPointSets {
    /// Adds this frame's ordered pair counts per shell to `counts` (`counts.count` shells of
    /// width rMax / counts.count, Å), for pairs within `cutoff` (≤ rMax; rMax when nil).
    /// - Precondition: the cutoff was checked against the box (``NeighborSearch/validate``).
    func histogram(
        _ a: [Vec3], _ b: [Vec3], box: Box, rMax: Double, cutoff: Double? = nil, search: inout NeighborSearch,
        into counts: inout [Double]
    ) throws {
        let rCut = cutoff ?? rMax
        let bins = counts.count
        let inverseWidth = Double(bins) / rMax
        let last = bins - 1
        try counts.withUnsafeMutableBufferPointer { h in
            try identityA.withUnsafeBufferPointer { idA in
                try identityB.withUnsafeBufferPointer { idB in
                    try moleculeA.withUnsafeBufferPointer { molA in
                        try moleculeB.withUnsafeBufferPointer { molB in
                            if identical {
                                // Unordered pairs, each standing for two ordered ones.
                                if excludeSameMolecule {
                                    try search.forEachPair(a, box: box, cutoff: rCut) { i, j, _, r2 in
                                        if molA[i] != molA[j] { h[min(Int(r2.squareRoot() * inverseWidth), last)] += 2 }
                                    }
                                } else {
                                    try search.forEachPair(a, box: box, cutoff: rCut) { _, _, _, r2 in
                                        h[min(Int(r2.squareRoot() * inverseWidth), last)] += 2
                                    }
                                }
                            } else if excludeSameMolecule || needsIdentityCheck {
                                let molecules = excludeSameMolecule
                                try search.forEachPair(a, b, box: box, cutoff: rCut) { i, j, _, r2 in
                                    if idA[i] != idB[j] && (!molecules || molA[i] != molB[j]) {
                                        h[min(Int(r2.squareRoot() * inverseWidth), last)] += 1
                                    }
                                }
                            } else {
                                try search.forEachPair(a, b, box: box, cutoff: rCut) { _, _, _, r2 in
                                    h[min(Int(r2.squareRoot() * inverseWidth), last)] += 1
                                }
                            }
                        }
                    }
                }
            }
        }
    }
}
