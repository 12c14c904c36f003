import Foundation
import IonCore

/// g(r) and N(r) with block-average standard errors.
public struct RDFCurves: Sendable {
    /// Bin centres, Å.
    public var r: [Double]
    /// Upper bin edges, Å: N(r) is given there.
    public var edges: [Double]
    public var g: [Double]
    /// Standard error of g over blocks whose length is chosen from the data (``BlockSeries``);
    /// nil with too few frames.
    public var gError: [Double]?
    /// Running coordination number at the upper edge of each bin.
    public var coordination: [Double]
    public var coordinationError: [Double]?
    /// ρ̄ = (P / N_A)·⟨1/V⟩, Å⁻³: the average density of B seen from a point of A.
    public var density: Double
    /// g of each full block, for uncertainties of derived numbers.
    public var blockG: [[Double]]
    public var blockCoordination: [[Double]]
    /// The errors of the weighted counts (entries 0..<bins) and of their running sums (bins..<2·bins,
    /// N(r) up to each upper edge), with which are doubtful.
    var errorCheck: BlockErrors?
}

extension RDFAccumulator {
    /// Bins the curves keep: all, or those within ``reach`` when a narrower cell limited it.
    public var keptBins: Int {
        reach >= rMax ? bins : max(0, min(bins, Int((reach / (rMax / Double(bins))) * (1 + 1e-12))))
    }

    /// Shell volumes 4π/3 (r₊³ − r₋³), Å³.
    var shellVolumes: [Double] {
        let width = rMax / Double(bins)
        return (0..<bins).map { k in
            let (lo, hi) = (Double(k) * width, Double(k + 1) * width)
            return 4 * Double.pi / 3 * (hi * hi * hi - lo * lo * lo)
        }
    }

    /// The curves over all frames added so far.
    ///
    /// N(r) = ρ̄ Σ_{shells ≤ r} g·ΔV, the discrete form of 4πρ̄∫g r² dr with the average density
    /// ρ̄ = (P/N_A)·⟨1/V⟩ (= N_B/V for disjoint groups in a fixed cell); it equals the mean
    /// number of counted B points within r of a point of A.
    public func curves() throws -> RDFCurves {
        guard frames > 0 else { throw InputError("the RDF got no frames") }
        guard keptBins >= 2 else {
            throw InputError(
                "the cell narrows to a half width of \(reach) Å in frame \(narrowestFrame ?? 0) of the range, less than two of the RDF's bins"
            )
        }
        let width = rMax / Double(bins)
        let bins = keptBins, shells = Array(shellVolumes[0..<keptBins])
        let density = sets.pairCount / Double(sets.countA) * inverseVolumeSum / Double(frames)
        func g(_ sum: [Double], _ n: Int) -> [Double] { (0..<bins).map { sum[$0] / (Double(n) * shells[$0]) } }
        func running(_ g: [Double], _ rho: Double) -> [Double] {
            var total = 0.0
            return (0..<bins).map {
                total += rho * g[$0] * shells[$0]; return total
            }
        }
        var sum = [Double](repeating: 0, count: bins)
        for block in blocks.sums { for k in 0..<bins { sum[k] += block[k] } }
        let mean = g(sum, frames)
        // Exactly the requested number of blocks when there are enough full ones: consecutive
        // groups of ⌊F/B⌋ stored blocks (a trailing remainder counts in the mean only).
        let target = blocks.targetBlocks
        let full = blocks.complete
        let perGroup = full.count >= target ? full.count / target : 1
        let groups = full.count >= target ? target : full.count
        let grouped: [(sum: [Double], frames: Int)] = (0..<groups).map { k in
            let members = full[(k * perGroup)..<((k + 1) * perGroup)]
            var total = [Double](repeating: 0, count: bins)
            for m in members { for b in 0..<bins { total[b] += blocks.sums[m][b] } }
            return (total, members.reduce(0) { $0 + blocks.counts[$1] })
        }
        // Per-block N(r) uses the overall density, so block scatter reflects g alone.
        let blockG = grouped.map { g($0.sum, $0.frames) }
        let blockN = blockG.map { running($0, density) }
        let errors = series.standardErrors(length: 2 * self.bins)
        return RDFCurves(
            r: (0..<bins).map { (Double($0) + 0.5) * width }, edges: (0..<bins).map { Double($0 + 1) * width },
            g: mean, gError: errors.map { e in (0..<bins).map { e[$0] / shells[$0] } },
            coordination: running(mean, density),
            coordinationError: errors.map { e in (0..<bins).map { density * e[self.bins + $0] } }, density: density,
            blockG: blockG, blockCoordination: blockN, errorCheck: errors)
    }
}

/// Standard error of scalars over blocks; nil with fewer than 2.
func standardError(_ values: [Double]) -> Double? {
    guard values.count >= 2 else { return nil }
    let b = Double(values.count)
    let mean = values.reduce(0, +) / b
    return (values.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / (b - 1) / b).squareRoot()
}
