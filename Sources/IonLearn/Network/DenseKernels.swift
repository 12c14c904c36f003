/// The dense matrix kernels of the networks, on row-major buffers.

import CDenseKernels

/// c[m × n] += a[m × k] · b[k × n]. Rows of `c` go four at a time and columns eight at a time
/// (one SIMD8 accumulator per row), so each loaded row slice of `b` serves four rows of `a`; the
/// sum over k runs in ascending order, as a plain triple loop would. Float buffers go to the AVX2
/// and FMA kernel of `CDenseKernels` where the CPU has them (training 2.5× faster at batch 256; fused
/// multiply-adds round once per term, so the last bits differ from this loop's).
@inlinable
func multiplyAdd<S: NetworkScalar>(
    _ a: UnsafePointer<S>, _ b: UnsafePointer<S>, _ c: UnsafeMutablePointer<S>, m: Int, k: Int, n: Int
) {
    if S.self == Float.self,
        ionscope_sgemm_accumulate(
            UnsafeRawPointer(a).assumingMemoryBound(to: Float.self),
            UnsafeRawPointer(b).assumingMemoryBound(to: Float.self),
            UnsafeMutableRawPointer(c).assumingMemoryBound(to: Float.self), m, k, n) != 0
    {
        return
    }
    portableMultiplyAdd(a, b, c, m: m, k: k, n: n)
}

/// c[m × n] += aᵀ · b for `a` stored k × m, where a vector kernel does it without a copy (Float
/// on a CPU with AVX2 and FMA); false, touching nothing, otherwise.
@inlinable
func transposedMultiplyAdd<S: NetworkScalar>(
    _ a: UnsafePointer<S>, _ b: UnsafePointer<S>, _ c: UnsafeMutablePointer<S>, m: Int, k: Int, n: Int
) -> Bool {
    S.self == Float.self
        && ionscope_sgemm_accumulate_transposed(
            UnsafeRawPointer(a).assumingMemoryBound(to: Float.self),
            UnsafeRawPointer(b).assumingMemoryBound(to: Float.self),
            UnsafeMutableRawPointer(c).assumingMemoryBound(to: Float.self), m, k, n) != 0
}

/// ``multiplyAdd(_:_:_:m:k:n:)`` in Swift SIMD on the baseline instruction set, for any scalar.
@inlinable
func portableMultiplyAdd<S: NetworkScalar>(
    _ a: UnsafePointer<S>, _ b: UnsafePointer<S>, _ c: UnsafeMutablePointer<S>, m: Int, k: Int, n: Int
) {
    let rawB = UnsafeRawPointer(b)
    let stride = MemoryLayout<S>.stride
    var j = 0
    while j + 8 <= n {
        let rawC = UnsafeMutableRawPointer(c + j)
        var i = 0
        while i + 4 <= m {
            let r0 = (i * n) * stride, r1 = r0 + n * stride, r2 = r1 + n * stride, r3 = r2 + n * stride
            var c0 = rawC.loadUnaligned(fromByteOffset: r0, as: SIMD8<S>.self)
            var c1 = rawC.loadUnaligned(fromByteOffset: r1, as: SIMD8<S>.self)
            var c2 = rawC.loadUnaligned(fromByteOffset: r2, as: SIMD8<S>.self)
            var c3 = rawC.loadUnaligned(fromByteOffset: r3, as: SIMD8<S>.self)
            let a0 = a + i * k, a1 = a0 + k, a2 = a1 + k, a3 = a2 + k
            for p in 0..<k {
                let row = rawB.loadUnaligned(fromByteOffset: (p * n + j) * stride, as: SIMD8<S>.self)
                c0 += SIMD8(repeating: a0[p]) * row
                c1 += SIMD8(repeating: a1[p]) * row
                c2 += SIMD8(repeating: a2[p]) * row
                c3 += SIMD8(repeating: a3[p]) * row
            }
            rawC.storeBytes(of: c0, toByteOffset: r0, as: SIMD8<S>.self)
            rawC.storeBytes(of: c1, toByteOffset: r1, as: SIMD8<S>.self)
            rawC.storeBytes(of: c2, toByteOffset: r2, as: SIMD8<S>.self)
            rawC.storeBytes(of: c3, toByteOffset: r3, as: SIMD8<S>.self)
            i += 4
        }
        while i < m {
            let r = (i * n) * stride, row = a + i * k
            var acc = rawC.loadUnaligned(fromByteOffset: r, as: SIMD8<S>.self)
            for p in 0..<k {
                acc +=
                    SIMD8(repeating: row[p])
                    * rawB.loadUnaligned(fromByteOffset: (p * n + j) * stride, as: SIMD8<S>.self)
            }
            rawC.storeBytes(of: acc, toByteOffset: r, as: SIMD8<S>.self)
            i += 1
        }
        j += 8
    }
    guard j < n else { return }
    for i in 0..<m {
        let row = a + i * k, out = c + i * n
        for column in j..<n {
            var sum = out[column]
            for p in 0..<k { sum += row[p] * b[p * n + column] }
            out[column] = sum
        }
    }
}

/// t[cols × rows] = sᵀ for s[rows × cols].
@inlinable
func transpose<S: NetworkScalar>(_ s: UnsafePointer<S>, rows: Int, columns: Int, into t: UnsafeMutablePointer<S>) {
    for r in 0..<rows {
        for c in 0..<columns { t[c * rows + r] = s[r * columns + c] }
    }
}
