#!/usr/bin/env python3
"""Initial configurations for the unwrapping fixtures: 80 bent 3-bead molecules (A-B-A), 240 atoms.

  npt0.data : triclinic cell (tilted), for the NPT run with full cell fluctuations
  nvt0.data : orthorhombic cell, for the short NVT run
Molecules are whole (image flags set), atom ids 1..240, molecule ids 1..80.
"""
import math
import random

import numpy as np

NMOL = 80
MASS = {1: 15.035, 2: 14.027}


def build(path, H, seed, title):
    rng = random.Random(seed)
    Hinv = np.linalg.inv(H)
    placed, atoms = [], []
    th = math.radians(115.0)
    tmpl = [np.array([1.5 * math.sin(th / 2), 1.5 * math.cos(th / 2), 0]), np.zeros(3),
            np.array([-1.5 * math.sin(th / 2), 1.5 * math.cos(th / 2), 0])]
    for m in range(1, NMOL + 1):
        for _ in range(20000):
            q = np.array([rng.gauss(0, 1) for _ in range(4)])
            a, b, c, d = q / np.linalg.norm(q)
            R = np.array([[a*a+b*b-c*c-d*d, 2*(b*c-a*d), 2*(b*d+a*c)],
                          [2*(b*c+a*d), a*a-b*b+c*c-d*d, 2*(c*d-a*b)],
                          [2*(b*d-a*c), 2*(c*d+a*b), a*a-b*b-c*c+d*d]])
            cen = H @ np.array([rng.random() for _ in range(3)])
            xs = [cen + R @ t for t in tmpl]
            ok = True
            for x in xs:
                for p in placed:
                    s = Hinv @ (x - p)
                    s -= np.round(s)
                    if np.linalg.norm(H @ s) < 3.0:
                        ok = False
                        break
                if not ok:
                    break
            if ok:
                break
        else:
            raise SystemExit("placement failed")
        placed += xs
        atoms += [(m, t, x) for t, x in zip((1, 2, 1), xs)]
    with open(path, "w") as f:
        f.write(f"{title}\n\n{len(atoms)} atoms\n{2 * NMOL} bonds\n{NMOL} angles\n\n"
                "2 atom types\n1 bond types\n1 angle types\n\n")
        f.write(f"0.0 {H[0, 0]} xlo xhi\n0.0 {H[1, 1]} ylo yhi\n0.0 {H[2, 2]} zlo zhi\n")
        if abs(H[0, 1]) + abs(H[0, 2]) + abs(H[1, 2]) > 0:
            f.write(f"{H[0, 1]} {H[0, 2]} {H[1, 2]} xy xz yz\n")
        f.write("\nMasses\n\n" + "".join(f"{t} {m}\n" for t, m in MASS.items()))
        f.write("\nAtoms # full\n\n")
        for i, (m, t, x) in enumerate(atoms, 1):
            s = Hinv @ x
            img = np.floor(s).astype(int)
            x = H @ (s - img)
            f.write(f"{i} {m} {t} 0.0 {x[0]:.6f} {x[1]:.6f} {x[2]:.6f} {img[0]} {img[1]} {img[2]}\n")
        f.write("\nBonds\n\n" + "".join(f"{2*m-1} 1 {3*m-1} {3*m-2}\n{2*m} 1 {3*m-1} {3*m}\n"
                                         for m in range(1, NMOL + 1)))
        f.write("\nAngles\n\n" + "".join(f"{m} 1 {3*m-2} {3*m-1} {3*m}\n" for m in range(1, NMOL + 1)))
    print(f"wrote {path}: {len(atoms)} atoms")


# columns of H are the lattice vectors a, b, c
build("npt0.data", np.array([[24.0, 3.5, -2.5], [0.0, 23.0, 2.0], [0.0, 0.0, 22.0]]), 11,
      "IonScope unwrap fixture: 80 A-B-A molecules, triclinic (NPT start)")
build("nvt0.data", np.diag([23.0, 22.0, 21.0]), 12,
      "IonScope unwrap fixture: 80 A-B-A molecules, orthorhombic (NVT)")
