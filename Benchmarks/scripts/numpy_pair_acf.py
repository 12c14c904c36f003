"""Pooled pair-existence ACFs with NumPy on h_p(k) written by `kinetics-throughput --write FILE`
(uint8, pairs x frames), lags m = 0..M (M = --max-lag, default frames/10), the normalisation of IonScope's
PairExistence (pooled): C(m) = sum_{p,k} X_p(k,m) / sum_{p, k <= K-1-m} h_p(k).
  continuous:   X = prod_{j=k}^{k+m} h(j), by a running logical AND over lags
                (alive[:, :K-m] &= h[:, m:], then a sum) -- O(P K M), the straightforward way;
  intermittent: X = h(k) h(k+m), by FFT: irfft(|rfft(h padded to 2K)|^2) per pair, summed
                over pairs -- O(P K log K).
Denominators from the prefix sums of N(k) = sum_p h_p(k). Only the ACFs are timed (one core).
Usage: python3 numpy_pair_acf.py FILE [pairs 2000] [frames 10000] [--max-lag M] [--repeat 2]"""
import time
import bench_common
import numpy as np

path, (pairs, frames), repeats = bench_common.arguments([2000, 10000])
h = np.fromfile(path, dtype=np.uint8).reshape(pairs, frames).astype(bool)
M = min(frames - 1, bench_common.option("--max-lag", frames // 10))


def denominators(h):
    cumulative = np.concatenate([[0], np.cumsum(h.sum(axis=0))])
    return cumulative[frames - np.arange(M + 1)].astype(float)


def continuous(h):
    alive = h.copy()
    num = np.empty(M + 1)
    num[0] = alive.sum()
    for m in range(1, M + 1):
        alive[:, :frames - m] &= h[:, m:]
        num[m] = np.count_nonzero(alive[:, :frames - m])
    return num / denominators(h)


def intermittent(h, chunk=250):
    n = 1 << int(np.ceil(np.log2(2 * frames)))
    num = np.zeros(n)
    for s in range(0, pairs, chunk):
        spectrum = np.fft.rfft(h[s:s + chunk].astype(float), n=n, axis=1)
        num += np.fft.irfft((spectrum.real**2 + spectrum.imag**2).sum(axis=0), n=n)
    return np.rint(num[:M + 1]) / denominators(h)


def checksum(c):
    return f"C(10) {c[10]:.9f} C(100) {c[100]:.9f} C({M}) {c[M]:.9f} sum {c.sum():.9e}"


print(f"{pairs} pairs x {frames} frames, occupancy {h.mean():.4f}, lags 0..{M}; numpy {np.__version__}")
for run in range(1, repeats + 1):
    t0 = time.perf_counter(); c = continuous(h); t1 = time.perf_counter()
    print(f"run {run} continuous (running AND, all lags <= {M}): {t1 - t0:.3f} s; {checksum(c)}")
    t0 = time.perf_counter(); c = intermittent(h); t1 = time.perf_counter()
    print(f"run {run} intermittent (FFT, all lags <= {M}): {t1 - t0:.3f} s; {checksum(c)}")
