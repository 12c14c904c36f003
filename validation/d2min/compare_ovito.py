#!/usr/bin/env python3
"""D²min of IonScope against OVITO's AtomicStrainModifier on the bundled demo trajectory.

Li⁺ (type 1) centres, every atom a neighbour, r_c = 8 Å, windows of 20 frames (frames 0→20,
20→40, …). OVITO computes the nonaffine squared displacement of every atom from the reference
frame with neighbours within the cutoff there (Falk & Langer 1998, doi:10.1103/PhysRevE.57.7192),
in the current cell's minimum image; IonScope follows neighbours by unwrapped displacements and
sets them onto the current cell, which agrees while neighbours stay within half a cell.

Usage: python3 validation/d2min/compare_ovito.py [path/to/ionscope]   (pip install ovito)
"""
import json
import os
import subprocess
import sys
import tempfile

from ovito.io import import_file
from ovito.modifiers import AtomicStrainModifier

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
DEMO = os.path.join(ROOT, "Sources", "ionscope", "DemoData")
BINARY = sys.argv[1] if len(sys.argv) > 1 else os.path.join(ROOT, ".build", "release", "ionscope")
CUTOFF, WINDOW, WINDOWS = 8.0, 20, 5

with tempfile.TemporaryDirectory() as out:
    result = subprocess.run(
        [BINARY, "d2min", os.path.join(DEMO, "demo.data"), os.path.join(DEMO, "demo.lammpstrj.gz"),
         "--units", "real", "--timestep", "0.002", "--select", "type 1", "--cutoff", str(CUTOFF),
         "--window", str(WINDOW), "--stop", str(WINDOW * WINDOWS + 1), "--json"],
        check=True, capture_output=True, text=True)
    ours = json.loads(result.stdout)
    ours = ours.get("result", ours)

pipeline = import_file(os.path.join(DEMO, "demo.lammpstrj.gz"))
worst = 0.0
for w in range(WINDOWS):
    modifier = AtomicStrainModifier(cutoff=CUTOFF, output_nonaffine_squared_displacements=True)
    modifier.reference_frame = w * WINDOW
    modifier.affine_mapping = AtomicStrainModifier.AffineMapping.Off
    modifier.minimum_image_convention = True
    pipeline.modifiers.clear()
    pipeline.modifiers.append(modifier)
    data = pipeline.compute((w + 1) * WINDOW)
    ids = data.particles["Particle Identifier"]
    types = data.particles["Particle Type"]
    d2 = data.particles["Nonaffine Squared Displacement"]
    theirs = {int(i): float(v) for i, t, v in zip(ids, types, d2) if int(t) == 1}
    window = ours["windows"][w]
    for atom, value in zip(ours["centreAtoms"], window["d2min"]):
        reference = theirs[atom]  # atom numbers are LAMMPS ids here (ids 1…N in topology order)
        worst = max(worst, abs(value - reference) / max(abs(reference), 1e-12))
    print(f"window {w} (frames {w * WINDOW}→{(w + 1) * WINDOW}): {len(window['d2min'])} Li⁺, "
          f"median D²min {sorted(window['d2min'])[len(window['d2min']) // 2]:.4f} Å² (IonScope), "
          f"{sorted(theirs.values())[len(theirs) // 2]:.4f} Å² (OVITO)")
print(f"largest relative difference over {WINDOWS} windows: {worst:.2e}")
sys.exit(0 if worst < 1e-6 else 1)
