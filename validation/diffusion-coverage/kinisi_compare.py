#!/usr/bin/env python3
"""kinisi's self-diffusion coefficient and σ next to IonScope's, on the runs of coverage.py.

For every run and species this prints IonScope's D ± σ and fit window (`ionscope msd --json`), and
kinisi 2.1's D ± σ (mean ± standard deviation of its posterior samples) with

  (a) kinisi's tutorial settings: the Bayesian regression from start_dt to the end of the run, all
      sampler defaults, with start_dt at the peak of the non-Gaussian parameter (kinisi 1.x's
      tutorials called `diffusion(ngp_max)`; 2.x needs an explicit start and its notebooks pick it
      by eye on a log-log MSD plot);
  (b) the same with start_dt = IonScope's chosen window start;
  (c) start_dt and the last lag both set to IonScope's window (the last lag through kinisi's `dt`
      argument; see the note on σ below);

then the run is cut into N consecutive segments (default 4) and each is fitted by IonScope and by
kinisi (a) and (b), with the χ² of each method's segment values about their weighted mean
(N − 1 dof): near 1, σ matches the scatter; below 1, σ is conservative; above 1, too small.

Inputs are LAMMPS dumps with image flags (columns id [mol] type ... x y z ix iy iz); coordinates are
unwrapped as x + ix·L and, for molecules, reduced to mass-weighted centres of mass with the masses
of the LAMMPS data file, before they are handed to kinisi's `Parser` as fractional coordinates (so
kinisi's own unwrapping and centre-of-mass code see already-unwrapped input and change nothing).
Drift: none for the primitive model (IonScope `--drift none`); for the demo model the mass-weighted
centre of mass of all atoms is subtracted first (IonScope's default `--drift system`), and kinisi's
own drift correction is switched off (empty drift_indices) in both cases.

kinisi units: lj σ and τ are handed to kinisi as Å and ps, and D is converted back from cm²/s.
Lag grid: kinisi's default is every lag; its 2-D covariance makes each MCMC likelihood evaluation
O(lags²), so the fits here use kinisi's `dt` argument with every k-th lag from the start to the
last lag of the run, k chosen so that at most --max-lags lags are fitted (kinisi counts independent
samples as N·max(dt)/dt, so k does not change its variances; in (c) max(dt) is IonScope's window
end, which inflates kinisi's σ by about sqrt(run length / window end) — a property of kinisi).

    python3 kinisi_compare.py --binary /path/to/ionscope \\
        --prim-1000 ions-1000.lammpstrj --prim-250 ions-long.lammpstrj \\
        --demo demo-long.lammpstrj --demo-data ../../Sources/ionscope/DemoData/demo.data

    # kinisi's default lag grid (every lag) without MCMC, in closed form (see kinisi_gls):
    python3 kinisi_compare.py ... --max-lags 0 --method gls

Demo species follow demo.data's Masses: Li = type 1, TFSI = types 2 3, PYR13 = types 4 5 6.
Timing (2 cores): --max-lags 400 with MCMC, all three runs, about 8 minutes; --max-lags 0 --method gls
on the 250 τ and demo runs, a few minutes (the 1000 τ run's 5000-lag matrices take minutes per fit).

Needs numpy, scipy, statsmodels, scipp and kinisi 2.1 (pip install kinisi), and the ionscope binary. Uses at most
--threads cores (default 2) for BLAS and for IonScope. Runs left out (no path given) are skipped.
"""
import argparse
import json
import math
import os
import subprocess
import sys
import time


def _threads_from_argv():
    for k, a in enumerate(sys.argv):
        if a == "--threads" and k + 1 < len(sys.argv):
            return sys.argv[k + 1]
        if a.startswith("--threads="):
            return a.split("=", 1)[1]
    return "2"


_T = _threads_from_argv()
for _v in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS", "NUMEXPR_NUM_THREADS"):
    os.environ[_v] = _T

import warnings  # noqa: E402

import numpy as np  # noqa: E402

warnings.filterwarnings("ignore")

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


# ----------------------------------------------------------------------------------------- input

