import Foundation
import IonCore
import IonLearn
import IonNumerics
import XCTest

@testable import IonLearn

/// The neural-network core: kernels against plain loops, backpropagation against finite
/// differences, training against known functions, files that give back the same bits.
final class NetworkTests: XCTestCase {
    func uniform(_ count: Int, _ random: inout SplitMix64, scale: Double = 1) -> [Double] {
        (0..<count).map { _ in (Double(random.next() >> 11) * 0x1p-53 * 2 - 1) * scale }
    }

    /// The register-tiled kernel equals the triple loop (same order of sums: the same bits in
    /// Double), for sizes with row and column remainders.
    func testMultiplyAddEqualsTheTripleLoop() {
        var random = SplitMix64(seed: 3)
        for (m, k, n) in [(1, 1, 1), (7, 5, 19), (4, 3, 8), (9, 17, 33), (2, 6, 3)] {
            let a = uniform(m * k, &random), b = uniform(k * n, &random), c0 = uniform(m * n, &random)
            var c = c0
            a.withUnsafeBufferPointer { a in
                b.withUnsafeBufferPointer { b in
                    c.withUnsafeMutableBufferPointer { c in
                        multiplyAdd(a.baseAddress!, b.baseAddress!, c.baseAddress!, m: m, k: k, n: n)
                    }
                }
            }
            for i in 0..<m {
                for j in 0..<n {
                    var sum = c0[i * n + j]
                    for p in 0..<k { sum += a[i * k + p] * b[p * n + j] }
                    XCTAssertEqual(c[i * n + j], sum, "\(m)×\(k)×\(n) at \(i), \(j)")
                }
            }
        }
    }

    /// In Float, `multiplyAdd` takes the AVX2/FMA kernel where the CPU has one and the portable
    /// loop otherwise; either way it equals the sums done in Double to Float rounding (the bound
    /// is 4k ulps of the sum of |terms|), over shapes with every row (1…6) and column (1…16)
    /// remainder and the seed-002 layer sizes. Reading `a` by columns (the backward pass's aᵀ·b)
    /// gives the same bits as reading it by rows.
    func testFloatMultiplyAddEqualsTheDoubleSums() {
        var random = SplitMix64(seed: 4)
        var shapes: [(Int, Int, Int)] = [(256, 468, 100), (468, 256, 100), (256, 100, 468), (32, 100, 1)]
        for m in 1...7 { for n in [1, 5, 8, 9, 15, 16, 17, 24, 31, 33] { shapes.append((m, 1 + (m * n) % 11, n)) } }
        for (m, k, n) in shapes {
            let a = uniform(m * k, &random).map(Float.init), b = uniform(k * n, &random).map(Float.init)
            let c0 = uniform(m * n, &random).map(Float.init)
            var c = c0
            a.withUnsafeBufferPointer { a in
                b.withUnsafeBufferPointer { b in
                    c.withUnsafeMutableBufferPointer { c in
                        multiplyAdd(a.baseAddress!, b.baseAddress!, c.baseAddress!, m: m, k: k, n: n)
                    }
                }
            }
            // The same product from a stored transposed (k × m), where the vector kernel runs.
            var aT = [Float](repeating: 0, count: m * k)
            for i in 0..<m { for p in 0..<k { aT[p * m + i] = a[i * k + p] } }
            var cT = c0
            let fromTransposed = aT.withUnsafeBufferPointer { aT in
                b.withUnsafeBufferPointer { b in
                    cT.withUnsafeMutableBufferPointer { cT in
                        transposedMultiplyAdd(aT.baseAddress!, b.baseAddress!, cT.baseAddress!, m: m, k: k, n: n)
                    }
                }
            }
            if fromTransposed { XCTAssertEqual(cT, c, "aᵀ·b from a stored transposed, \(m)×\(k)×\(n)") }
            var worst = 0.0
            for i in 0..<m {
                for j in 0..<n {
                    var sum = Double(c0[i * n + j]), magnitude = abs(sum)
                    for p in 0..<k {
                        let term = Double(a[i * k + p]) * Double(b[p * n + j])
                        sum += term; magnitude += abs(term)
                    }
                    worst = max(worst, abs(Double(c[i * n + j]) - sum) / (magnitude * Double(k + 1)))
                }
            }
            XCTAssertLessThan(worst, 4 * Double(Float.ulpOfOne), "\(m)×\(k)×\(n)")
        }
    }

