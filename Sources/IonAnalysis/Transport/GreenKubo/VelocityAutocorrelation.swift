import IonCore
import IonNumerics

/// The velocity autocorrelation function (VACF) of a group and the Green–Kubo self-diffusion
/// coefficient (Shayestehpour & Zahn 2024, doi:10.1063/5.0232631, eq. 8 and its Green–Kubo D, fitted the
/// same way; Allen & Tildesley, *Computer Simulation of Liquids*, 2nd ed. (2017), §8.1):
///
///     Z(t)  = (1/P) Σ_p ⟨v_p(t₀) · v_p(t₀ + t)⟩_{t₀}        (raw, Å²/ps²)
///     Z̃(t)  = Z(t) / Z(0)                                   (normalised)
///     D(t)  = (1/3) ∫₀ᵗ Z(s) ds                              (running integral, Å²/ps)
///     D     = plateau of D(t) fitted as D (1 − e^{−t/τ})
///
/// Particles are single atoms, or (`byMolecule`) the mass-weighted centre-of-mass velocity of
/// the selected atoms of each molecule. Averages run over all time origins (FFT,
/// ``CorrelationAccumulator``) within the window of ``CorrelationWindow``. Uncertainty: the fit's
/// standard error and the spread of the plateaus of consecutive blocks; ``VACFResult/convergence``
/// repeats D on the first ¼, ½, ¾ and all frames. Velocities must be in the
/// frames; times must be known. Results in Å²/ps and m²/s, or σ²/τ for LAMMPS `lj`.
/// - Complexity: O(atoms) per frame to record; O(P · T log T) at the end. Memory: 24 bytes ×
///   particles × frames.
public struct VelocityAutocorrelation: FrameAnalysis {
    public var selection: Selection
    public var byMolecule: Bool
    /// Longest lag, ps; nil for half a block.
    public var window: Double?
    public var blocks: Int
    /// Names the input in error messages (e.g. the trajectory file).
    public var source: String
    private var recorder: VelocityRecorder?
    private var units = UnitSystem.real

    public init(
        selection: Selection, byMolecule: Bool = false, window: Double? = nil, blocks: Int = 5,
        source: String = "the trajectory"
    ) {
        self.selection = selection; self.byMolecule = byMolecule; self.window = window
        self.blocks = blocks; self.source = source
    }

    public mutating func prepare(_ context: AnalysisContext) throws {
        let atoms = try selection.atomIndices(in: context.topology)
        guard !atoms.isEmpty else { throw InputError("the selection '\(selection.text)' matches no atoms") }
        units = context.units
        recorder = VelocityRecorder(
            groups: particleGroups(atoms, molecules: context.molecules, byMolecule: byMolecule),
            weights: context.masses, normalize: true, source: source)
    }

    public mutating func accumulate(_ view: FrameView) throws {
        let (frame, index) = (view.frame, view.index)
        try recorder!.append(frame, index: index)
    }

    public mutating func finish(_ pass: PassRecord) throws -> VACFResult {
        let recorder = recorder!
        let dt = try pass.timing.evenInterval(for: "\(source): the VACF", minimumFrames: 6)
        let frames = recorder.frameCount
        let window = try CorrelationWindow(frames: frames, dt: dt, requested: self.window, blocks: blocks)
        let p = Double(recorder.groups.count)
        let vacf = recorder.selfCorrelation(frames: 0..<frames, window: window.lags).map { $0 / p }
        let blockVACFs = window.blockRanges.map { range in
            recorder.selfCorrelation(frames: range, window: window.lags).map { $0 / p }
        }
        let reduced = units.isReduced
        let unit = units.diffusionUnit
        let (diffusion, integral) = try GreenKuboEstimate.estimate(
            vacf, blocks: blockVACFs, dt: dt, factor: 1.0 / 3, unit: unit, what: "the VACF")
        let convergence = try GreenKuboEstimate.convergence(
            frames: frames, dt: dt, factor: 1.0 / 3, unit: unit, what: "the VACF"
        ) { range in
            recorder.selfCorrelation(frames: range, window: window.lags).map { $0 / p }
        }
        return VACFResult(
            selection: selection.text, particles: byMolecule ? "molecules" : "atoms",
            particleCount: recorder.groups.count,
            frames: frames, frameInterval: dt,
            times: (0..<window.lags).map { Double($0) * dt }, vacf: vacf,
            normalizedVACF: vacf.map { vacf[0] > 0 ? $0 / vacf[0] : 0 },
            runningDiffusion: integral, diffusion: diffusion,
            diffusionSI: reduced
                ? nil : diffusion.scaled(by: TransportUnits.squareAngstromPerPicosecond, unit: .squareMetrePerSecond),
            convergence: convergence, units: reduced ? "lj" : "Å, ps",
            warnings: pass.warnings + [window.note].compactMap { $0 }
                + [diffusion.resolutionWarning("the VACF of '\(selection.text)'", dt: dt, timeUnit: units.timeUnit)]
                .compactMap { $0 })
    }
}

/// Atom groups of the particles of a selection: one atom each, or the selected atoms of each
/// molecule, in order of first appearance.
func particleGroups(_ atoms: [Int], molecules: Molecules, byMolecule: Bool) -> [[Int]] {
    guard byMolecule else { return atoms.map { [$0] } }
    var slot = [Int: Int]()
    var groups: [[Int]] = []
    for a in atoms {
        let m = Int(molecules.moleculeOfAtom[a])
        if let k = slot[m] { groups[k].append(a) } else { slot[m] = groups.count; groups.append([a]) }
    }
    return groups
}

/// The VACF of a group and its Green–Kubo self-diffusion coefficient.
public struct VACFResult: Codable, Sendable {
    public var selection: String
    /// "atoms" or "molecules" (centre-of-mass velocities of the selected atoms of each molecule).
    public var particles: String
    public var particleCount: Int
    public var frames: Int
    /// Time between frames, ps (τ for `lj`).
    public var frameInterval: Double
    /// Lags, ps (τ).
    public var times: [Double]
    /// Z(t) = ⟨v(0)·v(t)⟩ per particle, Å²/ps² (σ²/τ²).
    public var vacf: [Double]
    /// Z(t)/Z(0).
    public var normalizedVACF: [Double]
    /// (1/3) ∫₀ᵗ Z(s) ds, Å²/ps (σ²/τ).
    public var runningDiffusion: [Double]
    /// Green–Kubo D, Å²/ps (σ²/τ).
    public var diffusion: GreenKuboEstimate
    /// Green–Kubo D in m²/s; nil for reduced (`lj`) units.
    public var diffusionSI: GreenKuboEstimate?
    /// D (Å²/ps, σ²/τ) from the first ¼, ½, ¾ and all of the frames.
    public var convergence: [ConvergencePoint]
    /// Internal units of the numbers above: "Å, ps" or "lj" (σ, τ).
    public var units: String
    public var warnings: [String]
}
