import Foundation
import IonAnalysis
import IonCore

/// What a label sweep needs from one pass: the shell contacts of the centres (their exchange
/// events, ``ShellKineticsCollection``) and their descriptors every `every` frames (the starts of
/// every window length swept). Memory: the features of one frame in `every`, besides the pair
/// runs of the shell kinetics.
public struct LabelSweepCollection: FrameAnalysis {
    public var shells: ShellKineticsCollection
    public var descriptors: StructuralDescriptor
    /// Frames between kept descriptors (the greatest common divisor of the windows).
    public let every: Int
    var worker: StructuralDescriptor.Worker
    var features: [[Double]] = []
    var frames = 0

    public struct Result: Sendable {
        public var shells: ShellKineticsCollection.Result
        public var columns: [String]
        public var parameters: DescriptorParameters
        /// Features at frames 0, every, 2·every, …: centre-major rows of `columns.count`.
        public var features: [[Double]]
        public var every: Int
    }

    /// - Throws: ``InputError`` unless the shells' centres are the descriptors' centres, as atoms.
    public init(shells: ShellKineticsCollection, descriptors: StructuralDescriptor, every: Int) throws {
        guard !shells.definition.centresByMolecule, shells.definition.centres == descriptors.selection.text else {
            throw InputError("the shells' centres must be the descriptors' centres, as atoms (not by molecule)")
        }
        self.shells = shells; self.descriptors = descriptors; self.every = max(1, every)
        worker = descriptors.makeWorker()
    }

    public mutating func prepare(_ context: AnalysisContext) throws {
        try shells.prepare(context)
        try descriptors.prepare(context)
        worker = descriptors.makeWorker()
    }

    public mutating func accumulate(_ view: FrameView) throws {
        if frames % every == 0 { features.append(try descriptors.features(view, worker: &worker)) }
        try shells.accumulate(view)
        frames += 1
    }

    public mutating func finish(_ pass: PassRecord) throws -> Result {
        Result(
            shells: try shells.finish(pass), columns: descriptors.columns, parameters: descriptors.parameters,
            features: features, every: every)
    }
}

/// Soft/hard labels over a grid of window lengths Δt and thresholds E_c (Lee et al. 2023,
/// doi:10.1140/epje/s10189-023-00365-9, §2.3 and appendix A.4): a centre is soft in a window when
/// its shell's border crossings there exceed E_c, else hard. For each cell a classifier on the
/// centres' descriptors at the window's start (the earlier windows train it, C by stratified
/// cross-validation, classes weighted by their inverse frequency; the later windows test it), so
/// the cell whose labels the structure predicts best (by test F1 of the soft class) stands out.
public struct LabelSweep: Codable, Sendable {
    public struct Cell: Codable, Sendable {
        /// Δt in frames, and E_c.
        public var window: Int, threshold: Int
        /// Share of centre-windows labelled soft.
        public var softFraction: Double
        /// Metrics of the soft class on the test windows, and the C chosen; nil where no
        /// classifier could be trained (`note` says why).
        public var test: ClassificationMetrics?
        public var c: Double?
        public var note: String?
        /// The F1 of calling every test sample soft, 2p/(1 + p) for a soft share p: the F1 a
        /// classifier must beat to have learnt anything (F1 favours cells where most are soft).
        public var allSoftF1: Double? {
            guard let t = test, t.samples > 0 else { return nil }
            let positives = Double(t.truePositives + t.falseNegatives)
            return 2 * positives / (Double(t.samples) + positives)
        }
    }

    public var windows: [Int], thresholds: [Int]
    /// Window-major, then threshold.
    public var cells: [Cell]
    /// The cell with the highest test F1.
    public var best: Int?
    /// Mean time between a centre's exchange events, frames (the paper's Δt is this and its
    /// fractions 1/2, 1/3, 1/4); nil without two events on a centre.
    public var meanInterEventFrames: Double?
    public var frameInterval: Double
    public var columns: Int
    /// Whether the windows are the defaults from ⟨τ⟩, and the frames between kept descriptors.
    public var windowsFromMeanInterEvent: Bool
    public var every: Int

