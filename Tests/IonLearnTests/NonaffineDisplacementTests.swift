import IonAnalysis
import IonCore
import IonLearn
import IonTestSupport
import XCTest

/// D²min against cases with known answers on an FCC lattice (a = 4 Å, 4×4×4 cells, 256 atoms;
/// 12 nearest neighbours at a/√2 within r_c = 0.85 a): an affine deformation of the cell and its
/// contents gives 0; one atom moved by δ gives 12|δ|² for itself and |δ|²(1 − h) = ¾|δ|² for each
/// of its neighbours (h = d⁰ᵀZ⁻¹d⁰ = ¼ for a symmetric shell), 0 elsewhere.
final class NonaffineDisplacementTests: XCTestCase {
    let a = 4.0
    let lattice: [Vec3] = {
        var points: [Vec3] = []
        let basis = [Vec3(0, 0, 0), Vec3(0.5, 0.5, 0), Vec3(0.5, 0, 0.5), Vec3(0, 0.5, 0.5)]
        for i in 0..<4 {
            for j in 0..<4 {
                for k in 0..<4 { for b in basis { points.append(4.0 * (Vec3(Double(i), Double(j), Double(k)) + b)) } }
            }
        }
        return points
    }()

    var topology: Topology {
        var topology = Topology(atomCount: lattice.count)
        topology.types = [String](repeating: "1", count: lattice.count)
        topology.given = [.types]
        return topology
    }

    func frame(_ positions: [Vec3], box: Box, time: Double) -> Frame {
        var frame = Frame(positions: positions, box: box)
        frame.time = time
        return frame
    }

    func run(_ frames: [Frame], window: Int = 1, increment: Int? = nil) throws -> NonaffineDisplacementResult {
        let analysis = try NonaffineDisplacement(
            selection: Selection("all"), neighbours: Selection("all"), cutoff: 0.85 * a, window: window,
            increment: increment)
        return try AnalysisPass.run(analysis, topology: topology, frames: frames)
    }

    func testAnAffineDeformationIsNotNonaffine() throws {
        let box = Box(lx: 16, ly: 16, lz: 16)!
        // Shear, stretch and rotation mixed: F = I + ε.
        let f = (Vec3(1.02, 0.03, -0.01), Vec3(-0.02, 0.99, 0.04), Vec3(0.01, -0.03, 1.01))
        func deformed(_ v: Vec3) -> Vec3 { Vec3(f.0.dot(v), f.1.dot(v), f.2.dot(v)) }
        let cell = Box(a: deformed(box.a), b: deformed(box.b), c: deformed(box.c))!
        let result = try run([frame(lattice, box: box, time: 0), frame(lattice.map(deformed), box: cell, time: 1)])
        XCTAssertEqual(result.windows.count, 1)
        XCTAssertEqual(result.windows[0].neighbours, [Int](repeating: 12, count: lattice.count))
        for value in result.windows[0].d2min { XCTAssertEqual(try XCTUnwrap(value), 0, accuracy: 1e-20) }
    }

    func testOneDisplacedAtomGivesThePlantedValues() throws {
        let box = Box(lx: 16, ly: 16, lz: 16)!
        let delta = Vec3(0.3, -0.2, 0.1), moved = 0  // the atom at the origin: its neighbours cross the cell's faces
        var after = lattice
        after[moved] += delta
        let result = try run([frame(lattice, box: box, time: 0), frame(after, box: box, time: 1)])
        let d2 = result.windows[0].d2min.map { $0! }
        XCTAssertEqual(d2[moved], 12 * delta.squaredLength, accuracy: 1e-12)
        var neighbours = 0
        for i in lattice.indices where i != moved {
            let r = box.minimumImage(lattice[i] - lattice[moved]).length
            if r < 0.85 * a {
                XCTAssertEqual(d2[i], 0.75 * delta.squaredLength, accuracy: 1e-12, "neighbour \(i)")
                neighbours += 1
            } else {
                XCTAssertEqual(d2[i], 0, accuracy: 1e-20, "atom \(i)")
            }
        }
        XCTAssertEqual(neighbours, 12)
        XCTAssertEqual(result.windows[0].mobile.count, 26, "10 % of 256")
        XCTAssertTrue(result.windows[0].mobile.contains(moved))
    }

