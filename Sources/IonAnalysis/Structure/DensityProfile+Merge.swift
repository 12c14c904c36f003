import IonCore

extension DensityProfile: MergeableAnalysis {
    /// The profiles so far, per block level, and the sum of the cell widths.
    public struct Partial: Codable, Sendable {
        var bins: Int
        var series: BlockSeries
        var widthSum: Double
    }

    public func partial() -> Partial { Partial(bins: bins, series: series, widthSum: widthSum) }

    /// Means come out as in one pass (to rounding); see ``BlockSeries/append(_:)`` for the errors.
    public mutating func merge(_ later: Partial) throws {
        guard later.bins == bins else {
            throw InputError("cannot merge a density profile of \(later.bins) bins into one of \(bins)")
        }
        series.append(later.series)
        widthSum += later.widthSum
    }
}
