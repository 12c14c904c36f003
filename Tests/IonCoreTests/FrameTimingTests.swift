import IonCore
import XCTest

/// The one rule for the time between frames: even frames give their interval; missing,
/// duplicated, backward or differently spaced frames are refused with the frames named.
final class FrameTimingTests: XCTestCase {
    func timing(_ times: [Double?]) -> FrameTiming {
        var timing = FrameTiming()
        for t in times { timing.record(t) }
        return timing
    }

    func message(_ times: [Double?]) -> String {
        do {
            _ = try timing(times).evenInterval(for: "the test")
            return "accepted"
        } catch { return "\(error)" }
    }

    func testEvenFramesGiveTheMeanInterval() throws {
        let times = (0..<101).map { Double($0) * 0.002 * 375 }
        XCTAssertEqual(try timing(times).evenInterval(for: "the test"), 0.75, accuracy: 1e-15)
        // Single-precision times (XTC) jitter by far less than 10⁻³ of the interval.
        let jittered = (0..<50).map { Double(Float(Double($0) * 10 + 10_000)) }
        XCTAssertEqual(try timing(jittered).evenInterval(for: "the test"), 10, accuracy: 1e-3)
    }

    func testEveryBrokenTimelineIsRefusedNamingTheFrames() {
        var missing = (0..<100).map { Double($0) }
        missing.removeSubrange(30..<70)  // 40 % of the frames gone
        XCTAssertTrue(message(missing).contains("frames 29 and 30 are 41.0 apart"), message(missing))
        let duplicated = [0, 1, 2, 2, 3, 4].map { Double($0) }
        XCTAssertTrue(
            message(duplicated).contains("do not increase (frame 2 at 2.0, frame 3 at 2.0)"), message(duplicated))
        let backward = [0, 1, 2, 3, 1.5, 2.5].map { Double($0) }
        XCTAssertTrue(message(backward).contains("do not increase"), message(backward))
        let reversedParts = [5, 6, 7, 0, 1, 2].map { Double($0) }
        XCTAssertTrue(message(reversedParts).contains("frame 2 at 7.0, frame 3 at 0.0"), message(reversedParts))
        let restart = [0, 1, 2, 3, 3.5, 4, 4.5].map { Double($0) }  // a restart written twice as often
        XCTAssertTrue(message(restart).contains("not evenly spaced"), message(restart))
        XCTAssertTrue(message([0, 1, nil, 3]).contains("needs the time between frames"), message([0, 1, nil, 3]))
        XCTAssertTrue(message([0]).contains("at least 2 frames"), message([0]))
    }
}
