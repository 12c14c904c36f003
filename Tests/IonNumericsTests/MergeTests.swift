import Foundation
import IonNumerics
import IonTestSupport
import XCTest

/// Partial correlation and MSD sums over disjoint series merge into the sums over all series, and
/// survive a round trip through JSON (the state a rank or a checkpoint hands on).
final class MergeTests: XCTestCase {
    func series(_ count: Int, length: Int, seed: UInt64) -> [[Double]] {
        var random = SeededRandom(seed: seed)
        return (0..<count).map { _ in
            var x = 0.0
            return (0..<length).map { _ in
                x += random.normal(); return x
            }
        }
    }

    func testSplitCorrelationsMergeToTheWhole() throws {
        let all = series(9, length: 100, seed: 3)
        for split in [0, 1, 4, 9] {
            var whole = CorrelationAccumulator(length: 100), first = whole, second = whole
            var wholeMSD = MSDAccumulator(length: 100), firstMSD = wholeMSD, secondMSD = wholeMSD
            for (k, s) in all.enumerated() {
                whole.add(s); wholeMSD.add(s)
                if k < split { first.add(s); firstMSD.add(s) } else { second.add(s); secondMSD.add(s) }
            }
            // Through JSON, as a partial state would travel.
            let decoded = try JSONDecoder().decode(CorrelationAccumulator.self, from: try JSONEncoder().encode(second))
            let decodedMSD = try JSONDecoder().decode(MSDAccumulator.self, from: try JSONEncoder().encode(secondMSD))
            first.merge(decoded); firstMSD.merge(decodedMSD)
            XCTAssertEqual(first.seriesCount, 9)
            for (a, b) in zip(first.result(), whole.result()) {
                XCTAssertEqual(a, b, accuracy: 1e-11 * max(1, abs(b)), "split \(split)")
            }
            for (a, b) in zip(firstMSD.result(), wholeMSD.result()) {
                XCTAssertEqual(a, b, accuracy: 1e-11 * max(1, abs(b)), "MSD split \(split)")
            }
        }
    }

    func testACorruptStateIsRefused() {
        let text = #"{"length": 4, "powerSum": [1, 2], "seriesCount": 1}"#
        XCTAssertThrowsError(try JSONDecoder().decode(CorrelationAccumulator.self, from: Data(text.utf8)))
    }
}
