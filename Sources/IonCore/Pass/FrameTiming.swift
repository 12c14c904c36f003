/// The times of the frames a pass handed out, and the one rule by which every analysis gets the
/// time between frames: the mean interval (t_last − t_first)/(n − 1), valid when every interval
/// is within 10⁻³ of it (loose enough for times stored in single precision, as XTC does).
public struct FrameTiming: Sendable, Codable, Equatable {
    /// Frames seen.
    public private(set) var frames = 0
    public private(set) var firstTime: Double?
    public private(set) var lastTime: Double?
    /// False once a frame came without a time.
    public private(set) var allTimesKnown = true
    /// An interval between two frames: the later frame's number and both times.
    public struct Step: Sendable, Codable, Equatable {
        public var frame: Int
        public var from: Double, to: Double
        public var length: Double { to - from }
    }
    private var previousTime: Double?
    /// The shortest and the longest interval seen.
    public private(set) var shortest: Step?, longest: Step?

    public init() {}

    /// Relative tolerance on each interval.
    public static let tolerance = 1e-3

    /// Notes the time of the next frame.
    public mutating func record(_ time: Double?) {
        defer { frames += 1 }
        guard let time else { allTimesKnown = false; return }
        if firstTime == nil { firstTime = time }
        lastTime = time
        if let previousTime {
            let step = Step(frame: frames, from: previousTime, to: time)
            if shortest.map({ step.length < $0.length }) ?? true { shortest = step }
            if longest.map({ step.length > $0.length }) ?? true { longest = step }
        }
        previousTime = time
    }

    /// The mean time between frames, ps (τ for lj), when every frame has a time and there are two
    /// or more; nil otherwise.
    public var meanInterval: Double? {
        guard allTimesKnown, frames >= 2, let firstTime, let lastTime else { return nil }
        return (lastTime - firstTime) / Double(frames - 1)
    }

    /// The time between frames, for an analysis that needs evenly spaced frames.
    /// - Parameters:
    ///   - purpose: what needs it, for the message ("the MSD").
    ///   - minimumFrames: the fewest frames that purpose can use.
    /// - Throws: ``InputError`` saying what to do when frames have no times, are too few, do not
    ///   move forward in time, or are unevenly spaced.
    public func evenInterval(for purpose: String, minimumFrames: Int = 2) throws -> Double {
        guard frames >= minimumFrames else {
            throw InputError("\(purpose) needs at least \(minimumFrames) frames; the range holds \(frames)")
        }
        guard let interval = meanInterval else {
            throw InputError(
                "\(purpose) needs the time between frames: give the MD timestep (--timestep, or timestep in a job's [input]; LAMMPS dumps store only the step) or the time between frames (--dt, or frame_interval)"
            )
        }
        guard interval > 0, let shortest, shortest.length > 0 else {
            let place = shortest.map { " (frame \($0.frame - 1) at \($0.from), frame \($0.frame) at \($0.to))" } ?? ""
            throw InputError("frame times do not increase\(place); \(purpose) needs frames in time order")
        }
        // The interval that strays most from the mean names the place.
        let steps = [shortest, longest].compactMap { $0 }.sorted {
            abs($0.length - interval) > abs($1.length - interval)
        }
        for step in steps where abs(step.length - interval) > Self.tolerance * interval {
            throw InputError(
                "frames are not evenly spaced in time: frames \(step.frame - 1) and \(step.frame) are \(step.length) apart, against \(interval) on average; \(purpose) needs a constant interval (read runs with the same output interval, or set --dt)"
            )
        }
        return interval
    }
}

extension FrameTiming {
    /// Appends `later`, the timing of the frames that followed these; the interval across the
    /// seam counts as one of the run's.
    public mutating func merge(_ later: FrameTiming) {
        guard later.frames > 0 else { return }
        guard frames > 0 else { self = later; return }
        let offset = frames
        func shifted(_ step: Step?) -> Step? { step.map { Step(frame: $0.frame + offset, from: $0.from, to: $0.to) } }
        var steps = [shifted(later.shortest), shifted(later.longest)].compactMap { $0 }
        if let from = lastTime, let to = later.firstTime, allTimesKnown, later.allTimesKnown {
            steps.append(Step(frame: offset, from: from, to: to))
        }
        for step in steps {
            if shortest.map({ step.length < $0.length }) ?? true { shortest = step }
            if longest.map({ step.length > $0.length }) ?? true { longest = step }
        }
        if firstTime == nil { firstTime = later.firstTime }
        lastTime = later.lastTime ?? lastTime
        previousTime = later.previousTime
        allTimesKnown = allTimesKnown && later.allTimesKnown
        frames += later.frames
    }
}

/// What the driver saw of a pass, handed to every analysis at its end.
public struct PassRecord: Sendable {
    /// The source's reading warnings (a truncated last frame, a repeated first frame).
    public var warnings: [String]
    public var timing: FrameTiming
    /// How many per-frame values the analyses shared (``FrameView/shared(_:_:)``).
    public var sharing: SharedValues.Usage
    public init(
        warnings: [String] = [], timing: FrameTiming = FrameTiming(), sharing: SharedValues.Usage = .init()
    ) {
        self.warnings = warnings; self.timing = timing; self.sharing = sharing
    }
}
