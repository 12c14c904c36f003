import IonCore
import IonNumerics

/// Settings of an Onsager analysis.
public struct OnsagerOptions: Sendable {
    /// Temperature, K (required: nothing in a trajectory states it reliably).
    public var temperature: Double
    /// Lags fitted for the slopes, ps; nil for the default (see ``OnsagerAnalysis``).
    public var fitStart: Double?
    public var fitEnd: Double?
    /// Number of blocks a single run is split into for its uncertainty.
    public var blocks: Int
    /// Salt concentration for the molar conductivity, mol/L; nil for the default.
    public var saltConcentration: Double?

    public init(
        temperature: Double, fitStart: Double? = nil, fitEnd: Double? = nil, blocks: Int = 5,
        saltConcentration: Double? = nil
    ) {
        self.temperature = temperature; self.fitStart = fitStart; self.fitEnd = fitEnd
        self.blocks = blocks; self.saltConcentration = saltConcentration
    }
}

/// Onsager transport coefficients, conductivity, Nernst–Einstein conductivity, ionicity and
/// transference numbers from the Einstein form (Jones et al. 2022, doi:10.48550/arXiv.2208.03182,
/// eqs 6–8; Fong, Self, McCloskey & Persson, Macromolecules 53, 9503 (2020),
/// doi:10.1021/acs.macromol.0c02001):
///
///     L^ij      = 1/(6 k_B T V N_A²) d/dt ⟨Σ_α Δr_α(t) · Σ_β Δr_β(t)⟩        α ∈ i, β ∈ j
///     L_self^ii = 1/(6 k_B T V N_A²) d/dt Σ_α ⟨Δr_α(t)²⟩ = D_i c_i / (RT)
///     κ         = F² Σ_ij z_i z_j L^ij = e²/(6 k_B T V) d/dt ⟨(Σ_α z_α Δr_α)²⟩
///     σ(NE)      = F² Σ_i z_i² L_self^ii = e²/(V k_B T) Σ_i N_i z_i² D_i
///     t_i       = z_i Σ_j z_j L^ij / Σ_jk z_j z_k L^jk        (Onsager; may be negative)
///     t_i^NE    = N_i z_i² D_i / Σ_j N_j z_j² D_j               (= D₊/(D₊+D₋) for a 1:1 salt)
///
/// Positions r are unwrapped centres of mass relative to the system's centre of mass; the
/// averages run over all time origins (``crossMeanSquaredDisplacements``, ``MSDAccumulator``).
/// L in mol²/(J·m·s) (the units of D c/RT), κ in S/m, D in m²/s. The Onsager transference number
/// is the centre-of-mass-frame one of Fong et al. (Jones et al. 2022 do not write it out).
///
/// **Fit window.** Slopes are least-squares fits over lags [fitStart, fitEnd]. By default a single
/// run is cut into `blocks` (5) blocks of F frames and the window is [F/4, F/2] frames: past the
/// short-time regime, and short enough that every fitted lag still averages over at least half the
/// origins of a block. The same window (in ps) is used for the whole run and for every block.
///
/// **Uncertainty.** One run: the value is from the whole run, the uncertainty the standard
/// error over the blocks (blocks are made fewer until each lasts at least twice the window end;
/// with fewer than 2, none is given). Several replicas: the value is from the mean over replicas
/// of L, L_self and D, the uncertainty the standard error of the replica values. Derived
/// quantities (κ, ionicity, t) take their uncertainty from their spread over the same samples.
///
/// - Complexity: one pass over each trajectory, O(atoms × frames); then, for the whole run and
///   again for the blocks, O(P·T log T) for the self parts of P particles and O(S²·T log T) for the
///   S species' collective parts. Memory: 24 bytes × particles × frames per replica.
public enum OnsagerAnalysis {
    /// Reads every replica and analyses them together.
    public static func compute(_ replicas: [any FrameSource], species: [OnsagerSpecies], options: OnsagerOptions) throws
        -> OnsagerResult
    {
        let series = try replicas.map { try OnsagerSeries($0, species: species) }
        var result = try compute(series, options: options)
        for (k, item) in species.enumerated() {
            result.species[k].selection = item.selection.text
            result.species[k].particles = item.byMolecule ? "molecules" : "atoms"
        }
        return result
    }

