import IonCore

/// One pass over structures carrying an ensemble's per-atom vector predictions (forces of N
/// machine-learned potentials, as per-atom columns of extended XYZ): the heuristic uncertainty u
/// of every selected atom (``EnsembleSpread``) and, with reference values, the error e of the
/// ensemble mean, in the columns' own units.
///
/// Memory: with ``Keep/all`` (a calibration or test set) u and e of every selected atom of every
/// frame; with ``Keep/framesAbove(_:)`` (a pool to screen) the largest u of each frame, and the
/// per-atom u only of frames whose largest u exceeds the bound.
public struct EnsembleUncertainty: FrameAnalysis {
    /// Which frames keep their per-atom values.
    public enum Keep: Sendable {
        case all
        /// Frames whose largest u is above this bound.
        case framesAbove(Double)
    }

    public let selection: Selection
    public let models: Int
    public let components: Int
    public let keep: Keep
    /// ``Frame/perAtom`` columns of the predictions, model-major: model m, component α at
    /// `predictionColumns[m·components + α]`.
    private let predictionColumns: [Int]
    /// ``Frame/perAtom`` columns of the reference, one per component; nil for unlabelled frames.
    private let referenceColumns: [Int]?
    private var atoms: [Int] = []
    private var series = EnsembleUncertaintySeries()
    private var scratch: [Double] = []

    /// - Throws: ``InputError`` for fewer than two models or column lists of the wrong length.
    public init(
        selection: Selection, models: Int, components: Int, predictionColumns: [Int], referenceColumns: [Int]?,
        keep: Keep = .all
    ) throws {
        guard models >= 2 else { throw InputError("an ensemble uncertainty needs at least two models, got \(models)") }
        guard components >= 1, predictionColumns.count == models * components else {
            throw InputError(
                "\(predictionColumns.count) prediction columns for \(models) models × \(components) components")
        }
        if let referenceColumns, referenceColumns.count != components {
            throw InputError("\(referenceColumns.count) reference columns for \(components) components")
        }
        self.selection = selection; self.models = models; self.components = components
        self.predictionColumns = predictionColumns; self.referenceColumns = referenceColumns; self.keep = keep
    }

    public mutating func prepare(_ context: AnalysisContext) throws {
        atoms = try selection.atomIndices(in: context.topology)
        guard !atoms.isEmpty else { throw InputError("the selection '\(selection.text)' matches no atoms") }
        series = EnsembleUncertaintySeries()
        series.atoms = atoms
        scratch = [Double](repeating: 0, count: models * components + components)
    }

    public mutating func accumulate(_ view: FrameView) throws {
        let frame = view.frame
        let (m, d) = (models, components)
        guard let top = (predictionColumns + (referenceColumns ?? [])).max(), top < frame.perAtom.count else {
            throw InputError("frame \(view.index) lacks the per-atom prediction columns")
        }
        var uncertainties = [Double](repeating: 0, count: atoms.count)
        var errors: [Double] = referenceColumns == nil ? [] : [Double](repeating: 0, count: atoms.count)
        var largest = -Double.infinity
        var largestAtom = 0
        try scratch.withUnsafeMutableBufferPointer { buffer in
            for (k, i) in atoms.enumerated() {
                for c in 0..<(m * d) { buffer[c] = frame.perAtom[predictionColumns[c]][i] }
                if let referenceColumns {
                    for a in 0..<d { buffer[m * d + a] = frame.perAtom[referenceColumns[a]][i] }
                }
                let predictions = UnsafeBufferPointer(rebasing: buffer[0..<(m * d)])
                let reference = referenceColumns == nil ? nil : UnsafeBufferPointer(rebasing: buffer[(m * d)...])
                let (u, e) = EnsembleSpread.atom(predictions, models: m, components: d, reference: reference)
                guard u.isFinite, e?.isFinite ?? true else {
                    throw InputError("frame \(view.index), atom \(i + 1): a prediction or reference is not finite")
                }
                uncertainties[k] = u
                if let e { errors[k] = e }
                if u > largest { (largest, largestAtom) = (u, i) }
            }
        }
        series.frames.append(view.index)
        series.largest.append(largest)
        series.largestAtom.append(largestAtom)
        let kept: Bool
        switch keep {
        case .all: kept = true
        case .framesAbove(let bound): kept = largest > bound
        }
        if kept {
            series.kept.append(series.frames.count - 1)
            series.uncertainties.append(uncertainties)
            if referenceColumns != nil { series.errors.append(errors) }
        }
    }

    public mutating func finish(_ pass: PassRecord) throws -> EnsembleUncertaintySeries {
        guard !series.frames.isEmpty else { throw InputError("no frames to measure the ensemble's uncertainty on") }
        return series
    }
}

/// What ``EnsembleUncertainty`` collected, in the prediction columns' units.
public struct EnsembleUncertaintySeries: Sendable {
    /// The selected atoms (0-based indices).
    public var atoms: [Int] = []
    /// Index of every frame read (over the whole source).
    public var frames: [Int] = []
    /// The largest u over the selected atoms of each frame, and the atom that has it.
    public var largest: [Double] = []
    public var largestAtom: [Int] = []
    /// Positions in ``frames`` of the frames whose per-atom values were kept.
    public var kept: [Int] = []
    /// u of every selected atom, one array per kept frame.
    public var uncertainties: [[Double]] = []
    /// e of every selected atom, one array per kept frame; empty without reference values.
    public var errors: [[Double]] = []

    /// Whether errors were measured.
    public var hasErrors: Bool { !errors.isEmpty }

    /// The per-atom errors and uncertainties of the kept frames at `positions` (in ``kept``),
    /// flattened.
    public func points(_ positions: some Sequence<Int>) -> (errors: [Double], uncertainties: [Double]) {
        var e: [Double] = []
        var u: [Double] = []
        for k in positions {
            e += errors[k]
            u += uncertainties[k]
        }
        return (e, u)
    }
}
