#!/usr/bin/env python3
"""Compare `ionscope shells` coordination numbers with MDAnalysis on the bundled demo.

Not needed by the tests. Needs MDAnalysis and a built `ionscope` (swift build). Usage, from the
repository root:

    python3 validation/compare_shells_mdanalysis.py [FRAMES]

For the first FRAMES frames (default 50) and fixed cutoffs, counts the TFSI molecules in each
Li⁺ shell three ways with MDAnalysis (capped_distance under periodic boundaries):
  - by molecule: any S bead (type 3) within 5.85 Å of Li (`--count molecules`);
  - by centre of mass: the TFSI centre of mass, molecules made whole, within 6.3 Å;
  - by atom: S beads within 5.85 Å (`--count atoms`);
and prints P(n), ⟨n⟩ and the denticity beside IonScope's. Exits non-zero when a mean or any P(n) differs by
more than 1e-9 (both count the same pairs; only the arithmetic differs).
"""
import json
import os
import subprocess
import sys
import warnings

import numpy as np
import MDAnalysis as mda
from MDAnalysis.lib.distances import capped_distance

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
DEMO = os.path.join(ROOT, "Sources", "ionscope", "DemoData")
BINARY = os.path.join(ROOT, ".build", "debug", "ionscope")
FRAMES = int(sys.argv[1]) if len(sys.argv) > 1 else 50


def mdanalysis_counts():
    warnings.simplefilter("ignore")
    u = mda.Universe(os.path.join(DEMO, "demo.data"), os.path.join(DEMO, "demo.lammpstrj.gz"),
                     format="LAMMPSDUMP", atom_style="id resid type charge x y z")
    li = u.select_atoms("type 1")
    sulfur = u.select_atoms("type 3")
    tfsi = u.select_atoms("type 2 3")
    tfsi_fragments = tfsi.fragments
    counts = {"molecules": [], "centres-of-mass": [], "atoms": [], "denticity": []}
    for ts in u.trajectory[:FRAMES]:
        box = ts.dimensions
        pairs = capped_distance(li.positions, sulfur.positions, 5.85, box=box, return_distances=False)
        by_atom = np.bincount(pairs[:, 0], minlength=len(li))
        molecule = sulfur.fragindices[pairs[:, 1]]
        unique, multiplicity = np.unique(np.stack([pairs[:, 0], molecule], axis=1), axis=0, return_counts=True)
        counts["denticity"].append(multiplicity)
        by_molecule = np.bincount(unique[:, 0], minlength=len(li))
        centres = np.array([f.center_of_mass(unwrap=True) for f in tfsi_fragments])
        com_pairs = capped_distance(li.positions, centres, 6.3, box=box, return_distances=False)
        by_com = np.bincount(com_pairs[:, 0], minlength=len(li))
        counts["molecules"].append(by_molecule)
        counts["atoms"].append(by_atom)
        counts["centres-of-mass"].append(by_com)
    return {k: np.concatenate(v) for k, v in counts.items()}


def ionscope_shells(counting, partners, cutoff):
    command = [BINARY, "shells", os.path.join(DEMO, "demo.data"), os.path.join(DEMO, "demo.lammpstrj.gz"),
               "--centres", "type 1", "--partners", f"TFSI={partners}", "--counting", counting,
               "--cutoff", str(cutoff), "--stop", str(FRAMES), "--json"]
    return json.loads(subprocess.run(command, check=True, capture_output=True).stdout)["species"][0]


def main():
    reference = mdanalysis_counts()
    worst = 0.0
    for counting, partners, cutoff in [("molecules", "type 3", 5.85), ("centres-of-mass", "type 2 3", 6.3),
                                       ("atoms", "type 3", 5.85)]:
        ours = ionscope_shells(counting, partners, cutoff)
        n = reference[counting]
        p_ref = np.bincount(n) / len(n)
        p_ours = np.zeros(max(len(p_ref), len(ours["coordination"])))
        for b in ours["coordination"]:
            p_ours[b["count"]] = b["probability"]
        p_ref = np.pad(p_ref, (0, len(p_ours) - len(p_ref)))
        difference = max(abs(ours["meanCoordination"] - n.mean()), np.abs(p_ours - p_ref).max())
        worst = max(worst, difference)
        if counting == "molecules":
            # Denticity: S beads of one TFSI within the cutoff, per centre.
            d_ref = np.bincount(reference["denticity"])[1:] / len(n)
            d_ours = np.array([b["perCentre"] for b in ours["denticity"]])
            d_diff = np.abs(d_ours - d_ref[:len(d_ours)]).max() if len(d_ours) == len(d_ref) else np.inf
            worst = max(worst, d_diff)
            print(f"denticity per centre (mono, bi, …): IonScope {np.round(d_ours, 6)}, MDAnalysis {np.round(d_ref, 6)}")
        print(f"{counting:16s} cutoff {cutoff} Å: <n> IonScope {ours['meanCoordination']:.6f}, MDAnalysis {n.mean():.6f}; "
              f"largest |ΔP(n)| {np.abs(p_ours - p_ref).max():.2e}")
    print(f"{FRAMES} frames; largest difference {worst:.2e}")
    sys.exit(0 if worst < 1e-9 else 1)


if __name__ == "__main__":
    main()
