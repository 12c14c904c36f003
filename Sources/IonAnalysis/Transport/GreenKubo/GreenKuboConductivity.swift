import IonCore
import IonNumerics

/// Ionic conductivity from the Green–Kubo integral of the charge-current autocorrelation (seed
/// 001 eq. 12; Hansen & McDonald, *Theory of Simple Liquids*, 4th ed.
/// (2013), §10.5, doi:10.1016/C2010-0-66723-X), split by species pairs:
///
///     j_p(t)  = Σ_{a∈p} q_a v_a(t)          (particle p: a molecule, or an atom with byMolecule false)
///     J_s(t)  = Σ_{p∈s} j_p(t),  J = Σ_s J_s
///     κ       = 1/(3 V k_B T) ∫₀^∞ ⟨J(0)·J(t)⟩ dt = Σ_st κ_st
///     κ_st    = 1/(3 V k_B T) ∫ ½⟨J_s(0)·J_t(t) + J_t(0)·J_s(t)⟩ dt
///     κ_self,s = 1/(3 V k_B T) ∫ Σ_{p∈s} ⟨j_p(0)·j_p(t)⟩ dt,  σ(NE) = Σ_s κ_self,s
///
/// Charges are the topology's atomic charges (e), velocities Å/ps, V the mean cell volume (Å³),
/// T in K: κ in S/m. For LAMMPS `lj` everything stays reduced (T = k_B T/ε, κ in q²/(σ τ ε)).
/// Integrals are fitted to a plateau (``GreenKuboEstimate``) with fit and block uncertainties;
/// ``GreenKuboConductivityResult/convergence`` repeats κ on the first ¼, ½, ¾ and all frames.
/// - Complexity: O(atoms) per frame; O((P + S²) · T log T) at the end for P particles and S
///   species. Memory: 24 bytes × particles × frames.
public struct GreenKuboConductivity: FrameAnalysis {
    public var species: [OnsagerSpecies]
    /// Temperature, K (k_B T/ε for `lj`).
    public var temperature: Double
    /// Longest lag, ps; nil for half a block.
    public var window: Double?
    public var blocks: Int
    /// Names the input in error messages.
    public var source: String
    private var resolved: [ResolvedSpecies] = []
    private var recorder: VelocityRecorder?
    private var units = UnitSystem.real

    public init(
        species: [OnsagerSpecies], temperature: Double, window: Double? = nil, blocks: Int = 5,
        source: String = "the trajectory"
    ) {
        self.species = species; self.temperature = temperature; self.window = window
        self.blocks = blocks; self.source = source
    }

    public mutating func prepare(_ context: AnalysisContext) throws {
        guard temperature > 0 else { throw InputError("the temperature must be positive (K, or k_B T/ε for lj)") }
        resolved = try ResolvedSpecies.resolve(species, topology: context.topology)
        units = context.units
        recorder = VelocityRecorder(
            groups: resolved.flatMap(\.particles), weights: context.topology.charges,
            normalize: false, source: source)
    }

    public mutating func accumulate(_ view: FrameView) throws {
        let (frame, index) = (view.frame, view.index)
        try recorder!.append(frame, index: index)
    }

