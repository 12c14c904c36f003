import IonAnalysis
import IonCore
import IonTestSupport
import XCTest

/// Analytic cases of g(r): an ideal gas gives 1, lattices give their shells exactly.
final class RDFTests: XCTestCase {
    /// Uniform points in `box`.
    func uniform(_ n: Int, _ box: Box, _ random: inout SeededRandom) -> [Vec3] {
        (0..<n).map { _ in box.position(fractional: random.vector(in: 0..<1)) }
    }

    /// g within noise of 1: every bin within 5σ (σ from the expected number of unordered pairs,
    /// conservative for ordered ones) and the volume-weighted mean within 1 %.
    func expectIdeal(
        _ result: RDFResult, expectedUnorderedPairsPerVolume: Double, _ label: String,
        file: StaticString = #filePath, line: UInt = #line
    ) {
        var weighted = 0.0, total = 0.0
        for k in result.r.indices {
            let (lo, hi) = (result.r[k] - result.binWidth / 2, result.r[k] + result.binWidth / 2)
            let shell = 4 * Double.pi / 3 * (hi * hi * hi - lo * lo * lo)
            let expected = expectedUnorderedPairsPerVolume * shell
            let sigma = 1 / expected.squareRoot()
            XCTAssertEqual(
                result.g[k], 1, accuracy: 5 * sigma, "\(label): bin at \(result.r[k]) Å", file: file, line: line)
            weighted += result.g[k] * shell; total += shell
        }
        XCTAssertEqual(weighted / total, 1, accuracy: 0.01, "\(label): mean g", file: file, line: line)
        XCTAssertNotNil(result.gError, label, file: file, line: line)
    }

    func run(_ sets: RDFPointSets, frames: [RDFFrame], rMax: Double, bins: Int, threads: Int? = 1) throws -> RDFResult {
        var accumulator = try RDFAccumulator(sets: sets, rMax: rMax, bins: bins)
        try accumulator.add(batch: frames, threads: threads)
        return try RadialDistribution.result(
            accumulator, selection: "A", with: "B", byMolecule: false, distanceUnit: .angstrom)
    }

    func testIdealGasGivesOneForSameDisjointAndOverlappingGroups() throws {
        var random = SeededRandom(seed: 11)
        let box = Box(lx: 20, ly: 21, lz: 19, xy: 2, xz: -1, yz: 1.5)!
        let (n, frameCount) = (800, 30)
        let frames = (0..<frameCount).map { _ in uniform(n, box, &random) }
        let ids = (0..<n).map(Int32.init)
        // (label, A indices, B indices)
        let cases: [(String, Range<Int>, Range<Int>)] = [
            ("A–A", 0..<n, 0..<n), ("A–B disjoint", 0..<400, 400..<n), ("A–B overlapping", 0..<600, 300..<n),
        ]
        for (label, ra, rb) in cases {
            let sets = try RDFPointSets(identityA: Array(ids[ra]), identityB: Array(ids[rb]))
            let result = try run(
                sets, frames: frames.map { RDFFrame(a: Array($0[ra]), b: Array($0[rb]), box: box) },
                rMax: 8, bins: 32, threads: nil)
            XCTAssertEqual(result.overlap, ra.overlaps(rb) ? ra.clamped(to: rb).count : 0, label)
            XCTAssertEqual(result.pairCount, Double(ra.count * rb.count - result.overlap), label)
            expectIdeal(
                result, expectedUnorderedPairsPerVolume: result.pairCount / 2 / box.volume * Double(frameCount), label)
            // N(r) at rMax is the mean number of B within rMax: ρ̄ · 4π/3 rMax³.
            let ball = 4 * Double.pi / 3 * 512
            XCTAssertEqual(
                result.coordination.last!, result.pairCount / Double(ra.count) / box.volume * ball,
                accuracy: 0.01 * result.coordination.last!, label)
        }
    }