def read_dump(path):
    """Frames of a LAMMPS custom dump: (steps, box lengths, column names, array frames × atoms × cols)."""
    steps, boxes, frames = [], [], []
    names = None
    with open(path) as f:
        lines = f.readlines()
    i, n = 0, len(lines)
    natoms = None
    while i < n:
        line = lines[i]
        if line.startswith("ITEM: TIMESTEP"):
            steps.append(int(lines[i + 1]))
            i += 2
        elif line.startswith("ITEM: NUMBER OF ATOMS"):
            natoms = int(lines[i + 1])
            i += 2
        elif line.startswith("ITEM: BOX BOUNDS"):
            lo_hi = [list(map(float, lines[i + 1 + d].split()[:2])) for d in range(3)]
            boxes.append([hi - lo for lo, hi in lo_hi])
            i += 4
        elif line.startswith("ITEM: ATOMS"):
            names = line.split()[2:]
            block = np.array(" ".join(lines[i + 1 : i + 1 + natoms]).split(), dtype=float)
            frames.append(block.reshape(natoms, len(names)))
            i += 1 + natoms
        else:
            i += 1
    return np.array(steps), np.array(boxes), names, np.array(frames)


def read_masses(data_path):
    """Masses by atom type from a LAMMPS data file."""
    masses = {}
    with open(data_path) as f:
        lines = f.read().splitlines()
    k = next(i for i, l in enumerate(lines) if l.strip() == "Masses")
    for line in lines[k + 2 :]:
        if not line.strip():
            break
        t, m = line.split()[:2]
        masses[int(t)] = float(m)
    return masses


def load_run(path, masses=None):
    steps, boxes, names, data = read_dump(path)
    if np.ptp(boxes, axis=0).max() > 1e-9 * boxes.max():
        sys.exit(f"{path}: the box changes; this script handles constant cubic/orthorhombic boxes only")
    col = {c: names.index(c) for c in names}
    for c in ("id", "type", "x", "y", "z", "ix", "iy", "iz"):
        if c not in col:
            sys.exit(f"{path}: column {c} missing")
    order = np.argsort(data[0][:, col["id"]])
    data = data[:, order, :]
    if not np.all(data[:, :, col["id"]] == data[0, :, col["id"]]):
        sys.exit(f"{path}: atom order differs between frames")
    box = boxes[0]
    xyz = data[:, :, [col["x"], col["y"], col["z"]]] + data[:, :, [col["ix"], col["iy"], col["iz"]]] * box
    run = {
        "steps": steps,
        "box": box,
        "types": data[0, :, col["type"]].astype(int),
        "mol": data[0, :, col["mol"]].astype(int) if "mol" in col else None,
        "xyz": xyz,
    }
    if masses is not None:
        run["mass"] = np.array([masses[t] for t in run["types"]])
    return run


def positions(run, types, molecules, drift):
    """Unwrapped positions (frames × particles × 3) of the selection, atoms or centres of mass."""
    xyz = run["xyz"]
    if drift == "system":
        m = run["mass"]
        com = (xyz * m[None, :, None]).sum(axis=1) / m.sum()
        xyz = xyz - (com - com[0])[:, None, :]
    sel = np.isin(run["types"], types)
    if not molecules:
        return xyz[:, sel, :]
    mol = run["mol"][sel]
    m = run["mass"][sel]
    x = xyz[:, sel, :]
    ids = np.unique(mol)
    out = np.empty((x.shape[0], ids.size, 3))
    for k, i in enumerate(ids):
        w = m[mol == i]
        out[:, k, :] = (x[:, mol == i, :] * w[None, :, None]).sum(axis=1) / w.sum()
    return out


def ngp_peak(x, frame_dt, max_lag):
    """Lag time of the maximum of the non-Gaussian parameter 3<r⁴>/(5<r²>²) − 1 (all origins)."""
    best, best_lag = -np.inf, 1
    for lag in range(1, max_lag + 1):
        r2 = ((x[lag:] - x[:-lag]) ** 2).sum(axis=-1)
        a2 = 3 * np.mean(r2 * r2) / (5 * np.mean(r2) ** 2) - 1
        if a2 > best:
            best, best_lag = a2, lag
    return best_lag * frame_dt


# ---------------------------------------------------------------------------------------- kinisi

