#!/usr/bin/env python3
"""Compare `ionscope profile` with MDAnalysis's LinearDensity on the bundled demo.

Not needed by the tests. Needs MDAnalysis and a built `ionscope` (swift build). Usage, from the
repository root:

    python3 validation/compare_profile_mdanalysis.py [FRAMES]

For the first FRAMES frames (default 50), bins the S beads (type 3) along x in 50 slabs with
MDAnalysis (`LinearDensity`, grouping "atoms", positions wrapped into the cell) and prints the
number, mass and charge densities beside IonScope's. The demo's cell is cubic and fixed, so both
bin the same coordinates into the same slabs; exits non-zero when any bin differs by more than 1e-6
relative (MDAnalysis keeps positions and the cell in single precision: 2e-7 is what remains).

MDAnalysis 2.x multiplies the charge density by the same factor as the mass density
(1/(N_A·10⁻²⁴) = 1.66054, for g/cm³), so its `charge_density` is e/Å³ × 1.66054; the script
divides it out (measured ratio 1.66054 on the demo before doing so).
"""
import json
import os
import subprocess
import sys
import warnings

import numpy as np
import MDAnalysis as mda
from MDAnalysis.analysis.lineardensity import LinearDensity

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
DEMO = os.path.join(ROOT, "Sources", "ionscope", "DemoData")
BINARY = os.path.join(ROOT, ".build", "debug", "ionscope")
FRAMES = int(sys.argv[1]) if len(sys.argv) > 1 else 50
BINS = 50

warnings.simplefilter("ignore")
universe = mda.Universe(os.path.join(DEMO, "demo.data"), os.path.join(DEMO, "demo.lammpstrj.gz"),
                        atom_style="id resid type charge x y z", format="LAMMPSDUMP")
group = universe.select_atoms("type 3")
side = universe.dimensions[0]
# A bin a hair narrower than side/BINS so that side // binsize is BINS (the cell is float32 there);
# the histogram edges are side/BINS apart either way.
density = LinearDensity(group, grouping="atoms", binsize=side / BINS * (1 - 1e-6)).run(stop=FRAMES)
x = density.results.x

ionscope = json.loads(subprocess.run(
    [BINARY, "profile", os.path.join(DEMO, "demo.data"), os.path.join(DEMO, "demo.lammpstrj.gz"), "--units", "real",
     "--select", "type 3", "--axis", "x", "--bins", str(BINS), "--stop", str(FRAMES), "--json"],
    check=True, capture_output=True, text=True).stdout)

# LinearDensity reports the mass density in g/cm³; counts come from it divided by the atoms' mass
# (all S beads weigh the same).
mass = group.masses[0]
peers = {
    "mass density (g/cm³)": (np.asarray(ionscope["massDensity"]), x.mass_density),
    "charge density (e/Å³)": (np.asarray(ionscope["chargeDensity"]), x.charge_density * 1e-24 * 6.02214076e23),
    "number density (1/Å³)": (np.asarray(ionscope["numberDensity"]),
                              x.mass_density * 1e-24 * 6.02214076e23 / mass),
}
worst = 0.0
for name, (ours, theirs) in peers.items():
    scale = max(np.max(np.abs(theirs)), 1e-300)
    difference = float(np.max(np.abs(ours - theirs)) / scale)
    worst = max(worst, difference)
    print(f"{name:26s} mean IonScope {ours.mean():.6g}  MDAnalysis {theirs.mean():.6g}  max |Δ|/max = {difference:.2e}")
print(f"largest relative difference {worst:.2e}")
sys.exit(0 if worst < 1e-6 else 1)
