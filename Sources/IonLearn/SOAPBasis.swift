import Foundation
import IonCore
import IonNumerics

/// The radial basis of the SOAP power spectrum: Gaussian-type orbitals made orthonormal on
/// [0, ∞) for each l, as DScribe builds them (Himanen et al., Comput. Phys. Commun. 247, 106949
/// (2020), doi:10.1016/j.cpc.2019.106949):
///
///     g_nl(r) = Σ_k β_nkl r^l exp(−α_kl r²),   α_kl = (l ln r_k − ln 10⁻³) / r_k²,
///
/// r_k evenly spaced from 1 length unit to r_cut (each primitive decays to 10⁻³ at its r_k),
/// β_l = S_l^(−1/2) (Löwdin orthonormalisation) with the overlaps
/// S_kk' = ½ Γ(l + 3/2) (α_kl + α_k'l)^−(l+3/2).
///
/// Expanding the Gaussian-smeared density ρ(r) = Σ_j w_j exp(−|r − r_j|²/2σ²) on g_nl Y_lm,
/// each neighbour at r_j contributes, in closed form (the integral runs to infinity),
///
///     c_nlm += w_j Σ_k β_nkl π^(3/2) η^(−3/2) (1 + α_kl/η)^−(l+3/2) exp(−α_kl r_j² / (1 + α_kl/η)) · r_j^l Y_lm(r̂_j),
///
/// η = 1/2σ², Y_lm the real orthonormal spherical harmonics. ``radialWeights`` holds the
/// factor before the exponential and ``exponents`` the −α/(1 + α/η), both per l.
public struct SOAPBasis: Sendable, Codable, Equatable {
    public let cutoff: Double
    public let nMax: Int, lMax: Int
    /// The width σ of the Gaussian on each neighbour (the input's length unit).
    public let sigma: Double
    /// α_kl, [l][k] flattened.
    public let alphas: [Double]
    /// β_nkl, [l][n][k] flattened.
    public let betas: [Double]
    /// −α_kl / (1 + α_kl/η), [l][k] flattened.
    public let exponents: [Double]
    /// β_nkl π^(3/2) η^(−3/2) (1 + α_kl/η)^−(l+3/2), [l][n][k] flattened.
    public let radialWeights: [Double]

    /// The largest n_max and l_max accepted.
    public static let largestN = 20, largestL = 20

    /// - Throws: ``InputError`` for a cutoff of 1 length unit or less (the first primitive decays
    ///   at 1), n_max or l_max out of range, a width that is not positive, or overlaps whose
    ///   Löwdin orthonormalisation fails (too many functions for the cutoff).
    public init(cutoff: Double, nMax: Int, lMax: Int, sigma: Double) throws {
        guard cutoff > 1, cutoff.isFinite else {
            throw InputError(
                "the SOAP cutoff must exceed 1 length unit: the GTO basis puts its first function's decay at 1; got \(cutoff)"
            )
        }
        guard (1...Self.largestN).contains(nMax) else {
            throw InputError("n_max must lie in 1…\(Self.largestN); got \(nMax)")
        }
        guard (0...Self.largestL).contains(lMax) else {
            throw InputError("l_max must lie in 0…\(Self.largestL); got \(lMax)")
        }
        guard sigma > 0, sigma.isFinite else { throw InputError("the SOAP width σ must be positive; got \(sigma)") }
        self.cutoff = cutoff; self.nMax = nMax; self.lMax = lMax; self.sigma = sigma
        let n = nMax, eta = 1 / (2 * sigma * sigma)
        let decay = (0..<n).map { n == 1 ? 1 : 1 + (cutoff - 1) * Double($0) / Double(n - 1) }
        var alphas: [Double] = [], betas: [Double] = [], exponents: [Double] = [], weights: [Double] = []
        for l in 0...lMax {
            let a = decay.map { -log(1e-3 / pow($0, Double(l))) / ($0 * $0) }
            let p = Double(l) + 1.5
            var overlap = [Double](repeating: 0, count: n * n)
            for i in 0..<n { for j in 0..<n { overlap[i * n + j] = 0.5 * tgamma(p) * pow(a[i] + a[j], -p) } }
            let eigen = SymmetricEigen(overlap, size: n)
            guard let smallest = eigen.values.first, smallest > 1e-14 * eigen.values.last! else {
                throw InputError(
                    "the GTO basis with n_max = \(nMax) cannot be made orthonormal for l = \(l) with r_cut = \(cutoff): lower n_max or raise r_cut"
                )
            }
            let beta = eigen.apply { 1 / $0.squareRoot() }
            alphas += a; betas += beta
            exponents += a.map { -$0 / (1 + $0 / eta) }
            for row in 0..<n {
                for k in 0..<n {
                    weights.append(
                        beta[row * n + k] * pow(Double.pi, 1.5) * pow(eta, -1.5) * pow(1 + a[k] / eta, -p))
                }
            }
        }
        self.alphas = alphas; self.betas = betas; self.exponents = exponents; radialWeights = weights
    }

