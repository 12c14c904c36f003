import Foundation
import IonAnalysis
import IonCore
import IonTestSupport

/// Synthetic systems with velocities for the Green–Kubo tests.
enum GreenKuboSystems {
    /// Ornstein–Uhlenbeck velocities, frame-major [t][particle]: each component relaxes as
    /// v(t+dt) = v e^{−dt/τ} + s √(1 − e^{−2dt/τ}) ξ, so ⟨v(0)·v(t)⟩ = 3 s² e^{−t/τ} and
    /// D = s² τ (Å²/ps for s in Å/ps, τ in ps).
    static func ornsteinUhlenbeck(
        particles: Int, frames: Int, dt: Double, tau: Double, s: Double,
        random: inout SeededRandom
    ) -> [[Vec3]] {
        let decay = exp(-dt / tau), kick = s * (1 - decay * decay).squareRoot()
        var v = (0..<particles).map { _ in s * Vec3(random.normal(), random.normal(), random.normal()) }
        var out: [[Vec3]] = []
        out.reserveCapacity(frames)
        for t in 0..<frames {
            if t > 0 {
                for p in 0..<particles {
                    v[p] = decay * v[p] + kick * Vec3(random.normal(), random.normal(), random.normal())
                }
            }
            out.append(v)
        }
        return out
    }

    /// Frames with positions integrated from `velocities` (wrapped into a cubic cell of edge `edge` Å),
    /// velocities, image flags and times t = k·dt ps.
    static func frames(_ velocities: [[Vec3]], dt: Double, edge: Double, random: inout SeededRandom) -> [Frame] {
        let box = Box(lx: edge, ly: edge, lz: edge)!
        var r = velocities[0].map { _ in random.vector(in: 0..<edge) }
        return velocities.enumerated().map { t, v in
            if t > 0 { for p in r.indices { r[p] += dt * v[p] } }
            var frame = Frame(positions: r.map { wrap($0, edge) }, box: box, step: t, time: Double(t) * dt)
            frame.velocities = v
            frame.images = r.map {
                SIMD3<Int32>(Int32(floor($0.x / edge)), Int32(floor($0.y / edge)), Int32(floor($0.z / edge)))
            }
            frame.wrapping = .wrapped
            return frame
        }
    }

    static func wrap(_ r: Vec3, _ edge: Double) -> Vec3 {
        Vec3(r.x - edge * floor(r.x / edge), r.y - edge * floor(r.y / edge), r.z - edge * floor(r.z / edge))
    }

    /// A topology of `cations` atoms of type 1 (+1 e) then `anions` of type 2 (−1 e) and
    /// `neutral` of type 3, mass 1 g/mol each, every atom its own molecule.
    static func topology(cations: Int, anions: Int, neutral: Int = 0) -> Topology {
        let n = cations + anions + neutral
        var topology = Topology(atomCount: n)
        for i in 0..<n {
            let type = i < cations ? 1 : i < cations + anions ? 2 : 3
            topology.types[i] = String(type)
            topology.names[i] = String(type)
            topology.charges[i] = type == 1 ? 1 : type == 2 ? -1 : 0
            topology.masses[i] = 1
        }
        topology.given.insert(.charges)
        topology.given.insert(.masses)
        return topology
    }

    /// Runs `analysis` over `frames` as the pass does.
    static func run<A: FrameAnalysis>(_ analysis: A, topology: Topology, frames: [Frame], units: UnitSystem = .metal)
        throws -> A.Result
    {
        try AnalysisPass.run(analysis, topology: topology, units: units, frames: frames)
    }
}
