#!/usr/bin/env bash
# Regenerates the GROMACS reader fixtures in this folder with GROMACS itself (tested with the
# Debian package, `gmx` 2022.5 and `gmx_d` for the double-precision .trr), then writes the
# independent reference values with MDAnalysis (make_reference.py).
#
#   bash make_gromacs_fixtures.sh
#
# Inputs kept in git: this script, water.mdp, make_reference.py. Everything else is output.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
cd "$work"
export GMX_MAXBACKUP=-1
gmx() { command gmx -quiet -nocopyright "$@"; }

topology() {  # topology header; solvate and genion append the [ molecules ] lines
    cat > "$1" <<'TOP'
#include "oplsaa.ff/forcefield.itp"
#include "oplsaa.ff/spc.itp"
#include "oplsaa.ff/ions.itp"

[ system ]
SPC water with NaCl

[ molecules ]
TOP
}

# --- Cubic box: SPC water + 2 NaCl, 200 steps --------------------------------------------
topology topol.top
gmx solvate -cs spc216.gro -box 1.6 1.6 1.6 -o solvated.gro -p topol.top
gmx grompp -f "$here/water.mdp" -c solvated.gro -p topol.top -o ions.tpr -maxwarn 1
echo SOL | gmx genion -s ions.tpr -o start.gro -p topol.top -pname NA -nname CL -np 2 -nn 2 -seed 7
gmx grompp -f "$here/water.mdp" -c start.gro -p topol.top -o md.tpr
gmx mdrun -nt 1 -s md.tpr -deffnm md
# Multi-frame .gro of every third compressed frame (3 decimals, as GROMACS writes by default).
echo System | gmx trjconv -f md.xtc -s md.tpr -o traj.gro -skip 3
# .gro with velocities, from the .trr frames at 0 and 0.2 ps (they have x and v).
echo System | gmx trjconv -f md.trr -s md.tpr -o vel.gro -b 0 -e 0.2 -dt 0.2
# Only the 4 ions: an .xtc with ≤ 9 atoms, which GROMACS stores uncompressed.
echo non-Water | gmx trjconv -f md.xtc -s md.tpr -o ions.xtc
# The first 0.1 ps of the .trr rewritten by double-precision GROMACS, forces included.
echo System | gmx_d trjconv -f md.trr -s md.tpr -o double.trr -force -e 0.1

# --- Triclinic (rhombic dodecahedron) box, 100 steps --------------------------------------
cat > pair.gro <<'GRO'
Na and Cl
    2
    1NA      NA    1   0.500   0.500   0.500
    2CL      CL    2   1.000   1.000   1.000
   2.00000   2.00000   2.00000
GRO
cat > tric.top <<'TOP'
#include "oplsaa.ff/forcefield.itp"
#include "oplsaa.ff/spc.itp"
#include "oplsaa.ff/ions.itp"

[ system ]
SPC water with NaCl in a dodecahedron

[ molecules ]
NA 1
CL 1
TOP
gmx editconf -f pair.gro -bt dodecahedron -box 2.0 -o pair_tric.gro
gmx solvate -cp pair_tric.gro -cs spc216.gro -o tric_start.gro -p tric.top
sed -e 's/^nsteps .*/nsteps = 100/' -e 's/^nstxout-compressed .*/nstxout-compressed = 25/' \
    -e 's/^nstvout .*/nstvout = 0/' -e 's/^nstfout .*/nstfout = 0/' "$here/water.mdp" > tric.mdp
gmx grompp -f tric.mdp -c tric_start.gro -p tric.top -o tric.tpr
gmx mdrun -nt 1 -s tric.tpr -deffnm tric
echo System | gmx trjconv -f tric.xtc -s tric.tpr -o tric.gro -skip 2

cp md.xtc water.xtc
cp md.trr water.trr
cp start.gro water.gro
cp traj.gro vel.gro ions.xtc double.trr tric.xtc tric.trr tric.gro "$here/"
cp water.xtc water.trr water.gro "$here/"
cd "$here"
python3 make_reference.py
ls -l "$here"
