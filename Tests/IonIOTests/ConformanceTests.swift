import Foundation
import IonCore
import IonIO
import XCTest

/// One LAMMPS run written in every format (Fixtures/conformance, made by LAMMPS, GROMACS, ASE,
/// MDAnalysis and gsd): every reader must give the frames of `truth.json` within the precision
/// of its format. See Fixtures/conformance/README.md.
final class ConformanceTests: XCTestCase {
    struct Truth: Decodable {
        struct Lattice: Decodable { let a, b, c: [Double] }
        struct FrameTruth: Decodable {
            let step: Int
            let lattice: Lattice
            let positions: [[Double]]
            let unwrapped: [[Double]]
            let image: [[Int]]
            let velocities: [[Double]]
            let forces: [[Double]]
        }
        let ids: [Int]
        let types: [Int]
        let mol: [Int]
        let masses: [Double]
        let charges: [Double]
        let frames: [FrameTruth]
    }

    static func path(_ name: String) -> String {
        Bundle.module.url(forResource: "Fixtures", withExtension: nil)!.appendingPathComponent("conformance/\(name)")
            .path
    }

    static let truth: Truth = {
        let data = try! Data(contentsOf: URL(fileURLWithPath: path("truth.json")))
        return try! JSONDecoder().decode(Truth.self, from: data)
    }()

    func vec(_ v: [Double]) -> Vec3 { Vec3(v[0], v[1], v[2]) }

    /// How one file should match the truth.
    struct Case {
        var file: String
        var topology: String? = "system.data"
        var units: UnitSystem? = nil
        /// Largest allowed position error, Å (a vector length: a rounding of δ per component
        /// allows δ√3).
        var tolerance: Double
        /// Largest allowed lattice-vector error, Å.
        var boxTolerance: Double? = 1e-9
        /// Compare with the unwrapped truth instead of the wrapped one.
        var unwrapped = false
        /// Velocity tolerance in Å/ps, when the file stores velocities.
        var velocityTolerance: Double? = nil
        /// Whether frames carry MD step numbers.
        var hasSteps = true
        /// Positions are stored centred on the origin (HOOMD).
        var centred = false
    }

    static let cases: [Case] = [
        Case(file: "full.lammpstrj", units: .real, tolerance: 1e-12, unwrapped: true, velocityTolerance: 1e-9),
        Case(file: "full.lammpstrj.gz", units: .real, tolerance: 1e-12, unwrapped: true, velocityTolerance: 1e-9),
        Case(file: "scaled.lammpstrj", units: .real, tolerance: 1e-7),
        Case(file: "unwrapped.lammpstrj", units: .real, tolerance: 1e-12, unwrapped: true),
        Case(file: "traj.dcd", tolerance: 2e-5, boxTolerance: 1e-5, hasSteps: true),
        Case(file: "traj.xyz", tolerance: 9e-5, boxTolerance: nil, hasSteps: false),
        Case(
            file: "traj.extxyz", topology: nil, tolerance: 1e-7, boxTolerance: 1e-7, velocityTolerance: 1e-5,
            hasSteps: true),
        Case(file: "traj.pdb", topology: nil, tolerance: 9e-4, boxTolerance: 1e-2, hasSteps: false),
        Case(
            file: "traj.gro", topology: nil, tolerance: 9e-3, boxTolerance: 6e-4, velocityTolerance: 6e-3,
            hasSteps: true),
        Case(file: "traj.xtc", topology: "system.gro", tolerance: 9e-3, boxTolerance: 1e-4, hasSteps: true),
        Case(
            file: "traj.trr", topology: "system.gro", tolerance: 2e-5, boxTolerance: 1e-5, velocityTolerance: 1e-3,
            hasSteps: true),
        Case(
            file: "traj.gsd", topology: nil, units: .real, tolerance: 2e-5, boxTolerance: 1e-5, velocityTolerance: 1e-3,
            hasSteps: true, centred: true),
    ]

