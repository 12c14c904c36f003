import IonCore

/// Collects, frame by frame, what an Onsager analysis needs from one run (``OnsagerSeries``):
/// each particle followed by ``ParticleTracker`` — centre of mass of its whole molecule,
/// unwrapped frame to frame, less the displacement of the centre of mass of all atoms (Jones et
/// al. 2022, doi:10.48550/arXiv.2208.03182: positions relative to the system's centre of mass).
/// Memory: 24 bytes × particles × frames.
/// - Complexity: O(atoms) per frame.
public struct OnsagerSeriesCollector: FrameAnalysis {
    public let species: [OnsagerSpecies]
    private var resolved: [ResolvedSpecies] = []
    private var tracker: ParticleTracker?
    private var positions: [[Vec3]] = []
    private var frameBuffer: [Vec3] = []
    private var volumes = 0.0
    private var frames = 0

    private var reduced = false
    /// Accept LAMMPS `lj` inputs (results then in reduced units, ``OnsagerSeries/isReduced``);
    /// false refuses them, for callers that label results in SI.
    public var acceptsReducedUnits: Bool

    public init(species: [OnsagerSpecies], acceptsReducedUnits: Bool = false) {
        self.species = species; self.acceptsReducedUnits = acceptsReducedUnits
    }

    public mutating func prepare(_ context: AnalysisContext) throws {
        reduced = context.units.isReduced
        if reduced && !acceptsReducedUnits {
            throw InputError(
                "the files are in reduced (lj) units; SI conductivities need real, metal, si or gromacs units")
        }
        resolved = try ResolvedSpecies.resolve(species, topology: context.topology)
        tracker = ParticleTracker(
            groups: resolved.flatMap(\.particles), topology: context.topology,
            reference: Array(0..<context.topology.atomCount))
        positions = resolved.map { _ in [] }
    }

    public mutating func accumulate(_ view: FrameView) throws {
        let (frame, index) = (view.frame, view.index)
        guard let box = frame.box else { throw InputError("frame \(index) has no cell; conductivity needs the volume") }
        guard frame.time != nil else {
            throw InputError(
                "frame times are unknown: give the MD timestep (--timestep, or timestep in a job file's [input]; LAMMPS dumps store only the step) or the time between frames (--dt, or frame_interval)"
            )
        }
        frameBuffer.removeAll(keepingCapacity: true)
        tracker!.append(view, to: &frameBuffer)
        var next = 0
        for s in resolved.indices {
            let count = resolved[s].particles.count
            positions[s].append(contentsOf: frameBuffer[next..<(next + count)])
            next += count
        }
        volumes += box.volume
        frames += 1
    }

    public mutating func finish(_ pass: PassRecord) throws -> OnsagerSeries {
        let interval = try pass.timing.evenInterval(for: "the Onsager analysis", minimumFrames: 4)
        var warnings = pass.warnings
        try tracker?.checkCell()
        if let warning = tracker?.unwrappingWarning { warnings.append(warning) }
        defer { positions = [] }
        var series = OnsagerSeries(
            species: zip(resolved, positions).map {
                OnsagerSeries.Species(
                    name: $0.name, charge: $0.charge, particleCount: $0.particles.count, positions: $1)
            },
            frames: frames, frameInterval: interval, volume: volumes / Double(frames), warnings: warnings)
        series.isReduced = reduced
        return series
    }
}
