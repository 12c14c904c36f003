#!/usr/bin/env python3
"""Compare IonScope's g(r) with freud and MDAnalysis on the bundled demo trajectory (Li–S).

Not needed by the tests. Needs freud (pip install freud-analysis) and MDAnalysis, and a built
`ionscope` (swift build). Usage, from the repository root:

    python3 validation/compare_rdf_freud.py [--rmax 12] [--bins 120] [--stop N]

All three tools histogram the same Li–S (type 1 – type 3) distances in the same bins; Li and S
are disjoint, so their normalisations agree (N_Li·N_S/V per frame; the cell is constant). Prints
the first peak and first minimum found by one finder (IonScope's, ported below) on each curve
and the largest |Δg|; exits non-zero when a position differs by more than one bin or
max |Δg| exceeds 1 % of the peak height.
"""
import argparse
import json
import os
import subprocess
import sys

import numpy as np
import freud
import MDAnalysis as mda
from MDAnalysis.analysis.rdf import InterRDF

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
DEMO = os.path.join(ROOT, "Sources", "ionscope", "DemoData")
DATA, DUMP = os.path.join(DEMO, "demo.data"), os.path.join(DEMO, "demo.lammpstrj.gz")


def extrema(r, g, smoothing=0.3, window=0.5):
    """IonScope's RDFExtrema.find: moving average, first windowed maximum above 1 after the
    half-maximum, first windowed minimum after it, raw extremum in the smoothing window, then
    the vertex of a parabola over ±2 bins."""
    n, width = len(g), r[1] - r[0]
    half = max(1, int(round(smoothing / width / 2)))
    s = np.array([g[max(0, k - half):min(n, k + half + 1)].mean() for k in range(n)])
    reach = max(1, int(round(window / width)))
    begin = int(np.argmax(s >= s.max() / 2))

    def is_ext(k, sign):
        lo, hi = max(0, k - reach), min(n, k + reach + 1)
        return all(not (sign * s[q] > sign * s[k]) for q in range(lo, hi) if q != k)

    def refine(k, sign):
        lo, hi = max(0, k - half), min(n, k + half + 1)
        k = lo + int(np.argmax(sign * g[lo:hi]))
        lo, hi = max(0, k - 2), min(n, k + 3)
        c2, c1, _ = np.polyfit(r[lo:hi] - r[k], g[lo:hi], 2)
        if sign * c2 >= 0:
            return r[k]
        return float(np.clip(r[k] - c1 / (2 * c2), r[lo], r[hi - 1]))

    peak = next(k for k in range(begin, n) if s[k] > 1 and is_ext(k, 1))
    minimum = next(k for k in range(peak + 1, n - reach) if is_ext(k, -1))
    return refine(peak, 1), refine(minimum, -1)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--rmax", type=float, default=12.0)
    parser.add_argument("--bins", type=int, default=120)
    parser.add_argument("--stop", type=int, default=None)
    args = parser.parse_args()

    tool = next((p for p in (os.path.join(ROOT, ".build", c, "ionscope") for c in ("release", "debug")) if os.path.exists(p)), None)
    if tool is None:
        sys.exit("build ionscope first: swift build")
    command = [tool, "rdf", DATA, DUMP, "--select", "type 1", "--with", "type 3",
               "--rmax", str(args.rmax), "--bins", str(args.bins), "--json"]
    if args.stop:
        command += ["--stop", str(args.stop)]
    ours = json.loads(subprocess.run(command, check=True, capture_output=True, text=True).stdout)
    r, g_ours = np.array(ours["r"]), np.array(ours["g"])

    u = mda.Universe(DATA, DUMP, format="LAMMPSDUMP", atom_style="id resid type charge x y z")
    li, s = u.select_atoms("type 1"), u.select_atoms("type 3")
    frames = slice(0, args.stop)

    # MDAnalysis: InterRDF, density normalisation ('rdf').
    mda_rdf = InterRDF(li, s, nbins=args.bins, range=(0.0, args.rmax))
    mda_rdf.run(start=frames.start, stop=frames.stop)
    g_mda = mda_rdf.results.rdf

    # freud: one RDF accumulated over frames (reset=False), 'exact' normalisation.
    fr = freud.density.RDF(bins=args.bins, r_max=args.rmax)
    count = 0
    for ts in u.trajectory[frames]:
        box = freud.box.Box.from_box(ts.dimensions[:3], dimensions=3)
        # MDAnalysis moves the LAMMPS cell to [0, L); freud's is centred on the origin.
        shift = -ts.dimensions[:3] / 2
        fr.compute(system=(box, box.wrap(s.positions + shift)), query_points=box.wrap(li.positions + shift), reset=False)
        count += 1
    g_freud = fr.rdf
    assert np.allclose(fr.bin_centers, r), "bins differ"
    assert count == ours["frames"], f"frame counts differ: {count} vs {ours['frames']}"

    width = r[1] - r[0]
    failed = False
    print(f"Li–S g(r) on the demo trajectory: {count} frames, {args.bins} bins of {width:.3f} Å up to {args.rmax} Å")
    p0, m0 = extrema(r, g_ours)
    print(f"  IonScope   : first peak {p0:.3f} Å, first minimum {m0:.3f} Å (library: {ours['firstPeak']['r']:.3f}, {ours['firstMinimum']['r']:.3f})")
    for name, g in (("freud", g_freud), ("MDAnalysis", g_mda)):
        p, m = extrema(r, g)
        diff = np.abs(g - g_ours)
        tolerance = 0.01 * g_ours.max()
        print(f"  {name:11s}: first peak {p:.3f} Å ({(p - p0) / width:+.2f} bins), first minimum {m:.3f} Å "
              f"({(m - m0) / width:+.2f} bins), max |Δg| {diff.max():.2e} at {r[diff.argmax()]:.2f} Å, mean |Δg| {diff.mean():.1e}")
        if abs(p - p0) > width or abs(m - m0) > width or diff.max() > tolerance:
            failed = True
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
