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
/// (i, i) is left out. Errors: the standard error over `blocks` consecutive groups of snapshots
/// (each block's own ratio). The correlation length ξ comes from a least-squares line through
/// ln C(r) = ln a − r/ξ over the bins from the first (positive) one up to the first bin where C
/// is no longer positive.
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
        /// ξ and a of the fit C(r) = a·exp(−r/ξ), with the fitted range; nil when fewer than 3
        /// positive bins lead.
        public var length: Double?, amplitude: Double?
        public var fitRange: [Double]?
    }

    /// C_AB(r) for every species pair a ≤ b, up to `rMax` in bins of `width`.
    /// - Throws: ``InputError`` without snapshots, for a bin width that is not positive, or when rMax
    ///   exceeds half a cell's smallest width.
    public static func compute(_ snapshots: [Snapshot], rMax: Double, width: Double, blocks: Int = 5) throws -> [Curve]
    {
        guard !snapshots.isEmpty else { throw InputError("the spatial correlation needs at least one snapshot") }
        guard width > 0, rMax > width else { throw InputError("the spatial correlation needs 0 < δ < rMax") }
        let bins = Int((rMax / width).rounded(.down))
        let kinds = (snapshots.flatMap(\.species).max() ?? 0) + 1
        let pairs = kinds * (kinds + 1) / 2
        func pairIndex(_ a: Int, _ b: Int) -> Int {
            let (x, y) = (min(a, b), max(a, b)); return x * kinds - x * (x - 1) / 2 + (y - x)
        }
        let groups = max(1, min(blocks, snapshots.count))
        var sums = [[Double]](repeating: [Double](repeating: 0, count: pairs * bins), count: groups)
        var counts = [[Double]](repeating: [Double](repeating: 0, count: pairs * bins), count: groups)
        var search = NeighborSearch()
        for (t, snapshot) in snapshots.enumerated() {
            let g = min(groups - 1, t * groups / snapshots.count)
            var mean = [Double](repeating: 0, count: kinds), members = mean
            for (k, s) in zip(snapshot.field, snapshot.species) { mean[s] += k; members[s] += 1 }
            for s in 0..<kinds where members[s] > 0 { mean[s] /= members[s] }
            let deviation = zip(snapshot.field, snapshot.species).map { $0 - mean[$1] }
            try search.forEachPair(
                snapshot.positions, box: snapshot.box, cutoff: bins == 0 ? width : Double(bins) * width
            ) {
                i, j, _, r2 in
                let bin = Int(r2.squareRoot() / width)
                guard bin < bins else { return }
                let k = pairIndex(snapshot.species[i], snapshot.species[j]) * bins + bin
                sums[g][k] += deviation[i] * deviation[j]; counts[g][k] += 1
            }
        }
        var curves: [Curve] = []
        for a in 0..<kinds {
            for b in a..<kinds {
                let base = pairIndex(a, b) * bins
                var correlation: [Double?] = [], errors: [Double?] = [], paired: [Int] = []
                for bin in 0..<bins {
                    let total = sums.reduce(0) { $0 + $1[base + bin] }, n = counts.reduce(0) { $0 + $1[base + bin] }
                    correlation.append(n > 0 ? total / n : nil); paired.append(Int(n))
                    let perBlock = (0..<groups).compactMap { g in
                        counts[g][base + bin] > 0 ? sums[g][base + bin] / counts[g][base + bin] : nil
                    }
                    errors.append(perBlock.count == groups && groups > 1 ? meanAndStandardError(perBlock).error : nil)
                }
                let r = (0..<bins).map { (Double($0) + 0.5) * width }
                var curve = Curve(
                    a: a, b: b, r: r, correlation: correlation, error: errors, pairs: paired, length: nil,
                    amplitude: nil,
                    fitRange: nil)
                fitLength(&curve)
                curves.append(curve)
            }
        }
        return curves
    }

    /// ξ from ln C over the leading run of positive bins (skipping empty ones at short range).
    static func fitLength(_ curve: inout Curve) {
        guard let first = curve.correlation.firstIndex(where: { $0 != nil }) else { return }
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
