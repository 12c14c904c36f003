import IonCore

/// What no real simulation holds, refused where every frame and input passes (``Trajectory``),
/// with the file, frame and atom, instead of being analysed into a wrong number.
///
/// The limits are far outside condensed matter in any unit system IonScope reads (Å, nm or σ;
/// fs, ps or τ): they catch corrupt files, wrong precisions and unit mix-ups, not unusual physics.
public enum FramePlausibility {
    /// Largest |coordinate|, in the files' length unit (10⁷ Å = 1 mm).
    public static let largestCoordinate = 1e7
    /// Most atoms per cubic length unit in a cell (condensed matter holds ~0.1 per Å³, ~1 per σ³).
    public static let densestCell = 10.0
    /// Shortest timestep or time between frames, ps (10⁻⁶ fs): anything shorter is a unit mistake.
    public static let smallestTime = 1e-9
    /// Largest MD timestep, ps (τ for lj), and largest time between frames.
    public static let largestTimestep = 1e3
    public static let largestFrameInterval = 1e9

    /// Refuses a frame with a coordinate that is not finite or beyond ``largestCoordinate``, a
    /// time that is not finite, or a cell that would hold more than ``densestCell`` atoms per
    /// unit volume.
    public static func check(_ frame: Frame, index: Int, path: String) throws {
        if let bad = frame.positions.firstIndex(where: {
            !$0.isFinite || abs($0.x) > largestCoordinate || abs($0.y) > largestCoordinate
                || abs($0.z) > largestCoordinate
        }) {
            let r = frame.positions[bad]
            throw FormatError(
                path: path, frame: index,
                "atom \(bad + 1) is at (\(r.x), \(r.y), \(r.z)): not a position (coordinates must be finite and within ±\(largestCoordinate)); the file is corrupt or its precision or units are wrong"
            )
        }
        if let time = frame.time, !time.isFinite {
            throw FormatError(path: path, frame: index, "the frame time is \(time), not a finite number")
        }
        if let box = frame.box, !frame.positions.isEmpty,
            Double(frame.positions.count) / box.volume > densestCell
        {
            throw FormatError(
                path: path, frame: index,
                "the cell's volume \(box.volume) holds \(frame.positions.count) atoms, \(Double(frame.positions.count) / box.volume) per unit volume (condensed matter has about 0.1 per Å³): the cell is degenerate or in other units"
            )
        }
    }

    /// Refuses a timestep or frame interval no MD run has, and negative masses.
    static func check(_ input: TrajectoryInput, topology: Topology) throws {
        if let timestep = input.timestep, timestep < smallestTime {
            throw InputError(
                "the timestep \(timestep) ps is not an MD timestep (at least \(smallestTime) ps, 10⁻⁶ fs); it is in ps (τ for lj)"
            )
        }
        if let interval = input.frameInterval, interval < smallestTime {
            throw InputError(
                "the time between frames \(interval) ps is less than \(smallestTime) ps (10⁻⁶ fs); it is in ps (τ for lj)"
            )
        }
        if let timestep = input.timestep, timestep > largestTimestep {
            throw InputError(
                "the timestep \(timestep) is not an MD timestep (at most \(largestTimestep) ps, 1 ns); it is in ps (τ for lj)"
            )
        }
        if let interval = input.frameInterval, interval > largestFrameInterval {
            throw InputError(
                "the time between frames \(interval) ps is more than \(largestFrameInterval) ps (1 ms); it is in ps (τ for lj)"
            )
        }
        if let bad = topology.masses.firstIndex(where: { $0 < 0 || !$0.isFinite }) {
            throw InputError("atom \(bad + 1) has mass \(topology.masses[bad]); masses must be finite and 0 or more")
        }
    }
}
