"""Onsager coefficients L^ij of all species pairs with tidynamics (numpy FFT), on the positions
written by `onsager-throughput --write FILE` (float64, species x frames x particles x 3).
Computes what OnsagerAnalysis.compute computes for the L matrix and the self parts: the whole
run and 5 blocks, each with
  self  sum_a <dr_a(t)^2>      : one tidynamics.msd call per particle, summed;
  cross <dS_i(t) . dS_j(t)>    : S_i = sum of species i's positions; tidynamics.msd(S_i) on the
                                 diagonal, (msd(S_i+S_j) - msd(S_i) - msd(S_j))/2 off it;
then least-squares slopes over lags [F/4, F/2] of a block of F frames, in mol^2/(J m s).
Only the computation after loading is timed (one core: OMP/MKL/OPENBLAS threads 1).
Usage: python3 tidynamics_onsager.py FILE [particles 2000] [frames 5000] [--repeat 2]"""
import time
import bench_common
import numpy as np
import tidynamics

path, (particles, frames), repeats = bench_common.arguments([2000, 5000])
pos = np.fromfile(path, dtype=np.float64).reshape(2, frames, particles, 3)
kB, NA, T, dt = 1.380649e-23, 6.02214076e23, 300.0, 1.0
volume = 2 * particles / 0.01
blocks = 5
F = frames // blocks
fit_start, fit_end = (F // 4) * dt, (F // 2) * dt


def molar(slope):  # slope in A^2/ps -> mol^2/(J m s)
    return slope * 1e-8 / (6 * kB * T * volume * 1e-30) / NA**2


def slope(curve):
    first = int(np.ceil(fit_start / dt - 1e-9)); last = min(len(curve) - 1, int(np.floor(fit_end / dt + 1e-9)))
    lags = np.arange(first, last + 1)
    return np.polyfit(lags * dt, curve[lags], 1)[0]


def sample(p):  # p: species x frames x particles x 3
    selfs, sums = [], []
    for s in range(p.shape[0]):
        tr = np.ascontiguousarray(p[s].transpose(1, 0, 2))  # particles x frames x 3
        total = np.zeros(p.shape[1])
        for q in range(tr.shape[0]):
            total += tidynamics.msd(tr[q])
        selfs.append(total)
        sums.append(p[s].sum(axis=1))
    diag = [tidynamics.msd(S) for S in sums]
    n = len(sums)
    L = np.zeros((n, n))
    for i in range(n):
        for j in range(n):
            c = diag[i] if i == j else 0.5 * (tidynamics.msd(sums[i] + sums[j]) - diag[i] - diag[j])
            L[i, j] = molar(slope(c))
    return L, np.array([molar(slope(c)) for c in selfs])


for run in range(1, repeats + 1):
    start = time.perf_counter()
    L, Ls = sample(pos)
    parts = [sample(pos[:, b * F:(b + 1) * F]) for b in range(blocks)]
    err = np.std([x[0] for x in parts], axis=0, ddof=1) / np.sqrt(blocks)
    elapsed = time.perf_counter() - start
    print(f"tidynamics onsager run {run}: 2 species x {particles} particles x {frames} frames: {elapsed:.3f} s; "
          f"L++ {L[0,0]:.6e} L+- {L[0,1]:.6e} L-- {L[1,1]:.6e} Lself {Ls[0]:.6e} {Ls[1]:.6e}; "
          f"checksum {L.sum() + Ls.sum():.9e} (err L++ {err[0,0]:.3e}); numpy {np.__version__}")
