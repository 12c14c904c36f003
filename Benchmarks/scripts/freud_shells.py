"""freud on the frames written by `shells-throughput --write FILE` (float64, frames x atoms x 3,
first half cations, second half anions), one thread (freud.parallel.set_num_threads(1)).
  shells:   per frame freud.locality.AABBQuery(box, anions).query(cations, {r_max, exclude_ii:
            False}).toNeighborList(): every cation's anion neighbours within the shell cutoff.
  clusters: per frame the cation-anion neighbour list within the cluster cutoff (AABBQuery as
            above) re-indexed into one point set (NeighborList.from_arrays) and
            freud.cluster.Cluster().compute(system, neighbors=nlist); then the cation fractions
            free / contact pairs / aggregates with numpy bincount, averaged over frames.
Timed: everything per frame after the points are in float32 in freud's centred box.
Usage: python3 freud_shells.py FILE [--repeat 2]"""
import json, time
import bench_common
import numpy as np
import freud

path, _, repeats = bench_common.arguments([])
meta = json.load(open(path + ".json"))
n, f, side = meta["atoms"], meta["frames"], meta["side"]
half = n // 2
frames = (np.fromfile(path, dtype=np.float64).reshape(f, n, 3) - side / 2).astype(np.float32)
box = freud.box.Box.cube(side)
freud.parallel.set_num_threads(1)
print(f"freud {freud.__version__}: {n} atoms x {f} frames, box {side:.2f}")
for run in range(1, repeats + 1):
    start = time.perf_counter()
    pairs = ids = 0
    for p in frames:
        nlist = freud.locality.AABBQuery(box, p[half:]).query(p[:half], dict(r_max=meta["shell"], exclude_ii=False)).toNeighborList()
        pairs += len(nlist)
        ids += int(nlist.point_indices.sum())
    elapsed = time.perf_counter() - start
    print(f"shells run {run}: freud AABBQuery r <= {meta['shell']:.2f}, 1 thread: {elapsed:.3f} s ({f / elapsed:.1f} frames/s); "
          f"pairs {pairs} ({pairs / (half * f):.3f} per centre), sum partner ids {ids}")
for run in range(1, repeats + 1):
    start = time.perf_counter()
    fractions = np.zeros(3)
    cluster = freud.cluster.Cluster()
    for p in frames:
        nl = freud.locality.AABBQuery(box, p[half:]).query(p[:half], dict(r_max=meta["cluster"], exclude_ii=False)).toNeighborList()
        nlist = freud.locality.NeighborList.from_arrays(n, n, nl.query_point_indices, nl.point_indices + half, nl.vectors)
        cluster.compute((box, p), neighbors=nlist)
        idx = cluster.cluster_idx
        size = np.bincount(idx)
        cations_in = np.bincount(idx[:half], minlength=len(size))
        s, c = size[idx[:half]], cations_in[idx[:half]]
        free = np.count_nonzero(s == 1); pair = np.count_nonzero((s == 2) & (c == 1))
        fractions += np.array([free, pair, half - free - pair]) / half
    elapsed = time.perf_counter() - start
    fractions /= f
    print(f"clusters run {run}: freud Cluster r <= {meta['cluster']:.2f}, 1 thread: {elapsed:.3f} s ({f / elapsed:.1f} frames/s); "
          f"cation fractions free {fractions[0]:.6f} pairs {fractions[1]:.6f} aggregates {fractions[2]:.6f}")