    /// g_nl(r), for tests and plots.
    public func radialFunction(n: Int, l: Int, at r: Double) -> Double {
        var s = 0.0
        for k in 0..<nMax {
            s += betas[(l * nMax + n) * nMax + k] * pow(r, Double(l)) * exp(-alphas[l * nMax + k] * r * r)
        }
        return s
    }
}

/// Real regular solid harmonics R_lm(x, y, z) = r^l Y_lm(r̂) with Y_lm orthonormal on the sphere
/// (m < 0 the sin mφ, m > 0 the cos mφ functions), l = 0…l_max, stored at l² + l + m. Any
/// orthonormal real basis of each l gives the same power spectrum; this one is built by the
/// associated-Legendre recurrence in Cartesian form (no division by r, so r = 0 is exact).
struct SolidHarmonics: Sendable {
    let lMax: Int
    /// Per (l, m ≥ 0) at l(l+1)/2 + m, three values: the recurrence's (2l−1)/(l−m) and
    /// (l+m−1)/(l−m), and the norm √((2l+1)/4π · (l−m)!/(l+m)!) (× √2 for m > 0).
    let table: [Double]

    init(lMax: Int) {
        self.lMax = lMax
        var table: [Double] = []
        for l in 0...lMax {
            for m in 0...l {
                var ratio = 1.0  // (l−m)!/(l+m)!
                if m > 0 { for k in (l - m + 1)...(l + m) { ratio /= Double(k) } }
                let norm = ((2 * Double(l) + 1) / (4 * Double.pi) * ratio).squareRoot() * (m > 0 ? 2.0.squareRoot() : 1)
                let a = l > m ? Double(2 * l - 1) / Double(l - m) : 0, b = l > m ? Double(l + m - 1) / Double(l - m) : 0
                table += [a, b, norm]
            }
        }
        self.table = table
    }

    var count: Int { (lMax + 1) * (lMax + 1) }
    /// Scratch `evaluate` needs.
    var scratchCount: Int { (lMax + 1) * (lMax + 2) / 2 }

    /// Writes R_lm(x, y, z) into out[0..<count]; `t` is ``table``, `q` scratch of ``scratchCount``.
    @inline(__always)
    static func evaluate(
        _ x: Double, _ y: Double, _ z: Double, lMax: Int, table t: UnsafePointer<Double>,
        into out: UnsafeMutablePointer<Double>, legendre q: UnsafeMutablePointer<Double>
    ) {
        let r2 = x * x + y * y + z * z
        // Q_l^m(z, r²) with r^l P_l^m(cos θ) = Q_l^m · (r sin θ)^m; index l(l+1)/2 + m.
        var diagonal = 1.0  // (2m − 1)!!
        for m in 0...lMax {
            if m > 0 { diagonal *= Double(2 * m - 1) }
            q[m * (m + 1) / 2 + m] = diagonal
            if m < lMax { q[(m + 1) * (m + 2) / 2 + m] = Double(2 * m + 1) * z * diagonal }
            var l = m + 2
            while l <= lMax {
                let k = l * (l + 1) / 2 + m
                q[k] = t[3 * k] * z * q[(l - 1) * l / 2 + m] - t[3 * k + 1] * r2 * q[(l - 2) * (l - 1) / 2 + m]
                l += 1
            }
        }
        for l in 0...lMax { out[l * l + l] = t[3 * (l * (l + 1) / 2) + 2] * q[l * (l + 1) / 2] }
        // (x + iy)^m = C_m + i S_m.
        var c = 1.0, s = 0.0
        for m in 1...max(1, lMax) where m <= lMax {
            let c1 = x * c - y * s
            s = x * s + y * c; c = c1
            for l in m...lMax {
                let k = l * (l + 1) / 2 + m
                let v = t[3 * k + 2] * q[k]
                out[l * l + l + m] = v * c
                out[l * l + l - m] = v * s
            }
        }
    }
}
