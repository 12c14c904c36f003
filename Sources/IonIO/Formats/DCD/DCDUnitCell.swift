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
    /// The cell, nil for a record of zeros.
    /// - Throws: the reason (a message) when the record is not a cell: lengths that are not
    ///   positive, angles that mix cosines and degrees, or "angles" that are lengths.
    static func box(_ v: [Double], charmmVersion: Int, lengthScale s: Double) throws(CellError) -> Box? {
        guard v.count == 6, v.allSatisfy(\.isFinite) else {
            throw CellError("the unit-cell record \(v) is not six finite numbers")
        }
        if v.allSatisfy({ $0 == 0 }) { return nil }
        if charmmVersion > 25 {
            return Box(
                a: Vec3(v[0], v[1], v[3]) * s, b: Vec3(v[1], v[2], v[4]) * s,
                c: Vec3(v[3], v[4], v[5]) * s)
        }
        guard v[0] > 0, v[2] > 0, v[5] > 0 else {
            throw CellError("the unit-cell lengths \(v[0]), \(v[2]), \(v[5]) are not all positive")
        }
        let lengths = Vec3(v[0], v[2], v[5]) * s
        let (alpha, beta, gamma) = (v[4], v[3], v[1])
        let cosines = [alpha, beta, gamma].map { abs($0) <= 1 }
        if cosines.allSatisfy({ $0 }) {
            return fromCosines(lengths, cosAlpha: alpha, cosBeta: beta, cosGamma: gamma)
        }
        guard !cosines.contains(true) else {
            throw CellError("the unit-cell angles \(alpha), \(beta), \(gamma) mix cosines and degrees")
        }
        guard [alpha, beta, gamma].allSatisfy({ $0 >= 10 && $0 <= 170 }) else {
            throw CellError(
                "the unit-cell angles \(alpha)°, \(beta)°, \(gamma)° are not angles of a cell (lengths, as in a CHARMM shape matrix, in a version-\(charmmVersion) file?)"
            )
        }
        return Box(lengths: lengths, anglesDegrees: alpha, beta, gamma)
    }

    /// Why a unit-cell record is not a cell.
    struct CellError: Error {
        var message: String
        init(_ message: String) { self.message = message }
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
