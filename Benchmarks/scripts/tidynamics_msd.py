"""tidynamics.msd (numpy FFT) on the same synthetic data as msd-throughput: P particles x T
frames of 3D Gaussian random walks; the MSD of each particle summed over particles. Only the
tidynamics calls are timed. Usage: python3 tidynamics_msd.py [particles] [frames]"""
import sys, time
import numpy as np
import tidynamics

particles = int(sys.argv[1]) if len(sys.argv) > 1 else 10000
frames = int(sys.argv[2]) if len(sys.argv) > 2 else 10000
rng = np.random.default_rng(12345)
total = np.zeros(frames)
elapsed = 0.0
for p in range(particles):
    walk = np.cumsum(rng.standard_normal((frames, 3)), axis=0)
    start = time.perf_counter()
    total += tidynamics.msd(walk)
    elapsed += time.perf_counter() - start
print(f"tidynamics.msd: {particles} particles x {frames} frames: {elapsed:.3f} s; "
      f"MSD({frames // 10})/P = {total[frames // 10] / particles:.1f} (expected ~ {3 * (frames // 10)}); numpy {np.__version__}")
