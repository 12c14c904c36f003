/// A 3-vector of `Double` with the memory layout of three consecutive doubles.
///
/// `[Vec3]` is therefore an N×3 row-major array of `Double` that can be handed to numeric code
/// or a model without a copy (see ``Frame/withPositionScalars(_:)``).
@frozen
public struct Vec3: Sendable, Hashable, Codable, CustomStringConvertible {
    public var x: Double
    public var y: Double
    public var z: Double

    @inlinable public init(_ x: Double, _ y: Double, _ z: Double) { self.x = x; self.y = y; self.z = z }
    @inlinable public init(x: Double, y: Double, z: Double) { self.init(x, y, z) }

    public static let zero = Vec3(0, 0, 0)

    @inlinable public subscript(axis: Int) -> Double {
        get { axis == 0 ? x : (axis == 1 ? y : z) }
        set { if axis == 0 { x = newValue } else if axis == 1 { y = newValue } else { z = newValue } }
    }

    @inlinable public static func + (l: Vec3, r: Vec3) -> Vec3 { Vec3(l.x + r.x, l.y + r.y, l.z + r.z) }
    @inlinable public static func - (l: Vec3, r: Vec3) -> Vec3 { Vec3(l.x - r.x, l.y - r.y, l.z - r.z) }
    @inlinable public static prefix func - (v: Vec3) -> Vec3 { Vec3(-v.x, -v.y, -v.z) }
    @inlinable public static func * (s: Double, v: Vec3) -> Vec3 { Vec3(s * v.x, s * v.y, s * v.z) }
    @inlinable public static func * (v: Vec3, s: Double) -> Vec3 { Vec3(s * v.x, s * v.y, s * v.z) }
    @inlinable public static func / (v: Vec3, s: Double) -> Vec3 { Vec3(v.x / s, v.y / s, v.z / s) }
    @inlinable public static func += (l: inout Vec3, r: Vec3) { l = l + r }
    @inlinable public static func -= (l: inout Vec3, r: Vec3) { l = l - r }

    @inlinable public func dot(_ o: Vec3) -> Double { x * o.x + y * o.y + z * o.z }
    @inlinable public func cross(_ o: Vec3) -> Vec3 {
        Vec3(y * o.z - z * o.y, z * o.x - x * o.z, x * o.y - y * o.x)
    }
    @inlinable public var squaredLength: Double { dot(self) }
    @inlinable public var length: Double { squaredLength.squareRoot() }
    @inlinable public var isFinite: Bool { x.isFinite && y.isFinite && z.isFinite }

    public var description: String { "(\(x), \(y), \(z))" }
}
