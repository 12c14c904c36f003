/// The covariance of all-origin MSD estimates of a Gaussian random walk, for generalised least
/// squares fits of the Einstein relation.
///
/// For a walk sampled at T frames with independent Gaussian steps of variance s² per dimension,
/// the all-origin estimate at lag i is Mᵢ = 1/nᵢ Σₖ (x_{k+i} − x_k)², nᵢ = T − i. Every
/// displacement is a sum of steps, so Cov(A², B²) = 2 Cov(A, B)² for jointly Gaussian A, B and
///
///     Cov(Mᵢ, Mⱼ) = 2 s⁴ · dims / (nᵢ nⱼ · P) · Σ_d c(d) o(d)²,
///
/// where d = k′ − k is the shift between origins, c(d) the number of origin pairs with that shift
/// and o(d) the number of steps the two displacements share. This is the exact covariance of the
/// estimator, overlapping origins included (the quantity modelled by kinisi, McCluskey et al.,
/// J. Chem. Theory Comput. 20, 7302 (2024), doi:10.1021/acs.jctc.4c00299; exact forms in
/// Bullerjahn, von Bülow & Hummer, J. Chem. Phys. 153, 024116 (2020), doi:10.1063/5.0008312).
/// It is returned for s² = 1 and P = 1: scale by s⁴/P, where s² = 2DΔt, for P independent
/// particles. The GLS slope does not depend on that scale, so one fit gives D and the scale.
///
/// - Parameters:
///   - lags: lags in frames, each in 1..<frames.
///   - frames: frames in the series, T.
///   - dimensions: components summed in the MSD (3 for |Δr|², 1 for one axis).
/// - Returns: the covariance matrix, row-major, lags.count².
/// - Complexity: O(L² · max lag) for L lags.
public func randomWalkMSDCovariance(lags: [Int], frames: Int, dimensions: Int = 3) -> [Double] {
    let count = lags.count
    var matrix = [Double](repeating: 0, count: count * count)
    for a in 0..<count {
        for b in a..<count {
            let i = min(lags[a], lags[b]), j = max(lags[a], lags[b])
            let ni = frames - i, nj = frames - j
            var sum = 0.0
            // Shifts with shared steps: d in (−j, i).
            for d in (1 - j)..<i {
                let pairs = min(ni, nj - d) - max(0, -d)
                guard pairs > 0 else { continue }
                let shared = min(i, d + j) - max(0, d)
                guard shared > 0 else { continue }
                sum += Double(pairs) * Double(shared * shared)
            }
            let value = 2 * Double(dimensions) * sum / (Double(ni) * Double(nj))
            matrix[a * count + b] = value
            matrix[b * count + a] = value
        }
    }
    return matrix
}

/// About `perDecade` logarithmically spaced integer lags from 1 to `maxLag`, without repeats,
/// always including 1 and `maxLag` (lag 0 is left out).
public func logarithmicLags(maxLag: Int, perDecade: Int = 10) -> [Int] {
    guard maxLag >= 1 else { return [] }
    var lags: [Int] = []
    let decades = log10(Double(maxLag))
    let points = max(1, Int((decades * Double(perDecade)).rounded(.up)))
    for k in 0...points {
        let lag = Int(pow(10, decades * Double(k) / Double(points)).rounded())
        if lag >= 1, lag <= maxLag, lag != lags.last { lags.append(lag) }
    }
    if lags.last != maxLag { lags.append(maxLag) }
    return lags
}

#if canImport(Glibc)
    import Glibc
#else
    import Darwin
#endif
