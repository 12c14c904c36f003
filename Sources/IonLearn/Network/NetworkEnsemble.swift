import Foundation
import IonCore
import IonNumerics

/// How an ensemble is trained (Jones et al. 2022, doi:10.48550/arXiv.2208.03182, Methods): a
/// random share of the groups is held out for testing; the rest is split into `folds` parts,
/// and for each fold `seedsPerFold` networks (different initialisations and batch orders) train
/// on the other parts with early stopping on that fold. The paper's: 10 % test, 5 folds × 5
/// seeds = 25 networks, two hidden layers of 100, Adam at 5·10⁻⁴, up to 1000 epochs.
public struct EnsembleOptions: Codable, Sendable, Equatable {
    public var testFraction: Double
    public var folds: Int
    public var seedsPerFold: Int
    /// Widths of the hidden layers.
    public var hidden: [Int]
    public var activation: Activation
    /// Epochs, learning rate, groups per batch and patience of every member; its seed seeds the
    /// split, the members' seeds follow from it.
    public var training: TrainingOptions

    public init(
        testFraction: Double = 0.1, folds: Int = 5, seedsPerFold: Int = 5, hidden: [Int] = [100, 100],
        activation: Activation = .relu,
        training: TrainingOptions = TrainingOptions(
            epochs: 1000, learningRate: 5e-4, batchGroups: 1, patience: 100, seed: 1)
    ) {
        self.testFraction = testFraction; self.folds = folds; self.seedsPerFold = seedsPerFold
        self.hidden = hidden; self.activation = activation; self.training = training
    }
}

/// An ensemble of networks, each mapping a standardised sample to one number, trained on group
/// means (``GroupedDataset``). Its prediction is the members' mean, its uncertainty their
/// standard deviation.
public struct NetworkEnsemble<S: NetworkScalar>: Sendable {
    public var members: [MultilayerPerceptron<S>]
    /// Applied to every sample before the networks (fitted on the training and validation groups).
    public var standardizer: Standardizer
    /// The groups held out for testing, and each member's validation fold and best epoch.
    public var testGroups: [Int]
    public var validationGroups: [[Int]]
    public var bestEpochs: [Int]
    public var validationRMSE: [Double]
    public var options: EnsembleOptions

    public init(
        members: [MultilayerPerceptron<S>], standardizer: Standardizer, testGroups: [Int],
        validationGroups: [[Int]], bestEpochs: [Int], validationRMSE: [Double], options: EnsembleOptions
    ) {
        self.members = members; self.standardizer = standardizer; self.testGroups = testGroups
        self.validationGroups = validationGroups; self.bestEpochs = bestEpochs
        self.validationRMSE = validationRMSE; self.options = options
    }

    /// The test groups (a random `testFraction` of them, at least one when there are ten or more
    /// groups) and the folds of the others.
    @inlinable
    public static func split(groups: Int, options: EnsembleOptions) throws -> (test: [Int], folds: [[Int]]) {
        var random = SplitMix64(seed: options.training.seed)
        var order = Array(0..<groups)
        order.shuffle(using: &random)
        let testCount = groups >= 10 ? max(1, Int((options.testFraction * Double(groups)).rounded())) : 0
        let test = Array(order.prefix(testCount)).sorted()
        let rest = Array(order.dropFirst(testCount))
        guard options.folds >= 2, rest.count >= options.folds else {
            throw InputError(
                "\(rest.count) groups for training cannot be split into \(options.folds) folds (need at least 2 folds and one group each)"
            )
        }
        let folds = (0..<options.folds).map { f in
            stride(from: f, to: rest.count, by: options.folds).map { rest[$0] }.sorted()
        }
        return (test, folds)
    }

