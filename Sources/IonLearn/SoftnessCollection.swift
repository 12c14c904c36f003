import IonAnalysis
import IonCore

/// What a softness study needs from one pass: D²min and D_cum of every centre over windows of
/// frames (``NonaffineDisplacement``), and the descriptors (radial structure functions, …) of the same centres at
/// each window's first frame (a ``StructuralDescriptor``): the structure before the motion.
/// Per-atom trajectory columns and the local composition of the centres at the same frames are
/// kept to compare with softness. Memory: the features of one frame per window, besides the
/// D²min analysis' own.
public struct SoftnessCollection: FrameAnalysis, Sendable {
    public var rearrangement: NonaffineDisplacement
    public var descriptors: StructuralDescriptor
    /// Per-atom trajectory columns to compare with softness: names and places in ``Frame/perAtom``.
    public var fields: [(name: String, index: Int)]
    public var composition: LocalComposition?
    var worker: StructuralDescriptor.Worker
    var search = NeighborSearch()
    var originFeatures: [[Double]] = []
    var originPositions: [(positions: [Vec3], box: Box)] = []
    var originCompared: [[Double?]] = []

    public struct Result: Sendable {
        public var rearrangement: NonaffineDisplacementResult
        public var columns: [String]
        public var parameters: DescriptorParameters
        /// Features at the start of each complete window, window-major then centre.
        public var features: [Double]
        /// The centres' positions and the cell at the start of each complete window.
        public var origins: [(positions: [Vec3], box: Box)]
        /// At the start of each complete window, the centres' values of each field, then of each
        /// species' composition fraction: quantity-major (q·centres + c); nil where undefined.
        public var compared: [[Double?]]
    }

    /// - Throws: ``InputError`` when the two analyses do not describe the same centres.
    public init(
        rearrangement: NonaffineDisplacement, descriptors: StructuralDescriptor,
        fields: [(name: String, index: Int)] = [], composition: LocalComposition? = nil
    ) throws {
        guard rearrangement.selection.text == descriptors.selection.text else {
            throw InputError("the descriptors and D²min must describe the same centres")
        }
        self.rearrangement = rearrangement; self.descriptors = descriptors
        self.fields = fields; self.composition = composition
        worker = descriptors.makeWorker()
    }

    public mutating func prepare(_ context: AnalysisContext) throws {
        try rearrangement.prepare(context)
        try descriptors.prepare(context)
        try composition?.prepare(context.topology)
        worker = descriptors.makeWorker()
    }

    public mutating func accumulate(_ view: FrameView) throws {
        if rearrangement.frames % rearrangement.window == 0 {
            originFeatures.append(try descriptors.features(view, worker: &worker))
            if let box = view.frame.box {
                originPositions.append((rearrangement.centres.map { view.frame.positions[$0] }, box))
            }
            var compared: [Double?] = []
            for field in fields {
                guard field.index < view.frame.perAtom.count else {
                    throw InputError("frame \(view.index) has no per-atom column '\(field.name)'")
                }
                compared += rearrangement.centres.map { view.frame.perAtom[field.index][$0] }
            }
            if let composition {
                compared += try composition.fractions(view.frame, centres: rearrangement.centres, search: &search)
            }
            originCompared.append(compared)
        }
        try rearrangement.accumulate(view)
    }

    public mutating func finish(_ pass: PassRecord) throws -> Result {
        let d2min = try rearrangement.finish(pass)
        return Result(
            rearrangement: d2min, columns: descriptors.columns, parameters: descriptors.parameters,
            features: originFeatures.prefix(d2min.windows.count).flatMap { $0 },
            origins: Array(originPositions.prefix(d2min.windows.count)),
            compared: Array(originCompared.prefix(d2min.windows.count)))
    }
}
