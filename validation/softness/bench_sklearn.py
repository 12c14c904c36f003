#!/usr/bin/env python3
"""Softness training time: IonScope's Newton solvers beside scikit-learn on identical data and protocol.

The committed Kob–Andersen 80:20 trajectory (LAMMPS lj, T = 0.6), `ionscope softness` defaults (A
particles, D²min within 1.5 σ over windows of 10 frames, radial structure functions μ = 0.4…5 σ by A
and by B: 94 features): the training windows' labelled samples and their features, from the softness
CSV and `ionscope descriptors --every 10`. Both sides run the same protocol: stratified 5-fold
cross-validation over C = 10⁻³…10³ (7 values, balanced class weights, the standardiser fitted per
fold, the same folds: each class dealt round-robin), then a refit at the chosen C. IonScope: the `classifier-fits` benchmark (Benchmarks/, release
build) on the same bytes. scikit-learn: `StandardScaler` + `LogisticRegression` (lbfgs and newton-cg,
default tolerances) and `LinearSVC(dual=False)`, n_jobs=1. Best of three.

Usage: python3 validation/softness/bench_sklearn.py   (after `swift build -c release` at the root and in
Benchmarks/; pip install scikit-learn)
"""
import csv
import json
import os
import subprocess
import tempfile
import time

import numpy as np
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import GridSearchCV, PredefinedSplit
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import StandardScaler
from sklearn.svm import LinearSVC

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
BINARY = os.path.join(ROOT, ".build", "release", "ionscope")
BENCH = os.path.join(ROOT, "Benchmarks", ".build", "release", "classifier-fits")
KA = [os.path.join(ROOT, "Tests", "Fixtures", "kob-andersen", "ka.lammpstrj.gz"), "--units", "lj"]
SPECIES = ["--species", "1=type 1", "--species", "2=type 2"]
GRID = [1e-3, 1e-2, 0.1, 1, 10, 100, 1000]

with tempfile.TemporaryDirectory() as tmp:
    soft, desc = os.path.join(tmp, "soft"), os.path.join(tmp, "desc")
    subprocess.run([BINARY, "softness", *KA, "--timestep", "0.005", "--select", "type 1", "--d2min-window", "10",
                    "--d2min-cutoff", "1.5", "--output", soft], check=True, capture_output=True)
    subprocess.run([BINARY, "descriptors", *KA, "--select", "type 1", *SPECIES, "--every", "10", "--output", desc],
                   check=True, capture_output=True)
    study = json.load(open(os.path.join(soft, "softness-type-1.json")))["study"]
    features = np.load(os.path.join(desc, "descriptors-type-1.npy"))
    with open(os.path.join(soft, "softness-type-1.csv")) as f:
        labels = np.array([int(float(r["label"])) for r in csv.DictReader(f)])
    centres = features.shape[1]
    x = features[:study["trainingWindows"] + study["testWindows"]].reshape(-1, features.shape[2])
    fit = (np.arange(len(labels)) < study["trainingWindows"] * centres) & (labels != 0)
    x, y = np.ascontiguousarray(x[fit], dtype="<f8"), labels[fit] > 0
    prefix = os.path.join(tmp, "train")
    x.tofile(prefix + ".x"), y.astype(np.uint8).tofile(prefix + ".y")
    ours = subprocess.run([BENCH, "--data", prefix, "--features", str(x.shape[1]), "--repeat", "3"],
                          check=True, capture_output=True, text=True).stdout
print(f"{len(y)} training samples ({y.sum()} mobile), {x.shape[1]} features")
best = {}
for line in ours.splitlines()[1:]:
    label, rest = line.split(", run ")
    best[label] = min(best.get(label, 1e9), float(rest.split(": ")[1].split(" s")[0]))
for label, seconds in best.items():
    print(f"IonScope {label}: {seconds:.3f} s")

# IonScope's folds: each class dealt round-robin over the 5 folds in sample order.
fold = np.zeros(len(y), dtype=int)
for value in (True, False):
    members = np.flatnonzero(y == value)
    fold[members] = np.arange(len(members)) % 5
folds = PredefinedSplit(fold)
for name, estimator, key in [
    ("LogisticRegression lbfgs", LogisticRegression(solver="lbfgs", class_weight="balanced", max_iter=10000),
     "logisticregression__C"),
    ("LogisticRegression newton-cg", LogisticRegression(solver="newton-cg", class_weight="balanced",
                                                        max_iter=10000), "logisticregression__C"),
    ("LinearSVC primal", LinearSVC(dual=False, class_weight="balanced", max_iter=100000), "linearsvc__C"),
]:
    times = []
    for _ in range(3):
        start = time.perf_counter()
        search = GridSearchCV(make_pipeline(StandardScaler(), estimator), {key: GRID}, cv=folds, n_jobs=1).fit(x, y)
        times.append(time.perf_counter() - start)
    print(f"scikit-learn {name}: {min(times):.3f} s (C = {search.best_params_[key]:g})")
