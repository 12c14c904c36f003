import IonCore
import IonTestSupport
import XCTest

final class BoxTests: XCTestCase {
    /// The shortest image by brute force over images −5…5 in each direction.
    func bruteForceMinimumImage(_ d: Vec3, _ box: Box) -> Vec3 {
        var best = d
        for i in -5...5 {
            for j in -5...5 {
                for k in -5...5 {
                    let candidate = d + Double(i) * box.a + Double(j) * box.b + Double(k) * box.c
                    if candidate.squaredLength < best.squaredLength { best = candidate }
                }
            }
        }
        return best
    }

    func testMinimumImageMatchesBruteForceInOrthorhombicAndTriclinicCells() throws {
        var random = SeededRandom(seed: 7)
        let boxes = [
            Box(lx: 10, ly: 12, lz: 15)!,
            Box(lx: 10, ly: 11, lz: 12, xy: 4.9, xz: -4.9, yz: 5.4)!,  // LAMMPS's maximum tilt
            Box(lengths: Vec3(9, 10, 11), anglesDegrees: 70, 110, 60)!,
        ]
        for (b, box) in boxes.enumerated() {
            for trial in 0..<2000 {
                let d = random.vector(in: -20..<20)
                let fast = box.minimumImage(d)
                let slow = bruteForceMinimumImage(d, box)
                XCTAssertEqual(fast.length, slow.length, accuracy: 1e-9, "box \(b), trial \(trial), d = \(d)")
                // The result differs from d by a lattice vector.
                let s = box.fractional(displacement: fast - d)
                for axis in 0..<3 { XCTAssertEqual(s[axis], s[axis].rounded(), accuracy: 1e-9) }
            }
        }
    }

    func testWrapPutsPositionsInsideTheCellAndMovesByLatticeVectors() throws {
        var random = SeededRandom(seed: 3)
        let box = Box(lx: 10, ly: 11, lz: 12, xy: 3, xz: -2, yz: 1, origin: Vec3(-5, 2, 1))!
        for _ in 0..<1000 {
            let r = random.vector(in: -50..<50)
            let w = box.wrap(r)
            let s = box.fractional(position: w)
            for axis in 0..<3 { XCTAssert(s[axis] >= 0 && s[axis] < 1, "fractional \(s) outside [0,1)") }
            let shift = box.fractional(displacement: w - r)
            for axis in 0..<3 { XCTAssertEqual(shift[axis], shift[axis].rounded(), accuracy: 1e-9) }
        }
    }

    func testTriclinicCellGivesTheSameDistancesAsItsOrthorhombicEquivalent() throws {
        // A cell with tilt xy = lx is the same lattice as the orthorhombic one.
        let ortho = Box(lx: 10, ly: 10, lz: 10)!
        let tilted = Box(lx: 10, ly: 10, lz: 10, xy: 10, xz: 0, yz: 0)!
        var random = SeededRandom(seed: 11)
        for _ in 0..<500 {
            let d = random.vector(in: -30..<30)
            XCTAssertEqual(ortho.minimumImage(d).length, tilted.minimumImage(d).length, accuracy: 1e-9)
        }
    }

    func testLengthsAnglesVolumeRoundTrip() throws {
        let box = Box(lengths: Vec3(9, 10, 11), anglesDegrees: 80, 95, 105)!
        XCTAssertEqual(box.lengths.x, 9, accuracy: 1e-12)
        XCTAssertEqual(box.lengths.y, 10, accuracy: 1e-12)
        XCTAssertEqual(box.lengths.z, 11, accuracy: 1e-12)
        XCTAssertEqual(box.anglesDegrees.x, 80, accuracy: 1e-9)
        XCTAssertEqual(box.anglesDegrees.y, 95, accuracy: 1e-9)
        XCTAssertEqual(box.anglesDegrees.z, 105, accuracy: 1e-9)
        XCTAssert(Box(lengths: Vec3(5, 6, 7), anglesDegrees: 90, 90, 90)!.isOrthorhombic)
        XCTAssertEqual(Box(lx: 2, ly: 3, lz: 4, xy: 1, xz: 1, yz: 1)!.volume, 24, accuracy: 1e-12)
        XCTAssertNil(Box(lx: 0, ly: 1, lz: 1), "a degenerate cell is rejected")
        XCTAssertNil(Box(lx: .nan, ly: 1, lz: 1))
    }

    func testPerpendicularWidthsOfATiltedCell() throws {
        let box = Box(lx: 10, ly: 10, lz: 10, xy: 5, xz: 0, yz: 0)!
        XCTAssertEqual(box.perpendicularWidths.x, 20 / 5.0.squareRoot(), accuracy: 1e-12)  // V / |b × c|
        XCTAssertEqual(box.perpendicularWidths.y, 10, accuracy: 1e-12)
        XCTAssertEqual(box.perpendicularWidths.z, 10, accuracy: 1e-12)
    }
}