    func testIdealGasInACellWhoseVolumeChangesGivesOne() throws {
        var random = SeededRandom(seed: 12)
        let n = 700
        var frames: [RDFFrame] = []
        var inverseVolume = 0.0
        for f in 0..<40 {
            let side = f % 2 == 0 ? 17.0 : 26.0
            let box = Box(lx: side, ly: side, lz: side)!
            let points = uniform(n, box, &random)
            frames.append(RDFFrame(a: points, b: points, box: box))
            inverseVolume += 1 / box.volume
        }
        let ids = (0..<n).map(Int32.init)
        let result = try run(try RDFPointSets(identities: ids), frames: frames, rMax: 8, bins: 32)
        expectIdeal(result, expectedUnorderedPairsPerVolume: Double(n * (n - 1)) / 2 * inverseVolume, "changing volume")
        XCTAssertEqual(result.density, Double(n - 1) * inverseVolume / 40, accuracy: 1e-12)
    }

    func testParallelAndSerialAccumulationAgree() throws {
        var random = SeededRandom(seed: 13)
        let box = Box(lx: 20, ly: 20, lz: 20)!
        let frames = (0..<13).map { _ -> RDFFrame in
            let p = uniform(500, box, &random); return RDFFrame(a: p, b: p, box: box)
        }
        let sets = try RDFPointSets(identities: (0..<500).map(Int32.init))
        let serial = try run(sets, frames: frames, rMax: 9, bins: 45, threads: 1)
        let parallel = try run(sets, frames: frames, rMax: 9, bins: 45, threads: 4)
        XCTAssertEqual(serial.g, parallel.g)
        XCTAssertEqual(serial.gError!, parallel.gError!)
    }

    // MARK: Lattices

    func lattice(_ basis: [Vec3], cells: (Vec3, Vec3, Vec3), n: Int) -> [Vec3] {
        var points: [Vec3] = []
        for i in 0..<n {
            for j in 0..<n {
                for k in 0..<n {
                    let origin = Double(i) * cells.0 + Double(j) * cells.1 + Double(k) * cells.2
                    for b in basis { points.append(origin + b) }
                }
            }
        }
        return points
    }

    func latticeRDF(_ points: [Vec3], _ box: Box, rMax: Double, bins: Int) throws -> RDFResult {
        let sets = try RDFPointSets(identities: (0..<points.count).map(Int32.init))
        return try run(sets, frames: [RDFFrame(a: points, b: points, box: box)], rMax: rMax, bins: bins)
    }

    func testSimpleCubicShellsAndSixNeighboursInUprightAndTiltedCells() throws {
        let a = 2.93, n = 6, side = 6 * 2.93
        let points = lattice([.zero], cells: (Vec3(a, 0, 0), Vec3(0, a, 0), Vec3(0, 0, a)), n: n)
        let upright = try latticeRDF(points, Box(lx: side, ly: side, lz: side)!, rMax: 8.1, bins: 81)
        // The same periodic system: tilts that are whole lattice translations.
        let tilted = try latticeRDF(
            points, Box(lx: side, ly: side, lz: side, xy: 2 * a, xz: a, yz: -a)!, rMax: 8.1, bins: 81)
        for (label, result) in [("upright", upright), ("tilted", tilted)] {
            XCTAssertEqual(result.firstPeak?.r ?? 0, a, accuracy: result.binWidth / 2, label)
            XCTAssertEqual(
                result.firstPeak?.r ?? 0, 2.95, accuracy: 1e-9, "the centre of the bin that holds the shell: \(label)")
            XCTAssertEqual(RadialDistributionTestSupport.coordination(result, at: 3.5), 6, accuracy: 1e-9, label)
            // + 12 at a√2
            XCTAssertEqual(RadialDistributionTestSupport.coordination(result, at: 4.5), 18, accuracy: 1e-9, label)
        }
        for k in upright.g.indices { XCTAssertEqual(upright.g[k], tilted.g[k], accuracy: 1e-9 * max(1, upright.g[k])) }
    }