    /// Analyses collected series (one per replica; the same species in the same order). Reduced
    /// (LAMMPS `lj`) series give reduced results (``OnsagerResult/inReducedUnits()``; the
    /// temperature is then k_B T/ε).
    public static func compute(_ replicas: [OnsagerSeries], options: OnsagerOptions) throws -> OnsagerResult {
        var result = try analyse(replicas, options: options)
        if replicas.count == 1 { result.convergence = convergence(replicas[0], options: options, whole: result) }
        return result
    }

    /// κ over the first ¼, ½ and ¾ of the frames, then all (`whole`); parts too short to fit are
    /// left out.
    static func convergence(_ series: OnsagerSeries, options: OnsagerOptions, whole: OnsagerResult)
        -> [ConvergencePoint]
    {
        var points: [ConvergencePoint] = []
        for quarter in 1...3 {
            let frames = series.frames * quarter / 4
            guard frames >= 8, let part = try? analyse([series.prefix(frames: frames)], options: options) else {
                continue
            }
            points.append(
                ConvergencePoint(
                    frames: frames, value: part.conductivity.value, fitError: part.conductivity.uncertainty))
        }
        points.append(
            ConvergencePoint(
                frames: series.frames, value: whole.conductivity.value, fitError: whole.conductivity.uncertainty))
        return points
    }

