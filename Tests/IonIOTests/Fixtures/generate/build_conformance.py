#!/usr/bin/env python3
"""Initial configuration of the small conformance system (triclinic cell, non-contiguous atom ids).

  30 Li+  (type 1, +0.8)          10 Cl- (type 2, -0.8)
  20 TFSI-like anions S-N-S (types 4-3-4, -0.3/-0.2/-0.3)
  20 ether-like neutral C-O-C     (types 6-5-6, +0.25/-0.5/+0.25)
  = 160 atoms, 80 molecules.

Atom ids are 101, 103, 105, ... (odd, not 1..N) and the Atoms section lists them in shuffled
order.  Molecule ids are 1..80.  Writes conf0.data (atom_style full).
"""
import math
import random

import numpy as np

rng = random.Random(7)
TYPES = {1: ("Li", 6.941, 0.8), 2: ("Cl", 35.45, -0.8), 3: ("N", 14.007, -0.2),
         4: ("S", 133.07, -0.3), 5: ("O", 15.999, -0.5), 6: ("C", 15.035, 0.25)}
# restricted triclinic cell, origin 0
LX, LY, LZ, XY, XZ, YZ = 24.0, 22.0, 20.0, 3.5, -2.5, 2.0
H = np.array([[LX, XY, XZ], [0.0, LY, YZ], [0.0, 0.0, LZ]])   # columns = a, b, c

mols = ([[1]] * 30 + [[2]] * 10 + [[4, 3, 4]] * 20 + [[6, 5, 6]] * 20)
geom = {1: [(0, 0, 0)], 3: None}
placed = []   # cartesian positions


def min_image_dist(p, q):
    d = np.linalg.solve(H, p - q)
    d -= np.round(d)
    return np.linalg.norm(H @ d)


def template(types):
    if len(types) == 1:
        return [np.zeros(3)]
    r0, th = (2.4, math.radians(125)) if types[1] == 3 else (1.45, math.radians(112))
    return [np.array([r0 * math.sin(th / 2), r0 * math.cos(th / 2), 0]), np.zeros(3),
            np.array([-r0 * math.sin(th / 2), r0 * math.cos(th / 2), 0])]


def random_rotation():
    q = np.array([rng.gauss(0, 1) for _ in range(4)])
    q /= np.linalg.norm(q)
    a, b, c, d = q
    return np.array([[a*a+b*b-c*c-d*d, 2*(b*c-a*d), 2*(b*d+a*c)],
                     [2*(b*c+a*d), a*a-b*b+c*c-d*d, 2*(c*d-a*b)],
                     [2*(b*d-a*c), 2*(c*d+a*b), a*a-b*b-c*c+d*d]])


atoms = []   # (mol, type, x)
for m, types in enumerate(mols, 1):
    for _ in range(10000):
        R = random_rotation()
        centre = H @ np.array([rng.random(), rng.random(), rng.random()])
        xs = [centre + R @ t for t in template(types)]
        if all(min_image_dist(x, p) > 2.9 for x in xs for p in placed):
            break
    else:
        raise SystemExit("could not place molecule")
    placed += xs
    for t, x in zip(types, xs):
        atoms.append((m, t, x))

n = len(atoms)
ids = [101 + 2 * k for k in range(n)]
bonds, angles = [], []
k = 0
for m, types in enumerate(mols, 1):
    if len(types) == 3:
        bt = 1 if types[1] == 3 else 2
        bonds += [(bt, ids[k + 1], ids[k]), (bt, ids[k + 1], ids[k + 2])]
        angles.append((bt, ids[k], ids[k + 1], ids[k + 2]))
    k += len(types)
assert abs(sum(TYPES[t][2] for _, t, _ in atoms)) < 1e-9

order = list(range(n))
rng.shuffle(order)
with open("conf0.data", "w") as f:
    f.write(f"IonScope conformance system: 160 atoms, triclinic, atom ids 101,103,...\n\n")
    f.write(f"{n} atoms\n{len(bonds)} bonds\n{len(angles)} angles\n\n")
    f.write(f"{len(TYPES)} atom types\n2 bond types\n2 angle types\n\n")
    f.write(f"0.0 {LX} xlo xhi\n0.0 {LY} ylo yhi\n0.0 {LZ} zlo zhi\n{XY} {XZ} {YZ} xy xz yz\n\n")
    f.write("Masses\n\n" + "".join(f"{t} {v[1]} # {v[0]}\n" for t, v in TYPES.items()))
    f.write("\nAtoms # full\n\n")
    for i in order:
        m, t, x = atoms[i]
        s = np.linalg.solve(H, x)          # molecules are whole in x; wrap + keep image flags
        img = np.floor(s).astype(int)
        x = H @ (s - img)
        f.write(f"{ids[i]} {m} {t} {TYPES[t][2]} {x[0]:.6f} {x[1]:.6f} {x[2]:.6f}"
                f" {img[0]} {img[1]} {img[2]}\n")
    f.write("\nBonds\n\n" + "".join(f"{j} {b[0]} {b[1]} {b[2]}\n" for j, b in enumerate(bonds, 1)))
    f.write("\nAngles\n\n" + "".join(f"{j} {a[0]} {a[1]} {a[2]} {a[3]}\n" for j, a in enumerate(angles, 1)))
print(f"wrote conf0.data: {n} atoms, {len(mols)} molecules")