    func testFaceCentredCubicShellsAndTwelveNeighboursInCubicAndPrimitiveCells() throws {
        let a = 2.93 * 2.0.squareRoot(), n = 4
        let basis = [Vec3.zero, Vec3(0, a / 2, a / 2), Vec3(a / 2, 0, a / 2), Vec3(a / 2, a / 2, 0)]
        let cubic = lattice(basis, cells: (Vec3(a, 0, 0), Vec3(0, a, 0), Vec3(0, 0, a)), n: n)
        let cubicResult = try latticeRDF(
            cubic, Box(lx: Double(n) * a, ly: Double(n) * a, lz: Double(n) * a)!, rMax: 8.1, bins: 81)
        // The rhombohedral primitive cell of the same lattice, 8 × 8 × 8 of them.
        let (p1, p2, p3) = (basis[1], basis[2], basis[3])
        let primitive = lattice([.zero], cells: (p1, p2, p3), n: 8)
        let primitiveResult = try latticeRDF(primitive, Box(a: 8 * p1, b: 8 * p2, c: 8 * p3)!, rMax: 8.1, bins: 81)
        for (label, result) in [("cubic cell", cubicResult), ("primitive cell", primitiveResult)] {
            XCTAssertEqual(result.firstPeak?.r ?? 0, a / 2.0.squareRoot(), accuracy: result.binWidth / 2, label)
            XCTAssertEqual(
                result.firstPeak?.r ?? 0, 2.95, accuracy: 1e-9, "the centre of the bin that holds the shell: \(label)")
            XCTAssertEqual(RadialDistributionTestSupport.coordination(result, at: 3.5), 12, accuracy: 1e-9, label)
            // + 6 at a
            XCTAssertEqual(RadialDistributionTestSupport.coordination(result, at: 4.5), 18, accuracy: 1e-9, label)
        }
        // g is normalised by N(N − 1) pairs (exact for an ideal gas), so two finite copies of one
        // lattice differ by the factor (N − 1)/N; g·(N − 1)/N is the same.
        for k in cubicResult.g.indices {
            let (c, p) = (cubicResult.g[k] * 255 / 256, primitiveResult.g[k] * 511 / 512)
            XCTAssertEqual(c, p, accuracy: 1e-9 * max(1, c), "bin \(k)")
        }
    }

    // MARK: Molecules

    /// Triatomic molecules with uniform, independent centres: without intramolecular pairs the
    /// atoms are an ideal gas, so g = 1 with the exclusion-corrected normalisation.
    func testIntramolecularExclusionNormalisesTheRemainingPairs() throws {
        var random = SeededRandom(seed: 14)
        let box = Box(lx: 22, ly: 22, lz: 22)!
        let (molecules, frameCount) = (300, 20)
        let offsets = [Vec3(0, 0, 0), Vec3(1.2, 0, 0), Vec3(0, 1.2, 0)]
        var frames: [[Vec3]] = []
        for _ in 0..<frameCount {
            var points: [Vec3] = []
            for _ in 0..<molecules {
                let centre = box.position(fractional: random.vector(in: 0..<1))
                for offset in offsets { points.append(centre + offset) }
            }
            frames.append(points)
        }
        let n = 3 * molecules
        let ids = (0..<n).map(Int32.init), molecule = (0..<n).map { Int32($0 / 3) }
        let excluded = try RDFPointSets(identities: ids, molecules: molecule, excludeSameMolecule: true)
        XCTAssertEqual(excluded.pairCount, Double(n * n - n - molecules * 6))
        let result = try run(excluded, frames: frames.map { RDFFrame(a: $0, b: $0, box: box) }, rMax: 8, bins: 32)
        expectIdeal(
            result, expectedUnorderedPairsPerVolume: excluded.pairCount / 2 / box.volume * Double(frameCount),
            "A–A excluded")
        let kept = try run(
            try RDFPointSets(identities: ids), frames: frames.map { RDFFrame(a: $0, b: $0, box: box) }, rMax: 8,
            bins: 32)
        XCTAssertGreaterThan(kept.g[4], 3, "bonded pairs at 1.2 Å remain without the exclusion")
        // A = first atoms, B = the other two: P = 2M² − 2M.
        let first = stride(from: 0, to: n, by: 3).map { $0 }, others = (0..<n).filter { $0 % 3 != 0 }
        let ab = try RDFPointSets(
            identityA: first.map(Int32.init), moleculeA: first.map { molecule[$0] },
            identityB: others.map(Int32.init), moleculeB: others.map { molecule[$0] }, excludeSameMolecule: true)
        XCTAssertEqual(ab.pairCount, Double(2 * molecules * molecules - 2 * molecules))
        let abResult = try run(
            ab, frames: frames.map { p in RDFFrame(a: first.map { p[$0] }, b: others.map { p[$0] }, box: box) },
            rMax: 8, bins: 32, threads: 2)
        expectIdeal(
            abResult, expectedUnorderedPairsPerVolume: ab.pairCount / 2 / box.volume * Double(frameCount),
            "A–B excluded")
    }

