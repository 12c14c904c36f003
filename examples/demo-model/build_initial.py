#!/usr/bin/env python3
"""Build the initial configuration of the IonScope demo system.

Coarse-grained Li[TFSI] in [PYR13][TFSI]:
  * Li+    : 1 bead  (type 1 Li)
  * TFSI-  : 3 beads (S-end, N centre, S-end)   types 3-2-3
  * PYR13+ : 3 beads (ring head with N+ and methyl, ring back, propyl tail) types 4,5,6

Writes the molecule templates (xyz), a packmol input, runs packmol and converts
the packed configuration into a LAMMPS data file (atom_style full) with bonds and angles.

Usage: python3 build_initial.py [--npairs 250] [--nli 50] [--seed 2024] [--out initial.data]
"""
import argparse
import math
import os
import subprocess

import numpy as np

# ---- model ---------------------------------------------------------------
# type: (name, mass g/mol, charge e)
TYPES = {
    1: ("Li",     6.941, +0.80),
    2: ("TFSI_N", 14.007, -0.20),
    3: ("TFSI_S", 133.07, -0.30),   # SO2CF3 group, centred near the sulfonyl oxygens
    4: ("PYR_N",  57.10, +0.50),    # N+, methyl and the two alpha CH2 of the ring
    5: ("PYR_R",  28.05, +0.10),    # the two beta CH2 of the ring
    6: ("PYR_T",  43.09, +0.20),    # propyl tail C3H7
}
# bonds:  type -> (k kcal/mol/A^2 (LAMMPS harmonic K, E = K (r-r0)^2), r0 A)
BONDS = {1: ("TFSI_N-TFSI_S", 60.0, 2.60),
         2: ("PYR_N-PYR_R",   80.0, 2.40),
         3: ("PYR_N-PYR_T",   60.0, 3.00)}
# angles: type -> (K kcal/mol/rad^2, theta0 deg)
ANGLES = {1: ("TFSI_S-TFSI_N-TFSI_S", 20.0, 125.0),
          2: ("PYR_R-PYR_N-PYR_T",    15.0, 135.0)}


def tfsi_xyz():
    r0, th = BONDS[1][2], math.radians(ANGLES[1][2])
    n = np.zeros(3)
    s1 = np.array([r0 * math.sin(th / 2), r0 * math.cos(th / 2), 0.0])
    s2 = np.array([-r0 * math.sin(th / 2), r0 * math.cos(th / 2), 0.0])
    return [(3, s1), (2, n), (3, s2)]


def pyr_xyz():
    th = math.radians(ANGLES[2][2])
    n = np.zeros(3)
    r = np.array([BONDS[2][2], 0.0, 0.0])
    t = BONDS[3][2] * np.array([math.cos(th), math.sin(th), 0.0])
    return [(4, n), (5, r), (6, t)]


def write_xyz(path, beads):
    with open(path, "w") as f:
        f.write(f"{len(beads)}\n{os.path.basename(path)}\n")
        for t, x in beads:
            f.write(f"{TYPES[t][0]} {x[0]:.4f} {x[1]:.4f} {x[2]:.4f}\n")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--npairs", type=int, default=250, help="[PYR13][TFSI] ion pairs")
    ap.add_argument("--nli", type=int, default=50, help="Li[TFSI] ion pairs")
    ap.add_argument("--seed", type=int, default=2024)
    ap.add_argument("--box", type=float, default=0.0, help="cubic box edge (A); 0 = from density")
    ap.add_argument("--out", default="initial.data")
    a = ap.parse_args()

    ntfsi = a.npairs + a.nli
    # Pack at ~20% lower than the liquid density (about 480 A^3 per IL pair, 180 per LiTFSI);
    # NPT compresses it afterwards.
    vol = 1.20 * (a.npairs * 480.0 + a.nli * 180.0)
    L = a.box if a.box > 0 else vol ** (1.0 / 3.0)

    write_xyz("li.xyz", [(1, np.zeros(3))])
    write_xyz("tfsi.xyz", tfsi_xyz())
    write_xyz("pyr.xyz", pyr_xyz())
    m = 1.0  # margin so nothing sits on the periodic boundary
    with open("pack.inp", "w") as f:
        f.write(f"tolerance 3.0\nfiletype xyz\noutput packed.xyz\nseed {a.seed}\n\n")
        for name, num in (("li.xyz", a.nli), ("tfsi.xyz", ntfsi), ("pyr.xyz", a.npairs)):
            f.write(f"structure {name}\n  number {num}\n"
                    f"  inside box {m} {m} {m} {L - m} {L - m} {L - m}\nend structure\n\n")
    with open("pack.inp") as fin, open("packmol.log", "w") as flog:
        subprocess.run(["packmol"], stdin=fin, stdout=flog, check=True)

    # packmol keeps the order of structures and of atoms inside each molecule
    lines = open("packed.xyz").read().split("\n")
    xyz = np.array([[float(v) for v in l.split()[1:4]] for l in lines[2:2 + int(lines[0])]])
    atoms, bonds, angles = [], [], []
    k, mol = 0, 0

    def add_mol(template_types, bond_list, angle_list):
        nonlocal k, mol
        mol += 1
        first = len(atoms) + 1
        for t in template_types:
            atoms.append((len(atoms) + 1, mol, t, TYPES[t][2], xyz[k]))
            k += 1
        for bt, i, j in bond_list:
            bonds.append((bt, first + i, first + j))
        for at, i, j, l in angle_list:
            angles.append((at, first + i, first + j, first + l))

    for _ in range(a.nli):
        add_mol([1], [], [])
    for _ in range(ntfsi):
        add_mol([3, 2, 3], [(1, 1, 0), (1, 1, 2)], [(1, 0, 1, 2)])
    for _ in range(a.npairs):
        add_mol([4, 5, 6], [(2, 0, 1), (3, 0, 2)], [(2, 1, 0, 2)])
    assert k == len(xyz)

    q = sum(at[3] for at in atoms)
    assert abs(q) < 1e-9, q
    with open(a.out, "w") as f:
        f.write(f"IonScope demo: CG Li[TFSI] in [PYR13][TFSI], {a.nli} LiTFSI + {a.npairs} PYR13TFSI\n\n")
        f.write(f"{len(atoms)} atoms\n{len(bonds)} bonds\n{len(angles)} angles\n\n")
        f.write(f"{len(TYPES)} atom types\n{len(BONDS)} bond types\n{len(ANGLES)} angle types\n\n")
        f.write(f"0.0 {L:.6f} xlo xhi\n0.0 {L:.6f} ylo yhi\n0.0 {L:.6f} zlo zhi\n\n")
        f.write("Masses\n\n")
        for t, (name, mass, _) in TYPES.items():
            f.write(f"{t} {mass} # {name}\n")
        f.write("\nAtoms # full\n\n")
        for i, m_, t, qq, x in atoms:
            f.write(f"{i} {m_} {t} {qq:.2f} {x[0]:.5f} {x[1]:.5f} {x[2]:.5f}\n")
        f.write("\nBonds\n\n")
        for n, (bt, i, j) in enumerate(bonds, 1):
            f.write(f"{n} {bt} {i} {j}\n")
        f.write("\nAngles\n\n")
        for n, (at, i, j, l) in enumerate(angles, 1):
            f.write(f"{n} {at} {i} {j} {l}\n")
    print(f"wrote {a.out}: {len(atoms)} beads, {mol} molecules, box {L:.3f} A")


if __name__ == "__main__":
    main()
