import Foundation

/// Hurwitz zeta ζ(s, q) = Σ_{k≥0} (q + k)^{−s} for s > 1, q > 0, by Euler–Maclaurin summation with
/// N = 12 direct terms and J = 8 Bernoulli corrections (a = q + N):
/// ζ = Σ_{k<N}(q+k)^{−s} + a^{1−s}/(s−1) + a^{−s}/2 + Σ_j B_{2j}/(2j)!·s(s+1)…(s+2j−2)·a^{−s−2j+1}.
/// Accurate to ≲ 1e−13 relative for the arguments a discrete power-law fit needs.
/// - SeeAlso: F. W. J. Olver et al., NIST DLMF §25.11 (2010).
/// - Complexity: O(N + J).
public func hurwitzZeta(_ s: Double, _ q: Double) -> Double {
    let bernoulli: [Double] = [
        1.0 / 6, -1.0 / 30, 1.0 / 42, -1.0 / 30, 5.0 / 66, -691.0 / 2730, 7.0 / 6, -3617.0 / 510,
    ]
    let terms = 12
    let a = q + Double(terms)
    var total = 0.0
    for k in 0..<terms { total += pow(q + Double(k), -s) }
    total += pow(a, 1 - s) / (s - 1) + 0.5 * pow(a, -s)
    var rising = s, factorial = 2.0
    for j in 1...bernoulli.count {
        total += bernoulli[j - 1] / factorial * rising * pow(a, -s - Double(2 * j) + 1)
        rising *= (s + Double(2 * j) - 1) * (s + Double(2 * j))
        factorial *= Double(2 * j + 1) * Double(2 * j + 2)
    }
    return total
}

/// Maximises a unimodal f on [a, b] by golden-section search to `tolerance`; returns the midpoint.
func goldenSectionMaximum(_ f: (Double) -> Double, _ low: Double, _ high: Double, tolerance: Double = 1e-10) -> Double {
    let g = (5.0.squareRoot() - 1) / 2
    var (a, b) = (low, high)
    var c = b - g * (b - a), d = a + g * (b - a)
    var fc = f(c), fd = f(d)
    while b - a > tolerance {
        if fc > fd {
            b = d; d = c; fd = fc; c = b - g * (b - a); fc = f(c)
        } else {
            a = c; c = d; fc = fd; d = a + g * (b - a); fd = f(d)
        }
    }
    return 0.5 * (a + b)
}
