#!/usr/bin/env python3
"""Time D²min of every atom of the demo (1700 atoms, r_c = 8 Å, 20 windows of 20 frames) with OVITO's
AtomicStrainModifier and with `ionscope d2min` (release build, one thread); best of three each.
Run from the repository root: python3 validation/d2min/bench_ovito.py"""
import time, os, subprocess, sys, json
from ovito.io import import_file
from ovito.modifiers import AtomicStrainModifier
DEMO="Sources/ionscope/DemoData"
W, N = 20, 20
best_o = 1e9
for rep in range(3):
    t=time.perf_counter()
    pipeline = import_file(os.path.join(DEMO,"demo.lammpstrj.gz"))
    for w in range(N):
        m = AtomicStrainModifier(cutoff=8.0, output_nonaffine_squared_displacements=True)
        m.reference_frame = w*W
        m.affine_mapping = AtomicStrainModifier.AffineMapping.Off
        pipeline.modifiers.clear(); pipeline.modifiers.append(m)
        pipeline.compute((w+1)*W)
    best_o=min(best_o, time.perf_counter()-t)
best_i=1e9
for rep in range(3):
    t=time.perf_counter()
    subprocess.run([".build/release/ionscope","d2min",DEMO+"/demo.data",DEMO+"/demo.lammpstrj.gz","--units","real","--timestep","0.002","--select","all","--cutoff","8","--window","20","--json","--threads","1"],check=True,capture_output=True)
    best_i=min(best_i,time.perf_counter()-t)
print(f"OVITO {best_o:.2f} s, IonScope {best_i:.2f} s, ratio {best_o/best_i:.1f}")
