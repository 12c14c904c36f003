#!/usr/bin/env python3
"""Time radial structure functions: `ionscope descriptors` (release, one thread) against a vectorised
NumPy direct sum (the compare_numpy.py formula), both from the gzipped dump: the demo's 50 Li⁺ by
S (type 3) and N (type 2), μ = 0.1…10 Å step 0.1 (100 values), L = 0.1 Å, all 401 frames. Best of three.
Run from the repository root: python3 validation/descriptors/bench_numpy.py"""
import os
import subprocess
import sys
import tempfile
import time

import numpy as np

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
DEMO = os.path.join(ROOT, "Sources", "ionscope", "DemoData")
MU = np.arange(0.1, 10.0 + 1e-9, 0.1)
L = 0.1


def numpy_run():
    from compare_numpy import frames  # the same reader as the check
    out = []
    for types, x, box in frames(os.path.join(DEMO, "demo.lammpstrj.gz")):
        centres = np.where(types == "1")[0]
        row = []
        for species in ["3", "2"]:
            members = np.where(types == species)[0]
            d = x[members][None, :, :] - x[centres][:, None, :]
            d -= box * np.round(d / box)
            r = np.linalg.norm(d, axis=2)
            row.append(np.exp(-((r[:, :, None] - MU[None, None, :]) ** 2) / (2 * L * L)).sum(axis=1))
        out.append(np.concatenate(row, axis=1))
    return np.array(out)


def ionscope_run(tmp):
    subprocess.run(
        [os.path.join(ROOT, ".build", "release", "ionscope"), "descriptors", os.path.join(DEMO, "demo.data"),
         os.path.join(DEMO, "demo.lammpstrj.gz"), "--units", "real", "--select", "type 1", "--species", "S=type 3",
         "--species", "N=type 2", "--rsf-min", "0.1", "--rsf-max", "10", "--rsf-step", "0.1", "--threads", "1",
         "--output", os.path.join(tmp, "out"), "--force"], check=True, capture_output=True)
    return np.load(os.path.join(tmp, "out", "descriptors-type-1.npy"))


with tempfile.TemporaryDirectory() as tmp:
    best = {"numpy": 1e9, "ionscope": 1e9}
    results = {}
    for _ in range(3):
        for name, run in [("numpy", numpy_run), ("ionscope", lambda: ionscope_run(tmp))]:
            start = time.perf_counter()
            results[name] = run()
            best[name] = min(best[name], time.perf_counter() - start)
    difference = np.max(np.abs(results["numpy"] - results["ionscope"]))
    print(f"NumPy {best['numpy']:.2f} s, IonScope {best['ionscope']:.2f} s, "
          f"ratio {best['numpy'] / best['ionscope']:.1f}; largest difference {difference:.1e}")
