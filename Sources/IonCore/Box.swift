import Foundation

/// A periodic simulation cell: three lattice vectors and the position of its lower corner.
///
/// Lengths are in ångström. Any non-degenerate cell is allowed; formats that store the LAMMPS /
/// GROMACS restricted triclinic form (a along x, b in the xy plane) produce a lower-triangular
/// cell matrix. Fractional coordinates s relate to Cartesian r by r = origin + H·s with
/// H = [a b c] (lattice vectors as columns).
public struct Box: Sendable, Equatable, Codable {
    /// First lattice vector, Å.
    public let a: Vec3
    /// Second lattice vector, Å.
    public let b: Vec3
    /// Third lattice vector, Å.
    public let c: Vec3
    /// Lower corner of the cell (LAMMPS `boxlo`), Å. Zero for formats that do not store one.
    public var origin: Vec3
    /// True when all three vectors lie along the axes.
    public let isOrthorhombic: Bool
    // Rows of H⁻¹.
    @usableFromInline let inverseRow0: Vec3
    @usableFromInline let inverseRow1: Vec3
    @usableFromInline let inverseRow2: Vec3

    private enum CodingKeys: String, CodingKey { case a, b, c, origin }

    public init(from decoder: any Decoder) throws {
        let values = try decoder.container(keyedBy: CodingKeys.self)
        let (a, b, c) = (
            try values.decode(Vec3.self, forKey: .a), try values.decode(Vec3.self, forKey: .b),
            try values.decode(Vec3.self, forKey: .c)
        )
        guard let box = Box(a: a, b: b, c: c, origin: try values.decode(Vec3.self, forKey: .origin)) else {
            throw DecodingError.dataCorruptedError(forKey: .a, in: values, debugDescription: "degenerate cell")
        }
        self = box
    }

    public func encode(to encoder: any Encoder) throws {
        var values = encoder.container(keyedBy: CodingKeys.self)
        try values.encode(a, forKey: .a); try values.encode(b, forKey: .b)
        try values.encode(c, forKey: .c); try values.encode(origin, forKey: .origin)
    }

    /// A cell from its three lattice vectors (Å). Fails for a degenerate or non-finite cell.
    public init?(a: Vec3, b: Vec3, c: Vec3, origin: Vec3 = .zero) {
        let volume = a.dot(b.cross(c))
        guard a.isFinite, b.isFinite, c.isFinite, origin.isFinite, volume.isFinite, volume > 0 else {
            return nil
        }
        self.a = a; self.b = b; self.c = c; self.origin = origin
        isOrthorhombic = a.y == 0 && a.z == 0 && b.x == 0 && b.z == 0 && c.x == 0 && c.y == 0
        inverseRow0 = b.cross(c) / volume
        inverseRow1 = c.cross(a) / volume
        inverseRow2 = a.cross(b) / volume
    }

    /// An orthorhombic cell with edge lengths `lx`, `ly`, `lz` (Å).
    public init?(lx: Double, ly: Double, lz: Double, origin: Vec3 = .zero) {
        self.init(a: Vec3(lx, 0, 0), b: Vec3(0, ly, 0), c: Vec3(0, 0, lz), origin: origin)
    }

    /// A LAMMPS-style restricted triclinic cell: a = (lx,0,0), b = (xy,ly,0), c = (xz,yz,lz), Å.
    public init?(
        lx: Double, ly: Double, lz: Double, xy: Double, xz: Double, yz: Double,
        origin: Vec3 = .zero
    ) {
        self.init(a: Vec3(lx, 0, 0), b: Vec3(xy, ly, 0), c: Vec3(xz, yz, lz), origin: origin)
    }

    /// A cell from edge lengths (Å) and angles α (b,c), β (a,c), γ (a,b) in degrees, in the
    /// restricted triclinic orientation.
    public init?(
        lengths: Vec3, anglesDegrees alpha: Double, _ beta: Double, _ gamma: Double,
        origin: Vec3 = .zero
    ) {
        let toRad = Double.pi / 180
        let (ca, cb) = (Self.cosine(alpha * toRad), Self.cosine(beta * toRad))
        let (cg, sg) = (Self.cosine(gamma * toRad), Self.cosine((90 - gamma) * toRad))
        let lx = lengths.x
        let xy = lengths.y * cg, ly = lengths.y * sg
        let xz = lengths.z * cb
        let yz = sg == 0 ? .nan : lengths.z * (ca - cb * cg) / sg
        let lz = (lengths.z * lengths.z - xz * xz - yz * yz).squareRoot()
        self.init(a: Vec3(lx, 0, 0), b: Vec3(xy, ly, 0), c: Vec3(xz, yz, lz), origin: origin)
    }

