import IonCore

/// The shell-restricted velocity cross-correlation of Shayestehpour & Zahn 2024 (doi:10.1063/5.0232631,
/// eqs 15–16): how the velocity of particles j that start within R of a particle i follows i's
/// initial velocity.
///
///     C_r(t) = (1/N̄) ⟨ Σ_j v_j(t) · v_i(0) u(R − r_ij(0)) ⟩_{i, t₀}        (raw, Å²/ps²)
///     C(t)   = C_r(t) / (⟨v_i²⟩ ⟨v_j²⟩)^{1/2}                                (eq. 15)
///
/// with u the step function, N̄ the mean number of j within R of an i, and ⟨v²⟩ the mean squared
/// velocity of each group over all frames. Equivalently C_r(t) is the mean of v_j(t₀+t)·v_i(t₀)
/// over every (origin, i, j) with r_ij(t₀) < R; each lag averages the origins that reach it.
/// Particles are atoms or molecular centres of mass (positions from whole molecules, velocities
/// mass-weighted); a particle in both groups is never its own partner. R is given (Shayestehpour &
/// Zahn use the first minimum of the centre-of-mass RDF: ``RDFResult``). Pairs at each origin come from
/// ``NeighborSearch``. Velocities Å/ps (σ/τ for `lj`).
/// - Complexity: one neighbour search per origin, then O(pairs × window) per origin; memory
///   48 bytes × particles × frames.
public struct VelocityCrossCorrelation: FrameAnalysis {
    public var centers: Selection
    public var partners: Selection
    public var byMolecule: Bool
    /// Shell radius R, Å.
    public var radius: Double
    /// Longest lag, ps; nil for a tenth of the run.
    public var window: Double?
    /// Use every n-th frame as an origin.
    public var originStride: Int
    public var source: String
    private var velocities: VelocityRecorder?
    private var tracker: ParticleTracker?
    private var positions: [Vec3] = []
    private var boxes: [Box] = []
    private var centerCount = 0
    private var units = UnitSystem.real

    public init(
        centers: Selection, partners: Selection, radius: Double, byMolecule: Bool = false, window: Double? = nil,
        originStride: Int = 1, source: String = "the trajectory"
    ) {
        self.centers = centers; self.partners = partners; self.radius = radius; self.byMolecule = byMolecule
        self.window = window; self.originStride = originStride; self.source = source
    }

    public mutating func prepare(_ context: AnalysisContext) throws {
        guard radius > 0 else { throw InputError("the shell radius must be positive (Å)") }
        guard originStride >= 1 else { throw InputError("the origin stride must be 1 or more") }
        let a = particleGroups(
            try centers.atomIndices(in: context.topology), molecules: context.molecules, byMolecule: byMolecule)
        let b = particleGroups(
            try partners.atomIndices(in: context.topology), molecules: context.molecules, byMolecule: byMolecule)
        guard !a.isEmpty, !b.isEmpty else {
            throw InputError("the selections '\(centers.text)' and '\(partners.text)' must both match atoms")
        }
        centerCount = a.count
        units = context.units
        velocities = VelocityRecorder(groups: a + b, weights: context.masses, normalize: true, source: source)
        tracker = ParticleTracker(
            groups: a + b, topology: context.topology, reference: [])
    }

    public mutating func accumulate(_ view: FrameView) throws {
        let (frame, index) = (view.frame, view.index)
        try velocities!.append(frame, index: index)
        guard let box = frame.box else {
            throw InputError("\(source): frame \(index) has no cell; the shell needs periodic distances")
        }
        tracker!.append(view, to: &positions)
        boxes.append(box)
    }

    public mutating func finish(_ pass: PassRecord) throws -> VCCFResult {
        let recorder = velocities!
        let dt = try pass.timing.evenInterval(for: "\(source): the velocity cross-correlation", minimumFrames: 3)
        let frames = recorder.frameCount, total = recorder.groups.count, b0 = centerCount
        let lags = min(frames, window.map { Int(($0 / dt + 1e-9).rounded(.down)) + 1 } ?? max(2, frames / 10))
        // The same particle may be in both groups: never its own partner.
        let centerIndex = Dictionary(
            recorder.groups[0..<b0].enumerated().map { ($1, $0) }, uniquingKeysWith: { a, _ in a })
        let identity = recorder.groups[b0...].map { centerIndex[$0] ?? -1 }
        var sums = [Double](repeating: 0, count: lags), pairs = [Double](repeating: 0, count: lags)
        var search = NeighborSearch()
        var shellPairs: [(Int, Int)] = []
        var origins = 0
        for t0 in stride(from: 0, to: frames, by: originStride) {
            let row = Array(positions[(t0 * total)..<((t0 + 1) * total)])
            shellPairs.removeAll(keepingCapacity: true)
            try search.forEachPair(Array(row[0..<b0]), Array(row[b0...]), box: boxes[t0], cutoff: radius) {
                i, j, _, _ in
                if identity[j] != i { shellPairs.append((i, b0 + j)) }
            }
            origins += 1
            for m in 0..<min(lags, frames - t0) {
                let now = (t0 + m) * total, then = t0 * total
                var sum = 0.0
                for (i, j) in shellPairs { sum += recorder.series[now + j].dot(recorder.series[then + i]) }
                sums[m] += sum
                pairs[m] += Double(shellPairs.count)
            }
        }
        guard pairs[0] > 0 else {
            throw InputError(
                "no '\(partners.text)' particle ever starts within \(radius) of a '\(centers.text)' particle")
        }
        let raw = zip(sums, pairs).map { $1 > 0 ? $0 / $1 : .nan }
        func meanSquare(_ range: Range<Int>) -> Double {
            var s = 0.0
            for t in 0..<frames {
                for p in range { s += recorder.series[t * total + p].dot(recorder.series[t * total + p]) }
            }
            return s / Double(frames * range.count)
        }
        let scale = (meanSquare(0..<b0) * meanSquare(b0..<total)).squareRoot()
        return VCCFResult(
            centers: centers.text, partners: partners.text, particles: byMolecule ? "molecules" : "atoms",
            radius: radius,
            meanNeighbors: pairs[0] / Double(origins * b0), origins: origins, times: (0..<lags).map { Double($0) * dt },
            restricted: raw, normalized: raw.map { $0 / scale }, units: units.isReduced ? "lj" : "Å, ps",
            warnings: pass.warnings)
    }
}

/// A shell-restricted velocity cross-correlation (Shayestehpour & Zahn 2024, doi:10.1063/5.0232631,
/// eqs 15–16).
public struct VCCFResult: Codable, Sendable {
    public var centers: String
    public var partners: String
    public var particles: String
    /// R, Å (σ).
    public var radius: Double
    /// N̄: mean number of partners within R of a centre at an origin.
    public var meanNeighbors: Double
    public var origins: Int
    /// Lags, ps (τ).
    public var times: [Double]
    /// C_r(t) (eq. 16), Å²/ps² (σ²/τ²).
    public var restricted: [Double]
    /// C(t) (eq. 15), dimensionless.
    public var normalized: [Double]
    public var units: String
    public var warnings: [String]
}
