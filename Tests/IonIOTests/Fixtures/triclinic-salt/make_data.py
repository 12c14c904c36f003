"""Writes salt.data: a small triclinic model electrolyte for LAMMPS (units real, atom_style full).

40 Li+ (type 1), 40 Cl- (type 2) and 20 bonded N2-like dimers (type 3), 120 atoms, placed on a
fractional grid of the triclinic cell with a fixed random seed so the run is reproducible.
"""
import numpy as np

rng = np.random.default_rng(20240611)
lx, ly, lz = 24.0, 22.0, 23.0
xy, xz, yz = 4.0, -3.0, 2.5
h = np.array([[lx, xy, xz], [0.0, ly, yz], [0.0, 0.0, lz]])
grid = np.array([(i, j, k) for i in range(6) for j in range(6) for k in range(5)], float)
grid = (grid + 0.5) / np.array([6, 6, 5])
sites = grid[rng.permutation(len(grid))]

atoms = []  # (mol, type, q, frac)
bonds = []
mol = 0
for s in sites[:40]:
    mol += 1; atoms.append((mol, 1, 1.0, s))
for s in sites[40:80]:
    mol += 1; atoms.append((mol, 2, -1.0, s))
for s in sites[80:100]:
    mol += 1
    atoms.append((mol, 3, 0.0, s))
    atoms.append((mol, 3, 0.0, s + np.array([1.1 / lx, 0.0, 0.0])))
    bonds.append((len(atoms) - 1, len(atoms)))

with open("salt.data", "w") as f:
    f.write("triclinic model electrolyte for IonScope reader tests\n\n")
    f.write(f"{len(atoms)} atoms\n{len(bonds)} bonds\n3 atom types\n1 bond types\n\n")
    f.write(f"0 {lx} xlo xhi\n0 {ly} ylo yhi\n0 {lz} zlo zhi\n{xy} {xz} {yz} xy xz yz\n\n")
    f.write("Masses\n\n1 6.94\n2 35.45\n3 14.007\n\nAtoms # full\n\n")
    for i, (m, t, q, s) in enumerate(atoms, 1):
        r = h @ s
        f.write(f"{i} {m} {t} {q} {r[0]:.6f} {r[1]:.6f} {r[2]:.6f}\n")
    f.write("\nBonds\n\n")
    for i, (a, b) in enumerate(bonds, 1):
        f.write(f"{i} 1 {a} {b}\n")
