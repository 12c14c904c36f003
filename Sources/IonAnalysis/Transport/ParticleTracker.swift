import IonCore

/// Particles made of atoms — single atoms, or groups such as the selected atoms of one
/// molecule — followed through a trajectory, for the transport analyses.
///
/// Each frame, every group's centre of mass is taken over its atoms made whole across the cell
/// (``FrameView/wholePositions()``, shared with the other analyses), the centres are unwrapped frame to frame
/// (``Unwrapper``, displacement scheme), and, when reference atoms are given, the displacement
/// of their centre of mass (from unwrapped atoms) is subtracted: drift removal, or positions
/// relative to the system's centre of mass (as in Jones et al. 2022, doi:10.48550/arXiv.2208.03182).
struct ParticleTracker {
    let groups: [[Int]]
    /// Atom masses used as weights, g/mol; all 1 when the topology has no masses.
    let masses: [Double]
    private let reference: [Int]
    private let referenceMass: Double
    private var groupUnwrapper = Unwrapper()
    private var atomUnwrapper = Unwrapper()
    private var centers: [Vec3]
    private var origin: Vec3?

    init(groups: [[Int]], topology: Topology, reference: [Int]) {
        self.groups = groups
        self.reference = reference
        let masses =
            topology.masses.allSatisfy({ $0 == 0 })
            ? [Double](repeating: 1, count: topology.atomCount) : topology.masses
        self.masses = masses
        referenceMass = reference.reduce(0) { $0 + masses[$1] }
        centers = [Vec3](repeating: .zero, count: groups.count)
    }

    /// Appends the particles' positions in the view's frame (Å, continuous in time) to `series`.
    mutating func append(_ view: FrameView, to series: inout [Vec3]) {
        let frame = view.frame
        let whole = frame.wrapping == .unwrapped ? frame.positions : view.wholePositions()
        for (g, members) in groups.enumerated() {
            var sum = Vec3.zero, mass = 0.0
            for i in members { sum += masses[i] * whole[i]; mass += masses[i] }
            if mass > 0 {
                centers[g] = sum / mass
            } else {  // massless sites only (a TIP4P M site): their geometric centre, never 0/0
                sum = .zero
                for i in members { sum += whole[i] }
                centers[g] = sum / Double(members.count)
            }
        }
        var groupFrame = Frame(positions: centers, box: frame.box)
        groupFrame.wrapping = frame.wrapping == .unwrapped ? .unwrapped : .wrapped
        let continuous = groupUnwrapper.unwrap(groupFrame)
        guard !reference.isEmpty else { series.append(contentsOf: continuous); return }
        let unwrapped = atomUnwrapper.unwrap(frame)
        var com = Vec3.zero
        if referenceMass > 0 {
            for i in reference { com += masses[i] * unwrapped[i] }
            com = com / referenceMass
        } else {
            for i in reference { com += unwrapped[i] }
            com = com / Double(reference.count)
        }
        if origin == nil { origin = com }
        let shift = com - origin!
        for position in continuous { series.append(position - shift) }
    }

    /// Refuses positions that look wrapped into a cell the file does not give: an MSD of them
    /// would be meaningless.
    func checkCell() throws {
        guard let jump = groupUnwrapper.cellLessJump else { return }
        throw InputError(
            "the frames have no periodic cell, yet particle \(jump.atom) moves \((jump.length * 1000).rounded() / 1000) Å between frames \(jump.frame - 1) and \(jump.frame) of the range, more than half the extent of all positions seen so far: the coordinates look wrapped into a cell the file does not give; use a format that stores the cell (or unwrapped coordinates)"
        )
    }

    /// A warning when frames looked too far apart to unwrap reliably, or had no cell.
    var unwrappingWarning: String? {
        if groupUnwrapper.framesWithoutCell > 0 {
            return
                "\(groupUnwrapper.framesWithoutCell) frames have no periodic cell: positions are taken as unwrapped as they are"
        }
        guard groupUnwrapper.largeJumps > 0 else { return nil }
        return
            "\(groupUnwrapper.largeJumps) frame-to-frame steps exceed a quarter of the cell (first at frame \(groupUnwrapper.firstLargeJumpFrame ?? 0) of the range): frames may be too far apart to unwrap without image flags"
    }
}
