#!/usr/bin/env bash
# Makes the large benchmark inputs (not committed) in ${BENCH_DIR:-/tmp/ionscope-bench}:
# a 150 MB LAMMPS dump from LAMMPS itself (20,000 atoms × 101 frames), a gzip copy, and the same
# frames as DCD, XTC, TRR, XYZ and PDB written by MDAnalysis and GSD written by gsd; and the same
# run dumped with c_pe c_ke per-atom columns too (big-columns.lammpstrj).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
dir=${BENCH_DIR:-/tmp/ionscope-bench}
mkdir -p "$dir" && cd "$dir"
[ -f big.lammpstrj ] || lmp -in "$here/in.big.lammps" -log none > /dev/null
[ -f big.lammpstrj.gz ] || gzip -k -1 big.lammpstrj
[ -f big-columns.lammpstrj ] || lmp -in "$here/in.big.lammps" -var out big-columns.lammpstrj -var columns 1 -log none > /dev/null
python3 - <<'PY'
# Binary formats hold far fewer bytes per frame than the text dump, so their files repeat the
# 101 frames to reach about 100 MB or more.
import os
import numpy as np
import MDAnalysis as mda
import gsd.hoomd

u = mda.Universe("big.lammpstrj", format="LAMMPSDUMP", atom_style="id type q x y z")
repeats = {"big.dcd": 5, "big.xtc": 10, "big.trr": 3, "big.xyz": 1, "big.pdb": 1}
for name, count in repeats.items():
    if os.path.exists(name):
        continue
    with mda.Writer(name, u.atoms.n_atoms) as w:
        for _ in range(count):
            for ts in u.trajectory:
                w.write(u.atoms)
if not os.path.exists("big.gro"):
    u.atoms.write("big.gro")
if not os.path.exists("big.gsd"):
    with gsd.hoomd.open("big.gsd", "w") as f:
        for _ in range(5):
            for ts in u.trajectory:
                frame = gsd.hoomd.Frame()
                frame.configuration.step = int(ts.frame)
                L = ts.dimensions[:3]
                frame.configuration.box = [L[0], L[1], L[2], 0, 0, 0]
                frame.particles.N = u.atoms.n_atoms
                frame.particles.position = (ts.positions - L / 2).astype(np.float32)
                frame.particles.types = ["A", "B"]
                frame.particles.typeid = (u.atoms.types.astype(int) - 1).astype(np.uint32)
                f.append(frame)
PY
ls -la "$dir"
