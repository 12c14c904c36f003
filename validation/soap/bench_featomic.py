"""IonScope's SOAP power spectrum beside featomic's on the same periodic frames (timing).

    python3 validation/soap/bench_featomic.py [--ionscope PATH] [--frames N] [--threads T]

The committed Kob–Andersen fixture (LAMMPS lj, 2048 particles): the 1609 type-1 centres, neighbour
species types 1 and 2, r_c = 5 σ, n_max = 6, l_max = 5, Gaussian width 1 σ. Both sides take the
neighbours within r_c with a smooth cosine weight: IonScope `--convention ionscope` (whole command:
reading, neighbour search, writing .npy), featomic 0.6 `SoapPowerSpectrum` with a GTO radial basis
(max_radial = n_max − 1), `ShiftedCosine` smoothing of width 0.5 σ, `selected_keys` to the type-1
centres (compute only). The two conventions differ (featomic keeps both orders of the radial pair and
its own GTO widths), so the values are not compared, only the work: the same centres, neighbours,
n and l. featomic's threads are set with RAYON_NUM_THREADS. Best of three. Needs featomic, metatensor
and ase (PyPI); not needed by the tests.
"""
import argparse, gzip, os, subprocess, sys, tempfile, time

root = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
p = argparse.ArgumentParser()
p.add_argument("--ionscope", default=os.path.join(root, ".build/release/ionscope"))
p.add_argument("--trajectory", default=os.path.join(root, "Tests/Fixtures/kob-andersen/ka.lammpstrj.gz"))
p.add_argument("--frames", type=int, default=1)
p.add_argument("--threads", type=int, default=1)
a = p.parse_args()
os.environ["RAYON_NUM_THREADS"] = str(a.threads)

import numpy as np
from ase.io import read
from featomic import SoapPowerSpectrum
from metatensor import Labels

def best(f):
    times = []
    for _ in range(3):
        t0 = time.perf_counter(); result = f(); times.append(time.perf_counter() - t0)
    return min(times), result

with tempfile.TemporaryDirectory() as tmp:
    out = os.path.join(tmp, "soap.npy")
    cmd = [a.ionscope, "descriptors", a.trajectory, "--units", "lj", "--select", "type 1", "--soap",
           "--species", "type 1", "--species", "type 2", "--rcut", "5", "--nmax", "6", "--lmax", "5",
           "--sigma", "1", "--convention", "ionscope", "--stop", str(a.frames), "--threads", str(a.threads),
           "--npy", out, "--force"]
    t_ion, _ = best(lambda: subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL))
    ours = np.load(out)

with gzip.open(a.trajectory, "rt") as f:
    frames = read(f, index=f":{a.frames}", format="lammps-dump-text")
calculator = SoapPowerSpectrum(
    cutoff={"radius": 5.0, "smoothing": {"type": "ShiftedCosine", "width": 0.5}},
    density={"type": "Gaussian", "width": 1.0},
    basis={"type": "TensorProduct", "max_angular": 5, "radial": {"type": "Gto", "max_radial": 5}},
)
keys = Labels(["center_type"], np.array([[1]], dtype=np.int32))
t_fe, spectrum = best(lambda: calculator.compute(frames, selected_keys=keys))
rows = sum(spectrum.block(k).values.shape[0] for k in range(len(spectrum.keys))) // len(spectrum.keys)
columns = sum(spectrum.block(k).values.shape[1] for k in range(len(spectrum.keys)))
print(f"{a.frames} frame(s), {a.threads} thread(s): IonScope {ours.shape[1]} centres x {ours.shape[2]} features, "
      f"featomic {rows} samples x {columns} features")
print(f"time: IonScope {t_ion:.2f} s (whole command), featomic {t_fe:.2f} s (compute only), "
      f"ratio {t_fe / t_ion:.2f}")
