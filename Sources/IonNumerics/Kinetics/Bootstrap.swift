/// Bootstrap standard errors of statistics computed from sums over independent units (ions, pairs).
///
/// Each unit contributes a vector of additive sufficient statistics (`perUnit[u]`, all the same
/// length); a replicate draws units with replacement, sums their vectors and applies `statistic`.
/// The standard error of each output is the sample standard deviation over replicates (NaN outputs
/// are skipped).
/// - SeeAlso: B. Efron, R. J. Tibshirani, *An Introduction to the Bootstrap* (Chapman & Hall, 1993).
/// - Complexity: O(replicates · (units · width + cost of statistic)).
public func bootstrapStandardErrors(
    perUnit: [[Double]], replicates: Int = 200, seed: UInt64 = 1,
    statistic: ([Double]) -> [Double]
) -> [Double] {
    guard let width = perUnit.first?.count, perUnit.count >= 2, replicates >= 2 else { return [] }
    var generator = Xoshiro256(seed: seed)
    var samples: [[Double]] = []
    var sum = [Double](repeating: 0, count: width)
    for _ in 0..<replicates {
        for k in 0..<width { sum[k] = 0 }
        for _ in 0..<perUnit.count {
            let unit = perUnit[Int(generator.uniform() * Double(perUnit.count))]
            for k in 0..<width { sum[k] += unit[k] }
        }
        samples.append(statistic(sum))
    }
    let outputs = samples.first?.count ?? 0
    return (0..<outputs).map { k in
        let values = samples.map { $0[k] }.filter(\.isFinite)
        guard values.count >= 2 else { return .nan }
        let mean = values.reduce(0, +) / Double(values.count)
        return (values.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(values.count - 1)).squareRoot()
    }
}
