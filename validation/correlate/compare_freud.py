"""`ionscope correlate` against freud's CorrelationFunction on the same frames (values and time).

    python3 validation/correlate/compare_freud.py [--ionscope PATH] [--trajectory DUMP] [--field c_pe]

The committed Kob–Andersen dump with per-atom energies (LAMMPS lj, 2048 particles, 21 frames,
`c_pe`), species type 1 (A) and type 2 (B), r ≤ 2.5 σ in bins of 0.05 σ. IonScope: the whole command,
one thread. freud 3.x: `density.CorrelationFunction(bins, r_max)` accumulated over the frames
(reset=False), fed the deviations Δk = k − the species' mean in each frame, as IonScope defines
C_AB(r) (Jones et al. 2022, doi:10.48550/arXiv.2208.03182, eq. 3); A–A and B–B with the points as
their own query points (i = j left out), A–B with B as query points. freud's time excludes reading
the dump (parsed here with NumPy) and uses one thread. freud computes distances in single
precision, so a few pairs at a bin edge land in the neighbouring bin: the script reports how many,
and passes when the curves agree to 10⁻³ of the largest |C| with under 10⁻⁵ of the pairs moved (the
tests check IonScope against a double-precision direct sum). Needs freud-analysis (PyPI); not needed
by the tests.
"""
import argparse, gzip, json, os, subprocess, sys, tempfile, time
import numpy as np

root = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
p = argparse.ArgumentParser()
p.add_argument("--ionscope", default=os.path.join(root, ".build/release/ionscope"))
p.add_argument("--trajectory", default=os.path.join(root, "Tests/Fixtures/kob-andersen/ka-pe.lammpstrj.gz"))
p.add_argument("--field", default="c_pe")
p.add_argument("--rmax", type=float, default=2.5)
p.add_argument("--bin", type=float, default=0.05)
a = p.parse_args()

import freud
freud.parallel.set_num_threads(1)

cmd = [a.ionscope, "correlate", a.trajectory, "--units", "lj", "--select", "all", "--species", "A=type 1",
       "--species", "B=type 2", "--field", a.field, "--rmax", str(a.rmax), "--bin", str(a.bin), "--threads", "1",
       "--json"]
t0 = time.perf_counter()
ours = json.loads(subprocess.run(cmd, check=True, capture_output=True, text=True).stdout)
t_ion = time.perf_counter() - t0


def frames(path):
    """(box lengths, types, positions, field) per frame of a LAMMPS dump, rows sorted by id."""
    with gzip.open(path, "rt") as f:
        lines = f.read().split("\n")
    k = 0
    while k < len(lines) and lines[k].startswith("ITEM: TIMESTEP"):
        n = int(lines[k + 3])
        bounds = np.array([[float(v) for v in lines[k + 5 + d].split()[:2]] for d in range(3)])
        header = lines[k + 8].split()[2:]
        rows = np.array([line.split() for line in lines[k + 9:k + 9 + n]], dtype=float)
        rows = rows[np.argsort(rows[:, header.index("id")])]
        x = rows[:, [header.index(c) for c in ("x", "y", "z")]] - bounds[:, 0]
        yield bounds[:, 1] - bounds[:, 0], rows[:, header.index("type")].astype(int), x, rows[:, header.index(a.field)]
        k += 9 + n


data = list(frames(a.trajectory))
bins = int(round(a.rmax / a.bin))
pairs = {("A", "A"): (1, 1), ("A", "B"): (1, 2), ("B", "B"): (2, 2)}
reference = {key: freud.density.CorrelationFunction(bins, a.rmax) for key in pairs}
t0 = time.perf_counter()
for lengths, types, x, k in data:
    box = freud.box.Box.from_box(lengths)
    wrapped = box.wrap(x - lengths / 2)
    for key, (ta, tb) in pairs.items():
        ia, ib = types == ta, types == tb
        da, db = k[ia] - k[ia].mean(), k[ib] - k[ib].mean()
        if ta == tb:
            reference[key].compute((box, wrapped[ia]), da, reset=False)
        else:
            reference[key].compute((box, wrapped[ia]), da, wrapped[ib], db, reset=False)
t_freud = time.perf_counter() - t0

worst, worst_moved = 0.0, 0.0
for curve in ours["curves"]:
    key = (ours["species"][curve["a"]]["name"], ours["species"][curve["b"]]["name"])
    theirs = np.real(reference[key].correlation)
    mine = np.array(curve["correlation"], dtype=float)
    counted = np.array(curve["pairs"]) > 0
    scale = np.abs(theirs[counted]).max()
    worst = max(worst, float(np.abs(mine[counted] - theirs[counted]).max() / scale))
    moved = int(np.abs(np.array(curve["pairs"]) - reference[key].bin_counts * (1 if key[0] != key[1] else 0.5)).sum())
    print(f"{key[0]}–{key[1]}: {counted.sum()} bins with pairs, largest difference "
          f"{np.abs(mine[counted] - theirs[counted]).max() / scale:.1e} of the largest |C|; {moved} of "
          f"{int(np.sum(curve['pairs']))} pairs in another bin")
    worst_moved = max(worst_moved, moved / np.sum(curve["pairs"]))
print(f"{len(data)} frames x 2048 particles, r <= {a.rmax} in bins of {a.bin}")
print(f"time: ionscope {t_ion:.2f} s (whole command, 1 thread), freud {t_freud:.2f} s (compute only, 1 thread)")
# freud works in single precision: a few pairs within ~1e-7 σ of a bin edge fall in the next bin.
sys.exit(0 if worst < 1e-3 and worst_moved < 1e-5 else 1)
