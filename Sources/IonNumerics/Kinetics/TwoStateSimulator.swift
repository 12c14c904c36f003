import Foundation

/// A seeded simulator of two-state Markov processes, for tests and for users checking what their
/// data can identify: pair lifetimes and pair-existence runs of ``TwoStateModel``, and soft/hard
/// exchange-event streams. Time in steps (frames).
public struct TwoStateSimulator: Sendable {
    public var generator: Xoshiro256

    public init(seed: UInt64) { generator = Xoshiro256(seed: seed) }

    /// A geometric deviate on {1, 2, …} with success probability `q` (Int.max when q = 0).
    mutating func geometric(_ q: Double) -> Int {
        guard q > 0 else { return Int.max / 4 }
        guard q < 1 else { return 1 }
        return max(1, Int((log1p(-generator.uniform()) / log1p(-q)).rounded(.up)))
    }

    /// A state (0 or 1) drawn from the law r.
    mutating func state(_ r: (Double, Double)) -> Int { generator.uniform() < r.0 ? 0 : 1 }

    /// The dissociation step T ≥ 1 of one pair starting in `state` (0 or 1), so that P(T > n) = S(n),
    /// drawn event by event: in each sojourn, death after D ~ Geom(q_i) steps unless the switch after
    /// K ~ Geom(p_i) comes first (survive-then-switch: death wins ties). Convention B is simulated
    /// as convention A started after one switching step.
    public mutating func lifetime(_ model: TwoStateModel, state start: Int) -> Int {
        var x = start, t = 0
        let p = [1 - model.stay1, 1 - model.stay2], q = [1 - model.survive1, 1 - model.survive2]
        if model.order == .switchThenSurvive, generator.uniform() < p[x] { x = 1 - x }
        while true {
            let death = geometric(q[x]), jump = geometric(p[x])
            if death <= jump { return t + death }
            t += jump; x = 1 - x
        }
    }

    /// Lifetimes of `count` pairs whose state at the origin has law `start`.
    public mutating func lifetimes(_ model: TwoStateModel, start r: (Double, Double), count: Int) -> [Int] {
        (0..<count).map { _ in lifetime(model, state: state(r)) }
    }

    /// Empirical pair survival S(n) = #{T > n}/count for n = 0…`maxLag` from `count` simulated lifetimes
    /// (the estimate a finite number of pairs gives of ``TwoStateModel/survival(_:start:)``).
    public mutating func survivalSeries(_ model: TwoStateModel, start r: (Double, Double), count: Int, maxLag: Int)
        -> [Double]
    {
        var dying = [Double](repeating: 0, count: maxLag + 2)
        for t in lifetimes(model, start: r, count: count) { dying[min(t, maxLag + 1)] += 1 }
        var alive = Double(count), out: [Double] = []
        for n in 0...maxLag { alive -= dying[n]; out.append(alive / Double(count)) }
        return out
    }

    /// Existence runs of pairs over `frames` frames: a pair forms in a state drawn from `birth`, lives
    /// T steps (frames k₀…k₀+T−1), is absent for G ~ Geom(`reformation`) frames and forms again.
    /// Each pair starts at frame 0 absent for a Geom(`reformation`) − 1 frames.
    /// - Returns: per pair, its runs as (first frame, last frame) inclusive, clipped to the range.
    public mutating func existenceRuns(
        _ model: TwoStateModel, birth: (Double, Double), reformation: Double,
        pairs: Int, frames: Int
    ) -> [[(first: Int, last: Int)]] {
        (0..<pairs).map { _ in
            var runs: [(first: Int, last: Int)] = []
            var k = geometric(reformation) - 1
            while k < frames {
                let end = k + lifetime(model, state: state(birth)) - 1
                runs.append((k, min(end, frames - 1)))
                k = end + 1 + geometric(reformation)
            }
            return runs
        }
    }

    /// Exchange-event streams of ions with a hidden soft (0) / hard (1) Markov label: per frame the
    /// label switches soft → hard with `softToHard` and hard → soft with `hardToSoft`, and an event
    /// happens with `eventProbability.soft` or `.hard` (Bernoulli per frame). Frame 0 has no event (Ξ(0) = 0)
    /// and its label is drawn from the stationary law (½, ½ when labels never switch).
    /// - Returns: per ion the events Ξ(t) ∈ {0, 1} and the hidden labels (true = soft).
    public mutating func eventStreams(
        ions: Int, frames: Int, softToHard: Double, hardToSoft: Double,
        eventProbability: (soft: Double, hard: Double)
    ) -> [(events: [Int], soft: [Bool])] {
        let stationarySoft = softToHard + hardToSoft > 0 ? hardToSoft / (softToHard + hardToSoft) : 0.5
        return (0..<ions).map { _ in
            var events = [Int](repeating: 0, count: frames), labels = [Bool](repeating: false, count: frames)
            var soft = generator.uniform() < stationarySoft
            for t in 0..<frames {
                if t > 0 {
                    if generator.uniform() < (soft ? softToHard : hardToSoft) { soft.toggle() }
                    if generator.uniform() < (soft ? eventProbability.soft : eventProbability.hard) { events[t] = 1 }
                }
                labels[t] = soft
            }
            return (events, labels)
        }
    }
}