def kinisi_parser(x, box, md_dt, skip, start_time, end_lag, max_lags):
    """kinisi's Parser for unwrapped positions x (frames × particles × 3) in a fixed orthorhombic cell
    `box` (3 lengths), with the lag grid of lag_grid; returns (parser, lags, stride)."""
    import scipp as sc
    from kinisi.parser import Parser

    frames = x.shape[0]
    frame_dt = md_dt * skip
    lags, stride = lag_grid(frames, frame_dt, start_time, end_lag, max_lags)
    parser = Parser(
        coords=sc.array(dims=["time", "particle", "dimension"], values=x / box, unit=sc.units.dimensionless),
        latt=sc.array(dims=["time", "dimension1", "dimension2"],
                      values=np.broadcast_to(np.diag(box), (frames, 3, 3)).copy(), unit=sc.units.angstrom),
        time_step=sc.scalar(md_dt, unit="ps"),
        step_skip=sc.scalar(float(skip), unit=sc.units.dimensionless),
        dt=sc.array(dims=["time interval"], values=lags * frame_dt, unit="ps"),
        specie_indices=sc.array(dims=["particle"], values=np.arange(x.shape[1])),
        drift_indices=sc.array(dims=["particle"], values=np.array([], dtype=np.int64)),
        dimension="xyz",
    )
    return parser, lags, stride


def kinisi_fit(x, box, md_dt, skip, start_time, end_lag, max_lags, n_samples, seed):
    """kinisi 2.1 D ± σ (native length²/time) from unwrapped positions x (frames × particles × 3)."""
    import scipp as sc
    from kinisi.analyze import DiffusionAnalyzer
    from kinisi.displacement import calculate_msd

    parser, lags, stride = kinisi_parser(x, box, md_dt, skip, start_time, end_lag, max_lags)
    frame_dt = md_dt * skip
    analyzer = DiffusionAnalyzer(parser)
    analyzer._dg = calculate_msd(parser, progress=False)  # what from_universe/from_ase do after parsing
    t0 = time.time()
    analyzer.diffusion(
        sc.scalar(lags[0] * frame_dt * (1 - 1e-9), unit="ps"),
        n_samples=n_samples,
        progress=False,
        random_state=np.random.RandomState(seed),
    )
    d = sc.to_unit(analyzer.D, "angstrom**2/ps").values
    return {
        "value": float(np.mean(d)),
        "uncertainty": float(np.std(d, ddof=1)),
        "start": float(lags[0] * frame_dt),
        "end": float(lags[-1] * frame_dt),
        "lags": int(lags.size),
        "stride": stride,
        "seconds": time.time() - t0,
    }


def lag_grid(frames, frame_dt, start_time, end_lag, max_lags):
    """Every k-th lag from start_time to the last lag (end_lag or the run's), at most max_lags (0: every lag)."""
    last = frames - 1 if end_lag is None else min(end_lag, frames - 1)
    first = max(1, int(math.ceil(start_time / frame_dt - 1e-9)))
    stride = max(1, int(math.ceil((last - first + 1) / max_lags))) if max_lags > 0 else 1
    lags = np.arange(first, last + 1, stride)
    if lags[-1] != last:  # keep the last lag: kinisi counts independent samples as N·max(dt)/dt
        lags = np.append(lags, last)
    return lags, stride


