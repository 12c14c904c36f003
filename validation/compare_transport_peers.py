#!/usr/bin/env python3
"""Compare IonScope's transport coefficients with tidynamics, MDAnalysis and kinisi on the
seed-002 primitive-model trajectory (Tests/Fixtures/primitive-model, LAMMPS lj units).

Not needed by the tests. Needs NumPy, SciPy, tidynamics and MDAnalysis; kinisi (pip install
kinisi) is used when it imports. Builds nothing: run `swift build` first. Usage, from the
repository root:

    python3 validation/compare_transport_peers.py [path/to/ionscope]

Each peer gets the same frames and the same fit windows as IonScope (σ = 1, τ = 1 taken as Å and
ps where a peer wants units). Prints, per quantity, IonScope's value ± σ, each peer's value and
the difference in units of IonScope's σ; exits non-zero when a peer that should agree exactly
(same estimator, same window) differs by more than 1e-3 relative, or when another differs by more
than 3σ.
"""
import gzip
import json
import os
import subprocess
import sys
import tempfile

import numpy as np
import tidynamics
from scipy.optimize import curve_fit

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
DUMP = os.path.join(ROOT, "Tests", "Fixtures", "primitive-model", "ions.lammpstrj.gz")
BINARY = sys.argv[1] if len(sys.argv) > 1 else os.path.join(ROOT, ".build", "debug", "ionscope")
TIMESTEP, DT = 0.005, 0.05  # τ; frames are 10 steps apart
SPECIES = {"cation": "type 1", "anion": "type 2"}
failures = []


def ionscope(*arguments):
    command = [BINARY, *arguments, "--timestep", str(TIMESTEP), "--json"]
    return json.loads(subprocess.run(command, check=True, capture_output=True, text=True).stdout)


def read_dump():
    """Image-unwrapped positions, velocities and charges, [frame, atom, xyz], atoms by id."""
    lines = gzip.open(DUMP, "rt").read().split("\n")
    frames, edge, i = [], None, 0
    while i < len(lines):
        if lines[i].startswith("ITEM: BOX BOUNDS"):
            low, high = map(float, lines[i + 1].split()[:2])
            edge = high - low
        if lines[i].startswith("ITEM: ATOMS"):
            n = int(lines[i - 5])  # NUMBER OF ATOMS precedes the box (3 lines) and its header
            frames.append(np.array([row.split() for row in lines[i + 1:i + 1 + n]], float))
            i += n
        i += 1
    data = np.array(frames)
    order = np.argsort(data[0, :, 0])
    data = data[:, order]
    return data[:, :, 3:6] + edge * data[:, :, 6:9], data[:, :, 9:12], data[0, :, 2], data[0, :, 1], edge


def slope(t, y, start, end):
    window = (t >= start - 1e-9) & (t <= end + 1e-9)
    return np.polyfit(t[window], y[window], 1)[0]


