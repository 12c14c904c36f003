import Foundation

/// Eigenvalues and eigenvectors of a small real symmetric matrix by cyclic Jacobi rotations
/// (Golub and Van Loan, *Matrix Computations*, 4th ed. (2013), §8.5, doi:10.56021/9781421407944),
/// accurate to a few units of rounding relative to the matrix norm.
public struct SymmetricEigen: Sendable {
    /// Eigenvalues in ascending order.
    public let values: [Double]
    /// Row-major n × n matrix whose column k is the unit eigenvector of `values[k]`.
    public let vectors: [Double]
    public let size: Int

    /// Decomposes the row-major n × n symmetric matrix `a` (only its symmetric part is used).
    /// - Complexity: O(n³) per sweep; a few sweeps for n up to ~50.
    public init(_ a: [Double], size n: Int) {
        precondition(a.count == n * n, "the matrix must hold n × n values")
        var m = a
        for i in 0..<n {
            for j in 0..<i { let s = (m[i * n + j] + m[j * n + i]) / 2; m[i * n + j] = s; m[j * n + i] = s }
        }
        var v = [Double](repeating: 0, count: n * n)
        for i in 0..<n { v[i * n + i] = 1 }
        for _ in 0..<100 {
            var off = 0.0, norm = 0.0
            for i in 0..<n {
                for j in 0..<n {
                    norm += m[i * n + j] * m[i * n + j]
                    if i != j { off += m[i * n + j] * m[i * n + j] }
                }
            }
            if off <= 1e-34 * norm { break }
            for p in 0..<n {
                for q in (p + 1)..<n where m[p * n + q] != 0 {
                    let apq = m[p * n + q]
                    let theta = (m[q * n + q] - m[p * n + p]) / (2 * apq)
                    let t = (theta >= 0 ? 1.0 : -1.0) / (abs(theta) + (theta * theta + 1).squareRoot())
                    let c = 1 / (t * t + 1).squareRoot(), s = t * c
                    for k in 0..<n {  // rotate columns p and q
                        let mkp = m[k * n + p], mkq = m[k * n + q]
                        m[k * n + p] = c * mkp - s * mkq
                        m[k * n + q] = s * mkp + c * mkq
                    }
                    for k in 0..<n {  // and rows p and q
                        let mpk = m[p * n + k], mqk = m[q * n + k]
                        m[p * n + k] = c * mpk - s * mqk
                        m[q * n + k] = s * mpk + c * mqk
                    }
                    m[p * n + q] = 0; m[q * n + p] = 0
                    for k in 0..<n {
                        let vkp = v[k * n + p], vkq = v[k * n + q]
                        v[k * n + p] = c * vkp - s * vkq
                        v[k * n + q] = s * vkp + c * vkq
                    }
                }
            }
        }
        let order = (0..<n).sorted { m[$0 * n + $0] < m[$1 * n + $1] }
        values = order.map { m[$0 * n + $0] }
        var sorted = [Double](repeating: 0, count: n * n)
        for (k, old) in order.enumerated() { for i in 0..<n { sorted[i * n + k] = v[i * n + old] } }
        vectors = sorted; size = n
    }

    /// f(A) = V diag(f(λ)) Vᵀ, row-major: for example f = 1/√λ gives A^(−1/2).
    public func apply(_ f: (Double) -> Double) -> [Double] {
        let n = size, fl = values.map(f)
        var out = [Double](repeating: 0, count: n * n)
        for i in 0..<n {
            for j in 0..<n {
                var s = 0.0
                for k in 0..<n { s += vectors[i * n + k] * fl[k] * vectors[j * n + k] }
                out[i * n + j] = s
            }
        }
        return out
    }
}
