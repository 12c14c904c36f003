import Foundation

/// The Adam optimiser (Kingma and Ba 2014, doi:10.48550/arXiv.1412.6980), as PyTorch's
/// `torch.optim.Adam` without weight decay: moment estimates with bias correction and
/// θ ← θ − η m̂ / (√v̂ + ε).
public struct Adam<S: NetworkScalar>: Sendable {
    public var learningRate: Double
    public let beta1: Double, beta2: Double, epsilon: Double
    @usableFromInline var m: [S], v: [S]
    @usableFromInline var step = 0

    public init(
        parameters: Int, learningRate: Double = 1e-3, beta1: Double = 0.9, beta2: Double = 0.999,
        epsilon: Double = 1e-8
    ) {
        self.learningRate = learningRate; self.beta1 = beta1; self.beta2 = beta2; self.epsilon = epsilon
        m = [S](repeating: 0, count: parameters); v = m
    }

    /// One update of `parameters` along `gradient`.
    @inlinable
    public mutating func update(_ parameters: inout [S], gradient: [S]) {
        precondition(parameters.count == m.count && gradient.count == m.count)
        step += 1
        let b1 = S(beta1), b2 = S(beta2), eps = S(epsilon)
        let correction1 = S(1 - pow(beta1, Double(step))), correction2 = S(1 - pow(beta2, Double(step)))
        let rate = S(learningRate) / correction1
        m.withUnsafeMutableBufferPointer { m in
            v.withUnsafeMutableBufferPointer { v in
                parameters.withUnsafeMutableBufferPointer { p in
                    gradient.withUnsafeBufferPointer { g in
                        for k in 0..<p.count {
                            m[k] = b1 * m[k] + (1 - b1) * g[k]
                            v[k] = b2 * v[k] + (1 - b2) * g[k] * g[k]
                            p[k] -= rate * m[k] / ((v[k] / correction2).squareRoot() + eps)
                        }
                    }
                }
            }
        }
    }
}
