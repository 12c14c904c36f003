import Foundation
import IonCore

/// Stratified k-fold cross-validation of a ``LinearClassifier`` over a grid of C: the folds take
/// the positives and the negatives in turn (sample order, no shuffling), the standardiser is
/// fitted to each training part alone, and the C with the best mean held-out accuracy wins (the
/// smaller C on a tie). The fits, one per C and fold, run on several threads.
public struct CrossValidation: Codable, Sendable, Equatable {
    public var folds: Int
    public var grid: [Double]
    public var meanAccuracy: [Double], accuracySpread: [Double]
    public var chosen: Double

    public init(
        _ x: [Double], features d: Int, labels: [Bool], grid: [Double], folds k: Int, balanced: Bool,
        classifier: LinearClassifier = .logistic, threads: Int? = 1
    ) throws {
        let positives = labels.indices.filter { labels[$0] }, negatives = labels.indices.filter { !labels[$0] }
        guard k >= 2, positives.count >= k, negatives.count >= k else {
            throw InputError(
                "\(k)-fold cross-validation needs at least \(k) samples of each class; got \(positives.count) and \(negatives.count)"
            )
        }
        var fold = [Int](repeating: 0, count: labels.count)
        for (r, i) in positives.enumerated() { fold[i] = r % k }
        for (r, i) in negatives.enumerated() { fold[i] = r % k }
        folds = k; self.grid = grid
        let rows = { (indices: [Int]) in indices.flatMap { x[($0 * d)..<($0 * d + d)] } }
        let accuracy = try parallelMap(grid.count * k, threads: threads) { job in
            let c = grid[job / k], f = job % k
            let train = labels.indices.filter { fold[$0] != f }, test = labels.indices.filter { fold[$0] == f }
            let scaler = Standardizer(fitting: rows(train), features: d)
            let model = try classifier.fit(
                scaler.apply(rows(train)), features: d, labels: train.map { labels[$0] }, c: c, balanced: balanced)
            let scores = model.decision(scaler.apply(rows(test)))
            return ClassificationMetrics(scores: scores, labels: test.map { labels[$0] }).accuracy
        }
        var means: [Double] = [], spreads: [Double] = []
        for g in grid.indices {
            let accuracies = accuracy[(g * k)..<((g + 1) * k)]
            let mean = accuracies.reduce(0, +) / Double(k)
            means.append(mean)
            spreads.append((accuracies.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(k - 1)).squareRoot())
        }
        meanAccuracy = means; accuracySpread = spreads
        let best = means.indices.max { means[$0] < means[$1] || (means[$0] == means[$1] && $0 > $1) }!
        chosen = grid[best]
    }
}

/// A softness study (Cubuk et al. 2015, doi:10.1103/PhysRevLett.114.108001; Schoenholz et al.
/// 2016, doi:10.1038/nphys3644): descriptors of each centre at the start of each window, labels
/// mobile (+1) or immobile (−1) from that window's rearrangement (0: neither, not trained on);
/// the earlier windows train a logistic regression or a linear SVM (C by cross-validation) and the
/// later ones test it. Softness S is the
/// signed distance to the hyperplane in standardised feature space, for every centre and window.
public struct SoftnessStudy: Codable, Sendable {
    /// Feature names, the standardiser and the model, as saved for use on other frames.
    public var columns: [String]
    public var standardizer: Standardizer
    public var classifier: LinearClassifier
    public var model: LinearModel
    /// Nil for a saved model applied to new frames (``init(applying:to:labels:windows:)``).
    public var crossValidation: CrossValidation?
    /// Windows used for training (0 for a saved model) and for testing (all of them then).
    public var trainingWindows: Int, testWindows: Int
    public var training: ClassificationMetrics?, test: ClassificationMetrics
    /// S of every sample (window-major, then centre).
    public var softness: [Double]
    /// P(label mobile | S) in bins of S over the labelled samples: bin centres, probability, samples.
    public var binCentres: [Double], mobileProbability: [Double?], binSamples: [Int]

