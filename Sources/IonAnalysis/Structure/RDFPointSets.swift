import IonCore

/// The two groups of an RDF: who each point is, which molecule it belongs to, and the number of
/// pairs that can contribute, which sets the normalisation.
///
/// Counted pairs are ordered pairs (a, b), a from A and b from B, with a ≠ b (the same atom or
/// molecule) and, with intramolecular exclusion, a and b in different molecules. Their number is
///
///     P = N_A·N_B − N_AB − Σ_m (n_A,m · n_B,m − n_AB,m)   (the last term only with exclusion)
///
/// where N_AB = |A ∩ B| and n_X,m counts the members of X in molecule m. For points with no
/// correlation every one of these P pairs is equally likely to lie anywhere in the cell, so the
/// expected count in a shell of volume ΔV (radius below half the smallest cell width) is
/// P·ΔV / V, and g(r) = count / (P·ΔV/V) is 1 in expectation. Without overlap or exclusion P =
/// N_A·N_B; for A = B it is N(N − 1), each unordered pair counted twice.
public struct RDFPointSets: Sendable {
    /// Identity of each point of A and B (atom or molecule index): equal identities are the same
    /// point and never pair.
    public let identityA: [Int32]
    public let identityB: [Int32]
    /// Molecule of each point, used when intramolecular pairs are excluded.
    public let moleculeA: [Int32]
    public let moleculeB: [Int32]
    public let excludeSameMolecule: Bool
    /// True when A and B are the same points (then pairs are found once and counted twice).
    public let identical: Bool
    /// |A ∩ B|.
    public let overlap: Int
    /// P above.
    public let pairCount: Double

    var countA: Int { identityA.count }
    var countB: Int { identityB.count }
    var needsIdentityCheck: Bool { !identical && overlap > 0 }

    /// - Parameters: identities and molecules of the points of A and of B, in the order their
    ///   positions will be given. Molecules may be nil when no pairs are excluded.
    public init(
        identityA: [Int32], moleculeA: [Int32]? = nil, identityB: [Int32], moleculeB: [Int32]? = nil,
        excludeSameMolecule: Bool = false
    ) throws {
        guard !identityA.isEmpty, !identityB.isEmpty else {
            throw InputError("both groups of an RDF need at least one point")
        }
        if excludeSameMolecule && (moleculeA == nil || moleculeB == nil) {
            throw InputError("excluding intramolecular pairs needs the molecule of every point")
        }
        self.identityA = identityA; self.identityB = identityB
        self.moleculeA = moleculeA ?? identityA; self.moleculeB = moleculeB ?? identityB
        self.excludeSameMolecule = excludeSameMolecule
        identical = identityA == identityB
        let inA = Set(identityA)
        let shared = identityB.filter { inA.contains($0) }
        overlap = shared.count
        var pairs = Double(identityA.count) * Double(identityB.count) - Double(overlap)
        if excludeSameMolecule {
            var perMoleculeA: [Int32: Int] = [:], perMoleculeB: [Int32: Int] = [:], perMoleculeBoth: [Int32: Int] = [:]
            for m in self.moleculeA { perMoleculeA[m, default: 0] += 1 }
            for m in self.moleculeB { perMoleculeB[m, default: 0] += 1 }
            let sharedSet = Set(shared)
            for (k, id) in identityA.enumerated() where sharedSet.contains(id) {
                perMoleculeBoth[self.moleculeA[k], default: 0] += 1
            }
            for (m, nA) in perMoleculeA {
                pairs -= Double(nA * (perMoleculeB[m] ?? 0) - (perMoleculeBoth[m] ?? 0))
            }
        }
        guard pairs > 0 else { throw InputError("the two groups have no pair of distinct points that may be counted") }
        pairCount = pairs
    }

    /// Points of one set paired with themselves: A = B.
    public init(identities: [Int32], molecules: [Int32]? = nil, excludeSameMolecule: Bool = false) throws {
        try self.init(
            identityA: identities, moleculeA: molecules, identityB: identities, moleculeB: molecules,
            excludeSameMolecule: excludeSameMolecule)
    }
}
