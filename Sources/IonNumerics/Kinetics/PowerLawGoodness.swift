import Foundation

/// How plausible a discrete power law is for a sample, and whether a discrete exponential
/// (geometric) tail explains it better.
/// - SeeAlso: Clauset, Shalizi & Newman, SIAM Rev. 51, 661 (2009), §4 and §5, doi:10.1137/070710111;
///   Q. H. Vuong, Econometrica 57, 307 (1989), doi:10.2307/1912557.
public struct PowerLawAssessment: Sendable, Codable, Equatable {
    public var fit: DiscretePowerLawFit
    /// Fraction of semi-parametric bootstrap replicates whose KS distance (x_min refitted) is ≥ the
    /// observed one; the power law is plausible when p > 0.1. nil when no replicates were asked for.
    public var pValue: Double?
    public var replicates: Int
    /// Decay constant λ of the competing discrete exponential p(x) = (1 − e^{−λ})e^{−λ(x − x_min)} on the same tail.
    public var exponentialRate: Double
    /// Log-likelihood ratio R = Σ ln p_pl(x_i) − ln p_exp(x_i) over the tail: > 0 favours the power law.
    public var logLikelihoodRatio: Double
    /// Two-sided Vuong p-value of R (normalised by its per-point standard deviation): the sign of R
    /// means something only when this is small (< 0.1).
    public var vuongPValue: Double
    /// Fraction of the data in the fitted tail, n_tail/n: a power law found only in a short far tail
    /// (a few per cent) says little about the distribution.
    public var tailFraction: Double
    /// The power law is preferred: plausible (p > 0.1, or no bootstrap) and significantly more likely
    /// than the exponential (R > 0 with Vuong p < 0.1). On short tails neither is distinguishable and
    /// this is false.
    public var powerLawFavoured: Bool

    /// - Parameters:
    ///   - data: positive integers.
    ///   - replicates: bootstrap replicates for the p-value (CSN use ≥ 1000; 0 skips it).
    ///   - seed: seed of the bootstrap generator.
    /// - Complexity: O(replicates · scan cost); each scan is O(distinct values · (n + range)).
    public init?(_ data: [Int], minimumTail: Int = 10, replicates: Int = 100, seed: UInt64 = 1) {
        guard let (fit, _) = DiscretePowerLawFit.scan(data, minimumTail: minimumTail) else { return nil }
        self.fit = fit; self.replicates = replicates
        tailFraction = Double(fit.tailCount) / Double(data.count)
        let tail = data.filter { $0 >= fit.xMin }, body = data.filter { $0 < fit.xMin }
        let n = Double(tail.count)
        let excess = tail.reduce(0.0) { $0 + Double($1 - fit.xMin) } / n
        let decay = excess > 0 ? log((1 + excess) / excess) : .infinity
        exponentialRate = decay
        let normaliser = log(hurwitzZeta(fit.alpha, Double(fit.xMin)))
        let ratios = tail.map { x -> Double in
            let powerLaw = -fit.alpha * log(Double(x)) - normaliser
            let exponential = log(-expm1(-decay)) - decay * Double(x - fit.xMin)
            return powerLaw - exponential
        }
        logLikelihoodRatio = ratios.reduce(0, +)
        let (mean, deviation) = meanAndPopulationDeviation(ratios[...])
        vuongPValue = deviation > 0 ? erfc(abs(mean * n.squareRoot() / deviation) / 2.0.squareRoot()) : 1
        if replicates > 0 {
            var generator = Xoshiro256(seed: seed)
            let sampler = DiscretePowerLawSampler(alpha: fit.alpha, xMin: fit.xMin)
            var exceed = 0
            for _ in 0..<replicates {
                let synthetic = data.indices.map { _ -> Int in
                    if body.isEmpty || generator.uniform() < n / Double(data.count) { return sampler.draw(&generator) }
                    return body[Int(generator.uniform() * Double(body.count))]
                }
                if let (refit, _) = DiscretePowerLawFit.scan(synthetic, minimumTail: minimumTail),
                    refit.ksDistance >= fit.ksDistance
                {
                    exceed += 1
                }
            }
            pValue = Double(exceed) / Double(replicates)
        }
        powerLawFavoured = (pValue ?? 1) > 0.1 && logLikelihoodRatio > 0 && vuongPValue < 0.1
    }
}

/// Draws from p(x) = x^{−α}/ζ(α, x_min) by inverting a tabulated CDF up to x_min + 10⁵, and the
/// continuous approximation ⌊(x_min − ½)(1 − u)^{−1/(α−1)} + ½⌋ beyond (CSN appendix D).
struct DiscretePowerLawSampler {
    let alpha: Double, xMin: Int
    private var cumulative: [Double] = []

    init(alpha: Double, xMin: Int) {
        self.alpha = alpha; self.xMin = xMin
        let normaliser = hurwitzZeta(alpha, Double(xMin))
        var sum = 0.0
        cumulative.reserveCapacity(1000)
        for x in xMin..<(xMin + 100_000) {
            sum += pow(Double(x), -alpha) / normaliser
            cumulative.append(sum)
            if sum > 1 - 1e-9 { break }
        }
    }

    func draw(_ generator: inout Xoshiro256) -> Int {
        let u = generator.uniform()
        if u < cumulative.last! {
            var low = 0, high = cumulative.count - 1
            while low < high {
                let mid = (low + high) / 2; if cumulative[mid] < u { low = mid + 1 } else { high = mid }
            }
            return xMin + low
        }
        return max(xMin + cumulative.count, Int((Double(xMin) - 0.5) * pow(1 - u, -1 / (alpha - 1)) + 0.5))
    }
}
