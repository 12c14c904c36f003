#!/usr/bin/env bash
# Regenerate the bundled demo trajectory from scratch:
#   Sources/ionscope/DemoData/{demo.data, demo.lammpstrj.gz, demo.json}
# Needs: python3 (numpy), packmol, LAMMPS (`lmp`, with KSPACE and MOLECULE), gzip.
# Takes about 16 minutes on one (shared) core; the production run alone is ~10 minutes.  Usage: ./make_demo.sh [T_K]
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
out="$root/Sources/ionscope/DemoData"
T="${1:-450}"
DT=2.0
LMP="${LMP:-lmp}"

work="$here/work"
rm -rf "$work"; mkdir -p "$work"; cd "$work"

python3 "$here/build_initial.py" --npairs 250 --nli 50 --seed 2024 --out initial.data
"$LMP" -in "$here/in.demo.lammps" -var T "$T" -var dt "$DT" -var datafile initial.data -log log.lammps > lammps.out
gzip -9 -n -f demo.lammpstrj

mkdir -p "$out"
# Name the bead types in the Masses section (LAMMPS 2021 has no type labels): "1 6.941 # Li".
sed -E '/^Masses/,/^Pair Coeffs/ { s/^1 ([0-9.]+)$/1 \1 # Li/; s/^2 ([0-9.]+)$/2 \1 # TFSI_N/; s/^3 ([0-9.]+)$/3 \1 # TFSI_S/;
  s/^4 ([0-9.]+)$/4 \1 # PYR_N/; s/^5 ([0-9.]+)$/5 \1 # PYR_R/; s/^6 ([0-9.]+)$/6 \1 # PYR_T/ }' demo.data > "$out/demo.data"
cp demo.lammpstrj.gz "$out/demo.lammpstrj.gz"
(cd "$here" && python3 make_json.py "$work/demo.lammpstrj.gz" "$work/demo.data" "$T" "$DT" "$out/demo.json")
python3 "$here/check_demo.py" "$out/demo.lammpstrj.gz" --timestep "$DT" | tee check.txt
cp log.lammps "$here/log.demo.lammps"
cp check.txt "$here/check_demo.txt"
ls -l "$out"