    /// Backpropagated gradients equal central finite differences of L = Σ cᵢ yᵢ for every
    /// activation, to 1e-6 relative, on a 5 → 7 → 6 → 3 network in Double.
    func testGradientsEqualFiniteDifferences() {
        var random = SplitMix64(seed: 8)
        let batch = 4
        let x = uniform(batch * 5, &random), c = uniform(batch * 3, &random)
        for activation in Activation.allCases {
            let network = MultilayerPerceptron<Double>(sizes: [5, 7, 6, 3], activation: activation, seed: 21)
            func loss(_ n: MultilayerPerceptron<Double>) -> Double {
                zip(n.predict(x, batch: batch), c).reduce(0) { $0 + $1.0 * $1.1 }
            }
            var workspace = MultilayerPerceptron<Double>.Workspace()
            _ = network.forward(x, batch: batch, workspace: &workspace)
            var gradient = [Double](repeating: 0, count: network.parameters.count)
            network.backward(x, c, workspace: &workspace, into: &gradient)
            let h = 1e-6
            var worst = 0.0
            for k in network.parameters.indices {
                var up = network, down = network
                up.parameters[k] += h; down.parameters[k] -= h
                let numeric = (loss(up) - loss(down)) / (2 * h)
                worst = max(worst, abs(numeric - gradient[k]) / max(1e-3, abs(numeric)))
            }
            XCTAssertLessThan(worst, 1e-6, "\(activation): largest relative gradient error \(worst)")
        }
    }

    /// The gradient with respect to the inputs equals central finite differences (1e-6
    /// relative) for every activation, and the parameter gradient is the same as without it.
    func testInputGradientsEqualFiniteDifferences() {
        var random = SplitMix64(seed: 10)
        let batch = 3
        let x = uniform(batch * 4, &random), c = uniform(batch * 2, &random)
        for activation in Activation.allCases {
            let network = MultilayerPerceptron<Double>(sizes: [4, 6, 5, 2], activation: activation, seed: 3)
            func loss(_ x: [Double]) -> Double {
                zip(network.predict(x, batch: batch), c).reduce(0) { $0 + $1.0 * $1.1 }
            }
            var workspace = MultilayerPerceptron<Double>.Workspace()
            _ = network.forward(x, batch: batch, workspace: &workspace)
            var gradient = [Double](repeating: 0, count: network.parameters.count), plain = gradient
            let dx = network.backwardWithInputGradient(x, c, workspace: &workspace, into: &gradient)
            _ = network.forward(x, batch: batch, workspace: &workspace)
            network.backward(x, c, workspace: &workspace, into: &plain)
            XCTAssertEqual(gradient, plain)
            XCTAssertEqual(dx.count, x.count)
            let h = 1e-6
            var worst = 0.0
            for k in x.indices {
                var up = x, down = x
                up[k] += h; down[k] -= h
                let numeric = (loss(up) - loss(down)) / (2 * h)
                worst = max(worst, abs(numeric - dx[k]) / max(1e-3, abs(numeric)))
            }
            XCTAssertLessThan(worst, 1e-6, "\(activation): largest relative input-gradient error \(worst)")
        }
    }

    /// A Float network's backpropagated gradient (through the vector kernels where the CPU has
    /// them) equals the Double network's with the same parameters, to Float rounding, on layer
    /// widths with column remainders (21 → 37 → 19 → 2, batch 13).
    func testFloatGradientsEqualDoubleGradients() {
        var random = SplitMix64(seed: 9)
        let batch = 13
        let x = uniform(batch * 21, &random), c = uniform(batch * 2, &random)
        let double = MultilayerPerceptron<Double>(sizes: [21, 37, 19, 2], activation: .tanh, seed: 5)
        let float = MultilayerPerceptron<Float>(
            sizes: double.sizes, activation: .tanh, parameters: double.parameters.map(Float.init))
        var wd = MultilayerPerceptron<Double>.Workspace(), wf = MultilayerPerceptron<Float>.Workspace()
        let xd = x.map { Double(Float($0)) }
        _ = double.forward(xd, batch: batch, workspace: &wd)
        _ = float.forward(x.map(Float.init), batch: batch, workspace: &wf)
        var gd = [Double](repeating: 0, count: double.parameters.count)
        var gf = [Float](repeating: 0, count: float.parameters.count)
        double.backward(xd, c.map { Double(Float($0)) }, workspace: &wd, into: &gd)
        float.backward(x.map(Float.init), c.map(Float.init), workspace: &wf, into: &gf)
        let scale = gd.map(abs).max()!
        let worst = zip(gd, gf).map { abs($0 - Double($1)) }.max()! / scale
        XCTAssertLessThan(worst, 1e-5, "largest gradient difference relative to the largest gradient")
    }

    /// A Float network learns y = sin(2x₁) + x₂²/2 on [−1, 1]² from 600 samples by least squares:
    /// the held-out RMSE falls below 0.05 (the function's spread is ≈ 0.75).
    func testLearnsASmoothFunction() throws {
        var random = SplitMix64(seed: 5)
        let n = 600
        let points = uniform(2 * n, &random)
        let targets = (0..<n).map { (i: Int) -> Double in
            let a = points[2 * i], b = points[2 * i + 1]
            return sin(2 * a) + 0.5 * b * b
        }
        let data = try GroupedDataset(x: points.map(Float.init), width: 2, targets: targets)
        let network = MultilayerPerceptron<Float>(sizes: [2, 16, 16, 1], activation: .silu, seed: 2)
        let result = try network.trained(
            on: data, training: Array(0..<500), validation: Array(500..<600),
            options: TrainingOptions(epochs: 80, learningRate: 1e-2, batchGroups: 16, patience: 20, seed: 4))
        XCTAssertLessThan(
            result.validationRMSE[result.bestEpoch - 1], 0.05, "curve: \(result.validationRMSE.suffix(5))")
        XCTAssertGreaterThan(result.validationRMSE[0], 0.1, "the untrained start should be far off")
    }

