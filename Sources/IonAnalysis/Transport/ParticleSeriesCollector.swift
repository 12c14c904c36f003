import IonCore

/// Collects the continuous positions of a group — atoms, or the centres of mass of the selected
/// atoms of each molecule — frame by frame, as a ``FrameAnalysis``; the MSD and the self-diffusion
/// coefficient are computed from its ``ParticleSeries``.
///
/// Positions are unwrapped frame by frame (``Unwrapper``); molecular centres of mass are computed
/// from whole molecules and then unwrapped; the drift reference's displacement is subtracted
/// (``DriftPolicy``). The whole time series of the group is kept: memory 24 bytes × particles ×
/// frames.
/// - Complexity: O(atoms) per frame.
public struct ParticleSeriesCollector: FrameAnalysis {
    public let selection: Selection
    public let byMolecule: Bool
    public let drift: DriftPolicy

    private var tracker: ParticleTracker?
    private var particleCount = 0
    private var series: [Vec3] = []  // frame-major: T × P
    private var times: [Double] = []
    private var allTimesKnown = true
    private var volumeSum = 0.0, lengthSum = Vec3.zero, cells = 0, orthorhombic = true

    public init(selection: Selection, byMolecule: Bool, drift: DriftPolicy = .removeSystemCenterOfMass) {
        self.selection = selection; self.byMolecule = byMolecule; self.drift = drift
    }

    public mutating func prepare(_ context: AnalysisContext) throws {
        let topology = context.topology
        let atoms = try selection.atomIndices(in: topology)
        guard !atoms.isEmpty else { throw InputError("the selection '\(selection.text)' matches no atoms") }
        let molecules = context.molecules
        // Particle groups: one atom each, or the selected atoms of each molecule (first-seen order).
        var groups: [[Int]] = []
        if byMolecule {
            var slot = [Int](repeating: -1, count: molecules.count)
            for i in atoms {
                let m = Int(molecules.moleculeOfAtom[i])
                if slot[m] < 0 { slot[m] = groups.count; groups.append([]) }
                groups[slot[m]].append(i)
            }
        } else {
            groups = atoms.map { [$0] }
        }
        var reference: [Int] = []
        switch drift {
        case .keep: break
        case .removeSystemCenterOfMass: reference = Array(0..<topology.atomCount)
        case .removeCenterOfMass(let framework):
            reference = try framework.atomIndices(in: topology)
            guard !reference.isEmpty else {
                throw InputError("the drift reference '\(framework.text)' matches no atoms")
            }
        }
        particleCount = groups.count
        tracker = ParticleTracker(groups: groups, topology: topology, reference: reference)
    }

    public mutating func accumulate(_ view: FrameView) throws {
        let frame = view.frame
        tracker!.append(view, to: &series)
        if let time = frame.time { times.append(time) } else { allTimesKnown = false }
        if let box = frame.box {
            volumeSum += box.volume; lengthSum += box.lengths; cells += 1
            orthorhombic = orthorhombic && box.isOrthorhombic
        }
    }

    public mutating func finish(_ pass: PassRecord) throws -> ParticleSeries {
        let frames = particleCount == 0 ? 0 : series.count / particleCount
        guard frames >= 2 else { throw InputError("the MSD needs at least 2 frames; the frame range gave \(frames)") }
        // Lags count frames: with times, they must be evenly spaced (without, lags stay in frames).
        if pass.timing.allTimesKnown { _ = try pass.timing.evenInterval(for: "the MSD") }
        var warnings = pass.warnings
        try tracker?.checkCell()
        if let warning = tracker?.unwrappingWarning { warnings.append(warning) }
        let meanLengths = cells > 0 ? lengthSum / Double(cells) : .zero
        let cubic =
            orthorhombic && abs(meanLengths.x - meanLengths.y) < 1e-6 * meanLengths.x
            && abs(meanLengths.x - meanLengths.z) < 1e-6 * meanLengths.x
        defer { series = []; times = [] }
        return ParticleSeries(
            positions: series, particleCount: particleCount, frameCount: frames,
            times: allTimesKnown ? times.map { $0 - times[0] } : nil,
            meanVolume: cells > 0 ? volumeSum / Double(cells) : nil, isCubic: cubic,
            warnings: warnings)
    }
}
