import Foundation

/// The floating-point types a network computes in: Float for training (what PyTorch uses by
/// default, twice the numbers per vector instruction), Double where exact gradients are checked.
public protocol NetworkScalar: BinaryFloatingPoint, SIMDScalar, Codable, Sendable {
    /// The name saved in model files: "float32" or "float64".
    static var formatName: String { get }
    static func exp(_ x: Self) -> Self
    static func tanh(_ x: Self) -> Self
    /// The IEEE bit pattern as hexadecimal, and back (nil for text that is not one).
    var hexBits: String { get }
    init?(hexBits: String)
}

extension Float: NetworkScalar {
    public static var formatName: String { "float32" }
    @inline(__always) public static func exp(_ x: Float) -> Float { Foundation.exp(x) }
    @inline(__always) public static func tanh(_ x: Float) -> Float { Foundation.tanh(x) }
    public var hexBits: String { String(bitPattern, radix: 16) }
    public init?(hexBits: String) {
        guard let bits = UInt32(hexBits, radix: 16) else { return nil }
        self.init(bitPattern: bits)
    }
}

extension Double: NetworkScalar {
    public static var formatName: String { "float64" }
    @inline(__always) public static func exp(_ x: Double) -> Double { Foundation.exp(x) }
    @inline(__always) public static func tanh(_ x: Double) -> Double { Foundation.tanh(x) }
    public var hexBits: String { String(bitPattern, radix: 16) }
    public init?(hexBits: String) {
        guard let bits = UInt64(hexBits, radix: 16) else { return nil }
        self.init(bitPattern: bits)
    }
}