    /// Trains `folds × seedsPerFold` members on `data` (samples not yet standardised), spread
    /// over `threads` (nil: every core); the same members whatever the number of threads.
    @inlinable
    public static func trained(
        on data: GroupedDataset<S>, options: EnsembleOptions, threads: Int? = nil,
        progress: (@Sendable (Int, Int) -> Void)? = nil
    ) throws -> NetworkEnsemble {
        let (test, folds) = try split(groups: data.groups.count, options: options)
        let used = folds.flatMap { $0 }
        var fitted: [Double] = []
        for g in used {
            let range = data.groups[g]
            fitted += data.x[(range.lowerBound * data.width)..<(range.upperBound * data.width)].map { Double($0) }
        }
        let standardizer = Standardizer(fitting: fitted, features: data.width)
        var scaled = data
        standardize(&scaled.x, standardizer)
        let sizes = [data.width] + options.hidden + [1]
        let jobs = folds.count * options.seedsPerFold
        let done = SharedCounter()
        let frozen = scaled
        let results = try parallelMap(jobs, threads: threads) { job -> TrainingResult<S> in
            let fold = job / options.seedsPerFold
            let memberSeed = options.training.seed &+ 0x9E37_79B9 &* UInt64(job + 1)
            var training = options.training
            training.seed = memberSeed
            let network = MultilayerPerceptron<S>(sizes: sizes, activation: options.activation, seed: memberSeed)
            let others = folds.indices.filter { $0 != fold }.flatMap { folds[$0] }
            let result = try network.trained(
                on: frozen, training: others, validation: folds[fold], options: training)
            progress?((done.take(below: .max) ?? 0) + 1, jobs)
            return result
        }
        return NetworkEnsemble(
            members: results.map(\.network), standardizer: standardizer, testGroups: test,
            validationGroups: (0..<jobs).map { folds[$0 / options.seedsPerFold] },
            bestEpochs: results.map(\.bestEpoch),
            validationRMSE: results.map { $0.validationRMSE[$0.bestEpoch - 1] }, options: options)
    }

    /// Standardises row-major samples in place.
    @inlinable
    static func standardize(_ x: inout [S], _ standardizer: Standardizer) {
        let d = standardizer.mean.count
        for k in x.indices { x[k] = S((Double(x[k]) - standardizer.mean[k % d]) / standardizer.scale[k % d]) }
    }

    /// Every member's output for each of `rows` samples (not yet standardised): member-major,
    /// `outputs[m][i]`.
    @inlinable
    public func memberOutputs(_ x: [S], rows: Int) -> [[Double]] {
        var scaled = x
        Self.standardize(&scaled, standardizer)
        return members.map { network in
            var out: [Double] = []
            out.reserveCapacity(rows)
            let chunk = 4096
            var start = 0
            while start < rows {
                let n = min(chunk, rows - start)
                let slice = Array(scaled[(start * network.inputWidth)..<((start + n) * network.inputWidth)])
                out += network.predict(slice, batch: n).map { Double($0) }
                start += n
            }
            return out
        }
    }

    /// Mean and standard deviation over the members of each sample's output.
    @inlinable
    public func predict(_ x: [S], rows: Int) -> (mean: [Double], spread: [Double]) {
        Self.meanAndSpread(memberOutputs(x, rows: rows))
    }

    /// For each group of `data`: the ensemble's prediction of its mean (the members' mean of
    /// their group means) and the members' standard deviation.
    @inlinable
    public func groupPredictions(_ data: GroupedDataset<S>) -> (mean: [Double], spread: [Double]) {
        let outputs = memberOutputs(data.x, rows: data.x.count / data.width)
        let perMember = outputs.map { out in
            data.groups.map { range in range.reduce(0.0) { $0 + out[$1] } / Double(range.count) }
        }
        return Self.meanAndSpread(perMember)
    }

    /// Mean and standard deviation (n − 1) over the first index.
    @inlinable
    public static func meanAndSpread(_ values: [[Double]]) -> (mean: [Double], spread: [Double]) {
        let m = Double(values.count)
        guard let width = values.first?.count else { return ([], []) }
        var mean = [Double](repeating: 0, count: width), spread = mean
        for row in values { for i in 0..<width { mean[i] += row[i] } }
        for i in 0..<width { mean[i] /= m }
        if values.count > 1 {
            for row in values {
                for i in 0..<width {
                    let d = row[i] - mean[i]
                    spread[i] += d * d
                }
            }
            for i in 0..<width { spread[i] = (spread[i] / (m - 1)).squareRoot() }
        }
        return (mean, spread)
    }
}

/// The coefficient of determination R² = 1 − Σ(y − ŷ)²/Σ(y − ȳ)²; nil for fewer than two points
/// or targets without spread.
public func coefficientOfDetermination(_ y: [Double], _ predicted: [Double]) -> Double? {
    guard y.count >= 2, y.count == predicted.count else { return nil }
    let mean = y.reduce(0, +) / Double(y.count)
    var residual = 0.0, total = 0.0
    for i in y.indices {
        residual += (y[i] - predicted[i]) * (y[i] - predicted[i])
        total += (y[i] - mean) * (y[i] - mean)
    }
    return total > 0 ? 1 - residual / total : nil
}
