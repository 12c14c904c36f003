import IonCore
import IonNumerics

/// Options for ``ShellBursts``.
public struct ShellBurstOptions: Sendable, Codable, Equatable {
    /// Train windows Δt = f·⟨τ⟩ for these f (1, ½, ⅓, ¼ as in Lee et al. 2023,
    /// doi:10.1140/epje/s10189-023-00365-9, Fig. 1).
    public var fractions: [Double] = [1, 1.0 / 2, 1.0 / 3, 1.0 / 4]
    /// Use each ion's own ⟨τ⟩ instead of the pooled one.
    public var perIonMean = false
    /// Leave out each ion's first and last train (cut by the ends of the run).
    public var dropBoundaryTrains = false
    /// Bootstrap replicates for the power-law p-values (0 skips them).
    public var powerLawReplicates = 100
    public var seed: UInt64 = 1
    public init() {}
}

/// Burst statistics of shell-exchange events: inter-event times, burstiness B and memory M, bursty
/// trains for several windows with their size distributions, and discrete power-law fits.
/// Times in ps unless named in frames.
/// - SeeAlso: Lee et al. 2023, doi:10.1140/epje/s10189-023-00365-9, §3 and Fig. 1;
///   Goh & Barabási 2008, doi:10.1209/0295-5075/81/48002 (B, M); Karsai et al. 2012,
///   doi:10.1038/srep00397 (trains); Clauset et al. 2009, doi:10.1137/070710111 (power laws).
public struct ShellBursts: Sendable, Codable, Equatable {
    public struct Trains: Sendable, Codable, Equatable {
        public var statistics: BurstyTrainStatistics
        /// Discrete power law fitted to the train sizes; nil when too few trains.
        public var powerLaw: PowerLawAssessment?
    }
    public var frameInterval: Double
    public var centres: Int
    public var events: Int
    /// Events per centre per frame ρ̄, and per ps.
    public var eventsPerFrame: Double
    public var eventRate: Double
    /// Pooled mean inter-event time ⟨τ⟩, frames and ps.
    public var meanIntervalFrames: Double
    public var meanInterval: Double
    /// B and M of all intervals pooled over centres (M from consecutive pairs within centres only).
    public var burstiness: Double
    public var memory: Double
    /// B of independent per-frame (Bernoulli) events at rate ρ̄: the discrete-time Poisson value.
    public var poissonBurstiness: Double
    /// Mean of the per-centre B over centres with ≥ 2 intervals (NaN if none).
    public var meanCentreBurstiness: Double
    /// Inter-event time histogram: count of intervals of τ frames at index τ − 1.
    public var intervalCounts: [Int]
    public var intervalPowerLaw: PowerLawAssessment?
    public var trains: [Trains]

    /// - Throws: ``InputError`` when no centre has two events or δt ≤ 0.
    public init(_ events: ExchangeEvents, frameInterval: Double, options: ShellBurstOptions = .init()) throws {
        guard frameInterval > 0 else {
            throw InputError("shell bursts: the frame interval must be positive, got \(frameInterval) ps")
        }
        let intervals = events.times.map { interEventTimes($0) }
        let pooled = intervals.flatMap { $0 }
        guard !pooled.isEmpty else {
            throw InputError(
                "shell bursts: no centre has two exchange events in \(events.frameCount) frames; a longer run or a wider shell is needed"
            )
        }
        self.frameInterval = frameInterval
        centres = events.times.count
        self.events = events.times.reduce(0) { $0 + $1.count }
        eventsPerFrame = Double(self.events) / Double(centres * max(events.frameCount - 1, 1))
        eventRate = eventsPerFrame / frameInterval
        meanIntervalFrames = Double(pooled.reduce(0, +)) / Double(pooled.count)
        meanInterval = meanIntervalFrames * frameInterval
        let asDouble = intervals.map { $0.map(Double.init) }
        burstiness = IonNumerics.burstiness(pooled.map(Double.init))
        memory = pooledMemoryCoefficient(asDouble)
        poissonBurstiness = bernoulliBurstiness(rate: eventsPerFrame)
        let perCentre = asDouble.map { IonNumerics.burstiness($0) }.filter(\.isFinite)
        meanCentreBurstiness = perCentre.isEmpty ? .nan : perCentre.reduce(0, +) / Double(perCentre.count)
        var counts = [Int](repeating: 0, count: pooled.max()!)
        for tau in pooled { counts[tau - 1] += 1 }
        intervalCounts = counts
        intervalPowerLaw = PowerLawAssessment(pooled, replicates: options.powerLawReplicates, seed: options.seed)
        let mean = meanIntervalFrames
        trains = options.fractions.map { f in
            let statistics: BurstyTrainStatistics
            if options.perIonMean {
                // One window per ion: pool the trains of per-ion statistics.
                let parts = zip(events.times, intervals).map { times, taus in
                    BurstyTrainStatistics(
                        sequences: [times], fraction: f,
                        meanInterval: taus.isEmpty ? mean : Double(taus.reduce(0, +)) / Double(taus.count),
                        dropBoundaryTrains: options.dropBoundaryTrains)
                }
                statistics = BurstyTrainStatistics(pooling: parts, fraction: f, meanInterval: mean)
            } else {
                statistics = BurstyTrainStatistics(
                    sequences: events.times, fraction: f, meanInterval: mean,
                    dropBoundaryTrains: options.dropBoundaryTrains)
            }
            return Trains(
                statistics: statistics,
                powerLaw: PowerLawAssessment(
                    statistics.sizes, replicates: options.powerLawReplicates, seed: options.seed))
        }
    }
}
