import Foundation
import IonAnalysis
import IonCore
import IonNumerics
import IonReport

/// `ionscope kinetics`, `[[kinetics]]`: shell pair lifetimes, bursty exchanges and soft/hard
/// states from one collection of pair-existence runs.
public struct KineticsPlugin: OneSectionEach {
    public static let name = "kinetics"
    public static let abstract =
        "Shell kinetics: pair lifetimes (continuous and intermittent ACFs with exponential, KWW and two-state fits), bursty exchanges and soft/hard states."
    public static let discussion = """
        A pair exists while the partner is in the centre's first shell (cutoff, or the first RDF minimum). Lifetimes: \
        the continuous ACF fitted on log-spaced lags up to max_lag_fraction of the run by one and two exponentials, KWW \
        and the two-state form, errors by bootstrap over pairs, the model with the lowest AIC preferred. Bursts: exchange \
        events, inter-event times, burstiness B and memory M, train sizes for Δt = f·⟨τ⟩ with discrete power-law fits \
        (Clauset, Shalizi & Newman 2009, doi:10.1137/070710111). States: a centre is soft in a window of `window` frames \
        with more than E_c exchanges (Lee et al. 2023, doi:10.1140/epje/s10189-023-00365-9).
        """
    static let lifetimeDefaults = ShellLifetimeOptions(), burstDefaults = ShellBurstOptions(),
        stateDefaults = ShellStateOptions()
    public static let settings: [Setting] = [
        Setting("centres", .selection, required: true, help: "The centres, e.g. 'type 1'."),
        Setting("partners", .selection, required: true, help: "The shell partners, e.g. 'type 2 3'."),
        Setting(
            "cutoff", .number(.positive), unit: "Å",
            help: "Shell radius (σ for lj; default: the first minimum of the RDF, one extra pass)."),
        ShellSettings.counting, ShellSettings.centresByMolecule, ShellSettings.rdfRmax,
        Setting(
            "tolerance", .integer(minimum: 0), default: .integer(lifetimeDefaults.tolerance),
            help:
                "Tolerance t*, frames: a partner absent for at most this many frames between two presences stays in the shell."
        ),
        Setting(
            "seed", .integer(minimum: 0, maximum: .max), default: .integer(Int(lifetimeDefaults.seed)),
            help: "Seed of the bootstrap resampling."),
        Setting(
            "lags_per_decade", .integer(minimum: 2, maximum: 1000), default: .integer(lifetimeDefaults.lagsPerDecade),
            help: "Log-spaced fit lags per decade."),
        Setting(
            "max_lag_fraction", .number(.fraction), default: .number(lifetimeDefaults.maxLagFraction),
            help: "Longest fitted lag as a fraction of the run."),
        Setting(
            "bootstrap", .integer(minimum: 0, maximum: 10_000), default: .integer(lifetimeDefaults.bootstrapReplicates),
            help: "Bootstrap replicates over pairs for the lifetime fits (0: errors from the fit covariance)."),
        .flag(
            "per_origin",
            help: "Average each origin's ACF, then over origins, instead of pooling all pairs and origins."),
        Setting(
            "switching_rates", .numbers(.positive, count: 2), unit: "1/ps",
            help:
                "Assumed state switching rates (1 → 2, 2 → 1, e.g. soft → hard and hard → soft) that turn the two-state fit into per-state dissociation rates."
        ),
        Setting(
            "fractions", .numbers(.positive, count: nil), default: .numbers(burstDefaults.fractions),
            help: "Train windows as fractions of the mean inter-event time."),
        .flag("per_centre_mean", help: "Use each centre's own mean inter-event time for its train window."),
        .flag(
            "drop_boundary_trains", help: "Leave out each centre's first and last train (cut by the ends of the run)."),
        Setting(
            "power_law_replicates", .integer(minimum: 0, maximum: 10_000),
            default: .integer(burstDefaults.powerLawReplicates),
            help: "Bootstrap replicates for the power-law p-values (0 skips them)."),
        Setting(
            "window", .integer(minimum: 1), default: .integer(stateDefaults.window), help: "Soft/hard window W, frames."
        ),
        Setting(
            "threshold", .integer(minimum: 0),
            help: "E_c: windows with more events are soft (default: from the Poisson-like null)."),
        .flag("crossings", help: "Count border crossings instead of frames with a change."),
        Setting(
            "state_bootstrap", .integer(minimum: 2, maximum: 10_000),
            default: .integer(stateDefaults.bootstrapReplicates),
            help: "Bootstrap replicates over centres for the states."),
        Setting(
            "arrhenius_with", .files,
            help:
                "Kinetics JSON results of runs at other temperatures: fit the per-state rates to Arrhenius laws (needs the temperature)."
        ),
    ]
    public static let example = PluginExample(
        .demo,
        #"centres = "type 1""# + "\n" + #"partners = "type 2 3""# + "\ncutoff = 6.3\n"
            + #"counting = "centres-of-mass""# + "\nbootstrap = 0\npower_law_replicates = 0\nstate_bootstrap = 2")

    public let label: String
    let definition: ShellDefinition
    let rdfRmax: Double?
    let lifetimes: ShellLifetimeOptions
    let bursts: ShellBurstOptions
    let states: ShellStateOptions
    let switching: (Double, Double)?
    let others: [String]

    public init(_ settings: SettingValues) throws {
        let centres = try settings.requiredSelection("centres"), partners = try settings.requiredSelection("partners")
        definition = ShellDefinition(
            centres: centres.text, partners: partners.text, cutoff: settings.number("cutoff"),
            centresByMolecule: settings.bool("centres_by_molecule"),
            counting: ShellSettings.counting(settings))
        rdfRmax = settings.number("rdf_rmax")
        let seed = UInt64(settings.integer("seed") ?? 1)
        var lifetimes = ShellLifetimeOptions()
        lifetimes.tolerance = settings.integer("tolerance") ?? 0
        lifetimes.lagsPerDecade = settings.integer("lags_per_decade") ?? lifetimes.lagsPerDecade
        lifetimes.maxLagFraction = settings.number("max_lag_fraction") ?? lifetimes.maxLagFraction
        lifetimes.bootstrapReplicates = settings.integer("bootstrap") ?? lifetimes.bootstrapReplicates
        if lifetimes.bootstrapReplicates == 1 {
            throw SettingError("bootstrap", "must be 0 (fit covariance) or at least 2")
        }
        lifetimes.seed = seed
        lifetimes.normalisation = settings.bool("per_origin") ? .perOrigin : .pooled
        self.lifetimes = lifetimes
        var bursts = ShellBurstOptions()
        bursts.fractions = settings.numbers("fractions") ?? bursts.fractions
        bursts.perIonMean = settings.bool("per_centre_mean");
        bursts.dropBoundaryTrains = settings.bool("drop_boundary_trains")
        bursts.powerLawReplicates = settings.integer("power_law_replicates") ?? bursts.powerLawReplicates
        bursts.seed = seed
        self.bursts = bursts
        var states = ShellStateOptions()
        states.window = settings.integer("window") ?? states.window
        states.threshold = settings.integer("threshold")
        states.multiplicity = settings.bool("crossings")
        states.bootstrapReplicates = settings.integer("state_bootstrap") ?? states.bootstrapReplicates
        states.seed = seed
        states.temperature = settings.temperature
        self.states = states
        switching = settings.numbers("switching_rates").map { ($0[0], $0[1]) }
        others = settings.texts("arrhenius_with")
        if !others.isEmpty && settings.temperature == nil {
            throw SettingError("arrhenius_with", "needs the temperature of this run")
        }
        label =
            settings.text("label")
            ?? "\(settings.written("centres") ?? centres.text)–\(settings.written("partners") ?? partners.text)"
    }

    public func cutoffRequests(_ run: RunSetup) throws -> [FirstMinimumRequest] {
        definition.cutoff == nil
            ? [FirstMinimumRequest(definition, rMax: ShellSettings.rdfRange(rdfRmax, run, for: label))] : []
    }

    public func analysis(_ run: RunSetup) throws -> ShellKineticsCollection {
        var definition = definition
        definition.cutoff = try ShellSettings.cutoff(
            definition.cutoff, definition, rMax: ShellSettings.rdfRange(rdfRmax, run),
            name: label, run
        ).0
        return ShellKineticsCollection(definition: definition, positionWindow: states.window)
    }

    public func output(_ collected: ShellKineticsCollection.Result, _ run: RunSetup) throws -> KineticsResult {
        let lifetimes = try ShellLifetimes(
            collected.existence, frameInterval: collected.frameInterval, options: self.lifetimes)
        let events = ExchangeEvents(collected.existence.fillingGaps(upTo: self.lifetimes.tolerance))
        let bursts = try ShellBursts(events, frameInterval: collected.frameInterval, options: self.bursts)
        var warnings =
            collected.warnings
            + Self.lifetimeWarnings(
                lifetimes, frameInterval: collected.frameInterval, unit: run.units.timeUnit)
        var states: ShellStates?
        var stateOptions = self.states
        stateOptions.reducedUnits = run.units.isReduced
        do {
            states = try ShellStates(
                events, frameInterval: collected.frameInterval, options: stateOptions, positions: collected.positions)
        } catch let error as InputError {
            warnings.append("soft/hard states of \(label) not computed: \(error.description)")
        }
        var arrhenius: StateRateArrhenius?
        if let states, !others.isEmpty {
            let earlier = try others.map { path -> ShellStates in
                guard let data = FileManager.default.contents(atPath: path) else {
                    throw FileError(path: path, "cannot read the file")
                }
                guard let result = try? JSONDecoder().decode(KineticsResult.self, from: data),
                    let states = result.states
                else {
                    throw FormatError(
                        path: path,
                        "not a kinetics result with soft/hard states (`ionscope kinetics --json` or a job's kinetics JSON)"
                    )
                }
                return states
            }
            arrhenius = try StateRateArrhenius([states] + earlier)
        }
        return KineticsResult(
            definition: collected.definition,
            cutoffSource: self.definition.cutoff == nil ? "first minimum of the RDF" : "given",
            lengthUnit: run.units.lengthUnit, timeUnit: run.units.timeUnit, lifetimes: lifetimes,
            identified: switching.map { lifetimes.identify(switching: $0) },
            bursts: bursts, states: states, arrhenius: arrhenius, warnings: warnings)
    }

    /// A lifetime the data cannot carry is said: one beyond the longest fitted lag is the fitted
    /// model's extrapolation; one shorter than the frame spacing is not resolved.
    static func lifetimeWarnings(_ l: ShellLifetimes, frameInterval dt: Double, unit: PhysicalUnit) -> [String] {
        let lifetime = l.fits.lifetime
        guard let longest = l.times.last, lifetime.isFinite else { return [] }
        if lifetime < dt {
            return [
                "the pair lifetime \(formatNumber(lifetime, 3)) \(unit) is shorter than the time between frames (\(formatNumber(dt, 3)) \(unit)): it is not resolved — save frames more often"
            ]
        }
        if lifetime > longest {
            return [
                "the pair lifetime \(formatNumber(lifetime, 3)) \(unit) is \(formatNumber(lifetime / longest, 2))× the longest lag fitted (\(formatNumber(longest, 3)) \(unit)), beyond the data (from \(l.fits.lifetimeSource)) — raise max_lag_fraction (now \(formatNumber(Double(l.lags.last ?? 0) / Double(max(l.frames, 1)), 2)) of the run) or run longer"
            ]
        }
        return []
    }

    public static func headlines(_ k: KineticsResult, label: String) -> [Headline] {
        let time = k.timeUnit
        var rows = [
            Headline(
                "pair lifetime \(label)", k.lifetimes.fits.lifetime, k.lifetimes.fits.lifetimeError, unit: time,
                method: k.lifetimes.fits.lifetimeSource),
            Headline(
                "burstiness B \(label)", k.bursts.burstiness, nil, unit: .dimensionless,
                method: "Poisson gives \(formatNumber(k.bursts.poissonBurstiness, 3))",
                display: formatNumber(k.bursts.burstiness, 3)),
        ]
        if let s = k.states {
            rows.append(
                Headline(
                    "soft fraction \(label)", s.statistics.softFraction, s.statistics.softFractionError,
                    unit: .dimensionless,
                    method: "> \(s.threshold) exchanges per \(formatNumber(s.windowTime, 3)) \(time)"))
        }
        return rows
    }

    public static func section(_ label: String, _ k: KineticsResult, units u: UnitLabels, files: inout FileSet) throws
        -> ReportSection
    {
        let name = "kinetics-\(slug(label))"
        try files.json(name + ".json", k)
        let l = k.lifetimes
        try files.csv(
            name + "-acf.csv",
            DataTable([
                .init("lag", unit: .frames, l.lags.map(Double.init)), .init("t", unit: u.time, l.times),
                .init("continuous", l.continuous), .init("continuous_error", l.continuousError),
                .init("intermittent", l.intermittent),
            ]))
        // ACFs with the preferred fit, drawn from its residuals at the fitted lags.
        var acf = [
            Plot.Series(
                "continuous", x: l.times, y: l.continuous,
                band: l.continuousError.count == l.continuous.count
                    ? (
                        zip(l.continuous, l.continuousError).map { $0 - $1 },
                        zip(l.continuous, l.continuousError).map { $0 + $1 }
                    ) : nil),
            Plot.Series("intermittent", x: l.times, y: l.intermittent),
        ]
        if let preferred = l.fits.preferred, let fit = l.fits.fits.first(where: { $0.model == preferred }),
            fit.residuals.count == l.continuous.count
        {
            acf.append(
                Plot.Series(
                    "fit: \(preferred.displayName)", x: l.times, y: zip(l.continuous, fit.residuals).map { $0 - $1 },
                    style: .dashed))
        }
        let acfPlot = Plot(
            title: "Pair existence autocorrelation", x: .init("t (\(u.time))", logarithmic: true), y: .init("c(t)"),
            series: acf, horizontalLine: 0)
        var plots = [acfPlot]
        // Bursty-train sizes, log–log, with the power law where it was fitted.
        var trains: [Plot.Series] = []
        for t in k.bursts.trains where !t.statistics.distribution.isEmpty {
            let sizes = t.statistics.distribution.indices.filter { t.statistics.distribution[$0] > 0 }
            trains.append(
                Plot.Series(
                    "Δt = \(formatNumber(t.statistics.fraction, 2))·⟨τ⟩", x: sizes.map { Double($0 + 1) },
                    y: sizes.map { t.statistics.distribution[$0] }, style: .points))
        }
        // The fitted discrete power law over its tail: P(E) = (n_tail/n)·E^(−α)/ζ(α, E_min).
        if let first = k.bursts.trains.first, let law = first.powerLaw,
            first.statistics.distribution.count >= law.fit.xMin
        {
            let sizes = (law.fit.xMin...first.statistics.distribution.count).map(Double.init)
            let norm = law.tailFraction / hurwitzZeta(law.fit.alpha, Double(law.fit.xMin))
            trains.append(
                Plot.Series(
                    "power law α = \(formatNumber(law.fit.alpha, 3)) (Δt = ⟨τ⟩)", x: sizes,
                    y: sizes.map { norm * pow($0, -law.fit.alpha) }, style: .dashed))
        }
        if !trains.isEmpty {
            plots.append(
                Plot(
                    title: "Bursty-train sizes P(E)", x: .init("events in a train, E", logarithmic: true),
                    y: .init("P(E)", logarithmic: true), series: trains))
        }
        let intervals = k.bursts.intervalCounts
        let total = Double(intervals.reduce(0, +))
        if total > 0 {
            let taus = intervals.indices.filter { intervals[$0] > 0 }
            plots.append(
                Plot(
                    title: "Inter-event times", x: .init("τ (\(u.time))", logarithmic: true),
                    y: .init("P(τ)", logarithmic: true),
                    series: [
                        Plot.Series(
                            "exchange events", x: taus.map { Double($0 + 1) * k.bursts.frameInterval },
                            y: taus.map { Double(intervals[$0]) / total }, style: .points)
                    ]))
        }
        if let s = k.states, !s.windowTimes.isEmpty {
            plots.append(
                Plot(
                    title: "Soft fraction of ions over time", x: .init("t (\(u.time))"),
                    y: .init("soft fraction", range: 0...1),
                    series: [Plot.Series("soft", x: s.windowTimes, y: s.statistics.softFractionByWindow)]))
        }
        var rows: [[String]] = [
            ["pairs seen", "\(l.pairs) (\(formatNumber(l.partnersPerCentre, 3)) partners per centre over the run)"],
            [
                "mean residence time",
                "\(formatNumber(l.meanResidenceTime, 3)) \(u.time) (all runs), \(formatNumber(l.meanCompleteResidenceTime, 3)) \(u.time) (\(l.completeRuns) runs inside the trajectory)",
            ],
            ["lifetime", "\(formatNumber(l.fits.lifetime, 3)) \(u.time) (\(l.fits.lifetimeSource))"],
            [
                "model-free",
                "∫c = \(formatNumber(l.fits.modelFree.integralToFirstZero, 3)) \(u.time)\(l.fits.modelFree.reachedZero ? "" : " (lower bound)"), 1/e time \(l.fits.modelFree.oneOverETime.map { formatNumber($0, 3) + " \(u.time)" } ?? "not reached")",
            ],
            ["exchange events", "\(k.bursts.events), \(formatNumber(k.bursts.eventRate, 3)) per centre per \(u.time)"],
            [
                "burstiness B",
                "\(formatNumber(k.bursts.burstiness, 3)) (Poisson: \(formatNumber(k.bursts.poissonBurstiness, 3)))",
            ],
            ["memory M", formatNumber(k.bursts.memory, 3)],
        ]
        if let law = k.bursts.trains.first?.powerLaw {
            rows.append([
                "train sizes (Δt = ⟨τ⟩)",
                "α = \(formatEstimate(law.fit.alpha, law.fit.alphaError)), x_min = \(law.fit.xMin), p = \(law.pValue.map { formatNumber($0, 2) } ?? "—"), \(law.powerLawFavoured ? "power law favoured over exponential" : "power law not favoured")",
            ])
        }
        if let s = k.states {
            rows.append([
                "soft fraction",
                "\(formatEstimate(s.statistics.softFraction, s.statistics.softFractionError)) (window \(formatNumber(s.windowTime, 3)) \(u.time), > \(s.threshold) events; \(s.thresholdSource))",
            ])
            rows.append([
                "event rate soft / hard",
                "\(formatEstimate(s.softEventRate, s.softEventRateError)) / \(formatEstimate(s.hardEventRate, s.hardEventRateError)) per \(u.time)",
            ])
            if let d = s.diffusion {
                rows.append([
                    "D soft / hard / total",
                    "\(formatEstimate(d.soft, d.softError)) / \(formatEstimate(d.hard, d.hardError)) / \(formatEstimate(d.total, d.totalError)) \(u.isReduced ? u.diffusion : .squareMetrePerSecond)",
                ])
            }
        }
        let fits = ReportTable(
            caption:
                "Fits of the continuous ACF (errors: \(l.bootstrapReplicates >= 2 ? "bootstrap over pairs" : "fit covariance"))",
            columns: ["model", "lifetime (\(u.time))", "AIC", "BIC", "parameters", "note"],
            rows: l.fits.fits.map { f in
                [
                    f.model.displayName + (f.model == l.fits.preferred ? " (preferred)" : ""),
                    formatEstimate(f.lifetime, f.lifetimeError),
                    formatNumber(f.aic, 4), formatNumber(f.bic, 4),
                    f.parameters.indices.map {
                        "\(f.parameterNames[$0]) = \(formatEstimate(f.parameters[$0], f.standardErrors?[$0]))"
                    }.joined(separator: ", "),
                    f.note ?? "",
                ]
            })
        return ReportSection(
            title: "Shell kinetics: \(label)",
            text: [
                "'\(k.definition.partners)' in the shell of '\(k.definition.centres)' within \(formatNumber(k.definition.cutoff ?? .nan, 3)) \(k.lengthUnit) (\(k.cutoffSource)), counted by \(k.definition.counting.rawValue); \(l.centres) centres, \(l.frames) frames, δt = \(formatNumber(l.frameInterval, 3)) \(u.time), tolerance \(l.tolerance) frames."
            ],
            plots: plots, tables: [ReportTable(caption: "", columns: ["", ""], rows: rows), fits],
            files: [name + ".json", name + "-acf.csv"])
    }
}

/// Shell kinetics of one shell: lifetimes, exchange bursts and soft/hard states.
public struct KineticsResult: Sendable, Codable, CarriesWarnings {
    public var definition: ShellDefinition
    public var cutoffSource: String
    /// Unit of the cutoff: Å, or σ for LAMMPS lj inputs.
    public var lengthUnit: PhysicalUnit
    /// Unit of lifetimes and times: ps, or τ for lj inputs.
    public var timeUnit: PhysicalUnit
    public var lifetimes: ShellLifetimes
    /// Per-state dissociation rates and origin laws that reproduce the two-state fit under the
    /// assumed switching rates (`switching_rates`).
    public var identified: [IdentifiedTwoState]?
    public var bursts: ShellBursts
    /// nil when the run holds fewer than two state windows.
    public var states: ShellStates?
    /// Per-state rates against temperature, with `arrhenius_with`.
    public var arrhenius: StateRateArrhenius?
    public var warnings: [String]
}
