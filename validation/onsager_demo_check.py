#!/usr/bin/env python3
"""Independent check of `ionscope conductivity` on the bundled demo, with NumPy only.

Not needed by the tests. Reads the LAMMPS dump directly (positions unwrapped with the image
flags), takes mass-weighted molecular centres relative to the system's centre of mass, averages
displacements over all time origins by brute force and fits 15–30 ps, as
`ionscope conductivity` does by default for this run. Usage, from the repository root:

    python3 validation/onsager_demo_check.py
    swift run ionscope conductivity Sources/ionscope/DemoData/demo.data \
        Sources/ionscope/DemoData/demo.lammpstrj.gz --units real --timestep 0.002 --temperature 450 \
        --species 'Li=type 1' --species 'TFSI=type 2 3' --species 'PYR13=type 4 5 6'

Both print κ = 9.058 S/m, σ(NE) = 13.45 S/m, ionicity 0.6737 and the same D (to 4 digits).
"""
import gzip, numpy as np
D = "Sources/ionscope/DemoData/"
# masses/types from data file
lines = open(D + "demo.data").read().split("\n")
masses = {}; i = lines.index("Masses") + 2
while lines[i].strip(): t, m = lines[i].split()[:2]; masses[int(t)] = float(m); i += 1
frames = []
with gzip.open(D + "demo.lammpstrj.gz", "rt") as f:
    while True:
        l = f.readline()
        if not l: break
        if l.startswith("ITEM: TIMESTEP"): step = int(f.readline())
        elif l.startswith("ITEM: NUMBER OF ATOMS"): n = int(f.readline())
        elif l.startswith("ITEM: BOX BOUNDS"): b = [list(map(float, f.readline().split()[:2])) for _ in range(3)]
        elif l.startswith("ITEM: ATOMS"):
            cols = l.split()[2:]
            a = np.array([f.readline().split() for _ in range(n)], dtype=float)
            a = a[np.argsort(a[:, cols.index("id")])]
            L = np.array([hi - lo for lo, hi in b])
            pos = a[:, [cols.index(c) for c in "xyz"]] + a[:, [cols.index(c) for c in ("ix", "iy", "iz")]] * L
            frames.append(pos); mol = a[:, cols.index("mol")].astype(int); typ = a[:, cols.index("type")].astype(int); q = a[:, cols.index("q")]
X = np.array(frames); T = len(X); V = np.prod(L)
m = np.array([masses[t] for t in typ])
com = (X * m[None, :, None]).sum(1) / m.sum()
X = X - com[:, None, :]
species = {"Li": [1], "TFSI": [2, 3], "PYR13": [4, 5, 6]}
centres, charges = {}, {}
for name, types in species.items():
    mols = sorted(set(mol[np.isin(typ, types)]))
    c = np.stack([(X[:, mol == k] * m[mol == k][None, :, None]).sum(1) / m[mol == k].sum() for k in mols], 1)
    centres[name] = c; charges[name] = q[mol == mols[0]].sum()
dt = 0.75
def cross(a, b, lags):
    return np.array([np.mean(np.sum((a[l:] - a[:-l]) * (b[l:] - b[:-l]), -1)) for l in lags])
lags = np.arange(20, 41)  # 15..30 ps
kB, e, NA = 1.380649e-23, 1.602176634e-19, 6.02214076e23
J = sum(charges[s] * centres[s].sum(1) for s in species)
slope = np.polyfit(lags * dt, cross(J, J, lags), 1)[0]
kappa = e * e * slope * 1e-8 / (6 * kB * 450 * V * 1e-30)
sNE = 0
for s in species:
    c = centres[s]
    msd = np.array([np.mean(np.sum((c[l:] - c[:-l]) ** 2, -1)) * c.shape[1] for l in lags])
    sl = np.polyfit(lags * dt, msd, 1)[0]
    sNE += e * e * charges[s] ** 2 * sl * 1e-8 / (6 * kB * 450 * V * 1e-30)
    print(s, "D", sl / 6 / c.shape[1] * 1e-8)
print("kappa", kappa, "sigmaNE", sNE, "ionicity", kappa / sNE, "V", V)
