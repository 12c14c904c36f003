extension Box {
    /// The shortest periodic image of displacement `d` (Å).
    ///
    /// Orthorhombic cells use the rounding rule per axis. Triclinic cells first reduce `d` in
    /// fractional coordinates, then compare the 27 neighbouring images, so the answer is the true
    /// minimum image even for strongly tilted cells (plain fractional rounding is not).
    /// - Complexity: O(1); 27 candidate images for triclinic cells.
    @inlinable public func minimumImage(_ d: Vec3) -> Vec3 {
        if isOrthorhombic {
            return Vec3(
                d.x - a.x * (d.x / a.x).rounded(), d.y - b.y * (d.y / b.y).rounded(),
                d.z - c.z * (d.z / c.z).rounded())
        }
        return triclinicMinimumImage(d)
    }

    @usableFromInline func triclinicMinimumImage(_ d: Vec3) -> Vec3 {
        var s = fractional(displacement: d)
        s = Vec3(s.x - s.x.rounded(), s.y - s.y.rounded(), s.z - s.z.rounded())
        let reduced = cartesian(fractional: s)
        var best = reduced
        var bestLength = reduced.squaredLength
        for i in -1...1 {
            for j in -1...1 {
                for k in -1...1 where i != 0 || j != 0 || k != 0 {
                    let candidate = reduced + Double(i) * a + Double(j) * b + Double(k) * c
                    let length = candidate.squaredLength
                    if length < bestLength { best = candidate; bestLength = length }
                }
            }
        }
        return best
    }

    /// Minimum-image distance between two positions, Å.
    @inlinable public func distance(_ r1: Vec3, _ r2: Vec3) -> Double { minimumImage(r2 - r1).length }
}
