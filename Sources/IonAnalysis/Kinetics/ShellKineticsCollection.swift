import IonCore

/// Collects what every shell-kinetics analysis needs in one pass: the existence runs of every
/// (centre, partner) pair of a ``ShellDefinition`` (through ``ShellFinder``), the frame interval, and
/// optionally the unwrapped centre positions every `positionWindow` frames (per-state diffusion).
///
/// Memory: 8 bytes per existence run + 8 per pair ever seen + a centre × partner table of 4-byte
/// pair numbers; positions take 24 bytes per centre per window. Shells are found on the driver's
/// threads; runs and positions are recorded in frame order.
public struct ShellKineticsCollection: ParallelFrameAnalysis {
    public struct Result: Sendable, Codable, Equatable {
        public var definition: ShellDefinition
        public var existence: PairExistence
        /// Time between analysed frames, ps.
        public var frameInterval: Double
        /// Unwrapped centre positions, Å, at frames 0, W, 2W, … (nil unless asked for).
        public var positions: [[Vec3]]?
        public var positionWindow: Int?
        public var warnings: [String]
    }

    public let definition: ShellDefinition
    public let positionWindow: Int?
    private var finder: ShellFinder?
    private var tracker: ParticleTracker?
    private var recorder = PairExistenceRecorder()
    private var positions: [[Vec3]] = []
    private var scratch: [Vec3] = []
    private var frames = 0

    /// - Parameters:
    ///   - definition: the shell (its cutoff must be set).
    ///   - positionWindow: W, frames, to keep centre positions every W frames; nil for none.
    public init(definition: ShellDefinition, positionWindow: Int? = nil) {
        self.definition = definition; self.positionWindow = positionWindow
    }

    public mutating func prepare(_ context: AnalysisContext) throws {
        let finder = try ShellFinder(definition: definition, context: context)
        self.finder = finder
        if positionWindow != nil {
            let groups: [[Int]] =
                finder.centreAtoms.map { $0.map { [Int($0)] } }
                ?? finder.centreMolecules.map { context.molecules.atoms(of: Int($0)).map(Int.init) }
            tracker = ParticleTracker(
                groups: groups, topology: context.topology, reference: [])
        }
    }

    /// One frame's shell contacts, and the frame itself when centre positions are kept.
    public struct FrameContacts {
        var contacts = ShellContacts()
        var view: FrameView?
    }

    /// Each thread searches with its own copy of the finder.
    public func makeWorker() -> ShellFinder? { finder }

    public func compute(_ view: FrameView, worker finder: inout ShellFinder?) throws -> FrameContacts {
        FrameContacts(contacts: try finder!.find(in: view).contacts, view: positionWindow == nil ? nil : view)
    }

    public mutating func add(_ found: FrameContacts, index: Int) throws {
        try recorder.record(found.contacts)
        if let w = positionWindow {  // the unwrapper sees every frame; every W-th is kept
            scratch.removeAll(keepingCapacity: true)
            tracker!.append(found.view!, to: &scratch)
            if frames % w == 0 { positions.append(scratch) }
        }
        frames += 1
    }

    public mutating func finish(_ pass: PassRecord) throws -> Result {
        let interval = try pass.timing.evenInterval(for: "shell kinetics")
        var notes = pass.warnings
        if let warning = tracker?.unwrappingWarning { notes.append(warning) }
        return Result(
            definition: definition, existence: recorder.existence(), frameInterval: interval,
            positions: positionWindow == nil ? nil : positions, positionWindow: positionWindow, warnings: notes)
    }
}
