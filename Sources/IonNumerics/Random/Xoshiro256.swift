/// The xoshiro256** generator (Blackman & Vigna), seeded through ``SplitMix64``: fast, small
/// state and reproducible, for bootstraps and the Markov simulator.
/// - SeeAlso: D. Blackman, S. Vigna, ACM Trans. Math. Softw. 47, 36 (2021), doi:10.1145/3460772.
public struct Xoshiro256: RandomNumberGenerator, Sendable {
    private var s0: UInt64, s1: UInt64, s2: UInt64, s3: UInt64

    public init(seed: UInt64) {
        var seeder = SplitMix64(seed: seed)
        (s0, s1, s2, s3) = (seeder.next(), seeder.next(), seeder.next(), seeder.next())
    }

    public mutating func next() -> UInt64 {
        let result = rotate(s1 &* 5, 7) &* 9
        let t = s1 << 17
        s2 ^= s0; s3 ^= s1; s1 ^= s2; s0 ^= s3; s2 ^= t
        s3 = rotate(s3, 45)
        return result
    }

    /// A uniform deviate in [0, 1) with 53 random bits.
    public mutating func uniform() -> Double { Double(next() >> 11) * 0x1.0p-53 }

    private func rotate(_ x: UInt64, _ k: UInt64) -> UInt64 { (x << k) | (x >> (64 - k)) }
}
