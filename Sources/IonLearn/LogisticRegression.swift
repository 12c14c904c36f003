import Foundation
import IonCore
import IonNumerics

/// Features rescaled to zero mean and unit variance, feature by feature (the population standard
/// deviation, as scikit-learn's `StandardScaler`); a constant feature is only centred.
public struct Standardizer: Codable, Sendable, Equatable {
    public var mean: [Double]
    public var scale: [Double]

    /// Fitted to the rows of `x` (row-major, `features` per row).
    public init(fitting x: [Double], features: Int) {
        let n = x.count / max(features, 1)
        var mean = [Double](repeating: 0, count: features), squares = mean
        for r in 0..<n { for k in 0..<features { mean[k] += x[r * features + k] } }
        for k in 0..<features { mean[k] /= Double(max(n, 1)) }
        for r in 0..<n {
            for k in 0..<features {
                let d = x[r * features + k] - mean[k]
                squares[k] += d * d
            }
        }
        self.mean = mean
        scale = squares.map { s in
            let sd = (s / Double(max(n, 1))).squareRoot()
            return sd > 0 ? sd : 1
        }
    }

    /// `x` (row-major) standardised.
    public func apply(_ x: [Double]) -> [Double] {
        let d = mean.count
        var out = x
        for k in out.indices { out[k] = (out[k] - mean[k % d]) / scale[k % d] }
        return out
    }
}

/// L2-regularised logistic regression, the classifier of a softness study: minimises
/// ½‖w‖² + C Σᵢ sᵢ log(1 + exp(−yᵢ (w·xᵢ + b))) over w and an unpenalised intercept b, with
/// yᵢ = ±1 and sample weights sᵢ (1, or n/(2 n_class) with class balancing) — scikit-learn's
/// `LogisticRegression(penalty="l2", C=C)` objective — by Newton's method with a backtracking
/// line search, until the gradient is below 10⁻¹⁰ of its starting size or the Newton decrement
/// below 10⁻²⁰ of the objective (the optimum to rounding).
public enum LogisticRegression {
    /// Fits to `x` (row-major, `features` per row) and `labels` (true = the positive class).
    /// - Throws: ``InputError`` without both classes, or when Newton's method fails.
    public static func fit(_ x: [Double], features d: Int, labels: [Bool], c: Double, balanced: Bool = false) throws
        -> LinearModel
    {
        let n = labels.count
        let cost = try sampleCosts(x, features: d, labels, c: c, balanced: balanced, classifier: "logistic regression")
        let p = d + 1
        var theta = [Double](repeating: 0, count: p)
        func objective(_ t: [Double]) -> Double {
            var f = 0.0
            for k in 0..<d { f += 0.5 * t[k] * t[k] }
            let z = linearScores(x, weights: Array(t[0..<d]), intercept: t[d])
            for i in 0..<n {
                let m = labels[i] ? z[i] : -z[i]
                f += cost[i] * (m > 0 ? log1p(exp(-m)) : -m + log1p(exp(m)))
            }
            return f
        }
        var current = objective(theta)
        var firstNorm: Double?
        var steps = 0
        for iteration in 1...100 {
            var gradient = [Double](repeating: 0, count: p), hessian = [Double](repeating: 0, count: p * p)
            for k in 0..<d { gradient[k] = theta[k]; hessian[k * p + k] = 1 }
            Self.accumulate(x, features: d, labels: labels, cost: cost, theta: theta, &gradient, &hessian)
            let norm = gradient.map(abs).max()!
            if firstNorm == nil { firstNorm = max(norm, 1e-300) }
            if norm <= 1e-10 * firstNorm! || norm < 1e-14 {
                return LinearModel(weights: Array(theta[0..<d]), intercept: theta[d], c: c, iterations: iteration - 1)
            }
            guard let step = solveSymmetric(hessian, gradient, n: p) else {
                throw InputError("logistic regression: the Hessian is singular (features that repeat one another?)")
            }
            var t = 1.0, next = theta, value = current
            // The Newton decrement gᵀH⁻¹g: twice the objective's distance to the optimum, to second order.
            let slope = zip(gradient, step).reduce(0) { $0 + $1.0 * $1.1 }
            if slope <= 1e-20 * max(1, abs(current)) {
                return LinearModel(weights: Array(theta[0..<d]), intercept: theta[d], c: c, iterations: iteration - 1)
            }
            while t > 1e-12 {
                for a in 0..<p { next[a] = theta[a] - t * step[a] }
                value = objective(next)
                if value <= current - 1e-4 * t * slope { break }
                t *= 0.5
            }
            if value >= current { break }  // no descent left: at the optimum to rounding
            theta = next; current = value; steps = iteration
        }
        return LinearModel(weights: Array(theta[0..<d]), intercept: theta[d], c: c, iterations: steps)
    }

