/// Makes positions continuous in time for MSD and other dynamics, frame by frame, in O(N)
/// memory.
///
/// - Unwrapped input (LAMMPS `xu`) passes through.
/// - With image flags, u = x + H·n, exactly what the engine means by its unwrapped coordinates.
/// - Otherwise each step adds the minimum-image displacement in the *current* cell:
///   uₖ₊₁ = uₖ + mic(xₖ₊₁ − xₖ; Hₖ₊₁). In a cell that changes size or shape (NPT) this keeps
///   the particle's displacement, unlike adding integer image counts times the current cell,
///   which adds spurious jumps when the cell fluctuates (von Bülow, Bullerjahn & Hummer,
///   J. Chem. Phys. 153, 021101 (2020), doi:10.1063/5.0008316). For a fixed cell both agree.
///
/// The displacement scheme is only right when no atom moves more than half a cell between
/// frames; moves of more than a quarter of a cell height are counted in ``largeJumps`` so the
/// caller can warn that frames are too far apart.
public struct Unwrapper: Sendable {
    private var previousWrapped: [Vec3] = []
    /// The unwrapped positions of the last frame, Å.
    public private(set) var unwrapped: [Vec3] = []
    /// Frame-to-frame moves of more than a quarter of a cell height (image-flag-free scheme),
    /// or more than half a cell (with image flags), seen so far.
    public private(set) var largeJumps = 0
    /// Index (counted from 0 in calls to ``unwrap(_:)``) of the first frame with a large jump.
    public private(set) var firstLargeJumpFrame: Int?
    private var framesSeen = 0

    public init() {}

    /// Unwraps `frame` and returns the continuous positions, Å.
    @discardableResult
    public mutating func unwrap(_ frame: Frame) -> [Vec3] {
        defer { framesSeen += 1; previousWrapped = frame.positions }
        let n = frame.atomCount
        if frame.wrapping == .unwrapped || frame.box == nil {
            unwrapped = frame.positions
            return unwrapped
        }
        let box = frame.box!
        if let images = frame.images {
            if unwrapped.count != n { unwrapped = frame.positions }
            for i in 0..<n {
                let n = images[i]
                let u = frame.positions[i] + box.cartesian(fractional: Vec3(Double(n.x), Double(n.y), Double(n.z)))
                if framesSeen > 0 { noteJump(u - unwrapped[i], box: box, limit: 0.5) }
                unwrapped[i] = u
            }
            return unwrapped
        }
        guard previousWrapped.count == n, unwrapped.count == n else {
            unwrapped = frame.positions
            return unwrapped
        }
        for i in 0..<n {
            let step = box.minimumImage(frame.positions[i] - previousWrapped[i])
            let s = box.fractional(displacement: step)
            if Swift.max(Swift.abs(s.x), Swift.abs(s.y), Swift.abs(s.z)) > 0.25 { recordJump() }
            unwrapped[i] += step
        }
        return unwrapped
    }

    private mutating func noteJump(_ d: Vec3, box: Box, limit: Double) {
        let s = box.fractional(displacement: d)
        if Swift.max(Swift.abs(s.x), Swift.abs(s.y), Swift.abs(s.z)) > limit { recordJump() }
    }

    private mutating func recordJump() {
        largeJumps += 1
        if firstLargeJumpFrame == nil { firstLargeJumpFrame = framesSeen }
    }
}