    /// - Parameters:
    ///   - windows: Δt in frames, multiples of the collection's `every`; nil for the paper's
    ///     ⟨τ⟩, ⟨τ⟩/2, ⟨τ⟩/3, ⟨τ⟩/4 (``defaultWindows(meanInterEvent:every:frames:)``).
    ///   - threads: threads for each cell's cross-validation fits (nil: every core).
    /// - Throws: ``InputError`` for a window longer than the run, or without windows and without
    ///   a centre that has two events (no ⟨τ⟩).
    public init(
        _ collected: LabelSweepCollection.Result, windows: [Int]?, thresholds: [Int], grid: [Double], folds: Int,
        testFraction: Double, classifier: LinearClassifier, threads: Int? = 1
    ) throws {
        let events = ExchangeEvents(collected.shells.existence)
        let d = collected.columns.count, frames = events.frameCount
        let centres = events.times.count
        var gaps = 0.0, gapCount = 0.0
        for times in events.times where times.count >= 2 {
            gaps += Double(times.last! - times.first!); gapCount += Double(times.count - 1)
        }
        meanInterEventFrames = gapCount > 0 ? gaps / gapCount : nil
        windowsFromMeanInterEvent = windows == nil; every = collected.every
        let windows =
            try windows
            ?? Self.defaultWindows(meanInterEvent: meanInterEventFrames, every: collected.every, frames: frames)
        self.windows = windows; self.thresholds = thresholds
        frameInterval = collected.shells.frameInterval; columns = d
        var cells: [Cell] = []
        for window in windows {
            let count = frames / window
            guard count >= 2 else {
                throw InputError(
                    "a window of \(window) frames leaves fewer than 2 windows in \(frames) frames: the sweep needs some to train and some to test"
                )
            }
            let counts = events.windowCounts(window: window, multiplicity: true)
            var x: [Double] = []
            x.reserveCapacity(count * centres * d)
            for w in 0..<count {
                let row = collected.features[w * window / collected.every]
                precondition(row.count == centres * d, "descriptor centres differ from the shells' centres")
                x += row
            }
            for threshold in thresholds {
                var labels = [Int8](repeating: -1, count: count * centres)
                for w in 0..<count {
                    for c in 0..<centres where counts[c][w] > threshold { labels[w * centres + c] = 1 }
                }
                let soft = Double(labels.filter { $0 > 0 }.count) / Double(labels.count)
                var cell = Cell(window: window, threshold: threshold, softFraction: soft, test: nil, c: nil, note: nil)
                do {
                    let study = try SoftnessStudy(
                        x, columns: collected.columns, labels: labels, windows: count, grid: grid, folds: folds,
                        balanced: true, testFraction: testFraction, classifier: classifier, threads: threads)
                    cell.test = study.test; cell.c = study.model.c
                } catch let error as InputError {
                    cell.note = error.message
                }
                cells.append(cell)
            }
        }
        self.cells = cells
        best = cells.indices.filter { cells[$0].test?.f1 != nil }.max { cells[$0].test!.f1! < cells[$1].test!.f1! }
    }

    /// The paper's windows ⟨τ⟩, ⟨τ⟩/2, ⟨τ⟩/3, ⟨τ⟩/4 in frames, each rounded to the nearest
    /// multiple of `every` (at least `every`), without repeats, keeping those that leave at least
    /// 2 windows in `frames`.
    /// - Throws: ``InputError`` without ⟨τ⟩ (no centre with two events) or when no window fits.
    public static func defaultWindows(meanInterEvent tau: Double?, every: Int, frames: Int) throws -> [Int] {
        guard let tau else {
            throw InputError(
                "no centre exchanged partners twice, so there is no ⟨τ⟩ to choose the windows from: give windows")
        }
        let rounded = (1...4).map { f in max(every, Int((tau / Double(f) / Double(every)).rounded()) * every) }
        let windows = Array(Set(rounded)).sorted().filter { frames / $0 >= 2 }
        guard !windows.isEmpty else {
            throw InputError(
                "⟨τ⟩ = \(String(format: "%.4g", tau)) frames: even ⟨τ⟩/4 leaves fewer than 2 windows in \(frames) frames; give shorter windows or a longer run"
            )
        }
        return windows
    }
}
