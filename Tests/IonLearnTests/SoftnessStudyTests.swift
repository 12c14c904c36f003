import Foundation
import IonLearn
import IonTestSupport
import XCTest

/// The softness study on planted data: labels that follow one feature are learned (accuracy near
/// 1 on held-out windows, S rising with that feature); labels at random give chance.
final class SoftnessStudyTests: XCTestCase {
    func samples(windows: Int, centres: Int, planted: Bool) -> (x: [Double], labels: [Int8]) {
        var random = SeededRandom(seed: planted ? 1 : 2)
        var x: [Double] = [], labels: [Int8] = []
        for _ in 0..<(windows * centres) {
            let row = (0..<4).map { _ in random.normal() }
            x += row
            let signal = planted ? row[2] + 0.3 * random.normal() : random.normal()
            labels.append(signal > 0.8 ? 1 : signal < -0.8 ? -1 : 0)
        }
        return (x, labels)
    }

    func testAPlantedFeatureIsLearned() throws {
        let (x, labels) = samples(windows: 10, centres: 100, planted: true)
        let study = try SoftnessStudy(
            x, columns: ["a", "b", "c", "d"], labels: labels, windows: 10, grid: [0.01, 1, 100], folds: 4)
        XCTAssertEqual(study.trainingWindows, 7)
        XCTAssertEqual(study.testWindows, 3)
        XCTAssertGreaterThan(study.test.accuracy, 0.95)
        XCTAssertGreaterThan(study.test.rocAUC, 0.98)
        let w = study.model.weights
        XCTAssertGreaterThan(abs(w[2]), 5 * max(abs(w[0]), abs(w[1]), abs(w[3])), "\(w)")
        XCTAssertEqual(study.softness.count, 1000)
        let known = study.mobileProbability.compactMap { $0 }
        XCTAssertLessThan(known.first!, 0.1); XCTAssertGreaterThan(known.last!, 0.9)
    }

    func testRandomLabelsGiveChance() throws {
        let (x, labels) = samples(windows: 10, centres: 200, planted: false)
        let study = try SoftnessStudy(
            x, columns: ["a", "b", "c", "d"], labels: labels, windows: 10, grid: [0.01, 1], folds: 3)
        XCTAssertEqual(study.test.rocAUC, 0.5, accuracy: 0.1)
        XCTAssertThrowsError(
            try SoftnessStudy(x, columns: ["a", "b", "c", "d"], labels: labels, windows: 1, grid: [1]))
    }
}
