#if canImport(Glibc)
    import Glibc
#else
    import Darwin
#endif

/// An in-place iterative radix-2 complex FFT of a fixed power-of-two length, with the twiddle
/// factors and bit-reversal table computed once.
///
/// Forward: X_k = Σ_n x_n e^(−2πi kn/N). Inverse: x_n = (1/N) Σ_k X_k e^(+2πi kn/N).
/// - Complexity: O(N log N) per transform, O(N) memory for the plan.
public struct FFTPlan: Sendable {
    /// Transform length, a power of two.
    public let count: Int
    private let cosines: [Double]
    private let sines: [Double]
    private let bitReversed: [Int32]

    /// A plan for transforms of `count` points; `count` must be a power of two ≥ 1.
    public init(count: Int) {
        precondition(count >= 1 && count & (count - 1) == 0, "FFT length must be a power of two")
        self.count = count
        let half = max(count / 2, 1)
        cosines = (0..<half).map { cos(2 * .pi * Double($0) / Double(count)) }
        sines = (0..<half).map { -sin(2 * .pi * Double($0) / Double(count)) }
        var reversed = [Int32](repeating: 0, count: count)
        var bits = 0
        while 1 << bits < count { bits += 1 }
        for i in 0..<count {
            var r = 0, v = i
            for _ in 0..<bits { r = (r << 1) | (v & 1); v >>= 1 }
            reversed[i] = Int32(r)
        }
        bitReversed = reversed
    }

    /// The smallest power of two ≥ `n`.
    public static func paddedLength(_ n: Int) -> Int {
        var length = 1
        while length < n { length <<= 1 }
        return length
    }

    /// Forward transform of (`real`, `imaginary`) in place.
    public func forward(real: inout [Double], imaginary: inout [Double]) { transform(&real, &imaginary, sign: 1) }

    /// Inverse transform in place, including the 1/N factor.
    public func inverse(real: inout [Double], imaginary: inout [Double]) {
        transform(&real, &imaginary, sign: -1)
        let scale = 1 / Double(count)
        for k in 0..<count { real[k] *= scale; imaginary[k] *= scale }
    }

    private func transform(_ realArray: inout [Double], _ imaginaryArray: inout [Double], sign: Double) {
        precondition(
            realArray.count == count && imaginaryArray.count == count, "FFT input length must equal the plan's")
        let n = count
        realArray.withUnsafeMutableBufferPointer { re in
            imaginaryArray.withUnsafeMutableBufferPointer { im in
                cosines.withUnsafeBufferPointer { cosine in
                    sines.withUnsafeBufferPointer { sine in
                        for i in 0..<n {
                            let j = Int(bitReversed[i])
                            if j > i { re.swapAt(i, j); im.swapAt(i, j) }
                        }
                        var size = 2
                        while size <= n {
                            let halfSize = size / 2
                            let step = n / size
                            var start = 0
                            while start < n {
                                for k in 0..<halfSize {
                                    let wr = cosine[k * step], wi = sign * sine[k * step]
                                    let a = start + k, b = a + halfSize
                                    let tr = wr * re[b] - wi * im[b]
                                    let ti = wr * im[b] + wi * re[b]
                                    re[b] = re[a] - tr; im[b] = im[a] - ti
                                    re[a] += tr; im[a] += ti
                                }
                                start += size
                            }
                            size <<= 1
                        }
                    }
                }
            }
        }
    }
}
