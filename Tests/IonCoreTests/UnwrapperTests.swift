import IonCore
import IonTestSupport
import XCTest

final class UnwrapperTests: XCTestCase {
    /// Random walks in a triclinic cell, wrapped; unwrapping must give back the walk.
    func testRecoversRandomWalksWithAndWithoutImageFlags() throws {
        var random = SeededRandom(seed: 21)
        let box = Box(lx: 10, ly: 11, lz: 12, xy: 4, xz: -3, yz: 2, origin: Vec3(1, -2, 3))!
        let n = 50
        var truth = (0..<n).map { _ in box.position(fractional: random.vector(in: 0..<1)) }
        var plain = Unwrapper(), flagged = Unwrapper()
        var offsets: [Vec3] = []
        for frameIndex in 0..<300 {
            if frameIndex > 0 {
                for i in 0..<n { truth[i] += Vec3(random.normal(), random.normal(), random.normal()) * 0.4 }
            }
            var frame = Frame(positions: truth.map(box.wrap), box: box)
            frame.wrapping = .wrapped
            let fromDisplacements = plain.unwrap(frame)
            frame.images = zip(truth, frame.positions).map { u, w in
                let s = box.fractional(displacement: u - w)
                return SIMD3<Int32>(Int32(s.x.rounded()), Int32(s.y.rounded()), Int32(s.z.rounded()))
            }
            let fromImages = flagged.unwrap(frame)
            // Without image flags the first frame fixes the image; after that the offset between
            // the walk and the unwrapped path never changes.
            if frameIndex == 0 { offsets = (0..<n).map { truth[$0] - fromDisplacements[$0] } }
            for i in 0..<n {
                XCTAssertEqual(
                    (truth[i] - fromDisplacements[i] - offsets[i]).length, 0, accuracy: 1e-9,
                    "frame \(frameIndex), atom \(i)")
                XCTAssertEqual((fromImages[i] - truth[i]).length, 0, accuracy: 1e-9, "frame \(frameIndex), atom \(i)")
            }
        }
        XCTAssertEqual(plain.largeJumps, 0)
    }

    func testDisplacementSchemeKeepsStepsInAFluctuatingCell() throws {
        // NPT-like: the cell breathes; each unwrapped step must equal the minimum-image step in
        // the current cell, never a jump of a whole (changed) cell.
        var random = SeededRandom(seed: 4)
        var unwrapper = Unwrapper()
        var previous: [Vec3] = []
        var position = [Vec3(1, 1, 1), Vec3(9.9, 0.1, 5)]
        for k in 0..<200 {
            let scale = 1 + 0.05 * sin(Double(k) / 7)
            let box = Box(lx: 10 * scale, ly: 10 * scale, lz: 10 * scale, xy: 1, xz: 0, yz: 0)!
            for i in position.indices { position[i] += Vec3(random.normal(), random.normal(), random.normal()) * 0.3 }
            var frame = Frame(positions: position.map(box.wrap), box: box)
            frame.wrapping = .wrapped
            let u = unwrapper.unwrap(frame)
            if !previous.isEmpty {
                for i in u.indices { XCTAssertLessThan((u[i] - previous[i]).length, 3.0, "frame \(k): a jump") }
            }
            previous = u
        }
    }

    func testLargeJumpsAreCounted() throws {
        let box = Box(lx: 10, ly: 10, lz: 10)!
        var unwrapper = Unwrapper()
        var frame = Frame(positions: [Vec3(1, 1, 1)], box: box)
        frame.wrapping = .wrapped
        unwrapper.unwrap(frame)
        frame.positions = [Vec3(4.5, 1, 1)]  // 3.5 Å of a 10 Å cell between frames
        unwrapper.unwrap(frame)
        XCTAssertEqual(unwrapper.largeJumps, 1)
        XCTAssertEqual(unwrapper.firstLargeJumpFrame, 1)
    }
}
