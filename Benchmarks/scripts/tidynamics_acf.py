"""tidynamics.acf (numpy FFT) on the series written by `acf-throughput --write FILE`
(float64, series x points): one tidynamics.acf call per series, summed (C(m) over all origins,
divided by T - m, the convention of IonScope's autocorrelation). Only the acf calls and the sum
are timed (one core: OMP/MKL/OPENBLAS threads 1).
Usage: python3 tidynamics_acf.py FILE [series 10000] [points 10000] [--repeat 2]"""
import time
import bench_common
import numpy as np
import tidynamics

path, (count, points), repeats = bench_common.arguments([10000, 10000])
series = np.fromfile(path, dtype=np.float64).reshape(count, points)
for run in range(1, repeats + 1):
    start = time.perf_counter()
    total = np.zeros(points)
    for s in range(count):
        total += tidynamics.acf(series[s])
    elapsed = time.perf_counter() - start
    print(f"tidynamics.acf run {run}: {count} series x {points} points: {elapsed:.3f} s; "
          f"C(0)/S {total[0] / count:.6f} C(10)/S {total[10] / count:.6f} (expected {1 / 0.19:.4f}, {0.9**10 / 0.19:.4f}); "
          f"checksum sum_(m<100) C(m)/S {total[:100].sum() / count:.9e}; numpy {np.__version__}")