    /// A cell a user gives: three edge lengths (an orthorhombic cell) or three lengths and the
    /// angles α, β, γ in degrees (as in a PDB CRYST1 record); lengths in Å (σ for lj).
    /// - Throws: ``InputError`` for another count, a length that is not positive and finite, or
    ///   angles that make no cell.
    public static func given(_ numbers: [Double]) throws -> Box {
        guard numbers.count == 3 || numbers.count == 6 else {
            throw InputError(
                "a cell is three edge lengths a,b,c or six numbers a,b,c,α,β,γ (angles in degrees); got \(numbers.count) numbers"
            )
        }
        guard numbers.prefix(3).allSatisfy({ $0 > 0 && $0.isFinite }) else {
            throw InputError(
                "the cell's edge lengths must be positive; got \(numbers.prefix(3).map { "\($0)" }.joined(separator: ", "))"
            )
        }
        let angles = numbers.count == 6 ? Array(numbers[3...]) : [90, 90, 90]
        guard angles.allSatisfy({ $0 > 0 && $0 < 180 }),
            let box = Box(
                lengths: Vec3(numbers[0], numbers[1], numbers[2]), anglesDegrees: angles[0], angles[1], angles[2]),
            box.volume.isFinite, box.volume > 1e-6 * numbers[0] * numbers[1] * numbers[2]
        else {
            throw InputError(
                "the angles \(angles.map { "\($0)" }.joined(separator: ", "))° make no cell (each must lie in (0, 180) and together enclose a volume)"
            )
        }
        return box
    }

    /// cos that returns exact 0 at ±90°, so right angles give an exactly orthorhombic cell.
    private static func cosine(_ x: Double) -> Double {
        let value = cos(x)
        return Swift.abs(value) < 1e-12 ? 0 : value
    }

    /// Volume, Å³.
    public var volume: Double { a.dot(b.cross(c)) }
    /// Edge lengths |a|, |b|, |c|, Å.
    public var lengths: Vec3 { Vec3(a.length, b.length, c.length) }
    /// Angles α (between b and c), β (a, c), γ (a, b), degrees.
    public var anglesDegrees: Vec3 {
        func angle(_ u: Vec3, _ v: Vec3) -> Double {
            acos(max(-1, min(1, u.dot(v) / (u.length * v.length)))) * 180 / .pi
        }
        return Vec3(angle(b, c), angle(a, c), angle(a, b))
    }
    /// Distances between opposite faces, Å. Half the smallest is the largest cutoff for which
    /// the minimum image is unique.
    public var perpendicularWidths: Vec3 {
        let v = volume
        return Vec3(v / b.cross(c).length, v / c.cross(a).length, v / a.cross(b).length)
    }

    /// Fractional coordinates of a displacement (no origin shift).
    @inlinable public func fractional(displacement d: Vec3) -> Vec3 {
        Vec3(inverseRow0.dot(d), inverseRow1.dot(d), inverseRow2.dot(d))
    }
    /// Fractional coordinates of a position.
    @inlinable public func fractional(position r: Vec3) -> Vec3 { fractional(displacement: r - origin) }
    /// Cartesian displacement H·s of fractional `s`.
    @inlinable public func cartesian(fractional s: Vec3) -> Vec3 { s.x * a + s.y * b + s.z * c }
    /// Cartesian position origin + H·s.
    @inlinable public func position(fractional s: Vec3) -> Vec3 { origin + cartesian(fractional: s) }

    /// The position `r` moved into the cell, origin + H·(s − ⌊s⌋).
    @inlinable public func wrap(_ r: Vec3) -> Vec3 {
        let s = fractional(position: r)
        return position(
            fractional: Vec3(
                s.x - s.x.rounded(.down), s.y - s.y.rounded(.down),
                s.z - s.z.rounded(.down)))
    }
}