    static func analyse(_ replicas: [OnsagerSeries], options: OnsagerOptions) throws -> OnsagerResult {
        guard let first = replicas.first else { throw InputError("give at least one trajectory") }
        guard options.temperature > 0 else { throw InputError("the temperature must be positive (K)") }
        let speciesCount = first.species.count
        for replica in replicas
        where replica.species.map(\.particleCount) != first.species.map(\.particleCount)
            || replica.species.map(\.charge) != first.species.map(\.charge)
        {
            throw InputError("the replicas do not hold the same species (particle counts or charges differ)")
        }
        var warnings = replicas.flatMap(\.warnings)
        // Fit window and block count.
        let shortest = replicas.map(\.frames).min()!
        let dt = first.frameInterval
        let requestedBlocks = max(1, options.blocks)
        let defaultBlockFrames = shortest / requestedBlocks
        if options.fitStart == nil || options.fitEnd == nil, defaultBlockFrames < 8 {
            throw InputError(
                "\(requestedBlocks) blocks of \(shortest) frames leave \(defaultBlockFrames) frame(s) each; the default fit window, a quarter to a half of a block, needs at least 8: ask for at most \(max(1, shortest / 8)) blocks, or give fit_start and fit_end"
            )
        }
        let fitStart = options.fitStart ?? Double(defaultBlockFrames / 4) * dt
        let fitEnd = options.fitEnd ?? Double(defaultBlockFrames / 2) * dt
        guard fitEnd > fitStart, fitStart >= 0 else {
            throw InputError(
                "the fit window [\(fitStart), \(fitEnd)] ps is empty; give --fit-start < --fit-end (the run has \(shortest) frames of \(dt) ps)"
            )
        }
        for replica in replicas where fitEnd > Double(replica.frames - 1) * replica.frameInterval + 1e-9 {
            throw InputError(
                "the fit window ends at \(fitEnd) ps, beyond the run's \(Double(replica.frames - 1) * replica.frameInterval) ps"
            )
        }
        var blocks = requestedBlocks
        while blocks > 1 && Double(shortest / blocks) * dt < 2 * fitEnd - 1e-9 { blocks -= 1 }
        if replicas.count == 1 && blocks < 2 {
            warnings.append(
                "the fit window is too long to split the run into blocks: no uncertainty (shorten --fit-end or add replicas)"
            )
        } else if replicas.count == 1 && blocks < requestedBlocks {
            warnings.append(
                "\(blocks) blocks of \(shortest / blocks) frames instead of the \(requestedBlocks) asked for, so that each lasts at least twice the fit window's end"
            )
        }
        let window = FitWindow(start: fitStart, end: fitEnd)
        let context = Context(
            series: first, temperature: options.temperature,
            volume: replicas.map(\.volume).reduce(0, +) / Double(replicas.count),
            saltConcentration: options.saltConcentration)

        // Whole-run samples, one per replica.
        var wholeRuns: [Sample] = []
        var curves: [Curves] = []
        for replica in replicas {
            let curve = Curves(replica, frames: 0..<replica.frames)
            curves.append(curve)
            wholeRuns.append(try Sample(curve, window: window, series: replica, temperature: options.temperature))
        }
        let samples: [Sample]
        let method: String
        if replicas.count >= 2 {
            samples = wholeRuns
            method = "standard error of the mean over \(replicas.count) replicas"
        } else if blocks >= 2 {
            let length = first.frames / blocks
            samples = try (0..<blocks).map { b in
                try Sample(
                    Curves(first, frames: (b * length)..<((b + 1) * length)), window: window, series: first,
                    temperature: options.temperature)
            }
            method = "standard error over \(blocks) consecutive blocks of \(length) frames"
        } else {
            samples = []
            method = "none (a single run that could not be split into blocks)"
        }
        let mean = Sample.mean(wholeRuns)
        let point = context.quantities(mean)
        let spread = samples.map { context.quantities($0) }
        func estimate(_ k: Int) -> Estimate {
            Estimate(point[k], samples.count >= 2 ? meanAndStandardError(spread.map { $0[k] }).error : nil)
        }
        let layout = Layout(species: speciesCount)
        let hasBinary = context.cations.count == 1 && context.anions.count == 1
        let curveSet = Curves.mean(curves)
        let result = OnsagerResult(
            species: first.species.map {
                .init(
                    name: $0.name, selection: "", particles: "", count: $0.particleCount, charge: $0.charge,
                    concentration: Double($0.particleCount) / context.volume * TransportUnits.particlesPerCubicAngstrom
                        / 1000)
            },
            temperature: options.temperature, volume: context.volume, replicas: replicas.count,
            framesPerReplica: replicas.map(\.frames), frameInterval: dt, fitWindow: [fitStart, fitEnd],
            uncertaintyMethod: method,
            coefficients: layout.matrix(layout.coefficients, estimate),
            selfCoefficients: layout.vector(layout.selfCoefficients, estimate),
            distinctCoefficients: layout.matrix(layout.distinct, estimate),
            diffusionCoefficients: layout.vector(layout.diffusion, estimate),
            conductivity: estimate(layout.conductivity),
            nernstEinsteinConductivity: estimate(layout.nernstEinstein),
            ionicity: estimate(layout.ionicity),
            saltConcentration: context.saltConcentration, saltConcentrationSource: context.saltSource,
            molarConductivity: estimate(layout.molar),
            transferenceNernstEinstein: layout.vector(layout.transferenceNE, estimate),
            transferenceOnsager: layout.vector(layout.transferenceOnsager, estimate),
            cationTransferenceNernstEinstein: estimate(layout.cationNE),
            cationTransferenceOnsager: estimate(layout.cationOnsager),
            binaryTransferenceFromDiffusion: hasBinary ? estimate(layout.binary) : nil,
            curveTimes: curveSet.times, collectiveDisplacements: curveSet.collective,
            selfDisplacements: curveSet.selfParts,
            warnings: warnings)
        return first.isReduced ? result.inReducedUnits() : result
    }
}