    /// The uncertainty comes from exactly the requested number of blocks whenever the run has
    /// that many frames, whatever the frame count.
    func testTheRequestedNumberOfBlocksIsUsed() throws {
        var random = SeededRandom(seed: 5)
        let box = Box(lx: 12, ly: 12, lz: 12)!
        let sets = try RDFPointSets(identities: (0..<50).map(Int32.init))
        for (frameCount, blocks) in [(7, 5), (12, 5), (23, 5), (40, 4), (3, 5)] {
            var accumulator = try RDFAccumulator(sets: sets, rMax: 5, bins: 10, blocks: blocks)
            let frames = (0..<frameCount).map { _ in uniform(50, box, &random) }
            try accumulator.add(batch: frames.map { RDFFrame(a: $0, b: $0, box: box) }, threads: 1)
            let result = try RadialDistribution.result(
                accumulator, selection: "A", with: "A", byMolecule: false, distanceUnit: .angstrom)
            XCTAssertEqual(result.blocks, min(blocks, frameCount), "\(frameCount) frames, \(blocks) blocks")
            XCTAssertEqual(result.frames, frameCount)
        }
    }

    /// An accumulator merged with one that saw the later frames gives the curves of one that
    /// saw them all (to rounding: the blocks differ, so the sums are added in another order).
    func testMergingAccumulatorsKeepsEveryFrame() throws {
        var random = SeededRandom(seed: 8)
        let box = Box(lx: 12, ly: 12, lz: 12)!
        let sets = try RDFPointSets(identities: (0..<50).map(Int32.init))
        let frames = (0..<23).map { _ in uniform(50, box, &random) }.map { RDFFrame(a: $0, b: $0, box: box) }
        var whole = try RDFAccumulator(sets: sets, rMax: 5, bins: 10)
        var first = whole, second = whole
        try whole.add(batch: frames, threads: 1)
        try first.add(batch: Array(frames[..<9]), threads: 1)
        try second.add(batch: Array(frames[9...]), threads: 1)
        try first.merge(second.partial)
        XCTAssertEqual(first.frames, 23)
        let (merged, expected) = (try first.curves(), try whole.curves())
        XCTAssertEqual(merged.g, expected.g, accuracy: 1e-12)
        XCTAssertEqual(merged.coordination, expected.coordination, accuracy: 1e-12)
        XCTAssertEqual(merged.density, expected.density, accuracy: 1e-15)
        XCTAssertNotNil(merged.gError)
    }

