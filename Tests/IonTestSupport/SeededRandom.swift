import IonCore
import IonNumerics

/// The tests' seeded generator: IonNumerics' ``SplitMix64``, the stream their expected values
/// and tolerances were tuned to.
public typealias SeededRandom = SplitMix64

extension SplitMix64 {
    /// A standard normal deviate (Box–Muller).
    public mutating func normal() -> Double {
        let u1 = Double.random(in: Double.ulpOfOne..<1, using: &self)
        let u2 = Double.random(in: 0..<1, using: &self)
        return (-2 * log(u1)).squareRoot() * cos(2 * .pi * u2)
    }
    /// A vector with components uniform in [lo, hi).
    public mutating func vector(in range: Range<Double>) -> Vec3 {
        Vec3(.random(in: range, using: &self), .random(in: range, using: &self), .random(in: range, using: &self))
    }
}

#if canImport(Glibc)
    import Glibc
#else
    import Darwin
#endif