    /// The data terms of the gradient and the Hessian at `theta`, through ``addNewtonTerms``.
    private static func accumulate(
        _ x: [Double], features d: Int, labels: [Bool], cost: [Double], theta: [Double],
        _ gradient: inout [Double], _ hessian: inout [Double]
    ) {
        let z = linearScores(x, weights: Array(theta[0..<d]), intercept: theta[d])
        var g = [Double](repeating: 0, count: labels.count), h = g
        for i in labels.indices {
            let probability = 1 / (1 + exp(-z[i]))
            g[i] = cost[i] * (probability - (labels[i] ? 1 : 0))
            h[i] = cost[i] * probability * (1 - probability)
        }
        addNewtonTerms(x, features: d, slopes: g, curvatures: h, gradient: &gradient, hessian: &hessian)
    }
}

/// How well scores separate two classes: the counts at threshold 0, the rates, and the ROC curve
/// with its area (the Mann–Whitney probability that a positive scores above a negative).
public struct ClassificationMetrics: Codable, Sendable, Equatable {
    public var samples: Int
    public var truePositives: Int, falsePositives: Int, trueNegatives: Int, falseNegatives: Int
    public var accuracy: Double
    /// nil when nothing was predicted positive (precision) or nothing is positive (recall).
    public var precision: Double?, recall: Double?, f1: Double?
    public var rocAUC: Double
    /// False- and true-positive rates as the threshold falls through the scores.
    public var rocFalsePositiveRate: [Double], rocTruePositiveRate: [Double]

    public init(scores: [Double], labels: [Bool]) {
        samples = labels.count
        var tp = 0, fp = 0, tn = 0, fn = 0
        for (s, y) in zip(scores, labels) {
            switch (s > 0, y) {
            case (true, true): tp += 1
            case (true, false): fp += 1
            case (false, false): tn += 1
            case (false, true): fn += 1
            }
        }
        truePositives = tp; falsePositives = fp; trueNegatives = tn; falseNegatives = fn
        accuracy = Double(tp + tn) / Double(max(samples, 1))
        precision = tp + fp > 0 ? Double(tp) / Double(tp + fp) : nil
        recall = tp + fn > 0 ? Double(tp) / Double(tp + fn) : nil
        if let p = precision, let r = recall, p + r > 0 { f1 = 2 * p * r / (p + r) } else { f1 = nil }
        // ROC: scores in falling order, ties taken together.
        let order = scores.indices.sorted { scores[$0] > scores[$1] }
        let positives = Double(tp + fn), negatives = Double(fp + tn)
        var fpr = [0.0], tpr = [0.0], t = 0.0, f = 0.0, area = 0.0
        var k = 0
        while k < order.count {
            var j = k
            var dt = 0.0, df = 0.0
            while j < order.count && scores[order[j]] == scores[order[k]] {
                if labels[order[j]] { dt += 1 } else { df += 1 }
                j += 1
            }
            area += df * (t + 0.5 * dt)
            t += dt; f += df
            fpr.append(negatives > 0 ? f / negatives : 0); tpr.append(positives > 0 ? t / positives : 0)
            k = j
        }
        rocAUC = positives > 0 && negatives > 0 ? area / (positives * negatives) : 0.5
        rocFalsePositiveRate = fpr; rocTruePositiveRate = tpr
    }
}

/// w·x + b for each row of `x` (row-major, `weights.count` per row).
func linearScores(_ x: [Double], weights: [Double], intercept: Double) -> [Double] {
    let d = weights.count, n = x.count / max(d, 1)
    var scores = [Double](repeating: intercept, count: n)
    x.withUnsafeBufferPointer { x in
        weights.withUnsafeBufferPointer { w in
            for i in 0..<n {
                var z = intercept
                for k in 0..<d { z += w[k] * x[i * d + k] }
                scores[i] = z
            }
        }
    }
    return scores
}

/// Each sample's share of the loss, C·sᵢ: C, or C·n/(2 n_class) with class balancing — after
/// checking the set-up every linear classifier shares.
/// - Precondition: `x` holds `features` values per label.
/// - Throws: ``InputError`` without samples of both classes, or for a C that is not positive.
func sampleCosts(_ x: [Double], features d: Int, _ labels: [Bool], c: Double, balanced: Bool, classifier: String)
    throws -> [Double]
{
    precondition(x.count == labels.count * d, "the features do not match the labels")
    let n = labels.count, positives = labels.filter { $0 }.count
    guard positives > 0, positives < n else {
        throw InputError("\(classifier) needs samples of both classes; got \(positives) of \(n) positive")
    }
    guard c > 0, c.isFinite else { throw InputError("the regularisation C must be positive; got \(c)") }
    return labels.map { c * (balanced ? Double(n) / (2 * Double($0 ? positives : n - positives)) : 1) }
}
