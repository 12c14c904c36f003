"""IonScope's angular structure functions (--angular) against DScribe's ACSF G4 on the same periodic frame.

    python3 validation/soap/compare_acsf.py [--ionscope PATH] [--trajectory DUMP] [--frames N]

Runs `ionscope descriptors --angular` on the committed Kob–Andersen fixture (LAMMPS lj; types 1
and 2 become species 1 and 2), keeps the Psi_ columns, and computes DScribe 2.x
ACSF(g4_params=[[1/ξ², ζ, λ], ...], periodic=True) for the same centres: the same G4 (Behler 2011,
doi:10.1063/1.3553717) with η = 1/ξ². DScribe's two G1 columns are dropped. Needs dscribe and ase
(PyPI); not needed by the tests.
"""
import argparse, gzip, json, os, subprocess, sys, tempfile, time
import numpy as np

root = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
p = argparse.ArgumentParser()
p.add_argument("--ionscope", default=os.path.join(root, ".build/release/ionscope"))
p.add_argument("--trajectory", default=os.path.join(root, "Tests/Fixtures/kob-andersen/ka.lammpstrj.gz"))
p.add_argument("--frames", type=int, default=1)
a = p.parse_args()
rc, xi, zeta, lam = 2.5, [1.0, 1.5, 2.0], [1.0, 2.0, 4.0], [-1.0, 1.0]  # IonScope's lj defaults

from ase.io import read
from dscribe.descriptors import ACSF

with tempfile.TemporaryDirectory() as tmp:
    out = os.path.join(tmp, "asf.npy")
    cmd = [a.ionscope, "descriptors", a.trajectory, "--units", "lj", "--select", "type 1", "--angular",
           "--species", "type 1", "--species", "type 2", "--stop", str(a.frames), "--threads", "1",
           "--npy", out, "--json"]
    t0 = time.perf_counter(); subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL); t_ion = time.perf_counter() - t0
    meta = json.load(open(out[:-4] + ".json"))
    keep = [k for k, name in enumerate(meta["columns"]) if name.startswith("Psi_")]
    ours = np.load(out)[:, :, keep]

with gzip.open(a.trajectory, "rt") as f:
    frames = read(f, index=f":{a.frames}", format="lammps-dump-text")
acsf = ACSF(species=[1, 2], r_cut=rc, g4_params=[[1 / x**2, z, l] for x in xi for z in zeta for l in lam],
            periodic=True)
centres = np.array(meta["centreAtoms"]) - 1
worst = 0.0; t_ds = 0.0
for k, atoms in enumerate(frames):
    order = np.argsort(atoms.arrays["id"]) if "id" in atoms.arrays else np.arange(len(atoms))
    atoms = atoms[order]
    t0 = time.perf_counter(); ref = acsf.create(atoms, centers=centres.tolist())[:, 2:]; t_ds += time.perf_counter() - t0
    scale = np.maximum(np.abs(ref).max(axis=1, keepdims=True), 1e-300)
    worst = max(worst, float((np.abs(ours[k] - ref) / scale).max()))
print(f"{len(frames)} frame(s) x {len(centres)} centres x {ours.shape[2]} angular features")
print(f"largest difference relative to each centre's largest value: {worst:.2e}")
print(f"time: ionscope {t_ion:.2f} s (whole command with the radial functions, 1 thread), DScribe {t_ds:.2f} s (create only)")
sys.exit(0 if worst < 1e-10 else 1)
