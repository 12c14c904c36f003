/// Partial sums over disjoint sets of series (particles split over threads, ranks or files) add
/// up: ``merge(_:)`` gives the sums of all series, to rounding (the order of the additions
/// changes). The partial state is `Codable` without its FFT plan, which is rebuilt on decoding.
extension CorrelationAccumulator: Codable {
    /// Adds the series of `other`, an accumulator of the same length.
    public mutating func merge(_ other: CorrelationAccumulator) {
        precondition(other.length == length, "series length must match")
        for k in powerSum.indices { powerSum[k] += other.powerSum[k] }
        seriesCount += other.seriesCount
    }

    private enum CodingKeys: String, CodingKey { case length, powerSum, seriesCount }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let length = try container.decode(Int.self, forKey: .length)
        guard length >= 1 else {
            throw DecodingError.dataCorruptedError(
                forKey: .length, in: container, debugDescription: "length must be 1 or more")
        }
        self.init(length: length)
        let sums = try container.decode([Double].self, forKey: .powerSum)
        guard sums.count == powerSum.count else {
            throw DecodingError.dataCorruptedError(
                forKey: .powerSum, in: container,
                debugDescription: "expected \(powerSum.count) sums, found \(sums.count)")
        }
        powerSum = sums
        seriesCount = try container.decode(Int.self, forKey: .seriesCount)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(length, forKey: .length)
        try container.encode(powerSum, forKey: .powerSum)
        try container.encode(seriesCount, forKey: .seriesCount)
    }
}

/// As for ``CorrelationAccumulator``: partial MSD sums over disjoint sets of series merge.
extension MSDAccumulator {
    /// Adds the series of `other`, an accumulator of the same length.
    public mutating func merge(_ other: MSDAccumulator) {
        precondition(other.length == length, "series length must match")
        correlation.merge(other.correlation)
        for k in squaredNormSum.indices { squaredNormSum[k] += other.squaredNormSum[k] }
    }
}
