import IonCore

/// A small, fast, seeded generator (SplitMix64) so numeric tests are reproducible.
public struct SeededRandom: RandomNumberGenerator, Sendable {
    private var state: UInt64
    public init(seed: UInt64) { state = seed }
    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
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
