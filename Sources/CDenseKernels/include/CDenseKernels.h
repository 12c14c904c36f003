#ifndef IONSCOPE_CDENSEKERNELS_H
#define IONSCOPE_CDENSEKERNELS_H

/// Whether this CPU runs the vector kernels below (x86-64 with AVX2 and FMA). Decided once, at run
/// time, so one binary runs everywhere and uses the wide instructions where they exist.
int ionscope_dense_kernels_available(void);

/// c[m × n] += a[m × k] · b[k × n] for row-major float32 buffers, with AVX2 and fused multiply-adds:
/// six rows of c by sixteen columns held in registers, the sum over k in ascending order.
/// Returns 0, touching nothing, where the CPU lacks AVX2 and FMA (the caller then runs its own loop).
int ionscope_sgemm_accumulate(const float *a, const float *b, float *c, long m, long k, long n);

/// c[m × n] += aᵀ · b for a stored k × m (row-major) and b k × n: the same kernel, reading a by
/// columns, so a backward pass needs no transposed copy of its inputs. Returns 0 as above.
int ionscope_sgemm_accumulate_transposed(const float *a, const float *b, float *c, long m, long k, long n);

#endif