def kinisi_gls(x, box, md_dt, skip, start_time, end_lag, max_lags):
    """kinisi 2.1's posterior mean and σ of D without MCMC, for fits over every lag (its default).

    kinisi's likelihood is a multivariate normal in (gradient, intercept) with flat priors (gradient > 0),
    so its posterior is the generalised-least-squares Gaussian: mean (XᵀC⁻¹X)⁻¹XᵀC⁻¹y, covariance
    (XᵀC⁻¹X)⁻¹, with C kinisi's model covariance. C is kinisi's — cov[i, j] = var[i]·n[i]/n[j] for
    j ≥ i from kinisi's own calculate_msd, reconditioned with kinisi's minimum_eigenvalue_method and
    statsmodels' cov_nearest exactly as Diffusion.compute_covariance_matrix does — but assembled
    vectorised (its double Python loop takes minutes at 5000 lags); C⁻¹ is scipy's pinvh, as in kinisi.
    """
    from kinisi.diffusion import minimum_eigenvalue_method
    from kinisi.displacement import calculate_msd
    from scipy.linalg import pinvh
    from statsmodels.stats.correlation_tools import cov_nearest

    t0 = time.time()
    parser, lags, stride = kinisi_parser(x, box, md_dt, skip, start_time, end_lag, max_lags)
    da = calculate_msd(parser, progress=False)["da"]
    y = da.values
    var = da.variances
    n = da.coords["n_samples"].values
    t = da.coords["time interval"].values
    i, j = np.meshgrid(np.arange(y.size), np.arange(y.size), indexing="ij")
    lo, hi = np.minimum(i, j), np.maximum(i, j)
    cov = n[lo] / n[hi] * var[lo]
    cov = cov_nearest(minimum_eigenvalue_method(cov, 1e16))
    inv = pinvh(cov)
    X = np.column_stack([t, np.ones_like(t)])
    fisher = X.T @ inv @ X
    beta = np.linalg.solve(fisher, X.T @ inv @ y)
    cov_beta = np.linalg.inv(fisher)
    # gradient in Å²/ps (σ², τ for lj) over 2·dimensionality
    return {"value": float(beta[0] / 6), "uncertainty": float(math.sqrt(cov_beta[0, 0]) / 6),
            "start": float(t[0]), "end": float(t[-1]), "lags": int(t.size), "stride": stride,
            "seconds": time.time() - t0}


# -------------------------------------------------------------------------------------- ionscope

def ionscope(binary, files, selection, start, stop, extra, molecules, threads):
    command = [binary, "msd", *files, "--select", selection, "--start", str(start), "--stop", str(stop),
               "--threads", str(threads), "--json", *extra]
    if molecules:
        command.append("--molecules")
    out = subprocess.run(command, capture_output=True, text=True)
    if out.returncode != 0:
        sys.exit(f"ionscope failed on {selection} [{start}, {stop}): {out.stderr.strip()}")
    d = json.loads(out.stdout)["diffusion"]
    return {"value": d["coefficient"]["value"], "uncertainty": d["coefficient"]["uncertainty"],
            "start": d["windowStart"], "end": d["windowEnd"], "unit": d.get("unit", ""),
            "warnings": d.get("warnings", 0)}


# ------------------------------------------------------------------------------------------ main

def chi2_about_mean(rows):
    v = np.array([r["value"] for r in rows])
    s = np.array([r["uncertainty"] for r in rows])
    w = 1 / s**2
    mean = (w * v).sum() / w.sum()
    chi2 = (((v - mean) / s) ** 2).sum()
    return mean, chi2, len(rows) - 1


def p_value(chi2, dof):
    try:
        from scipy.stats import chi2 as dist

        return float(dist.sf(chi2, dof))
    except ImportError:
        return float("nan")


