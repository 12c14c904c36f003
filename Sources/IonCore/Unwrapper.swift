/// Makes positions continuous in time for MSD and other dynamics, frame by frame, in O(N)
/// memory.
///
/// Two conventions, which agree exactly in a fixed cell and differ when the cell changes:
///
/// - ``Scheme/displacement`` (the default, for dynamics): each frame adds the particle's
///   displacement, uₖ₊₁ = uₖ + mic(xₖ₊₁ − xₖ; Hₖ₊₁), the minimum image taken in the *current*
///   cell. Under NPT this keeps the particle's own motion and leaves out the n·ΔH term that
///   image-flag unwrapping adds whenever the cell fluctuates, which inflates diffusion
///   coefficients in long runs (von Bülow, Bullerjahn & Hummer, J. Chem. Phys. 153, 021101
///   (2020), doi:10.1063/5.0008316, their "toroidal-view-preserving" scheme). It also survives
///   LAMMPS box flips, where atoms are re-wrapped into a re-tilted cell. While the cell stays the
///   same and image flags are present, the step is taken from the flags instead, which is exact
///   however far atoms move between frames.
/// - ``Scheme/imageFlags``: u = x + H·n with the current cell, the engine's convention (LAMMPS
///   `xu`). Frames without image flags get integer image counters inferred from continuity:
///   nₖ = round(H⁻¹ₖ(uₖ₋₁ − xₖ)), re-derived each frame, so they stay right through LAMMPS box
///   flips (tracking jumps of fractional coordinates does not).
///
/// Unwrapped input (LAMMPS `xu`) passes through. Without image flags the displacement scheme is
/// right only while no atom moves more than half a cell between frames; steps of more than a
/// quarter of a cell are counted in ``largeJumps`` so callers can warn that frames are too far
/// apart.
public struct Unwrapper: Sendable {
    public enum Scheme: String, Sendable, Codable {
        case displacement, imageFlags = "image flags"
    }

    public let scheme: Scheme
    private var previous = Frame()
    /// The unwrapped positions of the last frame, Å.
    public private(set) var unwrapped: [Vec3] = []
    /// Steps of more than a quarter of a cell (displacement scheme, cell without image flags).
    public private(set) var largeJumps = 0
    /// Index (counted from 0 in calls to ``unwrap(_:)``) of the first frame with a large jump.
    public private(set) var firstLargeJumpFrame: Int?
    private var framesSeen = 0

    /// Frames that came without a periodic cell (positions taken as they are).
    public private(set) var framesWithoutCell = 0
    /// Without a cell, the largest frame-to-frame step of an atom that spans more than half the
    /// extent of all positions along an axis — the sign of coordinates wrapped into a cell the
    /// file does not give: the step, Å, the atom and the frame (counted from 0).
    public private(set) var cellLessJump: (length: Double, atom: Int, frame: Int)?
    private var seenLow = Vec3(.infinity, .infinity, .infinity), seenHigh = Vec3(-.infinity, -.infinity, -.infinity)

    public init(scheme: Scheme = .displacement) { self.scheme = scheme }

    /// Unwraps `frame` and returns the continuous positions, Å. Throws when the image-flag scheme
    /// meets a frame without image flags.
    @discardableResult
    public mutating func unwrap(_ frame: Frame) -> [Vec3] {
        defer {
            framesSeen += 1
            previous.positions = frame.positions; previous.images = frame.images; previous.box = frame.box
        }
        let n = frame.atomCount
        guard frame.wrapping != .unwrapped, let box = frame.box else {
            if frame.box == nil && frame.wrapping != .unwrapped { noteCellLess(frame) }
            unwrapped = frame.positions
            return unwrapped
        }
        let isFirst = unwrapped.count != n || previous.atomCount != n
        if scheme == .imageFlags || isFirst {
            if let images = frame.images {
                unwrapped = frame.positions
                for i in 0..<n { unwrapped[i] += box.cartesian(fractional: Self.vector(images[i])) }
            } else if isFirst {
                unwrapped = frame.positions
            } else {
                for i in 0..<n {
                    let s = box.fractional(displacement: unwrapped[i] - frame.positions[i])
                    let images = Vec3(s.x.rounded(), s.y.rounded(), s.z.rounded())
                    unwrapped[i] = frame.positions[i] + box.cartesian(fractional: images)
                }
            }
            return unwrapped
        }
        if let images = frame.images, let previousImages = previous.images, previous.box == box {
            // Fixed cell with image flags: exact steps.
            for i in 0..<n {
                let crossings = images[i] &- previousImages[i]
                unwrapped[i] +=
                    frame.positions[i] - previous.positions[i] + box.cartesian(fractional: Self.vector(crossings))
            }
            return unwrapped
        }
        for i in 0..<n {
            let step = box.minimumImage(frame.positions[i] - previous.positions[i])
            let s = box.fractional(displacement: step)
            if Swift.max(Swift.abs(s.x), Swift.abs(s.y), Swift.abs(s.z)) > 0.25 { recordJump() }
            unwrapped[i] += step
        }
        return unwrapped
    }

    private static func vector(_ n: SIMD3<Int32>) -> Vec3 { Vec3(Double(n.x), Double(n.y), Double(n.z)) }

    /// Watches a frame without a cell for atoms that cross half the extent of all positions seen
    /// so far in one step (wrapped coordinates jump by about the cell length; a molecule drifting in
    /// vacuum widens the extent as it goes).
    private mutating func noteCellLess(_ frame: Frame) {
        framesWithoutCell += 1
        let n = frame.atomCount
        defer {
            for r in frame.positions {
                seenLow = Vec3(Swift.min(seenLow.x, r.x), Swift.min(seenLow.y, r.y), Swift.min(seenLow.z, r.z))
                seenHigh = Vec3(Swift.max(seenHigh.x, r.x), Swift.max(seenHigh.y, r.y), Swift.max(seenHigh.z, r.z))
            }
        }
        guard previous.atomCount == n, n > 1 else { return }
        let half = 0.5 * (seenHigh - seenLow)
        for i in 0..<n {
            let d = frame.positions[i] - previous.positions[i]
            let crosses =
                (half.x > 0 && Swift.abs(d.x) > half.x) || (half.y > 0 && Swift.abs(d.y) > half.y)
                || (half.z > 0 && Swift.abs(d.z) > half.z)
            if crosses && d.length > (cellLessJump?.length ?? 0) { cellLessJump = (d.length, i, framesSeen) }
        }
    }

    private mutating func recordJump() {
        largeJumps += 1
        if firstLargeJumpFrame == nil { firstLargeJumpFrame = framesSeen }
    }
}
