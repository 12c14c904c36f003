#!/usr/bin/env python3
"""Times MDAnalysis reading every frame of each file (best of N runs), like read-throughput."""
import os, sys, time
import MDAnalysis as mda

repeats = 3
for path in sys.argv[1:]:
    kwargs = {}
    if ".lammpstrj" in path:
        kwargs = {"format": "LAMMPSDUMP", "atom_style": "id type q x y z"}
    best = float("inf")
    for _ in range(repeats):
        u = mda.Universe(path, **kwargs) if path.endswith((".lammpstrj", ".gz", ".gro")) else mda.Universe(
            os.path.join(os.path.dirname(path), "big.gro"), path)
        start = time.perf_counter(); frames = 0; checksum = 0.0
        for ts in u.trajectory:
            frames += 1
            checksum += float(ts.positions[frames % len(u.atoms), 0])
        best = min(best, time.perf_counter() - start)
    size = os.path.getsize(path) / 1e6
    print(f"{os.path.basename(path)}: {frames} frames, {size:.1f} MB: {best:.3f} s, {frames / best:.1f} frames/s, {size / best:.1f} MB/s")