def fmt(r, digits=4):
    return f"{r['value']:.{digits}f} ± {r['uncertainty']:.{digits}f}"


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--binary", default=os.path.join(ROOT, ".build", "release", "ionscope"))
    ap.add_argument("--prim-1000", help="primitive model, 1000 τ dump (5001 frames, dump every 40 steps)")
    ap.add_argument("--prim-250", help="primitive model, 250 τ dump (2501 frames, dump every 20 steps)")
    ap.add_argument("--demo", help="demo model, 1.2 ns dump (1201 frames, dump every 500 steps)")
    ap.add_argument("--demo-data", default=os.path.join(ROOT, "Sources", "ionscope", "DemoData", "demo.data"))
    ap.add_argument("--segments", type=int, default=4)
    ap.add_argument("--max-lags", type=int, default=400, help="most lags in one kinisi fit (default 400)")
    ap.add_argument("--samples", type=int, default=1000, help="kinisi n_samples (default 1000, kinisi's)")
    ap.add_argument("--seed", type=int, default=42)
    ap.add_argument("--threads", type=int, default=2)
    ap.add_argument("--method", choices=["mcmc", "gls"], default="mcmc",
                    help="kinisi's MCMC (default) or its posterior in closed form (kinisi_gls), for every-lag fits")
    ap.add_argument("--json", help="also write all numbers to this file")
    args = ap.parse_args()

    import kinisi

    def kfit(x, box, md_dt, skip, start, end_lag):
        if args.method == "gls":
            return kinisi_gls(x, box, md_dt, skip, start, end_lag, args.max_lags)
        return kinisi_fit(x, box, md_dt, skip, start, end_lag, args.max_lags, args.samples, args.seed)

    runs = []
    if args.prim_1000:
        runs.append(dict(name="primitive 1000 τ", path=args.prim_1000, topo=None, frames=5000, md_dt=0.005,
                         skip=40, drift="none", extra=["--drift", "none", "--timestep", "0.005"],
                         species=[("cation", "type 1", [1], False), ("anion", "type 2", [2], False)]))
    if args.prim_250:
        runs.append(dict(name="primitive 250 τ", path=args.prim_250, topo=None, frames=2500, md_dt=0.005,
                         skip=20, drift="none", extra=["--drift", "none", "--timestep", "0.005"],
                         species=[("cation", "type 1", [1], False), ("anion", "type 2", [2], False)]))
    if args.demo:
        runs.append(dict(name="demo 1.2 ns", path=args.demo, topo=args.demo_data, frames=1200, md_dt=0.002,
                         skip=500, drift="system", extra=["--timestep", "0.002"],
                         species=[("Li⁺", "type 1", [1], False), ("TFSI⁻", "type 2 3", [2, 3], True),
                                  ("PYR13⁺", "type 4 5 6", [4, 5, 6], True)]))
    if not runs:
        sys.exit("give at least one of --prim-1000, --prim-250, --demo")
    print(f"kinisi {kinisi.__version__}, numpy {np.__version__}, {args.threads} threads, "
          + (f"MCMC n_samples {args.samples} (n_walkers 32, n_burn 500, n_thin 10: kinisi's defaults)"
             if args.method == "mcmc" else "closed-form posterior (kinisi_gls)")
          + f", {'every lag' if args.max_lags <= 0 else f'≤ {args.max_lags} lags/fit'}")
    results = []
    t_all = time.time()
    for run in runs:
        t_run = time.time()
        masses = read_masses(run["topo"]) if run["topo"] else None
        data = load_run(run["path"], masses)
        steps = data["steps"]
        if not np.all(np.diff(steps) == run["skip"]):
            sys.exit(f"{run['path']}: frames are not {run['skip']} steps apart")
        frame_dt = run["md_dt"] * run["skip"]
        files = [run["topo"], run["path"]] if run["topo"] else [run["path"]]
        n_frames = run["frames"]
        seg_len = n_frames // args.segments
        print(f"\n#### {run['name']}: {run['path']} ({data['xyz'].shape[0]} frames read, {n_frames} used, "
              f"{frame_dt:g} apart; {args.segments} segments of {seg_len}); read in {time.time() - t_run:.0f} s")
        for label, selection, types, molecules in run["species"]:
            x_all = positions(data, types, molecules, run["drift"])[:n_frames]
            entry = {"run": run["name"], "species": label, "particles": x_all.shape[1]}

            def fits(x, lo, hi):
                ion = ionscope(args.binary, files, selection, lo, hi, run["extra"], molecules, args.threads)
                t_ngp = ngp_peak(x, frame_dt, max(2, min(400, x.shape[0] // 5)))
                a = kfit(x, data["box"], run["md_dt"], run["skip"], t_ngp, None)
                b = kfit(x, data["box"], run["md_dt"], run["skip"], ion["start"], None)
                return ion, t_ngp, a, b

            ion, t_ngp, a, b = fits(x_all, 0, n_frames)
            end_lag = int(round(ion["end"] / frame_dt))
            c = kfit(x_all, data["box"], run["md_dt"], run["skip"], ion["start"], end_lag)
            entry.update(ionscope=ion, ngp_peak=t_ngp, kinisi_a=a, kinisi_b=b, kinisi_c=c, segments=[])
            unit = ion["unit"]
            print(f"\n== {label} ({selection}{', centres of mass' if molecules else ''}; {x_all.shape[1]} "
                  f"particles), D in {unit}")
            print(f"  IonScope            {fmt(ion)}  window {ion['start']:.4g}–{ion['end']:.4g}")
            print(f"  kinisi (a) NGP peak {fmt(a)}  fit {a['start']:.4g}–{a['end']:.4g} "
                  f"({a['lags']} lags, every {a['stride']}; {a['seconds']:.1f} s)")
            print(f"  kinisi (b) IonScope start {fmt(b)}  fit {b['start']:.4g}–{b['end']:.4g} "
                  f"({b['lags']} lags, every {b['stride']}; {b['seconds']:.1f} s)")
            print(f"  kinisi (c) IonScope window {fmt(c)}  fit {c['start']:.4g}–{c['end']:.4g} "
                  f"({c['lags']} lags, every {c['stride']}; {c['seconds']:.1f} s)")
            seg = {"ionscope": [], "kinisi_a": [], "kinisi_b": []}
            for k in range(args.segments):
                lo, hi = k * seg_len, (k + 1) * seg_len
                s_ion, s_ngp, s_a, s_b = fits(x_all[lo:hi], lo, hi)
                seg["ionscope"].append(s_ion)
                seg["kinisi_a"].append(s_a)
                seg["kinisi_b"].append(s_b)
                entry["segments"].append({"frames": [lo, hi], "ionscope": s_ion, "ngp_peak": s_ngp,
                                          "kinisi_a": s_a, "kinisi_b": s_b})
                print(f"  segment {k}: IonScope {fmt(s_ion)} from {s_ion['start']:.3g}"
                      f"{' (warned)' if s_ion['warnings'] else ''} | kinisi (a) {fmt(s_a)} from {s_a['start']:.3g}"
                      f" | (b) {fmt(s_b)} from {s_b['start']:.3g}")
            entry["chi2"] = {}
            for key, name in (("ionscope", "IonScope"), ("kinisi_a", "kinisi (a)"), ("kinisi_b", "kinisi (b)")):
                mean, chi2, dof = chi2_about_mean(seg[key])
                sd = float(np.std([r["value"] for r in seg[key]], ddof=1))
                ms = float(np.mean([r["uncertainty"] for r in seg[key]]))
                entry["chi2"][key] = {"mean": mean, "chi2": chi2, "dof": dof, "std": sd, "mean_sigma": ms}
                print(f"  {name:10s} segments: weighted mean {mean:.4f}, χ²/dof = {chi2 / dof:.2f} "
                      f"(p = {p_value(chi2, dof):.2f}); segment std {sd:.4f} vs mean σ {ms:.4f}")
            results.append(entry)
        print(f"-- {run['name']} took {time.time() - t_run:.0f} s")

    print("\n#### summary (D ± σ; χ²/dof of the segments about their weighted mean)")
    print("| run | species | IonScope (window) | kinisi (a) NGP-peak start | kinisi (b) IonScope start | "
          "kinisi (c) IonScope window | segments' χ²/dof: IonScope / kinisi (a) / kinisi (b) |")
    print("|---|---|---|---|---|---|---|")
    for e in results:
        i, a, b, c = e["ionscope"], e["kinisi_a"], e["kinisi_b"], e["kinisi_c"]
        ch = e["chi2"]
        print(f"| {e['run']} | {e['species']} | {fmt(i)} ({i['start']:.3g}–{i['end']:.3g}) | {fmt(a)} "
              f"(from {a['start']:.3g}) | {fmt(b)} | {fmt(c)} | "
              + " / ".join(f"{ch[k]['chi2'] / ch[k]['dof']:.2f}" for k in ("ionscope", "kinisi_a", "kinisi_b"))
              + " |")
    pooled = {}
    for key in ("ionscope", "kinisi_a", "kinisi_b"):
        for group in ("primitive", "demo"):
            sel = [e["chi2"][key] for e in results if e["run"].startswith(group)]
            if sel:
                chi2 = sum(s["chi2"] for s in sel)
                dof = sum(s["dof"] for s in sel)
                pooled[(key, group)] = (chi2, dof)
                print(f"pooled {group} {key}: χ² = {chi2:.2f} for {dof} dof (χ²/dof = {chi2 / dof:.2f}, "
                      f"p = {p_value(chi2, dof):.3g})")
    print(f"\ntotal {time.time() - t_all:.0f} s")
    if args.json:
        with open(args.json, "w") as f:
            json.dump(results, f, indent=1)


if __name__ == "__main__":
    main()
