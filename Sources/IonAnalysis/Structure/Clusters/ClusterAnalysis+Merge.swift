import IonCore

extension ClusterAnalysis: MergeableAnalysis {
    /// The clusters' statistics so far: fractions, size and charge histograms per block level,
    /// the net charges met (in 0.001 e) and the frame series.
    public struct Partial: Codable, Sendable {
        var species: [String]
        var fractions: BlockSeries, sizes: BlockSeries, charges: BlockSeries
        /// Net charge (0.001 e) of each entry of `charges`' vectors, in the order first met.
        var chargeKeys: [Int]
        var series: ClusterResult.FractionSeries
    }

    public func partial() -> Partial {
        var keys = [Int](repeating: 0, count: chargeSlots.count)
        for (key, slot) in chargeSlots { keys[slot] = key }
        return Partial(
            species: (cations + anions).map(\.name), fractions: fractions, sizes: sizes, charges: charges,
            chargeKeys: keys, series: series)
    }

    /// Fractions and histograms come out as in one pass (to rounding); net charges first met in
    /// the later frames take the next slots, as they would have.
    public mutating func merge(_ later: Partial) throws {
        let names = (cations + anions).map(\.name)
        guard later.species == names else {
            throw InputError("cannot merge clusters of species \(later.species) into clusters of \(names)")
        }
        let destination = later.chargeKeys.map { key in
            chargeSlots[key]
                ?? {
                    chargeSlots[key] = chargeSlots.count
                    return chargeSlots.count - 1
                }()
        }
        fractions.append(later.fractions); sizes.append(later.sizes)
        charges.append(later.charges.relabelled(destination, length: chargeSlots.count))
        series.frameIndices += later.series.frameIndices
        series.times = series.times.flatMap { times in later.series.times.map { times + $0 } }
        for s in series.free.indices {
            series.free[s] += later.series.free[s]; series.pairs[s] += later.series.pairs[s]
            series.aggregates[s] += later.series.aggregates[s]
        }
    }
}
