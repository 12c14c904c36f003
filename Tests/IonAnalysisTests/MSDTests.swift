import Foundation
import IonAnalysis
import IonCore
import IonIO
import IonTestSupport
import XCTest

/// Brownian particles written as a wrapped LAMMPS dump: the whole pipeline (reader, unwrapping,
/// drift removal, FFT MSD) must give MSD = 6Dt.
final class MSDTests: XCTestCase {
    func testBrownianParticlesInAWrappedTriclinicDumpGiveSixDT() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("ionscope-msd-\(UUID())")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        var random = SeededRandom(seed: 42)
        let box = Box(lx: 20, ly: 20, lz: 20, xy: 5, xz: -3, yz: 2)!
        let (n, frames, d, dt) = (400, 200, 0.05, 0.5)  // D in Å²/ps, frame interval in ps
        let sigma = (2 * d * dt).squareRoot()
        var positions = (0..<n).map { _ in box.position(fractional: random.vector(in: 0..<1)) }
        var text = ""
        for frame in 0..<frames {
            if frame > 0 {
                for i in 0..<n { positions[i] += sigma * Vec3(random.normal(), random.normal(), random.normal()) }
            }
            text += "ITEM: TIMESTEP\n\(frame * 500)\nITEM: NUMBER OF ATOMS\n\(n)\nITEM: BOX BOUNDS xy xz yz pp pp pp\n"
            // bounds of the tilted cell, then xy, xz, yz
            text += "-3 25 5\n0 22 -3\n0 20 2\nITEM: ATOMS id type x y z\n"
            for i in 0..<n {
                let w = box.wrap(positions[i])
                text += "\(i + 1) \(i % 2 + 1) \(w.x) \(w.y) \(w.z)\n"
            }
        }
        let path = directory.appendingPathComponent("brownian.lammpstrj").path
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        let trajectory = try Trajectory(TrajectoryInput(trajectoryPaths: [path], units: .metal, timestep: 0.001))
        let result = try MeanSquaredDisplacement.compute(
            trajectory, selection: try Selection("type 1"), byMolecule: false)
        XCTAssertEqual(result.particleCount, 200)
        XCTAssertEqual(result.times?[2] ?? 0, 2 * dt, accuracy: 1e-12)
        // Short lags are averaged over many origins: within a few per cent of 6Dt.
        for m in [1, 5, 10, 20] {
            let expected = 6 * d * Double(m) * dt
            XCTAssertEqual(result.msd[m], expected, accuracy: 0.08 * expected, "lag \(m)")
            XCTAssertEqual(result.msdX[m] + result.msdY[m] + result.msdZ[m], result.msd[m], accuracy: 1e-9)
        }
    }
}
