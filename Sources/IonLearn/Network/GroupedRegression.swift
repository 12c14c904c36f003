import Foundation
import IonCore
import IonNumerics

/// Regression on group means (Jones et al. 2022, doi:10.48550/arXiv.2208.03182, eq. 12): the
/// network maps each sample (an ion's environment at one instant) to one number, a group (a
/// system) is predicted by the mean over its samples, and the loss is
///
///     L = Σ_g (y_g − mean_{i ∈ g} f(x_i))² / Δ_g
///
/// with target y_g and variance Δ_g of each group. Groups of one sample with Δ = 1 make it
/// ordinary least squares.
public struct GroupedDataset<S: NetworkScalar>: Sendable {
    /// Samples, row-major, `width` values each.
    public var x: [S]
    public let width: Int
    /// Each group's sample rows, target and variance.
    public var groups: [Range<Int>]
    public var targets: [Double], variances: [Double]

    /// - Throws: ``InputError`` for groups that are empty, overlap or leave the samples, or a
    ///   variance that is not positive.
    public init(x: [S], width: Int, groups: [Range<Int>], targets: [Double], variances: [Double]) throws {
        guard width > 0, x.count % width == 0 else {
            throw InputError("the samples do not hold \(width) values each")
        }
        let rows = x.count / width
        guard groups.count == targets.count, groups.count == variances.count, !groups.isEmpty else {
            throw InputError(
                "every group needs a target and a variance; got \(groups.count) groups, \(targets.count) targets and \(variances.count) variances"
            )
        }
        for (g, range) in groups.enumerated() {
            guard !range.isEmpty, range.lowerBound >= 0, range.upperBound <= rows else {
                throw InputError("group \(g) (rows \(range)) is empty or leaves the \(rows) samples")
            }
            guard variances[g] > 0, variances[g].isFinite, targets[g].isFinite else {
                throw InputError(
                    "group \(g) has target \(targets[g]) and variance \(variances[g]); the variance must be positive")
            }
        }
        self.x = x; self.width = width; self.groups = groups; self.targets = targets; self.variances = variances
    }

    /// One sample per group, target y, variance 1: ordinary least squares.
    public init(x: [S], width: Int, targets: [Double]) throws {
        try self.init(
            x: x, width: width, groups: targets.indices.map { $0..<($0 + 1) }, targets: targets,
            variances: [Double](repeating: 1, count: targets.count))
    }

    /// The samples of the groups `chosen`, in that order, with the rows of each group.
    @inlinable func rows(of chosen: ArraySlice<Int>) -> (x: [S], groups: [Range<Int>]) {
        var x: [S] = [], ranges: [Range<Int>] = []
        var start = 0
        for g in chosen {
            let range = groups[g]
            x += self.x[(range.lowerBound * width)..<(range.upperBound * width)]
            ranges.append(start..<(start + range.count))
            start += range.count
        }
        return (x, ranges)
    }
}

/// How a network is trained: Adam over mini-batches of groups, epochs until the validation RMSE
/// has not improved for `patience` epochs (or `epochs` have run); the parameters of the best
/// validation epoch are kept.
public struct TrainingOptions: Codable, Sendable, Equatable {
    public var epochs: Int
    public var learningRate: Double
    /// Groups per mini-batch (the loss of a batch is the mean of its groups' terms).
    public var batchGroups: Int
    public var patience: Int
    /// Shuffles the groups each epoch.
    public var seed: UInt64

    public init(
        epochs: Int = 1000, learningRate: Double = 5e-4, batchGroups: Int = 1, patience: Int = 100, seed: UInt64 = 1
    ) {
        self.epochs = epochs; self.learningRate = learningRate; self.batchGroups = batchGroups
        self.patience = patience; self.seed = seed
    }
}

/// A trained network and its learning curve.
public struct TrainingResult<S: NetworkScalar>: Sendable {
    public var network: MultilayerPerceptron<S>
    /// Validation RMSE of the group predictions after each epoch, and the best epoch (1-based).
    public var validationRMSE: [Double]
    public var bestEpoch: Int

    @inlinable public init(network: MultilayerPerceptron<S>, validationRMSE: [Double], bestEpoch: Int) {
        self.network = network; self.validationRMSE = validationRMSE; self.bestEpoch = bestEpoch
    }
}

