#!/usr/bin/env python3
"""Makes Tests/IonLearnTests/Fixtures/sklearn-logistic.json: 400 samples of 5 correlated features
with labels drawn from a logistic model, and scikit-learn's L2 logistic regression on them
(newton-cg, tol 1e-14: lbfgs stops with gradients of up to 3·10⁻⁴ here), standardised with StandardScaler, for C = 0.01, 1 and 100, with and without
class_weight="balanced"; plus accuracy, precision, recall, F1 and ROC AUC of each fit on its data.

Usage: python3 validation/softness/make_sklearn_reference.py   (pip install scikit-learn)
"""
import json
import os

import numpy as np
import sklearn
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import accuracy_score, f1_score, precision_score, recall_score, roc_auc_score
from sklearn.preprocessing import StandardScaler
from sklearn.svm import LinearSVC

rng = np.random.default_rng(2026)
n, d = 400, 5
mixing = rng.normal(size=(d, d))
x = rng.normal(size=(n, d)) @ mixing + rng.normal(size=d) * 3
true_w = np.array([1.5, -2.0, 0.5, 0.0, 1.0])
z = (x - x.mean(0)) / x.std(0) @ true_w - 1.0  # an intercept, so the classes are unbalanced
y = rng.random(n) < 1 / (1 + np.exp(-z))
scaled = StandardScaler().fit_transform(x)
fits = []
for c in [0.01, 1.0, 100.0]:
    for balanced in [False, True]:
        model = LogisticRegression(
            C=c, tol=1e-14, max_iter=100000, solver="newton-cg", class_weight="balanced" if balanced else None)
        model.fit(scaled, y)
        scores = model.decision_function(scaled)
        predicted = scores > 0
        fits.append({
            "C": c, "balanced": balanced, "weights": model.coef_[0].tolist(), "intercept": float(model.intercept_[0]),
            "accuracy": accuracy_score(y, predicted), "precision": precision_score(y, predicted),
            "recall": recall_score(y, predicted), "f1": f1_score(y, predicted), "auc": roc_auc_score(y, scores),
        })
svms = []
for c in [0.01, 1.0, 100.0]:
    for balanced in [False, True]:
        model = LinearSVC(C=c, tol=1e-14, max_iter=1000000, dual=False, class_weight="balanced" if balanced else None)
        model.fit(scaled, y)
        svms.append({"C": c, "balanced": balanced, "weights": model.coef_[0].tolist(),
                     "intercept": float(model.intercept_[0]),
                     "accuracy": accuracy_score(y, model.decision_function(scaled) > 0)})
out = {"sklearn": sklearn.__version__, "features": d, "x": x.ravel().tolist(), "y": y.tolist(), "fits": fits,
       "svms": svms}
path = os.path.join(os.path.dirname(__file__), "..", "..", "Tests", "IonLearnTests", "Fixtures", "sklearn-logistic.json")
with open(path, "w") as f:
    json.dump(out, f)
print(f"wrote {os.path.normpath(path)}: {n} samples, {int(y.sum())} positive, scikit-learn {sklearn.__version__}")