    /// D²min by the textbook route, for reference: minimum-image vectors in each frame (atoms
    /// move far less than half a cell here), X from the normal equations by Gaussian elimination.
    func bruteD2min(_ before: [Vec3], _ after: [Vec3], box: Box, centre i: Int, cutoff: Double) -> Double {
        var d0: [Vec3] = [], d: [Vec3] = []
        for j in before.indices where j != i {
            let v = box.minimumImage(before[j] - before[i])
            if v.length < cutoff { d0.append(v); d.append(box.minimumImage(after[j] - after[i])) }
        }
        // Solve Z Xᵀ = Yᵀ column by column: Z = Σ d0 d0ᵀ, row r of X solves Z x = Σ d_r d0.
        var z = [[Double]](repeating: [0, 0, 0], count: 3)
        for v in d0 { for r in 0..<3 { for c in 0..<3 { z[r][c] += v[r] * v[c] } } }
        var x = [[Double]](repeating: [0, 0, 0], count: 3)
        for row in 0..<3 {
            var m = z.map { $0 }, rhs = [0.0, 0, 0]
            for (v, w) in zip(d0, d) { for c in 0..<3 { rhs[c] += w[row] * v[c] } }
            for p in 0..<3 {
                let pivot = (p..<3).max { abs(m[$0][p]) < abs(m[$1][p]) }!
                m.swapAt(p, pivot); rhs.swapAt(p, pivot)
                for r in (p + 1)..<3 {
                    let f = m[r][p] / m[p][p]
                    for c in p..<3 { m[r][c] -= f * m[p][c] }
                    rhs[r] -= f * rhs[p]
                }
            }
            for p in stride(from: 2, through: 0, by: -1) {
                var sum = rhs[p]
                for c in (p + 1)..<3 { sum -= m[p][c] * x[row][c] }
                x[row][p] = sum / m[p][p]
            }
        }
        return zip(d0, d).reduce(0) { total, pair in
            let (v, w) = pair
            let fitted = Vec3(
                x[0][0] * v.x + x[0][1] * v.y + x[0][2] * v.z, x[1][0] * v.x + x[1][1] * v.y + x[1][2] * v.z,
                x[2][0] * v.x + x[2][1] * v.y + x[2][2] * v.z)
            return total + (w - fitted).squaredLength
        }
    }

    /// Thermal-like random displacements of every atom: every centre's D²min equals the reference.
    func testRandomDisplacementsMatchTheReference() throws {
        let box = Box(lx: 16, ly: 16, lz: 16)!
        var random = SeededRandom(seed: 11)
        let before = lattice.map { $0 + 0.15 * Vec3(random.normal(), random.normal(), random.normal()) }
        let after = before.map { $0 + 0.2 * Vec3(random.normal(), random.normal(), random.normal()) }
        let result = try run([frame(before, box: box, time: 0), frame(after, box: box, time: 1)])
        for i in lattice.indices {
            let expected = bruteD2min(before, after, box: box, centre: i, cutoff: 0.85 * a)
            XCTAssertEqual(try XCTUnwrap(result.windows[0].d2min[i]), expected, accuracy: 1e-10 * max(1, expected))
        }
    }

