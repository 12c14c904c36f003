/// Anything that hands out the frames of one system in order: trajectory files (`Trajectory` in
/// IonIO), frames in memory (``FrameList``), one rank's block of a larger run.
public protocol FrameSource: AnyObject {
    var topology: Topology { get }
    /// Unit system the numbers were converted from (they are already in internal units).
    var units: UnitSystem { get }
    /// Problems met while reading that did not stop it, for the user.
    var warnings: [String] { get }
    /// Calls `body` for each frame, in order; `index` counts frames of the whole source (before
    /// any range was applied), so analyses can name a frame in a message.
    func forEachFrame(_ body: (_ index: Int, _ frame: inout Frame) throws -> Void) throws
}

/// Frames held in memory as a ``FrameSource`` (tests, generated systems, frames already read).
public final class FrameList: FrameSource {
    public let topology: Topology
    public let units: UnitSystem
    public let frames: [Frame]
    public var warnings: [String] { [] }

    public init(topology: Topology, units: UnitSystem = .real, frames: [Frame]) {
        self.topology = topology; self.units = units; self.frames = frames
    }

    public func forEachFrame(_ body: (_ index: Int, _ frame: inout Frame) throws -> Void) throws {
        for (index, frame) in frames.enumerated() {
            var copy = frame
            try body(index, &copy)
        }
    }
}
