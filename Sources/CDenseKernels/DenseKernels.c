// Dense matrix kernels with AVX2 and FMA, chosen at run time. Swift's SIMD types compile to the
// baseline x86-64 instruction set (SSE2, no fused multiply-add) unless the whole package is built
// for a newer CPU; clang's per-function `target` attribute lets this one file use the wider
// instructions while the binary still runs on any x86-64 (and elsewhere these functions decline).
#include "CDenseKernels.h"

#include <stdlib.h>

#if defined(__x86_64__) && (defined(__clang__) || defined(__GNUC__))
#include <immintrin.h>

#define IONSCOPE_AVX2 __attribute__((target("avx2,fma")))
#define IONSCOPE_INLINE static inline __attribute__((always_inline))

int ionscope_dense_kernels_available(void) {
    static int cached = -1;
    if (cached < 0) {
        __builtin_cpu_init();
        const char *portable = getenv("IONSCOPE_PORTABLE_KERNELS");
        cached = !(portable && *portable && *portable != '0') && __builtin_cpu_supports("avx2")
            && __builtin_cpu_supports("fma");
    }
    return cached;
}

/// `rows` (1…6) rows of c, sixteen columns from `c`, over the whole k; a's element (r, p) is at
/// a[r·rs + p·ps].
IONSCOPE_INLINE IONSCOPE_AVX2 void block16(
    const float *a, long rs, long ps, const float *b, float *c, long rows, long k, long n) {
    __m256 acc0[6], acc1[6];
    for (long r = 0; r < rows; r++) {
        acc0[r] = _mm256_loadu_ps(c + r * n);
        acc1[r] = _mm256_loadu_ps(c + r * n + 8);
    }
    for (long p = 0; p < k; p++) {
        __m256 b0 = _mm256_loadu_ps(b + p * n), b1 = _mm256_loadu_ps(b + p * n + 8);
        for (long r = 0; r < rows; r++) {
            __m256 x = _mm256_broadcast_ss(a + r * rs + p * ps);
            acc0[r] = _mm256_fmadd_ps(x, b0, acc0[r]);
            acc1[r] = _mm256_fmadd_ps(x, b1, acc1[r]);
        }
    }
    for (long r = 0; r < rows; r++) {
        _mm256_storeu_ps(c + r * n, acc0[r]);
        _mm256_storeu_ps(c + r * n + 8, acc1[r]);
    }
}

/// `rows` (1…6) rows of c, up to eight columns from `c` (those set in `mask`), over the whole k.
IONSCOPE_INLINE IONSCOPE_AVX2 void block8(
    const float *a, long rs, long ps, const float *b, float *c, long rows, long k, long n, __m256i mask) {
    __m256 acc[6];
    for (long r = 0; r < rows; r++) acc[r] = _mm256_maskload_ps(c + r * n, mask);
    for (long p = 0; p < k; p++) {
        __m256 b0 = _mm256_maskload_ps(b + p * n, mask);
        for (long r = 0; r < rows; r++)
            acc[r] = _mm256_fmadd_ps(_mm256_broadcast_ss(a + r * rs + p * ps), b0, acc[r]);
    }
    for (long r = 0; r < rows; r++) _mm256_maskstore_ps(c + r * n, mask, acc[r]);
}

// The row count is a constant at each call, so the compiler unrolls the row loops and keeps
// every accumulator in a register.
#define IONSCOPE_ROWS(call, rows)  \
    switch (rows) {                \
    case 1: call(1); break;        \
    case 2: call(2); break;        \
    case 3: call(3); break;        \
    case 4: call(4); break;        \
    case 5: call(5); break;        \
    default: call(6); break;       \
    }

/// Chunks of k small enough that a row block of a (6 × KC) stays in L1 and the chunk of b
/// (KC × n) in L2, so long sums (a backward pass over thousands of edges) do not stream both
/// operands from memory once per column stripe.
#define IONSCOPE_KC 256

IONSCOPE_AVX2 static void sgemm_avx2(
    const float *a, long rs, long ps, const float *b, float *c, long m, long k, long n) {
    long tail = n % 8, full = n - n % 16;
    int lanes[8];
    for (int q = 0; q < 8; q++) lanes[q] = q < tail ? -1 : 0;
    __m256i all = _mm256_set1_epi32(-1), partial = _mm256_loadu_si256((const __m256i *)lanes);
    for (long p0 = 0; p0 < k; p0 += IONSCOPE_KC) {
        long kc = k - p0 < IONSCOPE_KC ? k - p0 : IONSCOPE_KC;
        const float *ak = a + p0 * ps, *bk = b + p0 * n;
        for (long i = 0; i < m; i += 6) {
            long rows = m - i < 6 ? m - i : 6;
            for (long j = 0; j < full; j += 16) {
#define CALL16(R) block16(ak + i * rs, rs, ps, bk + j, c + i * n + j, R, kc, n)
                IONSCOPE_ROWS(CALL16, rows)
#undef CALL16
            }
            for (long j = full; j < n; j += 8) {
                __m256i mask = n - j >= 8 ? all : partial;
#define CALL8(R) block8(ak + i * rs, rs, ps, bk + j, c + i * n + j, R, kc, n, mask)
                IONSCOPE_ROWS(CALL8, rows)
#undef CALL8
            }
        }
    }
}

int ionscope_sgemm_accumulate(const float *a, const float *b, float *c, long m, long k, long n) {
    if (!ionscope_dense_kernels_available()) return 0;
    if (m > 0 && n > 0 && k > 0) sgemm_avx2(a, k, 1, b, c, m, k, n);
    return 1;
}

int ionscope_sgemm_accumulate_transposed(const float *a, const float *b, float *c, long m, long k, long n) {
    if (!ionscope_dense_kernels_available()) return 0;
    if (m > 0 && n > 0 && k > 0) sgemm_avx2(a, 1, m, b, c, m, k, n);
    return 1;
}

#else

int ionscope_dense_kernels_available(void) { return 0; }

int ionscope_sgemm_accumulate(const float *a, const float *b, float *c, long m, long k, long n) {
    (void)a; (void)b; (void)c; (void)m; (void)k; (void)n;
    return 0;
}

int ionscope_sgemm_accumulate_transposed(const float *a, const float *b, float *c, long m, long k, long n) {
    (void)a; (void)b; (void)c; (void)m; (void)k; (void)n;
    return 0;
}

#endif