    /// D_cum adds the increments' D²min, each with its own neighbours: an atom moved by δ and then
    /// back has D²min 0 over the window and D_cum the sum of the two increments' values.
    func testTheCumulativeFormSumsIncrements() throws {
        let box = Box(lx: 16, ly: 16, lz: 16)!
        let delta = Vec3(0, 0.25, 0)
        var out = lattice
        out[37] += delta
        let frames = [
            frame(lattice, box: box, time: 0), frame(out, box: box, time: 1), frame(lattice, box: box, time: 2),
        ]
        let result = try run(frames, window: 2, increment: 1)
        XCTAssertEqual(try XCTUnwrap(result.windows[0].d2min[37]), 0, accuracy: 1e-20)
        let expected =
            bruteD2min(lattice, out, box: box, centre: 37, cutoff: 0.85 * a)
            + bruteD2min(out, lattice, box: box, centre: 37, cutoff: 0.85 * a)
        XCTAssertEqual(
            bruteD2min(lattice, out, box: box, centre: 37, cutoff: 0.85 * a), 12 * delta.squaredLength, accuracy: 1e-12)
        XCTAssertEqual(try XCTUnwrap(result.windows[0].cumulative[37]), expected, accuracy: 1e-12)
        XCTAssertEqual(result.windowTime, 2)
    }

    func testTooFewNeighboursAndTooFewFramesAreSaid() throws {
        let box = Box(lx: 16, ly: 16, lz: 16)!
        let analysis = try NonaffineDisplacement(
            selection: Selection("all"), neighbours: Selection("all"), cutoff: 2, window: 1)
        let result = try AnalysisPass.run(
            analysis, topology: topology,
            frames: [frame(lattice, box: box, time: 0), frame(lattice, box: box, time: 1)])
        XCTAssertTrue(result.windows[0].d2min.allSatisfy { $0 == nil }, "no neighbours within 2 Å")
        XCTAssertTrue(result.warnings.contains { $0.contains("undefined for 256 of 256") }, "\(result.warnings)")
        XCTAssertThrowsError(
            try AnalysisPass.run(
                try NonaffineDisplacement(
                    selection: Selection("all"), neighbours: Selection("all"), cutoff: 3.4, window: 5),
                topology: topology, frames: [frame(lattice, box: box, time: 0)]))
        XCTAssertThrowsError(
            try NonaffineDisplacement(
                selection: Selection("all"), neighbours: Selection("all"), cutoff: 3.4, window: 4, increment: 3))
    }
}

/// p_hop against a hop with a known answer: a particle resting at x₀ through frame m and at
/// x₀ + d after gives p_hop(m) = |d|² (h/(h+1))^{3/2} (h = W/2), resting ones 0.
final class HopIndicatorTests: XCTestCase {
    func testAHopGivesItsLengthSquared() throws {
        let box = Box(lx: 16, ly: 16, lz: 16)!
        let d = Vec3(0.9, 0.4, -0.2)
        // Four atoms on a line (far apart); atom 0 hops between frames 6 and 7.
        let rest = [Vec3(1, 1, 1), Vec3(5, 5, 5), Vec3(9, 9, 9), Vec3(13, 13, 13)]
        let frames = (0..<13).map { f -> Frame in
            var positions = rest
            if f > 6 { positions[0] += d }
            var frame = Frame(positions: positions, box: box)
            frame.time = Double(f)
            return frame
        }
        var topology = Topology(atomCount: 4)
        topology.types = ["1", "1", "1", "1"]
        topology.given = [.types]
        let analysis = try NonaffineDisplacement(
            selection: Selection("all"), neighbours: Selection("all"), cutoff: 7.5, window: 12, hopWindow: 6,
            labelBy: .hop)
        let result = try AnalysisPass.run(analysis, topology: topology, frames: frames)
        let h = 3.0
        let hop = try XCTUnwrap(result.windows[0].hop)
        XCTAssertEqual(try XCTUnwrap(hop[0]), d.squaredLength * pow(h / (h + 1), 1.5), accuracy: 1e-12)
        for c in 1..<4 { XCTAssertEqual(try XCTUnwrap(hop[c]), 0, accuracy: 1e-12) }
        XCTAssertEqual(result.labelBy, .hop)
        XCTAssertThrowsError(
            try NonaffineDisplacement(
                selection: Selection("all"), neighbours: Selection("all"), cutoff: 1, window: 4, hopWindow: 3))
        XCTAssertThrowsError(
            try NonaffineDisplacement(
                selection: Selection("all"), neighbours: Selection("all"), cutoff: 1, window: 4, labelBy: .hop))
    }
}
