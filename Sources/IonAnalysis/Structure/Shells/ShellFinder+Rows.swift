import IonCore

extension ShellFinder {
    /// The (centre, partner id) pairs within the cutoff, the centre's own atom or molecule left out.
    mutating func collectPairs(box: Box) throws {
        var centresOut: [Int32] = [], partnersOut: [Int32] = [], r2Out: [Double] = []
        swap(&centresOut, &pairCentre); swap(&partnersOut, &pairPartner); swap(&r2Out, &pairR2)
        centresOut.removeAll(keepingCapacity: true); partnersOut.removeAll(keepingCapacity: true)
        r2Out.removeAll(keepingCapacity: true)
        defer { swap(&centresOut, &pairCentre); swap(&partnersOut, &pairPartner); swap(&r2Out, &pairR2) }
        let byAtom = definition.counting == .atoms
        try centreMolecules.withUnsafeBufferPointer { centreMolecule in
            try partnerMolecules.withUnsafeBufferPointer { partnerMolecule in
                try pointPartner.withUnsafeBufferPointer { pointPartner in
                    let centreAtoms = self.centreAtoms, partnerAtoms = self.partnerAtoms
                    try search.forEachPair(centrePoints, partnerPoints, box: box, cutoff: cutoff) { c, k, _, r2 in
                        let p = pointPartner[k]
                        if byAtom, let centreAtoms {
                            if centreAtoms[c] == partnerAtoms![Int(p)] { return }
                        } else if centreMolecule[c] == partnerMolecule[Int(p)] {
                            return
                        }
                        centresOut.append(Int32(c)); partnersOut.append(p); r2Out.append(r2)
                    }
                }
            }
        }
    }

    /// Sorts the pairs into rows by centre (counting sort), each row ascending with repeated
    /// partners merged and counted in ``coordinatingAtoms``.
    mutating func buildRows(into contacts: inout ShellContacts) {
        let n = centreCount
        rowStart.removeAll(keepingCapacity: true)
        rowStart.append(contentsOf: repeatElement(0, count: n + 1))
        for c in pairCentre { rowStart[Int(c) + 1] += 1 }
        for c in 0..<n { rowStart[c + 1] += rowStart[c] }
        sorted.removeAll(keepingCapacity: true)
        sorted.append(contentsOf: repeatElement(0, count: pairPartner.count))
        sortedR2.removeAll(keepingCapacity: true)
        sortedR2.append(contentsOf: repeatElement(0, count: pairPartner.count))
        var fill = rowStart
        for k in pairCentre.indices {
            let c = Int(pairCentre[k])
            sorted[fill[c]] = pairPartner[k]; sortedR2[fill[c]] = pairR2[k]; fill[c] += 1
        }
        contacts.removeAll()
        coordinatingAtoms.removeAll(keepingCapacity: true); distances.removeAll(keepingCapacity: true)
        for c in 0..<n {
            let (lo, hi) = (rowStart[c], rowStart[c + 1])
            // Insertion sort: rows are short (a first shell holds a few to a few tens).
            if hi - lo > 1 {
                for i in lo + 1..<hi {
                    let (v, r2) = (sorted[i], sortedR2[i])
                    var j = i - 1
                    while j >= lo && sorted[j] > v { sorted[j + 1] = sorted[j]; sortedR2[j + 1] = sortedR2[j]; j -= 1 }
                    sorted[j + 1] = v; sortedR2[j + 1] = r2
                }
            }
            // Merge runs in place: the row's distinct ids move to the front of its range.
            var end = lo
            for i in lo..<hi {
                if end > lo && sorted[end - 1] == sorted[i] {
                    coordinatingAtoms[coordinatingAtoms.count - 1] += 1
                    sortedR2[end - 1] = min(sortedR2[end - 1], sortedR2[i])
                    continue
                }
                sorted[end] = sorted[i]; sortedR2[end] = sortedR2[i]; end += 1; coordinatingAtoms.append(1)
            }
            for i in lo..<end { distances.append(sortedR2[i].squareRoot()) }
            contacts.append(sorted[lo..<end])
        }
    }
}
