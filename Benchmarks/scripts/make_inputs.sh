#!/usr/bin/env bash
# Makes the large benchmark inputs (not committed) in ${BENCH_DIR:-/tmp/ionscope-bench}:
# a 150 MB LAMMPS dump from LAMMPS itself (20,000 atoms × 101 frames), and the same frames as
# DCD, XTC and TRR written by MDAnalysis, plus a gzip copy of the dump.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
dir=${BENCH_DIR:-/tmp/ionscope-bench}
mkdir -p "$dir" && cd "$dir"
[ -f big.lammpstrj ] || lmp -in "$here/in.big.lammps" -log none > /dev/null
[ -f big.lammpstrj.gz ] || gzip -k -1 big.lammpstrj
python3 - <<'PY'
import MDAnalysis as mda
u = mda.Universe("big.lammpstrj", format="LAMMPSDUMP", atom_style="id type q x y z")
for name in ["big.dcd", "big.xtc", "big.trr"]:
    with mda.Writer(name, u.atoms.n_atoms) as w:
        for ts in u.trajectory:
            w.write(u.atoms)
u.atoms.write("big.gro")
PY
ls -la "$dir"
