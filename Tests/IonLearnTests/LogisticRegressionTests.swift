import Foundation
import IonLearn
import IonTestSupport
import XCTest

/// Logistic regression and the linear SVM against scikit-learn 1.9.1 on the same standardised features and labels
/// (`validation/softness/make_sklearn_reference.py` made the fixture), against a model with known
/// weights, and the metrics against scikit-learn's.
final class LogisticRegressionTests: XCTestCase {
    struct Reference: Decodable {
        struct Fit: Decodable {
            var C: Double, balanced: Bool, weights: [Double], intercept: Double
            var accuracy: Double, precision: Double, recall: Double, f1: Double, auc: Double
        }
        struct SVM: Decodable { var C: Double, balanced: Bool, weights: [Double], intercept: Double, accuracy: Double }
        var features: Int, x: [Double], y: [Bool], fits: [Fit], svms: [SVM]
    }

    let reference: Reference = {
        let url = Bundle.module.url(forResource: "Fixtures", withExtension: nil)!
            .appendingPathComponent("sklearn-logistic.json")
        return try! JSONDecoder().decode(Reference.self, from: Data(contentsOf: url))
    }()

    /// Fits every reference case with `classifier` and checks the hyperplane to 10⁻⁶ (relative, or
    /// of 0.01 for small values) and the accuracy exactly; returns each fit's scores.
    func checkHyperplanes(
        _ classifier: LinearClassifier, _ cases: [(c: Double, balanced: Bool, weights: [Double], intercept: Double)],
        accuracies: [Double]
    ) throws -> [[Double]] {
        let d = reference.features
        let x = Standardizer(fitting: reference.x, features: d).apply(reference.x)
        var scores: [[Double]] = []
        for (fit, accuracy) in zip(cases, accuracies) {
            let model = try classifier.fit(x, features: d, labels: reference.y, c: fit.c, balanced: fit.balanced)
            let name = "\(classifier) C = \(fit.c), balanced \(fit.balanced)"
            for (ours, theirs) in zip(model.weights + [model.intercept], fit.weights + [fit.intercept]) {
                XCTAssertEqual(ours, theirs, accuracy: 1e-6 * max(abs(theirs), 1e-2), name)
            }
            let score = model.decision(x)
            XCTAssertEqual(ClassificationMetrics(scores: score, labels: reference.y).accuracy, accuracy, name)
            scores.append(score)
        }
        return scores
    }

    func testCoefficientsAndMetricsEqualScikitLearns() throws {
        let fits = reference.fits
        let scores = try checkHyperplanes(
            .logistic, fits.map { ($0.C, $0.balanced, $0.weights, $0.intercept) }, accuracies: fits.map(\.accuracy))
        for (fit, score) in zip(fits, scores) {
            let metrics = ClassificationMetrics(scores: score, labels: reference.y)
            XCTAssertEqual(try XCTUnwrap(metrics.precision), fit.precision, accuracy: 1e-12)
            XCTAssertEqual(try XCTUnwrap(metrics.recall), fit.recall, accuracy: 1e-12)
            XCTAssertEqual(try XCTUnwrap(metrics.f1), fit.f1, accuracy: 1e-12)
            XCTAssertEqual(metrics.rocAUC, fit.auc, accuracy: 1e-12)
        }
    }

    func testLinearSVMEqualsScikitLearns() throws {
        let svms = reference.svms
        _ = try checkHyperplanes(
            .svm, svms.map { ($0.C, $0.balanced, $0.weights, $0.intercept) }, accuracies: svms.map(\.accuracy))
    }

    /// 20,000 samples from p(y = 1 | x) = σ(w·x + b) with w = (2, −1, 0.5), b = 0.3 and C large:
    /// the fit recovers w and b within a few standard errors (≈ 0.03).
    func testKnownWeightsAreRecovered() throws {
        var random = SeededRandom(seed: 8)
        let truth = [2.0, -1.0, 0.5], b = 0.3
        var x: [Double] = [], y: [Bool] = []
        for _ in 0..<20_000 {
            let row = (0..<3).map { _ in random.normal() }
            let z = zip(row, truth).reduce(b) { $0 + $1.0 * $1.1 }
            x += row
            y.append(Double.random(in: 0..<1, using: &random) < 1 / (1 + exp(-z)))
        }
        let model = try LogisticRegression.fit(x, features: 3, labels: y, c: 1e6)
        for (w, t) in zip(model.weights, truth) { XCTAssertEqual(w, t, accuracy: 0.1) }
        XCTAssertEqual(model.intercept, b, accuracy: 0.1)
        XCTAssertLessThan(model.iterations, 20)
        XCTAssertThrowsError(try LogisticRegression.fit(x, features: 3, labels: y.map { _ in true }, c: 1))
    }

    func testROCOfPerfectAndOfTiedScores() {
        let perfect = ClassificationMetrics(scores: [-2, -1, 1, 2], labels: [false, false, true, true])
        XCTAssertEqual(perfect.rocAUC, 1)
        XCTAssertEqual(perfect.accuracy, 1)
        let tied = ClassificationMetrics(scores: [0.5, 0.5, 0.5, 0.5], labels: [false, true, false, true])
        XCTAssertEqual(tied.rocAUC, 0.5)
        XCTAssertEqual(tied.rocFalsePositiveRate, [0, 1])
    }
}
