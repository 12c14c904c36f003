import Foundation

/// Maximum-likelihood fit of a discrete power law p(x) = x^{−α}/ζ(α, x_min), x ≥ x_min, to
/// positive integers (train sizes, inter-event times in frames).
/// - SeeAlso: A. Clauset, C. R. Shalizi, M. E. J. Newman, SIAM Rev. 51, 661 (2009),
///   doi:10.1137/070710111; Lee et al. 2023, doi:10.1140/epje/s10189-023-00365-9, Fig. 1 (train sizes).
public struct DiscretePowerLawFit: Sendable, Codable, Equatable {
    /// Exponent α (dimensionless).
    public var alpha: Double
    /// Standard error 1/√(n·Var(ln x)), Var(ln x) = ∂²ln ζ(α, x_min)/∂α².
    public var alphaError: Double
    public var xMin: Int
    /// Points in the tail x ≥ x_min.
    public var tailCount: Int
    /// KS distance max_x |F_emp(x) − F_fit(x)| over integers x_min…max.
    public var ksDistance: Double
    /// Log-likelihood of the tail at α.
    public var logLikelihood: Double
    /// CSN eq. 3.7 approximation 1 + n/Σ ln(x_i/(x_min − ½)), a check only.
    public var approximateAlpha: Double

    /// Fits α for a fixed x_min by golden section on α ∈ [1 + 1e−6, 20] (the log-likelihood
    /// −n ln ζ(α, x_min) − αΣ ln x_i is strictly concave). nil when the tail is empty or has one value.
    /// - Complexity: O(n log n) for the histogram, then O(distinct values + max − x_min).
    public init?(_ data: [Int], xMin: Int) {
        self.init(histogram: DiscreteHistogram(data), xMin: xMin)
    }

    init?(histogram h: DiscreteHistogram, xMin: Int) {
        guard xMin >= 1, let first = h.values.firstIndex(where: { $0 >= xMin }), h.values.last! > xMin else {
            return nil
        }
        var count = 0, sumLog = 0.0, sumLogShifted = 0.0
        for k in first..<h.values.count {
            count += h.counts[k]
            sumLog += Double(h.counts[k]) * log(Double(h.values[k]))
            sumLogShifted += Double(h.counts[k]) * log(Double(h.values[k]) / (Double(xMin) - 0.5))
        }
        let n = Double(count)
        func logLikelihood(_ a: Double) -> Double { -n * log(hurwitzZeta(a, Double(xMin))) - a * sumLog }
        let alpha = goldenSectionMaximum(logLikelihood, 1 + 1e-6, 20)
        let normaliser = hurwitzZeta(alpha, Double(xMin))
        // KS distance over the integers x ≥ x_min. Between observed values the empirical CDF is
        // flat and the model's rises, so the largest gap there lies at an end of the run of
        // integers: only those are evaluated (a long run is crossed with one ζ evaluation), which
        // keeps heavy-tailed bootstrap samples with huge maxima cheap.
        var distance = 0.0, below = 0
        var zeta = normaliser  // ζ(α, x) at the next integer x to visit
        var x = xMin
        func gap(_ z: Double) -> Double { abs(Double(below) / n - (1 - z / normaliser)) }
        for k in first..<h.values.count {
            let v = h.values[k]
            if v > x {
                let afterFirst = zeta - pow(Double(x), -alpha)  // ζ(α, x + 1): CDF at x
                var atEnd: Double  // ζ(α, v): CDF at v − 1
                if v - x > 32 {
                    atEnd = hurwitzZeta(alpha, Double(v))
                } else {
                    atEnd = afterFirst
                    for y in (x + 1)..<v { atEnd -= pow(Double(y), -alpha) }
                }
                distance = max(distance, gap(afterFirst), gap(atEnd))
                zeta = atEnd
            }
            below += h.counts[k]
            zeta -= pow(Double(v), -alpha)  // ζ(α, v + 1): CDF at v
            distance = max(distance, gap(zeta))
            x = v + 1
        }
        let step = 1e-4
        let second =
            (log(hurwitzZeta(alpha + step, Double(xMin))) - 2 * log(normaliser)
                + log(hurwitzZeta(alpha - step, Double(xMin)))) / (step * step)
        self.alpha = alpha; alphaError = 1 / (n * second).squareRoot(); self.xMin = xMin; tailCount = count
        ksDistance = distance; self.logLikelihood = logLikelihood(alpha)
        approximateAlpha = 1 + n / sumLogShifted
    }

    /// Chooses x_min among the distinct data values whose tail has ≥ `minimumTail` points and ≥ 2
    /// distinct values, minimising the KS distance (ties within 1e−12 → the smaller x_min).
    /// Returns the best fit and the whole scan; nil when no candidate qualifies.
    /// - Complexity: O(n log n + distinct · (distinct + max)).
    public static func scan(_ data: [Int], minimumTail: Int = 10) -> (
        best: DiscretePowerLawFit, scan: [DiscretePowerLawFit]
    )? {
        let histogram = DiscreteHistogram(data.filter { $0 >= 1 })
        var fits: [DiscretePowerLawFit] = [], best: DiscretePowerLawFit?
        var tail = histogram.counts.reduce(0, +)
        for (k, candidate) in histogram.values.enumerated() {
            defer { tail -= histogram.counts[k] }
            guard tail >= minimumTail, let fit = DiscretePowerLawFit(histogram: histogram, xMin: candidate) else {
                continue
            }
            fits.append(fit)
            if best == nil || fit.ksDistance < best!.ksDistance - 1e-12 { best = fit }
        }
        return best.map { ($0, fits) }
    }

    /// Cumulative distribution of the fitted law, P(X ≤ x) for x ≥ x_min.
    public func cumulative(_ x: Int) -> Double {
        1 - hurwitzZeta(alpha, Double(x + 1)) / hurwitzZeta(alpha, Double(xMin))
    }
}

/// Distinct values, ascending, with their counts.
struct DiscreteHistogram {
    var values: [Int] = [], counts: [Int] = []
    init(_ data: [Int]) {
        for x in data.sorted() {
            if x == values.last { counts[counts.count - 1] += 1 } else { values.append(x); counts.append(1) }
        }
    }
}
