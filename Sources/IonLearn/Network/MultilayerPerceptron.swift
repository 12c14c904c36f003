import IonNumerics

/// A multilayer perceptron: dense layers of the given widths, `activation` after every hidden
/// layer, a linear output. Parameters live in one flat array, layer by layer: the weights
/// (inputs × outputs, row-major), then the biases. Gradients come by hand-written
/// backpropagation on the same layout, so an optimiser treats every parameter alike.
public struct MultilayerPerceptron<S: NetworkScalar>: Codable, Sendable, Equatable {
    /// Widths from the input to the output, e.g. [468, 100, 100, 1].
    public let sizes: [Int]
    public let activation: Activation
    public var parameters: [S]

    /// Where layer l's weights and biases start in ``parameters``.
    @usableFromInline func weightOffset(_ l: Int) -> Int { offsets[l] }
    @usableFromInline func biasOffset(_ l: Int) -> Int { offsets[l] + sizes[l] * sizes[l + 1] }
    @usableFromInline var offsets: [Int] {
        var start = 0, result: [Int] = []
        for l in 0..<(sizes.count - 1) {
            result.append(start)
            start += (sizes[l] + 1) * sizes[l + 1]
        }
        return result
    }

    /// Parameters of a network of these widths.
    @inlinable public static func parameterCount(_ sizes: [Int]) -> Int {
        zip(sizes, sizes.dropFirst()).reduce(0) { $0 + ($1.0 + 1) * $1.1 }
    }

    /// A network with PyTorch's default `nn.Linear` initialisation: weights and biases uniform in
    /// ±1/√fan_in, from a seeded generator, so the same seed gives the same network.
    /// - Precondition: at least an input and an output width, all positive.
    public init(sizes: [Int], activation: Activation, seed: UInt64) {
        precondition(
            sizes.count >= 2 && sizes.allSatisfy { $0 > 0 }, "a network needs positive widths, input and output")
        self.sizes = sizes; self.activation = activation
        var random = SplitMix64(seed: seed)
        var parameters: [S] = []
        parameters.reserveCapacity(Self.parameterCount(sizes))
        for l in 0..<(sizes.count - 1) {
            let bound = 1 / Double(sizes[l]).squareRoot()
            for _ in 0..<((sizes[l] + 1) * sizes[l + 1]) {
                let u = Double(random.next() >> 11) * 0x1p-53
                parameters.append(S((2 * u - 1) * bound))
            }
        }
        self.parameters = parameters
    }

    /// A network with the given parameters.
    /// - Precondition: `parameters.count` is ``parameterCount(_:)`` of `sizes`.
    @inlinable public init(sizes: [Int], activation: Activation, parameters: [S]) {
        precondition(parameters.count == Self.parameterCount(sizes), "the parameters do not match the widths")
        self.sizes = sizes; self.activation = activation; self.parameters = parameters
    }

    @inlinable public var inputWidth: Int { sizes[0] }
    @inlinable public var outputWidth: Int { sizes[sizes.count - 1] }

    /// Buffers of one batch: each layer's pre-activations and activations, and scratch for the
    /// backward pass. Reused across batches of any size.
    public struct Workspace: Sendable {
        @usableFromInline var preActivations: [[S]] = [], activations: [[S]] = []
        @usableFromInline var transposed: [S] = [], gradient: [S] = [], previous: [S] = []
        @usableFromInline var batch = 0
        public init() {}
    }

    /// The outputs (batch × outputs, row-major) for `batch` rows of `x` (batch × inputs).
    @inlinable
    public func predict(_ x: [S], batch: Int) -> [S] {
        var workspace = Workspace()
        return forward(x, batch: batch, workspace: &workspace)
    }

    /// The outputs for `batch` rows of `x`, keeping in `workspace` what ``backward(_:workspace:into:)`` needs.
    @inlinable
    public func forward(_ x: [S], batch: Int, workspace w: inout Workspace) -> [S] {
        precondition(x.count == batch * inputWidth, "the inputs do not hold \(inputWidth) values per row")
        let layers = sizes.count - 1
        if w.preActivations.count != layers {
            w.preActivations = [[S]](repeating: [], count: layers)
            w.activations = [[S]](repeating: [], count: layers)
        }
        w.batch = batch
        for l in 0..<layers {
            let k = sizes[l], n = sizes[l + 1]
            let input = l == 0 ? x : w.activations[l - 1]
            // The workspace's buffers are taken out and put back, so batches of one size reuse them.
            var z: [S] = []
            swap(&z, &w.preActivations[l])
            if z.count != batch * n { z = [S](repeating: 0, count: batch * n) }
            parameters.withUnsafeBufferPointer { p in
                let weights = p.baseAddress! + weightOffset(l), bias = p.baseAddress! + biasOffset(l)
                z.withUnsafeMutableBufferPointer { z in
                    for i in 0..<batch { for j in 0..<n { z[i * n + j] = bias[j] } }
                    input.withUnsafeBufferPointer { a in
                        multiplyAdd(a.baseAddress!, weights, z.baseAddress!, m: batch, k: k, n: n)
                    }
                }
            }
            w.preActivations[l] = z
            if l < layers - 1 {
                var a: [S] = []
                swap(&a, &w.activations[l])
                if a.count != batch * n { a = [S](repeating: 0, count: batch * n) }
                z.withUnsafeBufferPointer { z in
                    a.withUnsafeMutableBufferPointer { a in
                        activation.apply(z.baseAddress!, a.baseAddress!, count: batch * n)
                    }
                }
                w.activations[l] = a
            } else {
                w.activations[l] = z
            }
        }
        return w.activations[layers - 1]
    }