def plateau(integral):
    """I∞ of I(t) = I∞(1 − e^{−t/τ}), fitted over every lag as IonScope does."""
    t = np.arange(len(integral)) * DT
    tail = integral[3 * len(integral) // 4:].mean()
    reach = np.argmax(np.abs(integral) >= (1 - np.exp(-1)) * abs(tail)) or len(integral) // 4
    p, _ = curve_fit(lambda s, a, tau: a * (1 - np.exp(-s / tau)), t, integral, p0=[tail, max(reach, 1) * DT],
                     bounds=([-np.inf, 1e-6 * DT], [np.inf, t[-1]]))
    return p[0]


def running(acf):
    return np.concatenate([[0], np.cumsum(0.5 * DT * (acf[1:] + acf[:-1]))])


def compare(name, mine, error, peers, exact=()):
    """Peers are values, or (value, σ) pairs whose σ is added in quadrature."""
    print(f"{name:34s} IonScope {mine:.6g} ± {error:.2g}")
    for peer, value in peers.items():
        value, own = value if isinstance(value, tuple) else (value, 0.0)
        combined = np.hypot(error, own)
        z = (value - mine) / combined if combined else float("nan")
        flag = ""
        if peer in exact and abs(value - mine) > 1e-3 * abs(mine):
            flag = "  <-- differs (same estimator)"; failures.append((name, peer))
        elif abs(z) > 3:
            flag = "  <-- beyond 3σ"; failures.append((name, peer))
        shown = f"{value:.6g}" + (f" ± {own:.2g}" if own else "")
        print(f"{'':34s} {peer:38s} {shown:20s} ({z:+.2f} σ){flag}")


positions, velocities, charges, types, edge = read_dump()
volume = edge ** 3
frames = len(positions)
t = np.arange(frames) * DT
print(f"{DUMP}: {frames} frames, {positions.shape[1]} ions, V = {volume:.4f} σ³\n")

# Self-diffusion: Einstein (same window as IonScope) and Green–Kubo (same window and plateau fit).
for name, selection in SPECIES.items():
    atoms = types == float(selection.split()[1])
    # A fixed window in the diffusive regime (the automatic one starts at 0.4 τ, where the GLS fit
    # leans on early lags that run above the long-time slope).
    msd_json = ionscope("msd", DUMP, "--select", selection, "--drift", "none", "--fit-start", "5", "--fit-end", "20")
    d = msd_json["diffusion"]
    start, end = d["windowStart"], d["windowEnd"]
    msd = np.mean([tidynamics.msd(positions[:, k]) for k in np.where(atoms)[0]], axis=0)
    peers = {"tidynamics msd + OLS": slope(t, msd, start, end) / 6}
    try:
        import MDAnalysis as mda
        from MDAnalysis.analysis.msd import EinsteinMSD
        with tempfile.NamedTemporaryFile("w", suffix=".lammpstrj", delete=False) as handle:
            text = gzip.open(DUMP, "rt").read().replace("ITEM: UNITS\nlj\n", "")
            handle.write(text)
        universe = mda.Universe(handle.name, format="LAMMPSDUMP", unwrap_images=True, dt=DT)
        einstein = EinsteinMSD(universe, select=f"type {selection.split()[1]}", msd_type="xyz", fft=True).run()
        peers["MDAnalysis EinsteinMSD + OLS"] = slope(t, einstein.results.timeseries, start, end) / 6
        os.unlink(handle.name)
    except ImportError:
        print("(MDAnalysis not installed)")
    try:
        import scipp as sc
        from kinisi.analyze import DiffusionAnalyzer
        with tempfile.NamedTemporaryFile("w", suffix=".lammpstrj", delete=False) as handle:
            handle.write(gzip.open(DUMP, "rt").read().replace("ITEM: UNITS\nlj\n", ""))
        import MDAnalysis as mda
        universe = mda.Universe(handle.name, format="LAMMPSDUMP", dt=DT)  # wrapped: kinisi unwraps
        # Lags up to the window end (20 τ), as IonScope's fit.
        lags = sc.array(dims=["time interval"], values=np.arange(1, int(round(end / DT)) + 1) * DT, unit="ps")
        analyzer = DiffusionAnalyzer.from_universe(universe, specie=selection.split()[1], time_step=sc.scalar(TIMESTEP, unit="ps"),
                                                   step_skip=sc.scalar(10), dt=lags, progress=False)
        analyzer.diffusion(sc.scalar(start, unit="ps"), progress=False, random_state=np.random.RandomState(1))
        samples = analyzer.D.to(unit="angstrom**2/ps").values
        peers["kinisi (Bayesian, 5–20 τ)"] = (float(np.mean(samples)), float(np.std(samples)))
        os.unlink(handle.name)
    except Exception as error:  # kinisi absent or its API moved
        print(f"(kinisi skipped: {error})")
    compare(f"D Einstein {name} (σ²/τ)", d["coefficient"]["value"], d["coefficient"]["uncertainty"], peers)
    vacf_json = ionscope("vacf", DUMP, "--select", selection)["vacf"]
    lags = len(vacf_json["times"])
    acf = np.mean([tidynamics.acf(velocities[:, k]) for k in np.where(atoms)[0]], axis=0)[:lags]
    gk = vacf_json["diffusion"]
    compare(f"D Green–Kubo {name} (σ²/τ)", gk["value"], max(gk["fitError"], gk["blockError"]),
            {"tidynamics acf + plateau fit": plateau(running(acf) / 3)}, exact=("tidynamics acf + plateau fit",))

# Conductivity: Einstein (IonScope's window) and Green–Kubo; L^ij from the species' collective displacements.
both = ionscope("conductivity", DUMP, "--temperature", "1", "--atoms", "--green-kubo",
                *sum((["--species", f"{k}={v}"] for k, v in SPECIES.items()), []))
einstein, greenkubo = both["einstein"], both["greenKubo"]
start, end = einstein["fitWindow"]
relative = positions - positions.mean(axis=1, keepdims=True)  # relative to the (ion) centre of mass, as IonScope
sums = [relative[:, types == float(v.split()[1])].sum(axis=1) for v in SPECIES.values()]
for i, a in enumerate(SPECIES):
    for j, b in enumerate(SPECIES):
        if j < i:
            continue
        cross = 0.5 * (tidynamics.msd(sums[i] + sums[j]) - tidynamics.msd(sums[i]) - tidynamics.msd(sums[j])) if i != j else tidynamics.msd(sums[i])
        value = einstein["coefficients"][i][j]
        compare(f"L^{a}{b} (1/(σ·τ·ε))", value["value"], value["uncertainty"],
                {"tidynamics": slope(t, cross, start, end) / (6 * volume)}, exact=("tidynamics",))
dipole = (charges[None, :, None] * positions).sum(axis=1)
kappa = einstein["conductivity"]
compare("κ Einstein (q²/(σ·τ·ε))", kappa["value"], kappa["uncertainty"],
        {"tidynamics": slope(t, tidynamics.msd(dipole), start, end) / (6 * volume)}, exact=("tidynamics",))
current = (charges[None, :, None] * velocities).sum(axis=1)
lags = len(greenkubo["times"])
gk = greenkubo["conductivity"]
compare("κ Green–Kubo (q²/(σ·τ·ε))", gk["value"], max(gk["fitError"], gk["blockError"]),
        {"tidynamics acf + plateau fit": plateau(running(tidynamics.acf(current)[:lags]) / (3 * volume)),
         "IonScope Einstein κ": kappa["value"]}, exact=("tidynamics acf + plateau fit",))
try:
    import scipp as sc
    import MDAnalysis as mda
    from kinisi.analyze import ConductivityAnalyzer
    with tempfile.NamedTemporaryFile("w", suffix=".lammpstrj", delete=False) as handle:
        handle.write(gzip.open(DUMP, "rt").read().replace("ITEM: UNITS\nlj\n", ""))
    universe = mda.Universe(handle.name, format="LAMMPSDUMP", dt=DT)
    analyzer = ConductivityAnalyzer.from_universe(
        universe, time_step=sc.scalar(TIMESTEP, unit="ps"), step_skip=sc.scalar(10),
        species_indices=sc.array(dims=["atom"], values=np.arange(len(charges))),
        ionic_charge=sc.array(dims=["atom"], values=charges, unit="e"), progress=False)
    analyzer.conductivity(sc.scalar(start, unit="ps"), sc.scalar(1.0, unit="K"), progress=False,
                          random_state=np.random.RandomState(1))
    # kinisi reads σ, τ, q*, T* as Å, ps, e, K: divide its S/m by e²·1e-8/(k_B·1e-30) for κ*.
    scale = 1.602176634e-19 ** 2 * 1e-8 / (1.380649e-23 * 1e-30)
    samples = analyzer.sigma.to(unit="S/m").values / scale
    compare("κ Einstein (q²/(σ·τ·ε)), kinisi", kappa["value"], kappa["uncertainty"],
            {f"kinisi (Bayesian, {start:g} τ to end of run)": (float(np.mean(samples)), float(np.std(samples)))})
    os.unlink(handle.name)
except Exception as error:  # kinisi absent or its API moved
    print(f"(kinisi conductivity skipped: {error})")
print()
print("all agree" if not failures else f"disagreements: {failures}")
sys.exit(1 if failures else 0)
