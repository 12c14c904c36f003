"""Conformal calibration of the fixture's ensemble, computed with NumPy from the extended XYZ text,
beside `ionscope uncertainty --json` on the same files: u, e, q̂, coverage and the frames picked.

    python3 validation/conformal/compare_numpy.py [--ionscope .build/release/ionscope]

Independent of IonScope's code: q̂ is the k-th smallest score, k = ceil((n+1)(1-alpha)): NumPy's
quantile at level k/n with method="inverted_cdf". (The recipe often quoted, method="higher" at the
same level, takes NumPy's virtual index ceil(k(n-1)/n), the (k+1)-th smallest score for k < n: one
rank more conservative than the theory needs; both are printed.)"""
import argparse, gzip, json, math, subprocess, sys
import numpy as np

FIXTURE = "Tests/Fixtures/ensemble-forces"


def read(path, models, reference):
    frames = []
    with gzip.open(path, "rt") as f:
        while True:
            line = f.readline()
            if not line.strip():
                break
            n = int(line)
            comment = f.readline()
            spec = comment.split("Properties=")[1].split()[0].split(":")
            cols, c = {}, 0
            for k in range(0, len(spec), 3):
                cols[spec[k]] = c
                c += int(spec[k + 2])
            rows = [f.readline().split() for _ in range(n)]
            p = np.array([[[float(r[cols[m] + a]) for a in range(3)] for m in models] for r in rows])
            ref = None
            if reference:
                ref = np.array([[float(r[cols[reference] + a]) for a in range(3)] for r in rows])
            frames.append((p, ref))
    return frames


def measure(frames):
    u = [np.mean(np.std(p, axis=1), axis=1) for p, _ in frames]
    e = [np.mean(np.abs(ref - p.mean(axis=1)), axis=1) for p, ref in frames if ref is not None]
    return u, e


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--ionscope", default=".build/release/ionscope")
    ap.add_argument("--alpha", type=float, default=0.1)
    ap.add_argument("--threshold", type=float, default=3.0)
    a = ap.parse_args()
    models = [f"model_{m}" for m in range(4)]
    u, e = measure(read(f"{FIXTURE}/calibration.extxyz.gz", models, "REF_forces"))
    ea, ua = np.concatenate(e), np.concatenate(u)
    scores = np.divide(ea, ua, out=np.where(ea > 0, np.inf, 0.0), where=ua > 0)
    n = len(scores)
    k = math.ceil((n + 1) * (1 - a.alpha))
    q = np.quantile(scores, k / n, method="inverted_cdf")
    assert q == np.sort(scores)[k - 1]
    higher = np.quantile(scores, k / n, method="higher")
    ut, et = measure(read(f"{FIXTURE}/test.extxyz.gz", models, "REF_forces"))
    coverage = np.mean(np.concatenate(et) <= q * np.concatenate(ut))
    up, _ = measure(read(f"{FIXTURE}/pool.extxyz.gz", models, None))
    picked = [i for i, x in enumerate(up) if q * x.max() > a.threshold]
    print(f"NumPy:    n = {n}, k = {k}, q̂ = {q:.6f}, test coverage {coverage:.4f}, picked {picked}")
    print(f"          (method='higher' at level k/n: {higher:.6f}, the {np.searchsorted(np.sort(scores), higher) + 1}-th smallest)")
    run = subprocess.run(
        [a.ionscope, "uncertainty", f"{FIXTURE}/calibration.extxyz.gz", "--units", "lj",
         "--models", ",".join(models), "--reference", "REF_forces", "--test", f"{FIXTURE}/test.extxyz.gz",
         "--pool", f"{FIXTURE}/pool.extxyz.gz", "--alpha", str(a.alpha), "--threshold", str(a.threshold), "--json"],
        capture_output=True, text=True)
    if run.returncode != 0:
        sys.exit(run.stderr)
    out = json.loads(run.stdout)
    cal = out["study"]["calibration"]
    mine = [f["frame"] for f in out["pool"]["selected"]]
    print(f"IonScope: n = {cal['count']}, k = {cal['rank']}, q̂ = {cal['quantile']:.6f}, "
          f"test coverage {out['study']['test']['coverage']:.4f}, picked {mine}")
    ok = cal["count"] == n and cal["rank"] == k and abs(cal["quantile"] - q) <= 1e-9 * q and mine == picked
    print("agree" if ok else "DISAGREE")
    sys.exit(0 if ok else 1)


if __name__ == "__main__":
    main()
