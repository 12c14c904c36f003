/// The nonlinearity of a network's hidden layers (the output layer is linear).
public enum Activation: String, Codable, Sendable, CaseIterable {
    /// max(0, z).
    case relu
    /// z · sigmoid(z) (also called swish).
    case silu
    case tanh

    /// The activation of each pre-activation in `z`, written to `a`.
    @inlinable
    func apply<S: NetworkScalar>(_ z: UnsafePointer<S>, _ a: UnsafeMutablePointer<S>, count: Int) {
        switch self {
        case .relu: for k in 0..<count { a[k] = max(z[k], 0) }
        case .silu: for k in 0..<count { a[k] = z[k] / (1 + S.exp(-z[k])) }
        case .tanh: for k in 0..<count { a[k] = S.tanh(z[k]) }
        }
    }

    /// g[k] *= σ′(z[k]): the gradient with respect to the activation turned into the gradient
    /// with respect to the pre-activation.
    @inlinable
    func backward<S: NetworkScalar>(_ z: UnsafePointer<S>, _ g: UnsafeMutablePointer<S>, count: Int) {
        switch self {
        case .relu: for k in 0..<count where z[k] <= 0 { g[k] = 0 }
        case .silu:
            for k in 0..<count {
                let s = 1 / (1 + S.exp(-z[k]))
                g[k] *= s * (1 + z[k] * (1 - s))
            }
        case .tanh:
            for k in 0..<count {
                let t = S.tanh(z[k])
                g[k] *= 1 - t * t
            }
        }
    }
}
