import IonCore

extension Topology {
    /// Sets the elements a file gives ("" where it gives none); guesses the others from the
    /// masses (when given) or the atom names, and fills masses that were not given from the
    /// elements. ``Topology/given`` gets `.elements` only when every atom had one.
    mutating func setElements(_ known: [String]) {
        assert(known.count == atomCount, "one element per atom")
        if !known.contains("") {
            elements = known
            given.insert(.elements)
            guessMissingElementsAndMasses()
            return
        }
        guessMissingElementsAndMasses()
        for i in 0..<atomCount where !known[i].isEmpty {
            elements[i] = known[i]
            if !given.contains(.masses), let mass = Elements.mass(of: known[i]) { masses[i] = mass }
        }
    }
}
