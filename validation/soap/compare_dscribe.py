"""IonScope's SOAP power spectrum (--convention dscribe) against DScribe's on the same periodic frame.

    python3 validation/soap/compare_dscribe.py [--ionscope PATH] [--trajectory DUMP] [--frames N]

Runs `ionscope descriptors --soap --convention dscribe` on the committed Kob–Andersen fixture
(LAMMPS lj; types 1 and 2 become the species H and He, in that order, so DScribe's species order
is the same), reads the same frames with ASE, computes DScribe 2.x SOAP(rbf="gto", periodic=True)
for the same centres and compares every value. Needs dscribe and ase (PyPI); not needed by the tests.
"""
import argparse, gzip, json, os, subprocess, sys, tempfile, time
import numpy as np

root = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
p = argparse.ArgumentParser()
p.add_argument("--ionscope", default=os.path.join(root, ".build/release/ionscope"))
p.add_argument("--trajectory", default=os.path.join(root, "Tests/Fixtures/kob-andersen/ka.lammpstrj.gz"))
p.add_argument("--frames", type=int, default=1)
p.add_argument("--rcut", type=float, default=5.0)
p.add_argument("--nmax", type=int, default=6)
p.add_argument("--lmax", type=int, default=5)
p.add_argument("--sigma", type=float, default=1.0)
a = p.parse_args()

from ase.io import read
from dscribe.descriptors import SOAP

with tempfile.TemporaryDirectory() as tmp:
    out = os.path.join(tmp, "soap.npy")
    cmd = [a.ionscope, "descriptors", a.trajectory, "--units", "lj", "--select", "type 1", "--soap",
           "--species", "type 1", "--species", "type 2", "--rcut", str(a.rcut), "--nmax", str(a.nmax),
           "--lmax", str(a.lmax), "--sigma", str(a.sigma), "--convention", "dscribe", "--stop", str(a.frames),
           "--threads", "1", "--npy", out, "--json"]
    t0 = time.perf_counter(); subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL); t_ion = time.perf_counter() - t0
    ours = np.load(out); meta = json.load(open(out[:-4] + ".json"))

with gzip.open(a.trajectory, "rt") as f:
    frames = read(f, index=f":{a.frames}", format="lammps-dump-text")
soap = SOAP(species=[1, 2], r_cut=a.rcut, n_max=a.nmax, l_max=a.lmax, sigma=a.sigma, rbf="gto",
            periodic=True, sparse=False)
centres = np.array(meta["centreAtoms"]) - 1
worst = 0.0; t_ds = 0.0
for k, atoms in enumerate(frames):
    order = np.argsort(atoms.arrays["id"]) if "id" in atoms.arrays else np.arange(len(atoms))
    atoms = atoms[order]
    atoms.set_atomic_numbers(atoms.get_atomic_numbers())  # ASE maps LAMMPS types 1, 2 to Z = 1, 2
    t0 = time.perf_counter(); ref = soap.create(atoms, centers=centres.tolist()); t_ds += time.perf_counter() - t0
    scale = np.abs(ref).max(axis=1, keepdims=True)
    worst = max(worst, float((np.abs(ours[k] - ref) / scale).max()))
print(f"{len(frames)} frame(s) x {len(centres)} centres x {ours.shape[2]} features")
print(f"largest difference relative to each centre's largest value: {worst:.2e}")
print(f"time: ionscope {t_ion:.2f} s (whole command, 1 thread), DScribe {t_ds:.2f} s (create only)")
sys.exit(0 if worst < 1e-8 else 1)
