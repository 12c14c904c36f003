#!/usr/bin/env python3
"""Does D's stated σ cover the scatter of independent segments of one real run?

Cuts a trajectory into N consecutive segments, runs `ionscope msd` on each (and on the whole run)
for every selection given, and prints D ± σ per segment with the χ² of the segments about their
weighted mean (N − 1 degrees of freedom) and its p-value, and the χ² of the segments about the whole
run's D (which, from the longest data, has the least bias from the fit start); at the end, both
pooled over all selections. χ²/dof near 1 means σ is honest; well above 1 means σ is too small.

    coverage.py [TOPOLOGY] RUN.lammpstrj --frames 2500 --segments 4 --select "type 1" --select "type 2" \
        -- --drift none --timestep 0.005 [--fit-start 5]

Everything after `--` is passed to `ionscope msd` unchanged. Needs only the Python standard library
(and scipy for p-values, when present).
"""
import argparse
import json
import math
import os
import subprocess
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


def run_msd(binary, paths, selection, start, stop, extra, molecules):
    command = [binary, "msd", *paths, "--select", selection, "--start", str(start), "--stop", str(stop), "--json"]
    if molecules:
        command.append("--molecules")
    out = subprocess.run(command + extra, capture_output=True, text=True)
    if out.returncode != 0:
        sys.exit(f"ionscope failed on {selection} [{start}, {stop}): {out.stderr.strip()}")
    diffusion = json.loads(out.stdout)["diffusion"]
    return diffusion


def chi2_sf(x, dof):
    try:
        from scipy.stats import chi2

        return chi2.sf(x, dof)
    except ImportError:
        return float("nan")


def main():
    argv = sys.argv[1:]
    extra = []
    if "--" in argv:
        k = argv.index("--")
        argv, extra = argv[:k], argv[k + 1 :]
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("files", nargs="+", help="topology (when needed), then the trajectory")
    parser.add_argument("--frames", type=int, required=True, help="frames in the run")
    parser.add_argument("--segments", type=int, default=4)
    parser.add_argument("--select", action="append", required=True)
    parser.add_argument("--molecules", action="append", default=[], help="selections to follow as molecules")
    parser.add_argument("--binary", default=os.path.join(ROOT, ".build", "release", "ionscope"))
    args = parser.parse_args(argv)

    length = args.frames // args.segments
    pooled, pooled_dof, pooled_whole = 0.0, 0, 0.0
    for selection in args.select:
        molecules = selection in args.molecules
        rows = []
        for k in range(args.segments):
            d = run_msd(args.binary, args.files, selection, k * length, (k + 1) * length, extra, molecules)
            rows.append(d)
        whole = run_msd(args.binary, args.files, selection, 0, args.frames, extra, molecules)
        values = [r["coefficient"]["value"] for r in rows]
        sigmas = [r["coefficient"]["uncertainty"] for r in rows]
        weights = [1 / s**2 for s in sigmas]
        mean = sum(w * v for w, v in zip(weights, values)) / sum(weights)
        chi2 = sum(((v - mean) / s) ** 2 for v, s in zip(values, sigmas))
        dof = args.segments - 1
        pooled += chi2
        pooled_dof += dof
        print(f"== {selection}: whole run D = {whole['coefficient']['value']:.5g} ± "
              f"{whole['coefficient']['uncertainty']:.2g} (fit from {whole['windowStart']:.3g} to "
              f"{whole['windowEnd']:.3g})")
        for k, r in enumerate(rows):
            block = r.get("blockAverage")
            block_text = f"{block['value']:.5g} ± {block['uncertainty']:.2g}" if block else "-"
            print(f"  segment {k}: D = {r['coefficient']['value']:.5g} ± {r['coefficient']['uncertainty']:.2g}"
                  f"  fit {r['windowStart']:.3g}–{r['windowEnd']:.3g}  blocks {block_text}")
        reference = whole["coefficient"]["value"]
        against = sum(((v - reference) / s) ** 2 for v, s in zip(values, sigmas))
        pooled_whole += against
        spread = math.sqrt(sum((v - sum(values) / len(values)) ** 2 for v in values) / dof)
        print(f"  χ² = {chi2:.2f} for {dof} dof (χ²/dof = {chi2 / dof:.2f}, p = {chi2_sf(chi2, dof):.3g}); "
              f"segment std {spread:.2g} vs mean σ {sum(sigmas) / len(sigmas):.2g}; "
              f"about the whole run's D: χ²/{args.segments} = {against / args.segments:.2f}")
    print(f"pooled: χ² = {pooled:.2f} for {pooled_dof} dof (χ²/dof = {pooled / pooled_dof:.2f}, "
          f"p = {chi2_sf(pooled, pooled_dof):.3g}); about the whole runs' D: "
          f"χ²/{args.segments * len(args.select)} = {pooled_whole / (args.segments * len(args.select)):.2f}")


if __name__ == "__main__":
    main()
