#!/usr/bin/env python3
"""Times MDAnalysis opening each file and reading every frame (best of 2 runs), as read-throughput does.

Trajectories without a topology of their own (.dcd, .xtc, .trr) take big.gro beside them.
--columns NAME,… reads those extra LAMMPS dump columns too (MDAnalysis `additional_columns`, into
ts.data), as `read-throughput --columns` does."""
import os
import sys
import time

import MDAnalysis as mda


COLUMNS = []
if "--columns" in sys.argv:
    k = sys.argv.index("--columns")
    COLUMNS = sys.argv[k + 1].split(",")
    del sys.argv[k:k + 2]


def universe(path):
    if ".lammpstrj" in path:
        if COLUMNS:
            return mda.Universe(path, format="LAMMPSDUMP", atom_style="id type x y z",
                                additional_columns=COLUMNS)
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
            for name in COLUMNS:
                checksum += float(ts.data[name][frames % len(u.atoms)])
        best = min(best, time.perf_counter() - start)
    size = os.path.getsize(path) / 1e6
    print(f"{os.path.basename(path)}: {frames} frames, {size:.1f} MB: {best:.3f} s, "
          f"{frames / best:.1f} frames/s, {size / best:.1f} MB/s", flush=True)