extension MultilayerPerceptron {
    /// Each group's prediction: the mean of the network's (first) output over its samples.
    @inlinable
    public func groupMeans(_ data: GroupedDataset<S>, groups chosen: [Int]? = nil) -> [Double] {
        let chosen = chosen ?? Array(data.groups.indices)
        var workspace = Workspace()
        return chosen.map { g in
            let range = data.groups[g]
            let x = Array(data.x[(range.lowerBound * data.width)..<(range.upperBound * data.width)])
            let y = forward(x, batch: range.count, workspace: &workspace)
            var sum = 0.0
            for i in 0..<range.count { sum += Double(y[i * outputWidth]) }
            return sum / Double(range.count)
        }
    }

    /// RMSE of the group means of `chosen` against their targets (unweighted).
    @inlinable
    public func groupRMSE(_ data: GroupedDataset<S>, groups chosen: [Int]) -> Double {
        let means = groupMeans(data, groups: chosen)
        let sum = zip(chosen, means).reduce(0.0) { $0 + ($1.1 - data.targets[$1.0]) * ($1.1 - data.targets[$1.0]) }
        return (sum / Double(chosen.count)).squareRoot()
    }

    /// Trains a copy of this network on the groups `training` of `data`, judged each epoch on
    /// the groups `validation`.
    /// - Throws: ``InputError`` for samples of another width, a network with several outputs, or
    ///   empty training or validation groups.
    @inlinable
    public func trained(
        on data: GroupedDataset<S>, training: [Int], validation: [Int], options: TrainingOptions
    ) throws -> TrainingResult<S> {
        guard data.width == inputWidth, outputWidth == 1 else {
            throw InputError(
                "the network takes \(inputWidth) inputs to \(outputWidth) outputs; the samples have \(data.width) values and one target each"
            )
        }
        guard !training.isEmpty, !validation.isEmpty else {
            throw InputError(
                "training needs training groups and validation groups; got \(training.count) and \(validation.count)")
        }
        guard options.epochs >= 1, options.batchGroups >= 1, options.learningRate > 0 else {
            throw InputError("training needs at least one epoch, one group per batch and a positive learning rate")
        }
        var network = self, best = self
        var adam = Adam<S>(parameters: parameters.count, learningRate: options.learningRate)
        var random = SplitMix64(seed: options.seed)
        var workspace = Workspace()
        var gradient = [S](repeating: 0, count: parameters.count)
        var order = training, curve: [Double] = [], bestRMSE = Double.infinity, bestEpoch = 0
        for epoch in 1...options.epochs {
            order.shuffle(using: &random)
            var start = 0
            while start < order.count {
                let batch = order[start..<min(start + options.batchGroups, order.count)]
                start += options.batchGroups
                let (x, ranges) = data.rows(of: batch)
                let rows = ranges.last!.upperBound
                let y = network.forward(x, batch: rows, workspace: &workspace)
                // dL/df_i = −2 (y_g − mean_g) / (Δ_g |g| B) for sample i of group g.
                var dy = [S](repeating: 0, count: rows)
                for (g, range) in zip(batch, ranges) {
                    var mean = 0.0
                    for i in range { mean += Double(y[i]) }
                    mean /= Double(range.count)
                    let scale =
                        -2 * (data.targets[g] - mean) / (data.variances[g] * Double(range.count) * Double(batch.count))
                    for i in range { dy[i] = S(scale) }
                }
                for k in gradient.indices { gradient[k] = 0 }
                network.backward(x, dy, workspace: &workspace, into: &gradient)
                adam.update(&network.parameters, gradient: gradient)
            }
            let rmse = network.groupRMSE(data, groups: validation)
            guard rmse.isFinite else {
                throw InputError(
                    "training diverged at epoch \(epoch) (validation RMSE \(rmse)): lower the learning rate")
            }
            curve.append(rmse)
            if rmse < bestRMSE { bestRMSE = rmse; bestEpoch = epoch; best = network }
            if epoch - bestEpoch >= options.patience { break }
        }
        return TrainingResult(network: best, validationRMSE: curve, bestEpoch: bestEpoch)
    }
}
