#!/usr/bin/env python3
"""Times MDAnalysis opening each file and reading every frame (best of 2 runs), as read-throughput does.

Trajectories without a topology of their own (.dcd, .xtc, .trr) take big.gro beside them."""
import os
import sys
import time

import MDAnalysis as mda


def universe(path):
    if ".lammpstrj" in path:
        return mda.Universe(path, format="LAMMPSDUMP", atom_style="id type q x y z")
    if path.endswith((".dcd", ".xtc", ".trr")):
        return mda.Universe(os.path.join(os.path.dirname(path), "big.gro"), path)
    return mda.Universe(path)


for path in sys.argv[1:]:
    best = float("inf")
    for _ in range(2):
        start = time.perf_counter()  # opening counts, as in read-throughput
        u = universe(path)
        frames, checksum = 0, 0.0
        for ts in u.trajectory:
            frames += 1
            checksum += float(ts.positions[frames % len(u.atoms), 0])
        best = min(best, time.perf_counter() - start)
    size = os.path.getsize(path) / 1e6
    print(f"{os.path.basename(path)}: {frames} frames, {size:.1f} MB: {best:.3f} s, "
          f"{frames / best:.1f} frames/s, {size / best:.1f} MB/s", flush=True)
