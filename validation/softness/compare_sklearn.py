#!/usr/bin/env python3
"""`ionscope softness` on the bundled demo against scikit-learn on the same features and labels.

The softness run labels Li⁺ mobile/immobile from D_cum over windows of 20 frames (D²min within
8 Å) and fits an L2 logistic regression to radial structure functions at each window's start. The
same features come from `ionscope descriptors --every 20` (windows start at frames 0, 20, …); the
labels from the softness CSV. scikit-learn (newton-cg, tol 1e-14) refits at IonScope's chosen C on the
training windows, standardised with StandardScaler; the script compares coefficients, intercept
and the test accuracy.

With `--ka` the same on the committed Kob–Andersen 80:20 trajectory (Tests/Fixtures/kob-andersen,
LAMMPS lj, T = 0.6): A particles, D²min within 1.5 σ over windows of 10 frames (10 τ), the default
radial structure functions (μ = 0.4…5 σ, L = 0.1 σ, by A and by B).

With `--svm` both sides train the linear SVM (squared hinge; scikit-learn's LinearSVC, primal, tol 1e-14).

Usage: python3 validation/softness/compare_sklearn.py [--ka] [--svm] [path/to/ionscope]   (pip install scikit-learn)
"""
import csv
import json
import os
import subprocess
import sys
import tempfile

import numpy as np
from sklearn.linear_model import LogisticRegression
from sklearn.preprocessing import StandardScaler
from sklearn.svm import LinearSVC

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
DEMO = os.path.join(ROOT, "Sources", "ionscope", "DemoData")
KA, SVM = "--ka" in sys.argv, "--svm" in sys.argv
arguments = [a for a in sys.argv[1:] if a not in ("--ka", "--svm")]
BINARY = arguments[0] if arguments else os.path.join(ROOT, ".build", "release", "ionscope")
if KA:
    FILES = [os.path.join(ROOT, "Tests", "Fixtures", "kob-andersen", "ka.lammpstrj.gz"), "--units", "lj"]
    SPECIES = ["--species", "1=type 1", "--species", "2=type 2"]  # the softness default: one per type
    GRID, WINDOW, CUTOFF = [], "10", "1.5"
else:
    FILES = [os.path.join(DEMO, "demo.data"), os.path.join(DEMO, "demo.lammpstrj.gz"), "--units", "real"]
    SPECIES = ["--species", "S=type 3", "--species", "N=type 2", "--species", "Li=type 1"]
    GRID, WINDOW, CUTOFF = ["--rsf-max", "10", "--rsf-step", "0.25"], "20", "8"

with tempfile.TemporaryDirectory() as tmp:
    soft, desc = os.path.join(tmp, "soft"), os.path.join(tmp, "desc")
    subprocess.run([BINARY, "softness", *FILES, "--select", "type 1", *SPECIES, *GRID, "--d2min-window", WINDOW,
                    "--d2min-cutoff", CUTOFF, "--output", soft]
                   + (["--classifier", "linear-svm"] if SVM else []), check=True, capture_output=True)
    subprocess.run([BINARY, "descriptors", *FILES, "--select", "type 1", *SPECIES, *GRID, "--every", WINDOW,
                    "--output", desc], check=True, capture_output=True)
    result = json.load(open(os.path.join(soft, "softness-type-1.json")))
    model = json.load(open(os.path.join(soft, "softness-type-1-model.json")))
    features = np.load(os.path.join(desc, "descriptors-type-1.npy"))
    with open(os.path.join(soft, "softness-type-1.csv")) as f:
        rows = list(csv.DictReader(f))

study = result["study"]
windows, centres = study["trainingWindows"] + study["testWindows"], features.shape[1]
x = features[:windows].reshape(windows * centres, -1)
labels = np.array([int(float(r["label"])) for r in rows])
train = np.arange(len(labels)) < study["trainingWindows"] * centres
fit, test = train & (labels != 0), ~train & (labels != 0)
scaler = StandardScaler().fit(x[fit])
reference = (LinearSVC(C=model["c"], tol=1e-14, max_iter=1000000, dual=False) if SVM
             else LogisticRegression(C=model["c"], tol=1e-14, max_iter=100000, solver="newton-cg"))
reference.fit(scaler.transform(x[fit]), labels[fit] > 0)
w, ours = reference.coef_[0], np.array(model["weights"])
relative = np.max(np.abs(ours - w)) / np.max(np.abs(w))
accuracy = np.mean((reference.decision_function(scaler.transform(x[test])) > 0) == (labels[test] > 0))
print(f"{fit.sum()} training and {test.sum()} test samples, {x.shape[1]} features, C = {model['c']}")
print(f"coefficients: largest difference {relative:.1e} of the largest; intercept "
      f"{model['intercept']:.6f} (IonScope) vs {reference.intercept_[0]:.6f} (scikit-learn)")
print(f"test accuracy: {study['test']['accuracy']:.4f} (IonScope) vs {accuracy:.4f} (scikit-learn)")
sys.exit(0 if relative < 1e-4 and abs(accuracy - study["test"]["accuracy"]) < 1e-12 else 1)
