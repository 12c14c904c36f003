import IonCore

#if canImport(Glibc)
    import Glibc
#else
    import Darwin
#endif

/// The six doubles of a DCD unit-cell record, in the order the writers use:
/// `[A, γ, B, β, α, C]` or, from CHARMM itself, the symmetric shape matrix
/// `[h11, h21, h22, h31, h32, h33]`.
///
/// | writer | how the record reads |
/// |---|---|
/// | LAMMPS (`dump dcd`) | lengths and angle cosines: `[a, cos γ, b, cos β, cos α, c]`; orthogonal boxes write 0 cosines |
/// | NAMD after 2.5, MDAnalysis (CHARMM version 24) | lengths and cosines, as LAMMPS |
/// | NAMD 2.5 and older | lengths and angles in degrees |
/// | CHARMM (version > 25) | the lower triangle of the symmetric shape matrix, Å |
///
/// Cosines and degrees are told apart as VMD, MDAnalysis and chemfiles do: all three angle
/// values within [−1, 1] are cosines (no real cell has an angle of 1° or less). The shape-matrix
/// rule for CHARMM versions above 25 follows chemfiles (`DCD.cpp`); NAMD, LAMMPS and MDAnalysis
/// all write version 24. A record of zeros means no cell. DCD stores no cell origin, so the
/// cell's corner is put at 0.
enum DCDUnitCell {
    static func box(_ v: [Double], charmmVersion: Int, lengthScale s: Double) -> Box? {
        guard v.count == 6, v.allSatisfy(\.isFinite) else { return nil }
        if v.allSatisfy({ $0 == 0 }) { return nil }
        if charmmVersion > 25 {
            return Box(
                a: Vec3(v[0], v[1], v[3]) * s, b: Vec3(v[1], v[2], v[4]) * s,
                c: Vec3(v[3], v[4], v[5]) * s)
        }
        let lengths = Vec3(v[0], v[2], v[5]) * s
        let (alpha, beta, gamma) = (v[4], v[3], v[1])
        if abs(alpha) <= 1, abs(beta) <= 1, abs(gamma) <= 1 {
            return fromCosines(lengths, cosAlpha: alpha, cosBeta: beta, cosGamma: gamma)
        }
        return Box(lengths: lengths, anglesDegrees: alpha, beta, gamma)
    }

    /// The restricted triclinic cell (a along x, b in the xy plane) from lengths and the
    /// cosines of α (b, c), β (a, c) and γ (a, b), the inverse of LAMMPS' `dump_dcd.cpp`.
    static func fromCosines(_ lengths: Vec3, cosAlpha: Double, cosBeta: Double, cosGamma: Double) -> Box? {
        let sinGamma = (1 - cosGamma * cosGamma).squareRoot()
        guard sinGamma > 0 else { return nil }
        let b = Vec3(lengths.y * cosGamma, lengths.y * sinGamma, 0)
        let cx = lengths.z * cosBeta
        let cy = lengths.z * (cosAlpha - cosBeta * cosGamma) / sinGamma
        let cz2 = lengths.z * lengths.z - cx * cx - cy * cy
        guard cz2 > 0 else { return nil }
        return Box(a: Vec3(lengths.x, 0, 0), b: b, c: Vec3(cx, cy, cz2.squareRoot()))
    }
}