    public mutating func finish(_ pass: PassRecord) throws -> GreenKuboConductivityResult {
        let recorder = recorder!
        let dt = try pass.timing.evenInterval(for: "\(source): the Green–Kubo conductivity", minimumFrames: 6)
        guard recorder.cells > 0 else {
            throw InputError("\(source): the frames have no cell; the conductivity needs the volume")
        }
        let volume = recorder.volumeSum / Double(recorder.cells)
        let frames = recorder.frameCount
        let window = try CorrelationWindow(frames: frames, dt: dt, requested: self.window, blocks: blocks)
        let reduced = units.isReduced
        let unit: PhysicalUnit = reduced ? .reducedConductivity : .siemensPerMetre
        // ∫⟨J·J⟩ in e²Å²/ps → S/m: e² · 1e-8 m²/s / (3 k_B T V).
        let factor =
            reduced
            ? 1 / (3 * volume * temperature)
            : TransportUnits.elementaryCharge * TransportUnits.elementaryCharge
                * TransportUnits.particleCoefficient(slope: 2, temperature: temperature, volume: volume)
        let ranges = speciesRanges
        let pairs = { (range: Range<Int>) in
            ChargeCurrents(recorder, species: ranges, frames: range, window: window.lags)
        }
        let whole = pairs(0..<frames)
        let blockCurrents = window.blockRanges.map(pairs)
        func estimate(_ pick: (ChargeCurrents) -> [Double], _ what: String, autocorrelation: Bool = true) throws -> (
            GreenKuboEstimate, [Double]
        ) {
            try GreenKuboEstimate.estimate(
                pick(whole), blocks: blockCurrents.map(pick), dt: dt, factor: factor, unit: unit, what: what,
                autocorrelation: autocorrelation)
        }
        let (kappa, running) = try estimate(\.total, "the charge-current autocorrelation")
        let selfParts = try ranges.indices.map { s in
            try estimate({ $0.selfParts[s] }, "the self charge current of \(resolved[s].name)").0
        }
        let (nernstEinstein, _) = try estimate(
            { c in c.selfParts.dropFirst().reduce(c.selfParts[0]) { zip($0, $1).map(+) } },
            "the self charge currents")
        let pairEstimates = try ranges.indices.map { s in
            try ranges.indices.map { t in
                try estimate(
                    { $0.cross[s][t] }, "the charge currents of \(resolved[s].name) and \(resolved[t].name)",
                    autocorrelation: s == t
                ).0
            }
        }
        let convergence = try GreenKuboEstimate.convergence(
            frames: frames, dt: dt, factor: factor, unit: unit,
            what: "the charge-current autocorrelation"
        ) { pairs($0).total }
        return GreenKuboConductivityResult(
            species: resolved.map { .init(name: $0.name, count: $0.particles.count, charge: $0.charge) },
            temperature: temperature, volume: volume, frames: frames, frameInterval: dt,
            times: (0..<window.lags).map { Double($0) * dt }, chargeCurrentACF: whole.total,
            runningConductivity: running,
            conductivity: kappa, nernstEinstein: nernstEinstein, pairs: pairEstimates, selfParts: selfParts,
            convergence: convergence, units: reduced ? "lj" : "Å, ps, e, K",
            warnings: pass.warnings + [window.note].compactMap { $0 }
                + [kappa.resolutionWarning("the charge-current autocorrelation", dt: dt, timeUnit: units.timeUnit)]
                .compactMap { $0 })
    }

    /// Particle index ranges of each species in the recorder.
    private var speciesRanges: [Range<Int>] {
        var start = 0
        return resolved.map { item in
            defer { start += item.particles.count }
            return start..<(start + item.particles.count)
        }
    }
}

/// Charge-current correlations of one stretch of frames, lags 0..<window, e²Å²/ps².
struct ChargeCurrents {
    /// ½⟨J_s(0)·J_t(t) + J_t(0)·J_s(t)⟩.
    var cross: [[[Double]]]
    /// Σ_{p∈s} ⟨j_p(0)·j_p(t)⟩.
    var selfParts: [[Double]]
    /// ⟨J(0)·J(t)⟩ (= Σ_st cross up to rounding).
    var total: [Double]

    init(_ recorder: VelocityRecorder, species: [Range<Int>], frames range: Range<Int>, window: Int) {
        let count = recorder.groups.count
        var currents = [[[Double]]](
            repeating: [[Double]](repeating: [Double](repeating: 0, count: range.count), count: 3),
            count: species.count)
        for (s, particles) in species.enumerated() {
            for (t, frame) in range.enumerated() {
                var sum = Vec3.zero
                for p in particles { sum += recorder.series[frame * count + p] }
                currents[s][0][t] = sum.x; currents[s][1][t] = sum.y; currents[s][2][t] = sum.z
            }
        }
        let cross: [[[Double]]] = species.indices.map { s in
            species.indices.map { t in
                var sum = [Double](repeating: 0, count: window)
                for axis in 0..<3 {
                    let st = crossCorrelation(currents[s][axis], currents[t][axis])
                    let ts = crossCorrelation(currents[t][axis], currents[s][axis])
                    for m in 0..<window { sum[m] += 0.5 * (st[m] + ts[m]) }
                }
                return sum
            }
        }
        self.cross = cross
        selfParts = species.map { recorder.selfCorrelation(frames: range, window: window, particles: $0) }
        // ⟨J(0)·J(t)⟩ from the total current itself (exactly zero when the currents cancel).
        var accumulator = CorrelationAccumulator(length: range.count)
        for axis in 0..<3 {
            accumulator.add((0..<range.count).map { t in currents.reduce(0) { $0 + $1[axis][t] } })
        }
        total = Array(accumulator.result().prefix(window))
    }
}
