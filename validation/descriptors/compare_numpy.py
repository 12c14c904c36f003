#!/usr/bin/env python3
"""Radial structure functions of `ionscope descriptors` against a direct NumPy sum.

Li⁺ (type 1) centres of the bundled demo, neighbour species S (type 3) and N (type 2), μ = 0.5…10 Å
step 0.25, L = 0.25 Å, frames 0, 50, …, 400: G_X(i; μ) = Σ_j exp(−(r_ij − μ)²/2L²) over every atom of
the species (no cutoff), minimum image in the orthorhombic cell, positions read from the dump here.

Usage: python3 validation/descriptors/compare_numpy.py [path/to/ionscope]   (needs NumPy)
"""
import json
import os
import subprocess
import sys
import tempfile

import gzip

import numpy as np

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
DEMO = os.path.join(ROOT, "Sources", "ionscope", "DemoData")
BINARY = sys.argv[1] if len(sys.argv) > 1 else os.path.join(ROOT, ".build", "release", "ionscope")
MU = np.arange(0.5, 10.0 + 1e-9, 0.25)
L = 0.25

def frames(path):
    """Yields (types, positions, box lengths) of each frame of an orthorhombic LAMMPS dump, by atom id."""
    with gzip.open(path, "rt") as f:
        lines = iter(f)
        for line in lines:
            if not line.startswith("ITEM: TIMESTEP"):
                continue
            next(lines); next(lines)
            n = int(next(lines)); next(lines)
            bounds = [tuple(map(float, next(lines).split()[:2])) for _ in range(3)]
            columns = next(lines).split()[2:]
            rows = [next(lines).split() for _ in range(n)]
            rows.sort(key=lambda r: int(r[columns.index("id")]))
            x = np.array([[float(r[columns.index(c)]) for c in "xyz"] for r in rows])
            yield np.array([r[columns.index("type")] for r in rows]), x, np.array([hi - lo for lo, hi in bounds])


def main():
    with tempfile.TemporaryDirectory() as tmp:
        out = os.path.join(tmp, "out")
        subprocess.run(
            [BINARY, "descriptors", os.path.join(DEMO, "demo.data"), os.path.join(DEMO, "demo.lammpstrj.gz"),
             "--units", "real", "--select", "type 1", "--species", "S=type 3", "--species", "N=type 2",
             "--rsf-min", "0.5", "--rsf-max", "10", "--rsf-step", "0.25", "--every", "50", "--output", out],
            check=True, capture_output=True)
        ours = np.load(os.path.join(out, "descriptors-type-1.npy"))
        meta = json.load(open(os.path.join(out, "descriptors-type-1.json")))

    worst = 0.0
    wanted = {frame: k for k, frame in enumerate(meta["frames"])}
    for index, (types, x, box) in enumerate(frames(os.path.join(DEMO, "demo.lammpstrj.gz"))):
        if index not in wanted:
            continue
        f = wanted[index]
        centres = np.where(types == "1")[0]
        assert list(centres + 1) == meta["centreAtoms"]
        for s, species in enumerate(["3", "2"]):
            members = np.where(types == species)[0]
            d = x[members][None, :, :] - x[centres][:, None, :]
            d -= box * np.round(d / box)
            r = np.linalg.norm(d, axis=2)
            r[members[None, :] == centres[:, None]] = np.inf
            g = np.exp(-((r[:, :, None] - MU[None, None, :]) ** 2) / (2 * L * L)).sum(axis=1)
            block = ours[f, :, s * len(MU):(s + 1) * len(MU)]
            worst = max(worst, float(np.max(np.abs(block - g) / np.maximum(1, np.abs(g)))))
    print(f"{ours.shape[0]} frames × {ours.shape[1]} Li⁺ × {ours.shape[2]} features; "
          f"largest difference from the direct NumPy sum: {worst:.2e} (relative, or absolute below 1)")
    sys.exit(0 if worst < 1e-10 else 1)


if __name__ == "__main__":
    main()
