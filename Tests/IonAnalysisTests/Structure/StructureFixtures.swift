import IonAnalysis
import IonCore
import IonTestSupport

/// Small hand-built systems for the shell, cluster and CDF tests.
enum StructureFixtures {
    /// A context for atoms with the given types, molecules (ids, 1-based) and charges; masses 1.
    static func context(types: [String], molecules: [Int]? = nil, charges: [Double]? = nil) -> AnalysisContext {
        var topology = Topology(atomCount: types.count)
        topology.types = types
        topology.masses = [Double](repeating: 1, count: types.count)
        topology.given = [.types, .masses]
        if let molecules { topology.moleculeIDs = molecules; topology.given.insert(.molecules) }
        if let charges { topology.charges = charges; topology.given.insert(.charges) }
        return AnalysisContext(topology: topology, units: .real)
    }

    /// Simple-cubic lattice points (spacing `a`, n per side), or face-centred cubic with `fcc`.
    static func lattice(a: Double, n: Int, fcc: Bool) -> [Vec3] {
        let basis = fcc ? [Vec3(0, 0, 0), Vec3(0.5, 0.5, 0), Vec3(0.5, 0, 0.5), Vec3(0, 0.5, 0.5)] : [Vec3.zero]
        var points: [Vec3] = []
        for i in 0..<n {
            for j in 0..<n {
                for k in 0..<n {
                    for b in basis {
                        points.append(a * (Vec3(Double(i), Double(j), Double(k)) + b))
                    }
                }
            }
        }
        return points
    }

    /// Runs an analysis over frames in memory.
    static func run<A: FrameAnalysis>(_ analysis: A, _ context: AnalysisContext, _ frames: [Frame]) throws -> A.Result {
        try AnalysisPass.run(analysis, topology: context.topology, units: context.units, frames: frames)
    }

    /// A random unit vector (isotropic).
    static func direction(_ random: inout SeededRandom) -> Vec3 {
        let v = Vec3(random.normal(), random.normal(), random.normal())
        return v / v.length
    }
}
