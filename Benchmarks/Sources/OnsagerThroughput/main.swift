// Onsager coefficients of all species pairs (OnsagerAnalysis.compute on an OnsagerSeries held
// in memory): 2 species × P particles × T frames of 3D Gaussian random walks, the anions' steps
// half their partner cation's step plus noise (so L^+− ≠ 0). compute() fits the whole run and
// 5 blocks (uncertainty): self parts per particle by FFT (MSDAccumulator), collective parts of
// the summed displacements (crossMeanSquaredDisplacements). Only compute() is timed.
// Usage: onsager-throughput [particles 2000] [frames 5000] [--write FILE] [--repeat 2]
// --write stores the positions as float64 (species, frames, particles, 3) for
// scripts/tidynamics_onsager.py, which computes the same L^ij with tidynamics.
import BenchmarkSupport
import Foundation
import IonAnalysis
import IonCore
import IonNumerics

let arguments = BenchmarkArguments()
let particles = arguments.positional(0, 2000)
let frames = arguments.positional(1, 5000)
let repeats = Int(arguments.option("--repeat", "2"))!

var normals = SplitMix64(seed: 2026)
var cations = [Vec3](repeating: .zero, count: particles * frames), anions = cations
for t in 1..<frames {
    for p in 0..<particles {
        let step = Vec3(normals.normal(), normals.normal(), normals.normal())
        let own = Vec3(normals.normal(), normals.normal(), normals.normal())
        cations[t * particles + p] = cations[(t - 1) * particles + p] + step
        anions[t * particles + p] = anions[(t - 1) * particles + p] + 0.5 * step + 0.8 * own
    }
}
let volume = Double(2 * particles) / 0.01  // Å³, 0.01 ions/Å³
let series = OnsagerSeries(
    species: [
        .init(name: "cation", charge: 1, particleCount: particles, positions: cations),
        .init(name: "anion", charge: -1, particleCount: particles, positions: anions),
    ],
    frames: frames, frameInterval: 1, volume: volume)
if let path = arguments.option("--write") { try writeRaw(series.species.map(\.positions), to: path) }

let clock = ContinuousClock()
for run in 1...repeats {
    var result: OnsagerResult?
    let elapsed = try clock.measure {
        result = try OnsagerAnalysis.compute([series], options: OnsagerOptions(temperature: 300))
    }
    blackHole(result)
    let r = result!
    let l = r.coefficients.map { $0.map(\.value) }, self_ = r.selfCoefficients.map(\.value)
    let checksum = l.joined().reduce(0, +) + self_.reduce(0, +)
    print(
        String(
            format:
                "onsager-throughput run %d: 2 species × %d particles × %d frames: %.3f s; L++ %.6e L+- %.6e L-- %.6e Lself %.6e %.6e; checksum %.9e (window %g–%g ps, %@)",
            run, particles, frames, seconds(elapsed), l[0][0], l[0][1], l[1][1], self_[0], self_[1], checksum,
            r.fitWindow[0], r.fitWindow[1], r.uncertaintyMethod))
}
