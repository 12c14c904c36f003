import IonCore

/// The GROMACS cell: three box vectors, stored row by row as a 3×3 matrix
/// (v1x v1y v1z, v2x v2y v2z, v3x v3y v3z) in .xtc and .trr files, and in the .gro box line.
enum GROMACSBox {
    /// The cell from box vectors `v1`, `v2`, `v3` in file units, scaled by `lengthScale` to Å.
    /// All zeros means no periodic cell (GROMACS writes that for vacuum systems) and gives nil.
    /// - Throws: ``FormatError`` at `path`, `frame`, `line` for a non-finite or degenerate cell.
    static func box(
        _ v1: Vec3, _ v2: Vec3, _ v3: Vec3, lengthScale: Double,
        path: String, frame: Int, line: Int? = nil
    ) throws -> Box? {
        guard v1.isFinite, v2.isFinite, v3.isFinite else {
            throw FormatError(
                path: path, frame: frame, line: line,
                "the box has a non-finite entry: \(v1) \(v2) \(v3) (file units)")
        }
        if v1 == .zero && v2 == .zero && v3 == .zero { return nil }
        guard let box = Box(a: v1 * lengthScale, b: v2 * lengthScale, c: v3 * lengthScale) else {
            throw FormatError(
                path: path, frame: frame, line: line,
                "the box vectors \(v1) \(v2) \(v3) (file units) do not span a cell of positive volume")
        }
        return box
    }
}
