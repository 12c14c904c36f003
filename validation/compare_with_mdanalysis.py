#!/usr/bin/env python3
"""Compare IonScope's coordinates with MDAnalysis on the same files.

Not needed by the tests. Needs MDAnalysis (pip install MDAnalysis) and builds the
`frames-json` tool of the Benchmarks package. Usage, from the repository root:

    python3 validation/compare_with_mdanalysis.py            # the conformance fixtures
    python3 validation/compare_with_mdanalysis.py TOP TRAJ   # any pair

Prints, per file, the largest absolute difference in positions (Å) and box vectors over all
frames, and exits non-zero when one exceeds the format's precision.
"""
import json
import os
import subprocess
import sys

import numpy as np
import MDAnalysis as mda

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
FIX = os.path.join(ROOT, "Tests", "IonIOTests", "Fixtures", "conformance")
TOOL = os.path.join(ROOT, "Benchmarks", ".build", "release", "frames-json")

# (topology for MDAnalysis, trajectory, MDAnalysis keyword arguments, IonScope topology, tolerance Å)
# `atom_style` describes the data file's Atoms section to MDAnalysis's DATA parser.
CASES = [
    ("system.data", "full.lammpstrj", {"format": "LAMMPSDUMP", "atom_style": "id resid type charge x y z"}, "system.data", 2e-6),
    ("system.data", "traj.dcd", {}, "system.data", 1e-4),
    ("system.gro", "traj.xtc", {}, "system.gro", 6e-3),
    ("system.gro", "traj.trr", {}, "system.gro", 1e-4),
    ("traj.pdb", "traj.pdb", {}, None, 1.1e-3),
    ("traj.xyz", "traj.xyz", {}, "system.data", 1e-4),
    ("traj.gsd", "traj.gsd", {}, None, 1e-4),
]


def build_tool():
    subprocess.run(["swift", "build", "-c", "release", "--product", "frames-json"],
                   cwd=os.path.join(ROOT, "Benchmarks"), check=True, stdout=subprocess.DEVNULL)


def ionscope_frames(topology, trajectory):
    command = [TOOL]
    if topology:
        command += ["--topology", topology]
    command.append(trajectory)
    return json.loads(subprocess.run(command, check=True, capture_output=True).stdout)


def mdanalysis_frames(topology, trajectory, kwargs):
    if topology == trajectory:
        universe = mda.Universe(trajectory, **kwargs)
    else:
        universe = mda.Universe(topology, trajectory, **kwargs)
    # IonScope orders atoms by id; MDAnalysis keeps file order for some formats.
    order = np.argsort(universe.atoms.ids) if hasattr(universe.atoms, "ids") else slice(None)
    frames = []
    for ts in universe.trajectory:
        box = ts.triclinic_dimensions
        frames.append((ts.positions[order].astype(float), None if box is None else box.astype(float)))
    return frames


# MDAnalysis 2.11 builds a GSD cell with |b| = Ly and |c| = Lz, but HOOMD defines
# b = (xy·Ly, Ly, 0) and c = (xz·Lz, yz·Lz, Lz), so |b| > Ly in a tilted cell. Its cell for
# traj.gsd is off by 1.45 Å from the LAMMPS cell the file was made from (truth.json), while
# IonScope's matches it to 1e-5 Å (Tests/IonIOTests/ConformanceTests). Compare positions only.
KNOWN_BOX_DIFFERENCES = {"traj.gsd"}


def compare(topology, trajectory, kwargs, ion_topology, tolerance):
    ours = ionscope_frames(ion_topology, trajectory)
    theirs = mdanalysis_frames(topology, trajectory, kwargs)
    if len(ours) != len(theirs):
        return f"{len(ours)} frames here, {len(theirs)} in MDAnalysis", False
    worst_position = worst_box = 0.0
    for mine, (positions, box) in zip(ours, theirs):
        mine_positions = np.array(mine["positions"])
        if mine.get("box") and box is not None:
            mine_box = np.array(mine["box"])
            # Compare positions modulo the lattice: formats differ in wrapping conventions.
            delta = mine_positions - positions
            fractional = delta @ np.linalg.inv(mine_box)
            delta = (fractional - np.round(fractional)) @ mine_box
            worst_box = max(worst_box, float(np.abs(mine_box - box).max()))
        else:
            delta = mine_positions - positions
        worst_position = max(worst_position, float(np.abs(delta).max()))
    box_ok = worst_box <= tolerance or os.path.basename(trajectory) in KNOWN_BOX_DIFFERENCES
    ok = worst_position <= tolerance and box_ok
    note = " (known MDAnalysis GSD cell difference, see KNOWN_BOX_DIFFERENCES)" if not worst_box <= tolerance and box_ok else ""
    return f"{len(ours)} frames, max |Δr| = {worst_position:.2e} Å, max |Δbox| = {worst_box:.2e} Å (tolerance {tolerance:g}){note}", ok


def main():
    build_tool()
    cases = CASES
    if len(sys.argv) == 3:
        cases = [(sys.argv[1], sys.argv[2], {}, sys.argv[1], 1e-3)]
    else:
        cases = [(os.path.join(FIX, t), os.path.join(FIX, j), k, os.path.join(FIX, i) if i else None, tol)
                 for t, j, k, i, tol in cases]
    failures = 0
    for topology, trajectory, kwargs, ion_topology, tolerance in cases:
        if not os.path.exists(trajectory):
            print(f"{os.path.basename(trajectory)}: missing, skipped")
            continue
        try:
            message, ok = compare(topology, trajectory, kwargs, ion_topology, tolerance)
        except Exception as error:  # report and go on with the other files
            message, ok = f"failed: {error}", False
        failures += not ok
        print(f"{os.path.basename(trajectory)}: {'ok' if ok else 'MISMATCH'} — {message}")
    sys.exit(1 if failures else 0)


if __name__ == "__main__":
    main()
