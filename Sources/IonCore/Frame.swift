/// One snapshot of a trajectory, in internal units (see ``UnitSystem``).
///
/// A value type whose arrays are reused: readers fill an existing frame with
/// `read(into:)`, so a long trajectory does not allocate per frame. Atom `i` of every array is
/// atom `i` of the topology (readers sort by atom id where a format does not).
public struct Frame: Sendable {
    /// Positions, Å, as the file stores them (wrapped, unwrapped or scaled back to Cartesian).
    public var positions: [Vec3] = []
    /// Velocities, Å/ps, when the file has them.
    public var velocities: [Vec3]?
    /// Forces, kJ/(mol·Å), when the file has them.
    public var forces: [Vec3]?
    /// Periodic image counters per atom (LAMMPS `ix iy iz`), when the file has them.
    public var images: [SIMD3<Int32>]?
    /// Per-atom charges stored in the trajectory (LAMMPS `q`), e.
    public var charges: [Double]?
    /// Further per-atom columns (``ReaderOptions/perAtomColumns``, in that order), each one value
    /// per atom as the file stores it (no unit conversion).
    public var perAtom: [[Double]] = []
    /// The periodic cell, when the file has one.
    public var box: Box?
    /// MD step number, when the file stores one.
    public var step: Int?
    /// Simulation time, ps, when the file stores it or the timestep is known.
    public var time: Double?
    /// Whether ``positions`` are wrapped into the cell, unwrapped, or unknown.
    public var wrapping: PositionWrapping = .unknown

    public init() {}

    public init(positions: [Vec3], box: Box?, step: Int? = nil, time: Double? = nil) {
        self.positions = positions; self.box = box; self.step = step; self.time = time
    }

    /// Number of atoms.
    public var atomCount: Int { positions.count }

    /// The positions as a contiguous N×3 row-major buffer of `Double` (Å), without a copy.
    public func withPositionScalars<R>(_ body: (UnsafeBufferPointer<Double>) throws -> R) rethrows -> R {
        try positions.withUnsafeBufferPointer { vectors in
            try vectors.withMemoryRebound(to: Double.self) { try body($0) }
        }
    }
}

/// What a trajectory's positions are relative to the periodic cell.
public enum PositionWrapping: String, Sendable, Codable {
    /// Inside the cell (LAMMPS `x`/`xs`, GROMACS output by default).
    case wrapped
    /// Continuous in time (LAMMPS `xu`/`xsu`).
    case unwrapped
    /// The format does not say.
    case unknown
}

/// Which per-atom fields a trajectory carries.
public struct FrameFields: OptionSet, Sendable, Hashable, Codable {
    public let rawValue: Int
    public init(rawValue: Int) { self.rawValue = rawValue }
    public static let positions = FrameFields(rawValue: 1)
    public static let velocities = FrameFields(rawValue: 2)
    public static let forces = FrameFields(rawValue: 4)
    public static let images = FrameFields(rawValue: 8)
    public static let charges = FrameFields(rawValue: 16)
    public static let box = FrameFields(rawValue: 32)

    /// Names of the fields, for output.
    public var names: [String] {
        [
            (FrameFields.positions, "positions"), (.velocities, "velocities"), (.forces, "forces"),
            (.images, "image flags"), (.charges, "charges"), (.box, "box"),
        ]
        .filter { contains($0.0) }.map(\.1)
    }

    /// The fields a frame has.
    public init(of frame: Frame) {
        var fields: FrameFields = frame.positions.isEmpty ? [] : .positions
        if frame.velocities != nil { fields.insert(.velocities) }
        if frame.forces != nil { fields.insert(.forces) }
        if frame.images != nil { fields.insert(.images) }
        if frame.charges != nil { fields.insert(.charges) }
        if frame.box != nil { fields.insert(.box) }
        self = fields
    }
}