    func testEveryFormatReadsTheSameFrames() throws {
        let truth = Self.truth
        for c in Self.cases {
            let input = TrajectoryInput(
                topologyPath: c.topology.map(Self.path), trajectoryPaths: [Self.path(c.file)], units: c.units)
            let trajectory: Trajectory
            do { trajectory = try Trajectory(input) } catch {
                XCTFail("\(c.file): cannot open: \(error)"); continue
            }
            XCTAssertEqual(trajectory.topology.atomCount, truth.ids.count, c.file)
            var count = 0
            var worst = 0.0, worstVelocity = 0.0, worstBox = 0.0
            try trajectory.forEachFrame { index, frame in
                count += 1
                guard index < truth.frames.count else { return }
                let expected = truth.frames[index]
                let a = vec(expected.lattice.a), b = vec(expected.lattice.b), cc = vec(expected.lattice.c)
                let box = Box(a: a, b: b, c: cc)!
                if c.hasSteps, let step = frame.step {
                    XCTAssertEqual(step, expected.step, "\(c.file) frame \(index) step")
                }
                if c.boxTolerance != nil {
                    guard let got = frame.box else { XCTFail("\(c.file): frame \(index) has no box"); return }
                    worstBox = max(worstBox, (got.a - a).length, (got.b - b).length, (got.c - cc).length)
                }
                let shift = c.centred ? -0.5 * (a + b + cc) : Vec3.zero
                let reference = c.unwrapped ? expected.unwrapped : expected.positions
                for i in 0..<truth.ids.count {
                    let delta = frame.positions[i] - vec(reference[i]) - shift
                    // Wrapping conventions differ between formats; the periodic configuration must not.
                    let error = c.unwrapped ? delta.length : box.minimumImage(delta).length
                    worst = max(worst, error)
                }
                if c.velocityTolerance != nil {
                    guard let velocities = frame.velocities else { XCTFail("\(c.file): no velocities"); return }
                    for i in 0..<truth.ids.count {
                        // Truth is in Å/fs (LAMMPS real); frames are in Å/ps.
                        worstVelocity = max(worstVelocity, (velocities[i] - 1000 * vec(expected.velocities[i])).length)
                    }
                }
            }
            XCTAssertEqual(count, truth.frames.count, "\(c.file): frame count")
            XCTAssertLessThanOrEqual(worst, c.tolerance, "\(c.file): largest position error \(worst) Å")
            if let tolerance = c.boxTolerance {
                XCTAssertLessThanOrEqual(worstBox, tolerance, "\(c.file): largest box error \(worstBox) Å")
            }
            if let tolerance = c.velocityTolerance {
                XCTAssertLessThanOrEqual(
                    worstVelocity, tolerance, "\(c.file): largest velocity error \(worstVelocity) Å/ps")
            }
        }
    }

    func testLAMMPSReadersGiveTopologyImagesForcesAndUnwrappedPositions() throws {
        let truth = Self.truth
        let trajectory = try Trajectory(
            TrajectoryInput(
                topologyPath: Self.path("system.data"),
                trajectoryPaths: [Self.path("full.lammpstrj")], units: .real, timestep: 0.001))
        let topology = trajectory.topology
        XCTAssertEqual(topology.atomIDs, truth.ids)
        XCTAssertEqual(topology.types, truth.types.map(String.init))
        XCTAssertEqual(topology.moleculeIDs, truth.mol)
        for i in 0..<truth.ids.count {
            XCTAssertEqual(topology.masses[i], truth.masses[i], accuracy: 1e-12)
            XCTAssertEqual(topology.charges[i], truth.charges[i], accuracy: 1e-12)
        }
        XCTAssertEqual(Molecules(topology).count, 80)
        var unwrapper = Unwrapper()
        try trajectory.forEachFrame { index, frame in
            let expected = truth.frames[index]
            XCTAssertEqual(frame.time ?? -1, Double(expected.step) * 0.001, accuracy: 1e-12)
            XCTAssertEqual(frame.images?.map { [Int($0.x), Int($0.y), Int($0.z)] }, expected.image)
            for i in 0..<truth.ids.count {
                // kcal/(mol·Å) → kJ/(mol·Å)
                XCTAssertEqual((frame.forces![i] - 4.184 * vec(expected.forces[i])).length, 0, accuracy: 1e-9)
            }
            // Image-flag unwrapping reproduces LAMMPS's own xu yu zu.
            var wrapped = frame
            wrapped.positions = expected.positions.map(vec)
            wrapped.wrapping = .wrapped
            let unwrapped = unwrapper.unwrap(wrapped)
            for i in 0..<truth.ids.count {
                XCTAssertEqual(
                    (unwrapped[i] - vec(expected.unwrapped[i])).length, 0, accuracy: 1e-6, "frame \(index) atom \(i)")
            }
        }
    }

