import IonCore

/// The time series an Onsager analysis needs from one run: the unwrapped centre of every
/// particle of every species relative to the system's centre of mass, frame by frame.
public struct OnsagerSeries: Sendable {
    public struct Species: Sendable {
        public var name: String
        /// Charge of each particle, e.
        public var charge: Double
        public var particleCount: Int
        /// Positions, Å, frame-major: `positions[t * particleCount + p]` for t < ``OnsagerSeries/frames``
        /// (a prefix of a longer series shares its storage and may hold more).
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
    /// Whether the numbers are LAMMPS `lj` reduced units (σ, τ, q*): results are then reduced.
    public var isReduced = false

    public init(species: [Species], frames: Int, frameInterval: Double, volume: Double, warnings: [String] = []) {
        self.species = species; self.frames = frames; self.frameInterval = frameInterval
        self.volume = volume; self.warnings = warnings
    }

    /// The first `frames` frames, sharing the position storage (no copy: analyses read frames
    /// below ``frames`` only, so the later ones are ignored).
    public func prefix(frames count: Int) -> OnsagerSeries {
        precondition(count <= frames)
        var part = OnsagerSeries(
            species: species,
            frames: count, frameInterval: frameInterval, volume: volume, warnings: [])
        part.isReduced = isReduced
        return part
    }

    /// Reads `trajectory` once (``OnsagerSeriesCollector``; LAMMPS `lj` inputs accepted, marked
    /// ``isReduced``). Memory: 24 bytes × particles × frames.
    public init(_ trajectory: some FrameSource, species: [OnsagerSpecies]) throws {
        self = try AnalysisPass.run(trajectory, OnsagerSeriesCollector(species: species, acceptsReducedUnits: true))
    }
}
