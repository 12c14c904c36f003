import Foundation
import IonCore
import IonNumerics

/// A linear support-vector machine with the squared hinge loss: minimises
/// ½(‖w‖² + b²) + C Σᵢ sᵢ max(0, 1 − yᵢ (w·xᵢ + b))² — scikit-learn's `LinearSVC` objective (liblinear,
/// the intercept penalised as the weight of a constant feature 1) — by Newton's method on the
/// generalised Hessian I + 2C Σ_active sᵢ x̃ᵢx̃ᵢᵀ (Keerthi and DeCoste, J. Mach. Learn. Res. 6, 341
/// (2005)), with a backtracking line search.
public enum LinearSVM {
    /// Fits to `x` (row-major, `features` per row) and `labels` (true = the positive class).
    /// - Throws: ``InputError`` without both classes or for a C that is not positive.
    public static func fit(_ x: [Double], features d: Int, labels: [Bool], c: Double, balanced: Bool = false) throws
        -> LinearModel
    {
        let n = labels.count
        let cost = try sampleCosts(
            x, features: d, labels, c: c, balanced: balanced, classifier: "a support-vector machine")
        let p = d + 1
        func margins(_ t: [Double]) -> [Double] {
            let z = linearScores(x, weights: Array(t[0..<d]), intercept: t[d])
            return (0..<n).map { i in 1 - (labels[i] ? z[i] : -z[i]) }
        }
        func objective(_ t: [Double]) -> Double {
            let m = margins(t)
            var f = 0.5 * t.reduce(0) { $0 + $1 * $1 }
            for i in 0..<n where m[i] > 0 { f += cost[i] * m[i] * m[i] }
            return f
        }
        var theta = [Double](repeating: 0, count: p), current = objective(theta)
        var firstNorm: Double?, steps = 0
        for iteration in 1...200 {
            let m = margins(theta)
            var gradient = theta, hessian = [Double](repeating: 0, count: p * p)
            for a in 0..<p { hessian[a * p + a] = 1 }
            var g = [Double](repeating: 0, count: n), h = g
            for i in 0..<n where m[i] > 0 {
                g[i] = -2 * cost[i] * m[i] * (labels[i] ? 1 : -1)
                h[i] = 2 * cost[i]
            }
            addNewtonTerms(x, features: d, slopes: g, curvatures: h, gradient: &gradient, hessian: &hessian)
            let norm = gradient.map(abs).max()!
            if firstNorm == nil { firstNorm = max(norm, 1e-300) }
            guard norm > 1e-12 * firstNorm!, let step = solveSymmetric(hessian, gradient, n: p) else { break }
            let slope = zip(gradient, step).reduce(0) { $0 + $1.0 * $1.1 }
            if slope <= 1e-24 * max(1, abs(current)) { break }
            var t = 1.0, next = theta, value = current
            while t > 1e-12 {
                for a in 0..<p { next[a] = theta[a] - t * step[a] }
                value = objective(next)
                if value <= current - 1e-4 * t * slope { break }
                t *= 0.5
            }
            if value >= current { break }
            theta = next; current = value; steps = iteration
        }
        return LinearModel(weights: Array(theta[0..<d]), intercept: theta[d], c: c, iterations: steps)
    }
}

/// The linear classifiers a softness study can train.
public enum LinearClassifier: String, Codable, Sendable, CaseIterable {
    case logistic = "logistic-regression"
    case svm = "linear-svm"

    /// The hyperplane fitted to `x` (row-major, `features` per row) and `labels`.
    public func fit(_ x: [Double], features d: Int, labels: [Bool], c: Double, balanced: Bool) throws -> LinearModel {
        switch self {
        case .logistic: try LogisticRegression.fit(x, features: d, labels: labels, c: c, balanced: balanced)
        case .svm: try LinearSVM.fit(x, features: d, labels: labels, c: c, balanced: balanced)
        }
    }
}

/// A fitted hyperplane w·x + b = 0 and the C it was fitted with.
public struct LinearModel: Codable, Sendable, Equatable {
    public var weights: [Double]
    public var intercept: Double
    public var c: Double
    public var iterations: Int

    /// w·x + b for each row of `x`.
    public func decision(_ x: [Double]) -> [Double] { linearScores(x, weights: weights, intercept: intercept) }

    /// The signed distance (w·x + b)/‖w‖ of each row to the hyperplane: the softness S.
    public func distance(_ x: [Double]) -> [Double] {
        let norm = weights.reduce(0) { $0 + $1 * $1 }.squareRoot()
        return decision(x).map { norm > 0 ? $0 / norm : 0 }
    }
}
