#!/bin/sh
# Rebuilds the fixture: the reference run, four perturbed models re-evaluated on its frames,
# then the extended XYZ files. Debian's lmp (LAMMPS 29 Sep 2021) and python3; about 3 minutes.
set -e
lmp -in in.ensemble -log log.ensemble > /dev/null
# The reference forces come from a re-evaluation too: the forces the run dumps include the
# Langevin thermostat's. Then the models, which share a bias as models trained on the same data
# do: eps = 0.93 + 0.03 z, sig = 1.004 + 0.003 z, l_B = 3 (0.97 + 0.02 z), z ~ N(0, 1) (numpy
# default_rng(11)); their spread underestimates their error.
lmp -in in.model -log none -var eps 1 -var sig 1 -var lb 3 -var out reference.lammpstrj > /dev/null
set -- 0 0.931 1.0081 2.983   1 0.915 1.0031 2.878   2 0.947 1.0038 2.955   3 0.875 1.0087 2.904
while [ $# -gt 0 ]; do
    lmp -in in.model -log none -var eps "$2" -var sig "$3" -var lb "$4" -var out "model_$1.lammpstrj" > /dev/null
    shift 4
done
python3 make_extxyz.py
rm -f traj.lammpstrj reference.lammpstrj model_*.lammpstrj
