#!/usr/bin/env python3
"""Write demo.json (metadata of the bundled demo trajectory) from the dump and the data file."""
import gzip
import json
import sys

from build_initial import TYPES

def box_lo_hi(path):
    out = {}
    for l in open(path):
        w = l.split()
        if len(w) == 4 and w[2][1:] == "lo" and w[3][1:] == "hi":
            out[w[2][0]] = [float(w[0]), float(w[1])]
    return out


dump, data, T, dt, out = sys.argv[1], sys.argv[2], float(sys.argv[3]), float(sys.argv[4]), sys.argv[5]
steps = []
with gzip.open(dump, "rt") as f:
    prev = ""
    for line in f:
        if prev.startswith("ITEM: TIMESTEP"):
            steps.append(int(line))
        prev = line
every = steps[1] - steps[0]
assert all(b - a == every for a, b in zip(steps, steps[1:]))

# molecule ids per species, from the data file (Atoms section: id mol type q x y z [ix iy iz])
lines = open(data).read().split("\n")
i = next(k for k, l in enumerate(lines) if l.startswith("Atoms"))
mols = {}
for l in lines[i + 2:]:
    if not l.strip():
        break
    w = l.split()
    mols.setdefault(int(w[1]), []).append(int(w[2]))
species_of = {(1,): "Li", (2, 3, 3): "TFSI", (4, 5, 6): "PYR13"}
molecules = {}
for mid in sorted(mols):
    name = species_of[tuple(sorted(mols[mid]))]
    d = molecules.setdefault(name, {"count": 0, "mol_ids": [mid, mid]})
    d["count"] += 1
    d["mol_ids"][1] = mid
beads = {"Li": [1], "TFSI": [3, 2, 3], "PYR13": [4, 5, 6]}
for name, d in molecules.items():
    d["bead_types"] = beads[name]
    d["charge"] = round(sum(TYPES[t][2] for t in beads[name]), 6)
    d["mass"] = round(sum(TYPES[t][1] for t in beads[name]), 3)
    d["mol_ids"] = {"first": d["mol_ids"][0], "last": d["mol_ids"][1]}

meta = {
    "description": "Coarse-grained Li[TFSI] in [PYR13][TFSI] (charges scaled by 0.8), LAMMPS NVT production",
    "units": "real",
    "timestep_fs": dt,
    "dump_every_steps": every,
    "frame_interval_ps": every * dt / 1000.0,
    "frames": len(steps),
    "first_step": steps[0],
    "last_step": steps[-1],
    "temperature_K": T,
    "ensemble": "NVT (Nose-Hoover, Tdamp 200 fs)",
    "box": "orthogonal, periodic, constant volume",
    "dump_columns": ["id", "mol", "type", "q", "x", "y", "z", "ix", "iy", "iz"],
    "positions": "wrapped (A, 3 decimals); LAMMPS re-wraps only when it rebuilds neighbour lists, "
                 "so a dumped x can lie up to ~0.5 A outside [lo, hi); unwrap with the image flags",
    "box_lo_hi_A": box_lo_hi(data),
    "species": {str(t): v[0] for t, v in TYPES.items()},
    "type_info": {str(t): {"name": v[0], "mass": v[1], "charge": v[2]} for t, v in TYPES.items()},
    "molecules": molecules,
    "files": {"topology": "demo.data", "trajectory": "demo.lammpstrj.gz"},
    "generator": "examples/demo-model/make_demo.sh",
}
json.dump(meta, open(out, "w"), indent=2)
print(f"wrote {out}: {len(steps)} frames, every {every} steps")
