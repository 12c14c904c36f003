import IonCore
import IonIO
import IonNumerics

/// Mean squared displacement of a group of atoms, or of the centres of mass of the molecules
/// they belong to, over all time origins. Lengths in Å, times in ps.
public struct MSDResult: Codable, Sendable {
    /// The selection the group came from.
    public var selection: String
    /// "atoms" or "molecules" (centres of mass of the selected atoms of each molecule).
    public var particles: String
    public var particleCount: Int
    /// How drift was treated.
    public var drift: String
    /// Lag in frames.
    public var lags: [Int]
    /// Lag in ps, when frame times are known.
    public var times: [Double]?
    /// ⟨|r(t₀+t) − r(t₀)|²⟩ over particles and origins, Å².
    public var msd: [Double]
    /// Components ⟨Δx²⟩, ⟨Δy²⟩, ⟨Δz²⟩, Å².
    public var msdX: [Double]
    public var msdY: [Double]
    public var msdZ: [Double]
    /// Problems worth knowing (frames too far apart to unwrap reliably, a truncated file).
    public var warnings: [String]
}

/// How to treat the centre-of-mass motion of the whole system.
public enum DriftPolicy: String, Sendable, Codable {
    /// Subtract the displacement of the system's centre of mass (all atoms, mass-weighted)
    /// from every particle in every frame.
    case removeSystemCenterOfMass = "system centre of mass removed"
    /// Use displacements as they are.
    case keep = "none removed"
}

public enum MeanSquaredDisplacement {
    /// Computes the MSD of `selection` over the frames of `trajectory`.
    ///
    /// Positions are unwrapped frame by frame (``Unwrapper``); molecular centres of mass are
    /// computed from whole molecules and then unwrapped. The whole time series of the group is
    /// kept: memory 24 bytes × particles × frames.
    /// - Complexity: one pass over the trajectory, then O(P · T log T).
    public static func compute(_ trajectory: Trajectory, selection: Selection, byMolecule: Bool,
                               drift: DriftPolicy = .removeSystemCenterOfMass) throws -> MSDResult {
        let topology = trajectory.topology
        let atoms = try selection.atomIndices(in: topology)
        guard !atoms.isEmpty else { throw InputError("the selection '\(selection.text)' matches no atoms") }
        let molecules = Molecules(topology)
        let masses = topology.masses.allSatisfy({ $0 == 0 }) ? [Double](repeating: 1, count: topology.atomCount) : topology.masses
        // Particle groups: one atom each, or the selected atoms of each molecule.
        var groups: [[Int]] = []
        if byMolecule {
            var members: [Int32: [Int]] = [:]
            var order: [Int32] = []
            for i in atoms {
                let m = molecules.moleculeOfAtom[i]
                if members[m] == nil { order.append(m) }
                members[m, default: []].append(i)
            }
            groups = order.map { members[$0]! }
        } else {
            groups = atoms.map { [$0] }
        }
        let totalMass = masses.reduce(0, +)
        var atomUnwrapper = Unwrapper()
        var groupUnwrapper = Unwrapper()
        var series: [Vec3] = []  // frame-major: T × P
        var times: [Double] = []
        var allTimesKnown = true
        var drift0: Vec3?
        try trajectory.forEachFrame { _, frame in
            // Group positions in this frame, continuous in time.
            var centers = [Vec3](repeating: .zero, count: groups.count)
            let whole = frame.wrapping == .unwrapped ? frame.positions : molecules.wholePositions(frame.positions, box: frame.box)
            for (g, members) in groups.enumerated() {
                var sum = Vec3.zero, mass = 0.0
                for i in members { sum += masses[i] * whole[i]; mass += masses[i] }
                centers[g] = sum / mass
            }
            var groupFrame = Frame(positions: centers, box: frame.box)
            groupFrame.wrapping = frame.wrapping == .unwrapped ? .unwrapped : .wrapped
            var continuous = groupUnwrapper.unwrap(groupFrame)
            if drift == .removeSystemCenterOfMass {
                let unwrapped = atomUnwrapper.unwrap(frame)
                var com = Vec3.zero
                for i in 0..<unwrapped.count { com += masses[i] * unwrapped[i] }
                com = com / totalMass
                if drift0 == nil { drift0 = com }
                let shift = com - drift0!
                for g in continuous.indices { continuous[g] -= shift }
            }
            series.append(contentsOf: continuous)
            if let time = frame.time { times.append(time) } else { allTimesKnown = false }
        }
        let frames = groups.isEmpty ? 0 : series.count / groups.count
        guard frames >= 2 else { throw InputError("the MSD needs at least 2 frames; the frame range gave \(frames)") }
        let components = msdComponents(series, particles: groups.count, frames: frames)
        var warnings = trajectory.warnings
        if groupUnwrapper.largeJumps > 0 {
            warnings.append("\(groupUnwrapper.largeJumps) frame-to-frame steps exceed a quarter of the cell (first at frame \(groupUnwrapper.firstLargeJumpFrame ?? 0) of the range): frames may be too far apart to unwrap without image flags")
        }
        let p = Double(groups.count)
        return MSDResult(
            selection: selection.text, particles: byMolecule ? "molecules" : "atoms", particleCount: groups.count,
            drift: drift.rawValue, lags: Array(0..<frames),
            times: allTimesKnown ? (0..<frames).map { times[$0] - times[0] } : nil,
            msd: (0..<frames).map { (components[0][$0] + components[1][$0] + components[2][$0]) / p },
            msdX: components[0].map { $0 / p }, msdY: components[1].map { $0 / p }, msdZ: components[2].map { $0 / p },
            warnings: warnings)
    }

    /// Per-component MSD sums over particles, by FFT, two particles per complex transform.
    static func msdComponents(_ series: [Vec3], particles: Int, frames: Int) -> [[Double]] {
        (0..<3).map { axis in
            var accumulator = MSDAccumulator(length: frames)
            var a = [Double](repeating: 0, count: frames), b = a
            var p = 0
            while p < particles {
                for t in 0..<frames { a[t] = series[t * particles + p][axis] }
                if p + 1 < particles {
                    for t in 0..<frames { b[t] = series[t * particles + p + 1][axis] }
                    accumulator.add(a, b)
                } else {
                    accumulator.add(a)
                }
                p += 2
            }
            return accumulator.result()
        }
    }
}