    /// Adds to `gradient` (one entry per parameter) the gradient of a loss whose gradient with
    /// respect to the last ``forward(_:batch:workspace:)`` outputs is `outputGradient`
    /// (batch × outputs), by backpropagation through that batch.
    @inlinable
    public func backward(_ x: [S], _ outputGradient: [S], workspace w: inout Workspace, into gradient: inout [S]) {
        _ = backpropagate(x, outputGradient, workspace: &w, into: &gradient, inputGradient: false)
    }

    /// ``backward(_:_:workspace:into:)`` that also returns the gradient with respect to the
    /// inputs `x` (batch × inputs), for networks whose inputs come from other networks.
    @inlinable
    public func backwardWithInputGradient(
        _ x: [S], _ outputGradient: [S], workspace w: inout Workspace, into gradient: inout [S]
    ) -> [S] {
        backpropagate(x, outputGradient, workspace: &w, into: &gradient, inputGradient: true)!
    }

    @inlinable
    func backpropagate(
        _ x: [S], _ outputGradient: [S], workspace w: inout Workspace, into gradient: inout [S], inputGradient: Bool
    ) -> [S]? {
        let layers = sizes.count - 1, batch = w.batch
        precondition(outputGradient.count == batch * outputWidth && gradient.count == parameters.count)
        w.gradient = outputGradient
        for l in stride(from: layers - 1, through: 0, by: -1) {
            let k = sizes[l], n = sizes[l + 1]
            let input = l == 0 ? x : w.activations[l - 1]
            // dW += inputᵀ · dZ and db += Σ_rows dZ.
            let scratch = max(batch * k, k * n)
            if w.transposed.count < scratch { w.transposed = [S](repeating: 0, count: scratch) }
            gradient.withUnsafeMutableBufferPointer { g in
                let dW = g.baseAddress! + weightOffset(l), db = g.baseAddress! + biasOffset(l)
                w.gradient.withUnsafeBufferPointer { dZ in
                    for i in 0..<batch { for j in 0..<n { db[j] += dZ[i * n + j] } }
                    input.withUnsafeBufferPointer { a in
                        if !transposedMultiplyAdd(a.baseAddress!, dZ.baseAddress!, dW, m: k, k: batch, n: n) {
                            w.transposed.withUnsafeMutableBufferPointer { t in
                                transpose(a.baseAddress!, rows: batch, columns: k, into: t.baseAddress!)
                                multiplyAdd(t.baseAddress!, dZ.baseAddress!, dW, m: k, k: batch, n: n)
                            }
                        }
                    }
                }
            }
            guard l > 0 || inputGradient else { break }
            // dA = dZ · Wᵀ, then dZ of the layer below = dA ⊙ σ′(Z).
            if w.previous.count == batch * k {
                for i in w.previous.indices { w.previous[i] = 0 }
            } else {
                w.previous = [S](repeating: 0, count: batch * k)
            }
            parameters.withUnsafeBufferPointer { p in
                w.transposed.withUnsafeMutableBufferPointer { t in
                    transpose(p.baseAddress! + weightOffset(l), rows: k, columns: n, into: t.baseAddress!)
                    w.gradient.withUnsafeBufferPointer { dZ in
                        w.previous.withUnsafeMutableBufferPointer { dA in
                            multiplyAdd(dZ.baseAddress!, t.baseAddress!, dA.baseAddress!, m: batch, k: n, n: k)
                        }
                    }
                }
            }
            if l == 0 { return w.previous }
            w.preActivations[l - 1].withUnsafeBufferPointer { z in
                w.previous.withUnsafeMutableBufferPointer { dA in
                    activation.backward(z.baseAddress!, dA.baseAddress!, count: batch * k)
                }
            }
            swap(&w.gradient, &w.previous)
        }
        return nil
    }
}
