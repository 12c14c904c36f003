import IonAnalysis
import IonCore

/// The local composition of each centre: the fraction of its neighbours within `cutoff` that
/// belong to each species (a species is a selection; species may overlap), as Chen et al. 2023
/// (doi:10.1021/acsenergylett.3c00237) compare it with softness. A centre without neighbours
/// has no fractions (NaN is never reported: see ``fractions(_:centres:search:)``).
public struct LocalComposition: Sendable {
    public let species: [DescriptorSpecies]
    /// Neighbour radius, Å (σ for lj).
    public let cutoff: Double
    /// Per species, whether each atom belongs to it.
    var members: [[Bool]] = []

    public init(species: [DescriptorSpecies], cutoff: Double) {
        self.species = species; self.cutoff = cutoff
    }

    public mutating func prepare(_ topology: Topology) throws {
        members = try species.map { group in
            var member = [Bool](repeating: false, count: topology.atomCount)
            let atoms = try Selection(group.selection).atomIndices(in: topology)
            guard !atoms.isEmpty else { throw InputError("the species '\(group.name)' matches no atoms") }
            for atom in atoms { member[atom] = true }
            return member
        }
    }

    /// Fractions, species-major (s·centres + c); nil for a centre with no neighbour.
    public func fractions(_ frame: Frame, centres: [Int], search: inout NeighborSearch) throws -> [Double?] {
        guard let box = frame.box else { throw InputError("the local composition needs a periodic cell") }
        let n = centres.count
        var counts = [Double](repeating: 0, count: species.count * n), total = [Double](repeating: 0, count: n)
        try search.forEachPair(centres.map { frame.positions[$0] }, frame.positions, box: box, cutoff: cutoff) {
            c, atom, _, _ in
            guard centres[c] != atom else { return }
            total[c] += 1
            for s in members.indices where members[s][atom] { counts[s * n + c] += 1 }
        }
        return counts.indices.map { k in total[k % n] > 0 ? counts[k] / total[k % n] : nil }
    }
}
