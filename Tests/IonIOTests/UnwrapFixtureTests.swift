import Foundation
import IonCore
import IonIO
import XCTest

/// Unwrapping checked against LAMMPS's own `xu yu zu` on real runs (Fixtures/unwrap, see its
/// README): a fixed orthorhombic cell, a fluctuating triclinic NPT cell, and an NPT run where
/// LAMMPS flips the tilted cell.
final class UnwrapFixtureTests: XCTestCase {
    static func path(_ name: String) -> String {
        Bundle.module.url(forResource: "Fixtures", withExtension: nil)!.appendingPathComponent("unwrap/\(name)").path
    }

    struct Run {
        var wrapped: [Frame] = []
        var lammpsUnwrapped: [[Vec3]] = []
    }

    /// Reads a fixture twice: `x y z ix iy iz` as wrapped frames and `xu yu zu` as LAMMPS's truth.
    /// The dumps hold both; the reader prefers xu, so the wrapped frames are rebuilt from them.
    func load(_ name: String) throws -> Run {
        var run = Run()
        let reader = try LAMMPSDumpReader(path: Self.path("\(name).lammpstrj.gz"), options: ReaderOptions(units: .real))
        var frame = Frame()
        while try reader.read(into: &frame) {
            XCTAssertEqual(frame.wrapping, .unwrapped)
            let box = frame.box!, images = frame.images!
            var wrapped = frame
            wrapped.positions = frame.positions.indices.map { i in
                let n = images[i]
                return frame.positions[i] - box.cartesian(fractional: Vec3(Double(n.x), Double(n.y), Double(n.z)))
            }
            wrapped.wrapping = .wrapped
            run.wrapped.append(wrapped)
            run.lammpsUnwrapped.append(frame.positions)
        }
        return run
    }

    func maxError(_ a: [Vec3], _ b: [Vec3]) -> Double { zip(a, b).map { ($0 - $1).length }.max() ?? 0 }

    func testImageFlagSchemeReproducesLAMMPSxuInEveryRun() throws {
        for name in ["nvt_ortho", "npt_tri", "npt_flip"] {
            let run = try load(name)
            var unwrapper = Unwrapper(scheme: .imageFlags)
            for (k, frame) in run.wrapped.enumerated() {
                XCTAssertLessThan(maxError(unwrapper.unwrap(frame), run.lammpsUnwrapped[k]), 1e-6, "\(name) frame \(k)")
            }
        }
    }

    func testImageCountersInferredWithoutFlagsReproducexuThroughNPTAndTheFlip() throws {
        for name in ["npt_tri", "npt_flip"] {
            let run = try load(name)
            var unwrapper = Unwrapper(scheme: .imageFlags)
            for (k, frame) in run.wrapped.enumerated() {
                var bare = frame
                if k > 0 { bare.images = nil }  // only frame 0's flags, as a data file would give
                XCTAssertLessThan(maxError(unwrapper.unwrap(bare), run.lammpsUnwrapped[k]), 1e-6, "\(name) frame \(k)")
            }
        }
    }

    func testDisplacementSchemeEqualsxuInAFixedCellWithOrWithoutImageFlags() throws {
        let run = try load("nvt_ortho")
        var withFlags = Unwrapper(), withoutFlags = Unwrapper()
        let offset0 = run.lammpsUnwrapped[0]
        for (k, frame) in run.wrapped.enumerated() {
            XCTAssertLessThan(maxError(withFlags.unwrap(frame), run.lammpsUnwrapped[k]), 1e-6, "frame \(k)")
            var bare = frame
            bare.images = nil
            let u = withoutFlags.unwrap(bare)
            // Without flags the path starts from the wrapped frame 0; displacements are the same.
            let shifted = u.indices.map { u[$0] - run.wrapped[0].positions[$0] + offset0[$0] }
            XCTAssertLessThan(maxError(shifted, run.lammpsUnwrapped[k]), 1e-6, "frame \(k), no image flags")
        }
        XCTAssertEqual(withoutFlags.largeJumps, 0)
    }

    func testDisplacementSchemeFollowsParticlesThroughNPTAndABoxFlip() throws {
        for name in ["npt_tri", "npt_flip"] {
            let run = try load(name)
            var unwrapper = Unwrapper()
            var previous: [Vec3]?
            var largestStep = 0.0
            for frame in run.wrapped {
                let u = unwrapper.unwrap(frame)
                if let previous { largestStep = max(largestStep, maxError(u, previous)) }
                previous = u
            }
            // No atom moves more than ~1.2 Å between frames (fixture README): no jumps, not even
            // at the flip. (LAMMPS's xu differs by the n·ΔH cell-scaling term, 4–20 Å here.)
            XCTAssertLessThan(largestStep, 2.0, "\(name): largest unwrapped step \(largestStep) Å")
            XCTAssertEqual(unwrapper.largeJumps, 0, name)
        }
    }
}