    /// Trained only on group means (eq. 12 of Jones et al. 2022), the network recovers the
    /// planted per-sample function: each of 60 groups holds 40 samples around its own centre, its
    /// target is the mean of g(x) = x₁ − x₂² over them; on fresh samples the network's f(x)
    /// correlates with g(x) above 0.9.
    func testRecoversAPlantedPerSampleFunctionFromGroupMeans() throws {
        var random = SplitMix64(seed: 17)
        let groups = 60, perGroup = 40
        func g(_ a: Double, _ b: Double) -> Double { a - b * b }
        var x: [Float] = [], ranges: [Range<Int>] = [], targets: [Double] = []
        for k in 0..<groups {
            let centre = uniform(2, &random, scale: 0.8)
            var sum = 0.0
            for _ in 0..<perGroup {
                let p = uniform(2, &random, scale: 0.6)
                let a = centre[0] + p[0], b = centre[1] + p[1]
                x += [Float(a), Float(b)]
                sum += g(a, b)
            }
            ranges.append((k * perGroup)..<((k + 1) * perGroup))
            targets.append(sum / Double(perGroup))
        }
        let data = try GroupedDataset(
            x: x, width: 2, groups: ranges, targets: targets, variances: [Double](repeating: 0.01, count: groups))
        let network = MultilayerPerceptron<Float>(sizes: [2, 12, 12, 1], activation: .tanh, seed: 9)
        let result = try network.trained(
            on: data, training: Array(0..<50), validation: Array(50..<60),
            options: TrainingOptions(epochs: 100, learningRate: 5e-3, batchGroups: 4, patience: 30, seed: 1))
        let fresh = uniform(2 * 500, &random, scale: 1.2)
        let predicted = result.network.predict(fresh.map(Float.init), batch: 500).map(Double.init)
        let truth = (0..<500).map { g(fresh[2 * $0], fresh[2 * $0 + 1]) }
        let r = pearson(predicted, truth)
        XCTAssertGreaterThan(r, 0.9, "correlation with the planted function: \(r)")
    }

    func pearson(_ a: [Double], _ b: [Double]) -> Double {
        let ma = a.reduce(0, +) / Double(a.count), mb = b.reduce(0, +) / Double(b.count)
        var sab = 0.0, saa = 0.0, sbb = 0.0
        for (p, q) in zip(a, b) { sab += (p - ma) * (q - mb); saa += (p - ma) * (p - ma); sbb += (q - mb) * (q - mb) }
        return sab / (saa * sbb).squareRoot()
    }

    /// The same seeds give the same trained network, bit for bit.
    func testTrainingIsReproducible() throws {
        var random = SplitMix64(seed: 2)
        let x = uniform(3 * 64, &random).map(Float.init), y = uniform(64, &random)
        let data = try GroupedDataset(x: x, width: 3, targets: y)
        let options = TrainingOptions(epochs: 5, learningRate: 1e-3, batchGroups: 8, patience: 5, seed: 3)
        let network = MultilayerPerceptron<Float>(sizes: [3, 8, 1], activation: .relu, seed: 6)
        let one = try network.trained(on: data, training: Array(0..<48), validation: Array(48..<64), options: options)
        let two = try network.trained(on: data, training: Array(0..<48), validation: Array(48..<64), options: options)
        XCTAssertEqual(one.network, two.network)
        XCTAssertNotEqual(one.network, network)
    }

    /// Save → load → predict gives the same bits; damaged files say what is wrong.
    func testSavedNetworksPredictTheSameBits() throws {
        let network = MultilayerPerceptron<Float>(sizes: [4, 10, 1], activation: .silu, seed: 12)
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("net-\(UUID().uuidString).json").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        try NetworkModel(network, columns: ["a", "b", "c", "d"]).save(path)
        XCTAssertThrowsError(
            try NetworkModel(network, columns: ["a", "b", "c", "d"]).save(path), "no overwrite without force")
        let loaded = try NetworkModel.load(path).network(Float.self)
        XCTAssertEqual(loaded.parameters.map(\.bitPattern), network.parameters.map(\.bitPattern))
        var random = SplitMix64(seed: 1)
        let x = uniform(4 * 9, &random).map(Float.init)
        XCTAssertEqual(loaded.predict(x, batch: 9).map(\.bitPattern), network.predict(x, batch: 9).map(\.bitPattern))
        XCTAssertThrowsError(try NetworkModel.load(path).network(Double.self))
        var damaged = try NetworkModel.load(path)
        damaged.parameters.removeLast()
        XCTAssertThrowsError(try damaged.network(Float.self))
        damaged = try NetworkModel.load(path)
        damaged.parameters[3] = "zz"
        XCTAssertThrowsError(try damaged.network(Float.self)) {
            XCTAssertTrue("\($0)".contains("parameter 3"), "\($0)")
        }
    }
}
