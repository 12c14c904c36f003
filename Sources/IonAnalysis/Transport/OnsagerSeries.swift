import IonCore
import IonIO

/// The time series an Onsager analysis needs from one run: the unwrapped centre of every
/// particle of every species relative to the system's centre of mass, frame by frame.
public struct OnsagerSeries: Sendable {
    public struct Species: Sendable {
        public var name: String
        /// Charge of each particle, e.
        public var charge: Double
        public var particleCount: Int
        /// Positions, Å, frame-major: `positions[t * particleCount + p]`.
        public var positions: [Vec3]

        public init(name: String, charge: Double, particleCount: Int, positions: [Vec3]) {
            self.name = name; self.charge = charge; self.particleCount = particleCount; self.positions = positions
        }
    }

    public var species: [Species]
    /// Number of frames.
    public var frames: Int
    /// Time between frames, ps.
    public var frameInterval: Double
    /// Mean cell volume over the frames, Å³.
    public var volume: Double
    /// Problems worth knowing (unwrapping, truncated files).
    public var warnings: [String]

    public init(species: [Species], frames: Int, frameInterval: Double, volume: Double, warnings: [String] = []) {
        self.species = species; self.frames = frames; self.frameInterval = frameInterval
        self.volume = volume; self.warnings = warnings
    }

    /// Reads `trajectory` once. Each particle is followed by ``ParticleTracker``: centre of mass
    /// of its whole molecule, unwrapped frame to frame, less the displacement of the centre of
    /// mass of all atoms (seed 002: positions relative to the system's centre of mass). Memory: 24 bytes × particles × frames.
    /// - Complexity: O(atoms × frames).
    public init(_ trajectory: Trajectory, species: [OnsagerSpecies]) throws {
        let topology = trajectory.topology
        let resolved = try ResolvedSpecies.resolve(species, topology: topology)
        // All particles of all species, followed relative to the centre of mass of all atoms.
        var tracker = ParticleTracker(groups: resolved.flatMap(\.particles), topology: topology,
                                      molecules: Molecules(topology), reference: Array(0..<topology.atomCount))
        var positions = resolved.map { _ in [Vec3]() }
        var frameBuffer: [Vec3] = []
        var times: [Double] = []
        var volumes = 0.0
        var frames = 0
        try trajectory.forEachFrame { _, frame in
            guard let box = frame.box else {
                throw InputError("frame \(frames) has no cell; conductivity needs the volume")
            }
            guard let time = frame.time else {
                throw InputError("frame times are unknown: pass --timestep (LAMMPS dumps store only the step) or --dt")
            }
            frameBuffer.removeAll(keepingCapacity: true)
            tracker.append(frame, to: &frameBuffer)
            var next = 0
            for s in resolved.indices {
                let count = resolved[s].particles.count
                positions[s].append(contentsOf: frameBuffer[next..<(next + count)])
                next += count
            }
            times.append(time)
            volumes += box.volume
            frames += 1
        }
        guard frames >= 4 else { throw InputError("the Onsager analysis needs at least 4 frames; the frame range gave \(frames)") }
        let interval = (times[frames - 1] - times[0]) / Double(frames - 1)
        guard interval > 0 else { throw InputError("frame times do not increase") }
        for k in 1..<frames where abs(times[k] - times[k - 1] - interval) > 1e-6 * interval + 1e-9 {
            throw InputError("frames are not evenly spaced in time (frame \(k - 1) at \(times[k - 1]) ps, frame \(k) at \(times[k]) ps); the time-origin average needs a constant interval")
        }
        var warnings = trajectory.warnings
        if let warning = tracker.unwrappingWarning { warnings.append(warning) }
        self.init(species: zip(resolved, positions).map {
                      Species(name: $0.name, charge: $0.charge, particleCount: $0.particles.count, positions: $1)
                  },
                  frames: frames, frameInterval: interval, volume: volumes / Double(frames), warnings: warnings)
    }
}
