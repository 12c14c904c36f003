#!/bin/sh
# Runs the primitive-model campaign of Jones et al. 2022 (doi:10.48550/arXiv.2208.03182)
# with LAMMPS (lmp), 2 system(s) at a time;
# a system whose run is complete (its log has "Total wall time") is skipped. Dumps end up gzipped.
set -e
cd "$(dirname "$0")"
run() {
    name="$1"; shift
    if [ -f "$name/log.lammps" ] && grep -q "Total wall time" "$name/log.lammps"; then return 0; fi
    mkdir -p "$name" && (cd "$name" && lmp "$@" > /dev/null && gzip -f ions.lammpstrj)
}
run p20-lb2.5 '-in' '../in.system' '-log' 'log.lammps' '-var' 'beads' '1000' '-var' 'npairs' '20' '-var' 'lb' '2.5' '-var' 'seed' '1000' '-var' 'equilibrate' '10000' '-var' 'steps' '40000' '-var' 'every' '50' &
run p20-lb5 '-in' '../in.system' '-log' 'log.lammps' '-var' 'beads' '1000' '-var' 'npairs' '20' '-var' 'lb' '5' '-var' 'seed' '2000' '-var' 'equilibrate' '10000' '-var' 'steps' '40000' '-var' 'every' '50' &
wait
run p20-lb7.5 '-in' '../in.system' '-log' 'log.lammps' '-var' 'beads' '1000' '-var' 'npairs' '20' '-var' 'lb' '7.5' '-var' 'seed' '3000' '-var' 'equilibrate' '10000' '-var' 'steps' '40000' '-var' 'every' '50' &
run p40-lb2.5 '-in' '../in.system' '-log' 'log.lammps' '-var' 'beads' '1000' '-var' 'npairs' '40' '-var' 'lb' '2.5' '-var' 'seed' '4000' '-var' 'equilibrate' '10000' '-var' 'steps' '40000' '-var' 'every' '50' &
wait
run p40-lb5 '-in' '../in.system' '-log' 'log.lammps' '-var' 'beads' '1000' '-var' 'npairs' '40' '-var' 'lb' '5' '-var' 'seed' '5000' '-var' 'equilibrate' '10000' '-var' 'steps' '40000' '-var' 'every' '50' &
run p40-lb7.5 '-in' '../in.system' '-log' 'log.lammps' '-var' 'beads' '1000' '-var' 'npairs' '40' '-var' 'lb' '7.5' '-var' 'seed' '6000' '-var' 'equilibrate' '10000' '-var' 'steps' '40000' '-var' 'every' '50' &
wait
run p60-lb2.5 '-in' '../in.system' '-log' 'log.lammps' '-var' 'beads' '1000' '-var' 'npairs' '60' '-var' 'lb' '2.5' '-var' 'seed' '7000' '-var' 'equilibrate' '10000' '-var' 'steps' '40000' '-var' 'every' '50' &
run p60-lb5 '-in' '../in.system' '-log' 'log.lammps' '-var' 'beads' '1000' '-var' 'npairs' '60' '-var' 'lb' '5' '-var' 'seed' '8000' '-var' 'equilibrate' '10000' '-var' 'steps' '40000' '-var' 'every' '50' &
wait
run p60-lb7.5 '-in' '../in.system' '-log' 'log.lammps' '-var' 'beads' '1000' '-var' 'npairs' '60' '-var' 'lb' '7.5' '-var' 'seed' '9000' '-var' 'equilibrate' '10000' '-var' 'steps' '40000' '-var' 'every' '50' &
run p80-lb2.5 '-in' '../in.system' '-log' 'log.lammps' '-var' 'beads' '1000' '-var' 'npairs' '80' '-var' 'lb' '2.5' '-var' 'seed' '10000' '-var' 'equilibrate' '10000' '-var' 'steps' '40000' '-var' 'every' '50' &
wait
run p80-lb5 '-in' '../in.system' '-log' 'log.lammps' '-var' 'beads' '1000' '-var' 'npairs' '80' '-var' 'lb' '5' '-var' 'seed' '11000' '-var' 'equilibrate' '10000' '-var' 'steps' '40000' '-var' 'every' '50' &
run p80-lb7.5 '-in' '../in.system' '-log' 'log.lammps' '-var' 'beads' '1000' '-var' 'npairs' '80' '-var' 'lb' '7.5' '-var' 'seed' '12000' '-var' 'equilibrate' '10000' '-var' 'steps' '40000' '-var' 'every' '50' &
wait
run p100-lb2.5 '-in' '../in.system' '-log' 'log.lammps' '-var' 'beads' '1000' '-var' 'npairs' '100' '-var' 'lb' '2.5' '-var' 'seed' '13000' '-var' 'equilibrate' '10000' '-var' 'steps' '40000' '-var' 'every' '50' &
run p100-lb5 '-in' '../in.system' '-log' 'log.lammps' '-var' 'beads' '1000' '-var' 'npairs' '100' '-var' 'lb' '5' '-var' 'seed' '14000' '-var' 'equilibrate' '10000' '-var' 'steps' '40000' '-var' 'every' '50' &
wait
run p100-lb7.5 '-in' '../in.system' '-log' 'log.lammps' '-var' 'beads' '1000' '-var' 'npairs' '100' '-var' 'lb' '7.5' '-var' 'seed' '15000' '-var' 'equilibrate' '10000' '-var' 'steps' '40000' '-var' 'every' '50' &
wait
