import IonAnalysis
import IonCore
import IonTestSupport
import XCTest

/// The cell-list pair loop against the O(N²) minimum-image loop, in tilted and upright cells.
final class NeighborSearchTests: XCTestCase {
    static let boxes: [(String, Box)] = [
        ("cube", Box(lx: 20, ly: 20, lz: 20)!),
        ("flat orthorhombic", Box(lx: 31, ly: 17, lz: 12.5)!),
        ("LAMMPS tilt", Box(lx: 20, ly: 18, lz: 22, xy: 5, xz: -4, yz: 3)!),
        ("strong tilt", Box(lx: 18, ly: 16, lz: 20, xy: 8.5, xz: 8, yz: -7.5)!),
        ("general vectors", Box(a: Vec3(19, 1, -2), b: Vec3(3, 17, 2), c: Vec3(-4, 5, 21))!),
        ("rhombohedral 60°", Box(lengths: Vec3(20, 20, 20), anglesDegrees: 60, 60, 60)!),
    ]

    /// Unordered pairs (i < j) within the cutoff by brute force, with r².
    func brutePairs(_ a: [Vec3], _ b: [Vec3]?, box: Box, cutoff: Double) -> [Int: Double] {
        var pairs: [Int: Double] = [:]
        let other = b ?? a
        for i in a.indices {
            for j in other.indices where b != nil || j > i {
                let r2 = box.minimumImage(other[j] - a[i]).squaredLength
                if r2 < cutoff * cutoff { pairs[i * 100_000 + j] = r2 }
            }
        }
        return pairs
    }

    func testCellListFindsExactlyTheBruteForcePairs() throws {
        var random = SeededRandom(seed: 7)
        for (name, box) in Self.boxes {
            let widths = box.perpendicularWidths
            let limit = min(widths.x, widths.y, widths.z) / 2
            // Positions spill outside the cell, as wrapped dumps do.
            let a = (0..<300).map { _ in box.position(fractional: random.vector(in: -0.2..<1.2)) }
            let b = (0..<200).map { _ in box.position(fractional: random.vector(in: 0..<1)) }
            for cutoff in [2.5, 0.5 * limit, limit] {
                let expectedAA = Set(brutePairs(a, nil, box: box, cutoff: cutoff).keys)
                let expectedAB = Set(brutePairs(a, b, box: box, cutoff: cutoff).keys)
                for reach in [1, 2, 3] {
                    var search = NeighborSearch(reach: reach, directPairLimit: 0)
                    let label = "\(name), cutoff \(cutoff), reach \(reach)"
                    var found: [Int: Double] = [:]
                    var duplicates = 0, misordered = 0, worst = 0.0
                    try search.forEachPair(a, box: box, cutoff: cutoff) { i, j, d, r2 in
                        if i >= j { misordered += 1 }
                        worst = max(worst, abs(d.squaredLength - r2), (box.minimumImage(a[j] - a[i]) - d).length)
                        if found.updateValue(r2, forKey: i * 100_000 + j) != nil { duplicates += 1 }
                    }
                    XCTAssertEqual(misordered, 0, label)
                    XCTAssertEqual(duplicates, 0, label)
                    XCTAssertEqual(Set(found.keys), expectedAA, "A–A: \(label)")
                    found = [:]
                    try search.forEachPair(a, b, box: box, cutoff: cutoff) { i, j, d, r2 in
                        worst = max(worst, (box.minimumImage(b[j] - a[i]) - d).length)
                        if found.updateValue(r2, forKey: i * 100_000 + j) != nil { duplicates += 1 }
                    }
                    XCTAssertEqual(duplicates, 0, label)
                    XCTAssertEqual(Set(found.keys), expectedAB, "A–B: \(label)")
                    XCTAssertLessThan(worst, 1e-8, "displacements are the minimum images: \(label)")
                }
            }
        }
    }

    func testDirectLoopAgreesWithCellList() throws {
        var random = SeededRandom(seed: 8)
        let box = Self.boxes[3].1
        let a = (0..<60).map { _ in box.position(fractional: random.vector(in: 0..<1)) }
        var direct = NeighborSearch(directPairLimit: .max), cells = NeighborSearch(directPairLimit: 0)
        var p: [Int] = [], q: [Int] = []
        try direct.forEachPair(a, box: box, cutoff: 7) { i, j, _, _ in p.append(i * 1000 + j) }
        try cells.forEachPair(a, box: box, cutoff: 7) { i, j, _, _ in q.append(i * 1000 + j) }
        XCTAssertEqual(p.sorted(), q.sorted())
        XCTAssertFalse(p.isEmpty)
    }

    func testNeighborListRowsMatchPairs() throws {
        var random = SeededRandom(seed: 9)
        let box = Self.boxes[2].1
        let a = (0..<500).map { _ in box.position(fractional: random.vector(in: 0..<1)) }
        var search = NeighborSearch()
        let list = try search.neighborList(a, box: box, cutoff: 5)
        let expected = brutePairs(a, nil, box: box, cutoff: 5)
        XCTAssertEqual(list.indices.count, 2 * expected.count)
        for i in 0..<list.count {
            let row = Array(list.neighbors(of: i))
            XCTAssertEqual(row, row.sorted())
            for (k, j) in zip(list.offsets[i]..<list.offsets[i + 1], row) {
                let key = min(i, Int(j)) * 100_000 + max(i, Int(j))
                XCTAssertEqual(list.distances[k] * list.distances[k], expected[key] ?? -1, accuracy: 1e-9)
                XCTAssertEqual(list.displacements[k].length, list.distances[k], accuracy: 1e-9)
            }
        }
        let ab = try search.neighborList(a, Array(a.prefix(50)), box: box, cutoff: 5)
        XCTAssertEqual(ab.count, a.count)
    }

    func testCutoffAboveHalfTheSmallestWidthIsAnError() {
        let box = Box(lx: 30, ly: 12, lz: 30, xy: 0, xz: 0, yz: 0)!
        var search = NeighborSearch()
        XCTAssertThrowsError(
            try search.forEachPair([Vec3.zero, Vec3(1, 1, 1)], box: box, cutoff: 6.5) { _, _, _, _ in }
        ) { error in
            let message = "\(error)"
            XCTAssertTrue(error is InputError)
            XCTAssertTrue(message.contains("6.5") && message.contains("12.0") && message.contains("6.0"), message)
        }
        XCTAssertNoThrow(try search.forEachPair([Vec3.zero, Vec3(1, 1, 1)], box: box, cutoff: 6) { _, _, _, _ in })
    }
}

extension NeighborSearchTests {
    func testNonFinitePositionsPairWithNothing() throws {
        let box = Box(lx: 20, ly: 20, lz: 20)!
        var points: [Vec3] = []
        for k in 0..<200 {
            let (x, y, z) = (Double(k % 10), Double(k / 10 % 10), Double(k / 100))
            points.append(Vec3(2 * x, 2 * y, 2 * z))
        }
        points[5] = Vec3(.nan, 1, 1)
        var search = NeighborSearch(directPairLimit: 0)
        var touched = false
        try search.forEachPair(points, box: box, cutoff: 3) { i, j, _, _ in if i == 5 || j == 5 { touched = true } }
        XCTAssertFalse(touched)
    }
}
