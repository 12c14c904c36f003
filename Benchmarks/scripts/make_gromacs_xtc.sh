#!/usr/bin/env bash
# Makes a large .xtc written by GROMACS itself (not committed), for the XTC decoder's throughput:
# ${BENCH_DIR:-/tmp/ionscope-bench-gromacs}/water.xtc, SPC water in a 5 nm box (12 165 atoms), 1501
# frames (every step of 1500), precision 1000: about 66 MB. Needs `gmx` (Debian's 2022.5 works).
#
#   bash Benchmarks/scripts/make_gromacs_xtc.sh
#   (cd Benchmarks && swift run -c release read-throughput /tmp/ionscope-bench-gromacs/water.xtc)
#   python3 Benchmarks/scripts/mdanalysis_read.py /tmp/ionscope-bench-gromacs/water.xtc
# (mdanalysis_read.py takes the topology from big.gro beside the trajectory, so the minimised
# structure is saved under that name; a folder apart from make_inputs.sh's keeps them separate.)
#
# Measured on the 2-core development machine while other builds ran (load 3–5), file in the
# page cache, best of 5–7 passes, several runs: IonScope XTCReader 5 100–9 700 frames/s
# (220–420 MB/s); MDAnalysis 2.11 XTCReader 1 000–1 620 frames/s, about 5–6× fewer in each
# side-by-side run. The sums of all coordinates agree to 5e-13 relative (summation order).
set -euo pipefail
dir=${BENCH_DIR:-/tmp/ionscope-bench-gromacs}
mkdir -p "$dir" && cd "$dir"
[ -f water.xtc ] && { ls -la water.xtc; exit 0; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cd "$work"
export GMX_MAXBACKUP=-1
gmx() { command gmx -quiet -nocopyright "$@"; }
printf '#include "oplsaa.ff/forcefield.itp"\n#include "oplsaa.ff/spc.itp"\n[ system ]\nwater\n[ molecules ]\n' > topol.top
common="cutoff-scheme = Verlet
rlist = 0.9
rcoulomb = 0.9
rvdw = 0.9
coulombtype = Reaction-field
epsilon-rf = 0"
# Flexible water for the minimisation, so solvate's close contacts relax without SETTLE failures.
printf 'define = -DFLEXIBLE\nintegrator = steep\nnsteps = 300\nconstraints = none\n%s\n' "$common" > em.mdp
printf 'integrator = md\ndt = 0.002\nnsteps = 1500\ngen-vel = yes\ngen-temp = 300\ngen-seed = 1\n%s
tcoupl = v-rescale\ntc-grps = System\ntau-t = 0.1\nref-t = 300\nconstraints = h-bonds
nstxout-compressed = 1\ncompressed-x-precision = 1000\nnstenergy = 0\nnstlog = 0\n' "$common" > md.mdp
gmx solvate -cs spc216.gro -box 5 5 5 -o box.gro -p topol.top
gmx grompp -f em.mdp -c box.gro -p topol.top -o em.tpr
gmx mdrun -nt 1 -s em.tpr -deffnm em
gmx grompp -f md.mdp -c em.gro -p topol.top -o md.tpr
gmx mdrun -nt 1 -s md.tpr -deffnm md
cp md.xtc "$dir/water.xtc"
cp em.gro "$dir/big.gro"
ls -la "$dir/water.xtc"