    /// The LAMMPS dump and .gro readers, indexed by ``TextTrajectory``, pass the shared reader
    /// checks (counts, end of file, seeks, skipping, rewinding, reopening).
    func testLAMMPSAndGROPassTheSharedReaderChecks() throws {
        for file in ["full.lammpstrj", "full.lammpstrj.gz", "traj.gro"] {
            try verifyReader({ try Formats.openTrajectory(Self.path(file)) }, frames: Self.truth.frames.count)
        }
    }

    func testRandomAccessMatchesSequentialReading() throws {
        for file in [
            "full.lammpstrj", "full.lammpstrj.gz", "traj.dcd", "traj.xtc", "traj.trr", "traj.gro", "traj.pdb",
            "traj.extxyz", "traj.gsd",
        ] {
            var reader = try Formats.openTrajectory(
                Self.path(file), options: ReaderOptions(units: .real, atomIDs: Self.truth.ids))
            var sequential: [[Vec3]] = []
            var frame = Frame()
            while try reader.read(into: &frame) { sequential.append(frame.positions) }
            XCTAssertEqual(try reader.frameCount(), sequential.count, file)
            for index in [5, 0, 8, 3] {
                try reader.seek(toFrame: index)
                XCTAssertTrue(try reader.read(into: &frame), "\(file) frame \(index)")
                XCTAssertEqual(frame.positions, sequential[index], "\(file): frame \(index) after seek")
            }
            try reader.rewind()
            XCTAssertTrue(try reader.read(into: &frame))
            XCTAssertEqual(frame.positions, sequential[0], "\(file): after rewind")
        }
    }

    /// Skipping runs of frames (a jump for DCD, GSD and indexed XTC/TRR, steps elsewhere) lands
    /// where skipping one by one does, stops at the end, and a strided range hands out the frames
    /// a read of every frame would pick.
    func testSkippingRunsOfFramesAndStridedRanges() throws {
        for c in Self.cases {
            var reader = try Formats.openTrajectory(
                Self.path(c.file), options: ReaderOptions(units: c.units ?? .real, atomIDs: Self.truth.ids))
            var every: [[Vec3]] = []
            var frame = Frame()
            while try reader.read(into: &frame) { every.append(frame.positions) }
            for (count, indexed) in [(3, false), (4, true), (every.count + 5, true)] {
                try reader.rewind()
                if indexed { _ = try reader.frameCount() }
                var skipped = 0
                try reader.skipFrames(count, skipped: &skipped)
                XCTAssertEqual(skipped, min(count, every.count), "\(c.file): skipped")
                if count < every.count {
                    XCTAssertTrue(try reader.read(into: &frame))
                    XCTAssertEqual(frame.positions, every[count], "\(c.file): the frame after skipping \(count)")
                } else {
                    XCTAssertFalse(try reader.read(into: &frame), "\(c.file): at the end")
                }
            }
            let input = TrajectoryInput(
                topologyPath: c.topology.map(Self.path), trajectoryPaths: [Self.path(c.file)], units: c.units,
                range: FrameRange(start: 1, stop: every.count - 1, stride: 3))
            var picked: [Int] = []
            try Trajectory(input).forEachFrame { index, frame in
                picked.append(index)
                XCTAssertEqual(frame.positions.count, every[index].count, c.file)
            }
            XCTAssertEqual(picked, Array(stride(from: 1, to: every.count - 1, by: 3)), c.file)
        }
    }
}
