import Foundation
import IonAnalysis
import IonCore
import IonNumerics

/// The spatial correlation of a per-particle field (Jones et al. 2022, doi:10.48550/arXiv.2208.03182,
/// eq. 3): for particles of species A and B at distance r (bins of width δ) in the same snapshot,
///
///     C_AB(r) = Σ_t Σ_i∈A Σ_j∈B, |r_ij − r| < δ/2  Δk_i(t) Δk_j(t)  /  Σ_t Σ_i Σ_j 1,
///
/// Δk_i(t) = k_i(t) − k̄_A(t), the deviation from the species' mean in that snapshot; the pair
/// (i, i) is left out. Errors: the standard error over blocks of consecutive snapshots (each
/// block's own ratio; see ``Blocks``). The correlation length ξ comes from a least-squares line through
/// ln C(r) = ln a − r/ξ over the bins from the first (positive) one up to the first bin where C
/// is no longer positive (see ``fitLength(_:)``).
public enum SpatialCorrelation {
    /// One snapshot: positions, cell, field value and species (0, 1, …) of each particle.
    public struct Snapshot: Sendable {
        public var positions: [Vec3]
        public var box: Box
        public var field: [Double]
        public var species: [Int]
        public init(positions: [Vec3], box: Box, field: [Double], species: [Int]) {
            self.positions = positions; self.box = box; self.field = field; self.species = species
        }
    }

    /// C(r) of one pair of species.
    public struct Curve: Codable, Sendable {
        public var a: Int, b: Int
        /// Bin centres, the correlation, its block standard error and the pairs counted in each bin.
        public var r: [Double]
        public var correlation: [Double?]
        public var error: [Double?]
        public var pairs: [Int]
        /// Blocks of consecutive snapshots the errors come from.
        public var blocks: Int
        /// ⟨Δk²⟩ of species a and of species b over all snapshots: C(r)/√(⟨Δk_a²⟩⟨Δk_b²⟩) is the
        /// correlation coefficient at distance r.
        public var variances: [Double?]
        /// ξ and a of the fit C(r) = a·exp(−r/ξ), with the fitted range; nil when fewer than 3
        /// positive bins lead.
        public var length: Double? = nil, amplitude: Double? = nil
        public var fitRange: [Double]? = nil
    }

    /// C_AB(r) for every species pair a ≤ b, up to `rMax` in bins of `width`, from snapshots in memory.
    /// - Throws: ``InputError`` without snapshots, for a bin width that is not positive, or when rMax
    ///   exceeds half a cell's smallest width.
    public static func compute(_ snapshots: [Snapshot], rMax: Double, width: Double, blocks: Int = 5) throws -> [Curve]
    {
        guard !snapshots.isEmpty else { throw InputError("the spatial correlation needs at least one snapshot") }
        let layout = try Layout(kinds: (snapshots.flatMap(\.species).max() ?? 0) + 1, rMax: rMax, width: width)
        var accumulated = Blocks(layout, blocks: blocks)
        var search = NeighborSearch()
        for snapshot in snapshots {
            accumulated.add(
                try layout.sums(
                    snapshot.positions, box: snapshot.box, field: snapshot.field, species: snapshot.species,
                    search: &search))
        }
        return accumulated.curves()
    }

    /// The species and distance bins of a correlation.
    public struct Layout: Sendable {
        public let kinds: Int, bins: Int, width: Double
        var pairs: Int { kinds * (kinds + 1) / 2 }

        /// - Throws: ``InputError`` unless 0 < width < rMax and there is a species.
        public init(kinds: Int, rMax: Double, width: Double) throws {
            guard width > 0, rMax > width else { throw InputError("the spatial correlation needs 0 < δ < rMax") }
            guard kinds > 0 else { throw InputError("the spatial correlation needs a species") }
            self.kinds = kinds; self.width = width; bins = Int((rMax / width).rounded(.down))
        }

        func pairIndex(_ a: Int, _ b: Int) -> Int {
            let (x, y) = (min(a, b), max(a, b))
            return x * kinds - x * (x - 1) / 2 + (y - x)
        }

        /// One snapshot's sums: `field[i]` and `species[i]` (0..<kinds) belong to `positions[i]`.
        /// - Throws: ``InputError`` when the bins reach beyond half the cell's smallest width.
        public func sums(
            _ positions: [Vec3], box: Box, field: [Double], species: [Int], search: inout NeighborSearch
        ) throws -> Sums {
            var out = Sums(self)
            var mean = [Double](repeating: 0, count: kinds)
            for (k, s) in zip(field, species) { mean[s] += k; out.members[s] += 1 }
            for s in 0..<kinds where out.members[s] > 0 { mean[s] /= out.members[s] }
            let deviation = zip(field, species).map { $0 - mean[$1] }
            for (d, s) in zip(deviation, species) { out.squares[s] += d * d }
            let bins = self.bins, width = self.width
            try search.forEachPair(positions, box: box, cutoff: Double(bins) * width) { i, j, _, r2 in
                let bin = Int(r2.squareRoot() / width)
                guard bin < bins else { return }
                let k = pairIndex(species[i], species[j]) * bins + bin
                out.products[k] += deviation[i] * deviation[j]; out.counts[k] += 1
            }
            return out
        }
    }