    /// - Parameters:
    ///   - x: features, row-major, `windows × centres` rows of `columns.count`.
    ///   - labels: +1, −1 or 0 for each row.
    ///   - testFraction: share of the windows, the last ones, kept for testing.
    ///   - threads: threads for the cross-validation fits (nil: every core); the result is the same.
    /// - Throws: ``InputError`` with fewer than 2 windows, or too few labelled samples to fit.
    public init(
        _ x: [Double], columns: [String], labels: [Int8], windows: Int, grid: [Double], folds: Int = 5,
        balanced: Bool = true, testFraction: Double = 0.3, classifier: LinearClassifier = .logistic,
        threads: Int? = 1
    ) throws {
        let d = columns.count
        precondition(x.count == labels.count * d && labels.count % max(windows, 1) == 0)
        guard windows >= 2 else {
            throw InputError("a softness study needs at least 2 windows (one to train on, one to test); got \(windows)")
        }
        let perWindow = labels.count / windows
        let testWindows = min(windows - 1, max(1, Int((testFraction * Double(windows)).rounded())))
        let trainRows = (0..<((windows - testWindows) * perWindow)).filter { labels[$0] != 0 }
        let testRows = (((windows - testWindows) * perWindow)..<labels.count).filter { labels[$0] != 0 }
        let rows = { (indices: [Int]) in indices.flatMap { x[($0 * d)..<($0 * d + d)] } }
        let trainX = rows(trainRows), trainY = trainRows.map { labels[$0] > 0 }
        let crossValidation = try CrossValidation(
            trainX, features: d, labels: trainY, grid: grid, folds: folds, balanced: balanced, classifier: classifier,
            threads: threads)
        self.crossValidation = crossValidation
        standardizer = Standardizer(fitting: trainX, features: d)
        self.classifier = classifier
        model = try classifier.fit(
            standardizer.apply(trainX), features: d, labels: trainY, c: crossValidation.chosen, balanced: balanced)
        self.columns = columns
        self.trainingWindows = windows - testWindows; self.testWindows = testWindows
        training = ClassificationMetrics(scores: model.decision(standardizer.apply(trainX)), labels: trainY)
        test = ClassificationMetrics(
            scores: model.decision(standardizer.apply(rows(testRows))), labels: testRows.map { labels[$0] > 0 })
        softness = model.distance(standardizer.apply(x))
        (binCentres, mobileProbability, binSamples) = Self.mobileProbability(softness, labels: labels)
    }

    /// A saved model's S of other frames (or another trajectory): every window tests it.
    /// - Parameters:
    ///   - x: features, row-major, `labels.count` rows of the model's columns.
    /// - Throws: ``InputError`` without labelled samples of both kinds.
    public init(applying saved: SoftnessModel, to x: [Double], labels: [Int8], windows: Int) throws {
        let d = saved.columns.count
        precondition(x.count == labels.count * d)
        columns = saved.columns; standardizer = saved.standardizer; classifier = saved.classifier
        model = saved.linear; crossValidation = nil
        trainingWindows = 0; testWindows = windows; training = nil
        let rows = labels.indices.filter { labels[$0] != 0 }
        guard rows.contains(where: { labels[$0] > 0 }), rows.contains(where: { labels[$0] < 0 }) else {
            throw InputError(
                "testing a softness model needs mobile and immobile centres; the windows label none of one kind")
        }
        let softness = saved.linear.distance(saved.standardizer.apply(x))
        self.softness = softness
        test = ClassificationMetrics(scores: rows.map { softness[$0] }, labels: rows.map { labels[$0] > 0 })
        (binCentres, mobileProbability, binSamples) = Self.mobileProbability(softness, labels: labels)
    }

    /// P(mobile | S) over the labelled samples, in 20 bins spanning their S.
    static func mobileProbability(_ softness: [Double], labels: [Int8]) -> ([Double], [Double?], [Int]) {
        let labelled = labels.indices.filter { labels[$0] != 0 }
        let values = labelled.map { softness[$0] }
        let (low, high) = (values.min() ?? 0, values.max() ?? 0)
        let bins = 20, width = max(high - low, 1e-12) / Double(bins)
        var mobile = [Int](repeating: 0, count: bins), all = mobile
        for i in labelled {
            let b = min(bins - 1, Int((softness[i] - low) / width))
            all[b] += 1
            if labels[i] > 0 { mobile[b] += 1 }
        }
        return (
            (0..<bins).map { low + (Double($0) + 0.5) * width },
            (0..<bins).map { all[$0] > 0 ? Double(mobile[$0]) / Double(all[$0]) : nil }, all
        )
    }
}
