import IonCore

/// What a softness study needs from one pass: D²min and D_cum of every centre over windows of
/// frames (``NonaffineDisplacement``), and the descriptors (radial structure functions, …) of the same centres at
/// each window's first frame (a ``StructuralDescriptor``): the structure before the motion.
/// Memory: the features of one frame per window, besides the D²min analysis' own.
public struct SoftnessCollection: FrameAnalysis, Sendable {
    public var rearrangement: NonaffineDisplacement
    public var descriptors: StructuralDescriptor
    var worker: StructuralDescriptor.Worker
    var originFeatures: [[Double]] = []
    var originPositions: [(positions: [Vec3], box: Box)] = []

    public struct Result: Sendable {
        public var rearrangement: NonaffineDisplacementResult
        public var columns: [String]
        public var parameters: DescriptorParameters
        /// Features at the start of each complete window, window-major then centre.
        public var features: [Double]
        /// The centres' positions and the cell at the start of each complete window.
        public var origins: [(positions: [Vec3], box: Box)]
    }

    /// - Throws: ``InputError`` when the two analyses do not describe the same centres.
    public init(rearrangement: NonaffineDisplacement, descriptors: StructuralDescriptor) throws {
        guard rearrangement.selection.text == descriptors.selection.text else {
            throw InputError("the descriptors and D²min must describe the same centres")
        }
        self.rearrangement = rearrangement; self.descriptors = descriptors
        worker = descriptors.makeWorker()
    }

    public mutating func prepare(_ context: AnalysisContext) throws {
        try rearrangement.prepare(context)
        try descriptors.prepare(context)
        worker = descriptors.makeWorker()
    }

    public mutating func accumulate(_ view: FrameView) throws {
        if rearrangement.frames % rearrangement.window == 0 {
            originFeatures.append(try descriptors.features(view, worker: &worker))
            if let box = view.frame.box {
                originPositions.append((rearrangement.centres.map { view.frame.positions[$0] }, box))
            }
        }
        try rearrangement.accumulate(view)
    }

    public mutating func finish(_ pass: PassRecord) throws -> Result {
        let d2min = try rearrangement.finish(pass)
        return Result(
            rearrangement: d2min, columns: descriptors.columns, parameters: descriptors.parameters,
            features: originFeatures.prefix(d2min.windows.count).flatMap { $0 },
            origins: Array(originPositions.prefix(d2min.windows.count)))
    }
}