    /// What snapshots add up to: Σ Δk_i Δk_j and the pairs counted per (species pair, bin), and
    /// Σ Δk² and the particles per species.
    public struct Sums: Sendable {
        var products: [Double], counts: [Double], squares: [Double], members: [Double]
        init(_ layout: Layout) {
            products = [Double](repeating: 0, count: layout.pairs * layout.bins); counts = products
            squares = [Double](repeating: 0, count: layout.kinds); members = squares
        }
        mutating func add(_ other: Sums) {
            for k in products.indices { products[k] += other.products[k]; counts[k] += other.counts[k] }
            for s in squares.indices { squares[s] += other.squares[s]; members[s] += other.members[s] }
        }
    }

    /// Snapshot sums in blocks of consecutive snapshots, in memory that does not grow with them:
    /// at most 2·`blocks` blocks of equal size (the last may be shorter); when they are full,
    /// neighbours merge and the size doubles. So the error comes from between `blocks` and
    /// 2·`blocks` blocks (one per snapshot while there are fewer).
    public struct Blocks: Sendable {
        public let layout: Layout
        let target: Int
        var blocks: [Sums] = []
        /// Snapshots per block, and in the last one.
        var size = 1, inLast = 0
        public private(set) var snapshots = 0

        public init(_ layout: Layout, blocks: Int) { self.layout = layout; target = max(1, blocks) }

        public mutating func add(_ sums: Sums) {
            snapshots += 1
            if !blocks.isEmpty && inLast < size {
                blocks[blocks.count - 1].add(sums); inLast += 1
                return
            }
            if blocks.count == 2 * target {
                blocks = stride(from: 0, to: blocks.count, by: 2).map { k in
                    var merged = blocks[k]
                    merged.add(blocks[k + 1])
                    return merged
                }
                size *= 2
            }
            blocks.append(sums); inLast = 1
        }

        /// C_AB(r) for every species pair a ≤ b, with ξ fitted.
        public func curves() -> [Curve] {
            let bins = layout.bins, groups = blocks.count
            var total = Sums(layout)
            for block in blocks { total.add(block) }
            var curves: [Curve] = []
            for a in 0..<layout.kinds {
                for b in a..<layout.kinds {
                    let base = layout.pairIndex(a, b) * bins
                    var correlation: [Double?] = [], errors: [Double?] = [], paired: [Int] = []
                    for bin in 0..<bins {
                        let n = total.counts[base + bin]
                        correlation.append(n > 0 ? total.products[base + bin] / n : nil); paired.append(Int(n))
                        let perBlock = blocks.compactMap { block in
                            block.counts[base + bin] > 0 ? block.products[base + bin] / block.counts[base + bin] : nil
                        }
                        errors.append(
                            perBlock.count == groups && groups > 1 ? meanAndStandardError(perBlock).error : nil)
                    }
                    func variance(_ s: Int) -> Double? {
                        total.members[s] > 0 ? total.squares[s] / total.members[s] : nil
                    }
                    var curve = Curve(
                        a: a, b: b, r: (0..<bins).map { (Double($0) + 0.5) * layout.width },
                        correlation: correlation, error: errors, pairs: paired, blocks: groups,
                        variances: [variance(a), variance(b)])
                    fitLength(&curve)
                    curves.append(curve)
                }
            }
            return curves
        }
    }

    /// ξ from ln C over the leading run of positive bins, from the first bin where the pairs reach
    /// a tenth of an uncorrelated gas' (g(r) ≥ 0.1 against the outer half of the bins): the few
    /// pairs at contact would set it otherwise.
    static func fitLength(_ curve: inout Curve) {
        // Pairs per bin over (bin + ½)², proportional to g(r).
        let density = curve.pairs.indices.map { Double(curve.pairs[$0]) / ((Double($0) + 0.5) * (Double($0) + 0.5)) }
        let outer = density.suffix(max(1, density.count / 2))
        let far = outer.reduce(0, +) / Double(max(1, outer.count))
        guard
            let first = curve.correlation.indices.first(where: {
                curve.correlation[$0] != nil && (curve.pairs.isEmpty || density[$0] >= 0.1 * far)
            })
        else { return }
        var xs: [Double] = [], ys: [Double] = []
        for k in first..<curve.r.count {
            guard let c = curve.correlation[k], c > 0 else { break }
            xs.append(curve.r[k]); ys.append(log(c))
        }
        guard xs.count >= 3, let line = LinearFit(x: xs, y: ys), line.slope < 0 else { return }
        curve.length = -1 / line.slope; curve.amplitude = exp(line.intercept)
        curve.fitRange = [xs.first!, xs.last!]
    }
}