    /// A cell that shrinks during the run (NPT compression): a range taken from the first frame no
    /// longer fits later frames. Following the cell, each frame counts pairs within its own half
    /// width and the curves end at the narrowest frame's, with g = 1 in every bin kept and a
    /// warning; without it, the accumulation stops at the frame that does not fit.
    func testAShrinkingCellEndsTheCurvesAtItsNarrowestHalfWidth() throws {
        var random = SeededRandom(seed: 21)
        let n = 600
        var frames: [RDFFrame] = [], inverseVolume = 0.0
        for f in 0..<30 {
            let side = 20 - 3 * Double(f) / 29  // 20 Å down to 17 Å: half width 8.5 Å
            let box = Box(lx: side, ly: side, lz: side)!
            let points = uniform(n, box, &random)
            frames.append(RDFFrame(a: points, b: points, box: box))
            inverseVolume += 1 / box.volume
        }
        let sets = try RDFPointSets(identities: (0..<n).map(Int32.init))
        for threads in [1, 3] {
            var accumulator = try RDFAccumulator(sets: sets, rMax: 10, bins: 40, followCell: true)
            try accumulator.add(batch: frames, threads: threads)
            let result = try RadialDistribution.result(
                accumulator, selection: "A", with: "A", byMolecule: false, distanceUnit: .angstrom)
            XCTAssertEqual(result.r.count, 34, "8.5 Å of 0.25 Å bins")
            XCTAssertEqual(result.rMax, 8.5, accuracy: 1e-12)
            XCTAssertEqual(result.binWidth, 0.25, accuracy: 1e-12)
            expectIdeal(result, expectedUnorderedPairsPerVolume: Double(n * (n - 1)) / 2 * inverseVolume, "shrinking")
            XCTAssertEqual(accumulator.narrowestFrame, 29)
            XCTAssertTrue(
                result.warnings.contains { $0.contains("frame 29") && $0.contains("ends at 8.5 Å") },
                "\(result.warnings)")
        }
        var fixed = try RDFAccumulator(sets: sets, rMax: 10, bins: 40)
        XCTAssertThrowsError(try fixed.add(batch: frames, threads: 1))
    }

    /// N(r)'s stated error covers the scatter of independent runs when frames are correlated in
    /// time: points diffusing through a 15 Å cell, so that N(3 Å) per frame stays correlated over
    /// several frames (about 90 independent samples in a run). The truth is the ideal gas,
    /// (n − 1)·(4π/3)r³/V. The integrated correlation time is 6.7 frames, so single frames as
    /// blocks would state σ 2.6× too small.
    func testCoordinationErrorsCoverCorrelatedFrames() throws {
        var random = SeededRandom(seed: 31)
        let box = Box(lx: 15, ly: 15, lz: 15)!, n = 60
        let sets = try RDFPointSets(identities: (0..<Int32(n)).map { $0 })
        let truth = Double(n - 1) * 4 * Double.pi / 3 * 27 / box.volume
        var chi2 = 0.0, doubtful = 0, runs = 30
        for _ in 0..<runs {
            var points = uniform(n, box, &random)
            var frames: [RDFFrame] = []
            for _ in 0..<600 {
                points = points.map { box.wrap($0 + 0.8 * Vec3(random.normal(), random.normal(), random.normal())) }
                frames.append(RDFFrame(a: points, b: points, box: box))
            }
            var accumulator = try RDFAccumulator(sets: sets, rMax: 6, bins: 60)
            try accumulator.add(batch: frames, threads: 1)
            let result = try RadialDistribution.result(
                accumulator, selection: "A", with: "A", byMolecule: false, distanceUnit: .angstrom)
            let k = result.coordinationRadii.firstIndex { abs($0 - 3) < 1e-9 }!
            chi2 += pow((result.coordination[k] - truth) / result.coordinationError![k], 2)
            if result.warnings.contains(where: { $0.contains("may be too small") }) { doubtful += 1 }
        }
        XCTAssert((0.5...1.7).contains(chi2 / Double(runs)), "χ²/n = \(chi2 / Double(runs))")
        XCTAssertLessThan(doubtful, 5)
    }

    func testRMaxAboveHalfTheCellIsAnError() throws {
        let box = Box(lx: 10, ly: 10, lz: 10)!
        var accumulator = try RDFAccumulator(sets: try RDFPointSets(identities: [0, 1]), rMax: 6, bins: 10)
        XCTAssertThrowsError(try accumulator.add(RDFFrame(a: [.zero, Vec3(1, 1, 1)], b: [], box: box))) { error in
            XCTAssertTrue(
                "\(error)".contains("frame 0") && "\(error)".contains("rmax 6.0 exceeds")
                    && "\(error)".contains("cell, 5;"), "\(error)")
        }
    }
}

enum RadialDistributionTestSupport {
    /// N(r) at the bin edge nearest `r`.
    static func coordination(_ result: RDFResult, at r: Double) -> Double {
        let k = result.coordinationRadii.indices.min {
            abs(result.coordinationRadii[$0] - r) < abs(result.coordinationRadii[$1] - r)
        }!
        return result.coordination[k]
    }
}
