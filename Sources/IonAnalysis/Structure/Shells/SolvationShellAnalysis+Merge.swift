import IonCore

extension SolvationShellAnalysis: MergeableAnalysis {
    /// The shells' statistics so far: histograms and means per block level, compositions counted.
    public struct Partial: Codable, Sendable {
        var species: [String]
        var coordination: [BlockSeries], denticity: [BlockSeries], scalars: BlockSeries
        var compositions: [UInt64: Int]
    }

    public func partial() -> Partial {
        Partial(
            species: species.map(\.name), coordination: coordination, denticity: denticity, scalars: scalars,
            compositions: compositions)
    }

    /// Means and histograms come out as in one pass (to rounding); see ``BlockSeries/append(_:)``
    /// for the errors.
    public mutating func merge(_ later: Partial) throws {
        guard later.species == species.map(\.name), later.coordination.count == coordination.count else {
            throw InputError(
                "cannot merge solvation shells of species \(later.species) into shells of \(species.map(\.name))")
        }
        for s in coordination.indices {
            coordination[s].append(later.coordination[s]); denticity[s].append(later.denticity[s])
        }
        scalars.append(later.scalars)
        compositions.merge(later.compositions, uniquingKeysWith: +)
    }
}
