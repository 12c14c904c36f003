#!/usr/bin/env python3
"""Check the demo trajectory: Li / TFSI / PYR13 MSD and Li first-shell TFSI exchange.

Reads a LAMMPS dump (plain or .gz) with columns `id mol type q x y z ix iy iz`,
sorted by id, orthogonal box, constant atom count.

Usage: python3 check_demo.py demo.lammpstrj.gz [--timestep 2.0]
"""
import argparse
import gzip

import numpy as np

LI, TFSI_N, TFSI_S, PYR_N = 1, 2, 3, 4


def read_dump(path):
    op = gzip.open if path.endswith(".gz") else open
    steps, boxes, frames = [], [], []
    with op(path, "rt") as f:
        while True:
            line = f.readline()
            if not line:
                break
            assert line.startswith("ITEM: TIMESTEP")
            steps.append(int(f.readline()))
            f.readline()
            n = int(f.readline())
            f.readline()
            boxes.append([[float(v) for v in f.readline().split()[:2]] for _ in range(3)])
            cols = f.readline().split()[2:]
            data = np.loadtxt([f.readline() for _ in range(n)])
            frames.append(data)
    return np.array(steps), np.array(boxes), np.array(frames), cols


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("dump")
    ap.add_argument("--timestep", type=float, default=2.0, help="fs")
    a = ap.parse_args()
    steps, boxes, fr, cols = read_dump(a.dump)
    c = {k: i for i, k in enumerate(cols)}
    nf = len(steps)
    ids = fr[0][:, c["id"]].astype(int)
    assert all((f[:, c["id"]].astype(int) == ids).all() for f in fr), "dump must be sorted by id"
    typ = fr[0][:, c["type"]].astype(int)
    mol = fr[0][:, c["mol"]].astype(int)
    L = boxes[:, :, 1] - boxes[:, :, 0]                       # (nf, 3)
    x = fr[:, :, [c["x"], c["y"], c["z"]]]
    img = fr[:, :, [c["ix"], c["iy"], c["iz"]]]
    xu = x + img * L[:, None, :]
    t_ps = (steps - steps[0]) * a.timestep / 1000.0
    vol = np.prod(L, axis=1)
    print(f"frames: {nf}, steps {steps[0]}..{steps[-1]} every {steps[1]-steps[0]}, "
          f"t = {t_ps[-1]:.1f} ps, atoms {len(ids)}, box edge {L[0,0]:.3f} A (vol {vol[0]:.0f} A^3)")

    # MSD of single-bead Li and of molecule centres of mass (mass-weighted) -------
    masses = {1: 6.941, 2: 14.007, 3: 133.07, 4: 57.10, 5: 28.05, 6: 43.09}
    m = np.array([masses[t] for t in typ])

    def com_traj(sel_types):
        mols = np.unique(mol[np.isin(typ, sel_types)])
        out = np.empty((nf, len(mols), 3))
        for k, mm in enumerate(mols):
            s = mol == mm
            out[:, k] = (xu[:, s] * m[s][None, :, None]).sum(1) / m[s].sum()
        return out

    groups = {"Li": xu[:, typ == LI],
              "TFSI (com)": com_traj([TFSI_N, TFSI_S]),
              "PYR13 (com)": com_traj([PYR_N, 5, 6])}
    print("\nMSD (A^2), all-origins average, minus overall centre-of-mass drift:")
    sys_com = (xu * m[None, :, None]).sum(1) / m.sum()
    lags = [1, nf // 10, nf // 4, nf // 2, nf - 1]
    print("  lag (ps):   " + "  ".join(f"{t_ps[l]:8.1f}" for l in lags) + "   single-origin end")
    for name, r in groups.items():
        r = r - sys_com[:, None, :]
        vals = [np.mean(np.sum((r[l:] - r[:-l]) ** 2, axis=-1)) for l in lags]
        end = np.mean(np.sum((r[-1] - r[0]) ** 2, axis=-1))
        # D from the slope between 1/4 and 1/2 of the run (all origins)
        print(f"  {name:12s} " + "  ".join(f"{v:8.1f}" for v in vals) + f"   {end:8.1f}")
    r = groups["Li"] - sys_com[:, None, :]
    l1, l2 = nf // 10, nf // 2
    m1 = np.mean(np.sum((r[l1:] - r[:-l1]) ** 2, axis=-1))
    m2 = np.mean(np.sum((r[l2:] - r[:-l2]) ** 2, axis=-1))
    D = (m2 - m1) / (6 * (t_ps[l2] - t_ps[l1]))               # A^2/ps
    print(f"  D_Li ~ {D:.3f} A^2/ps = {D*1e-4:.2e} cm^2/s")

    # Li - TFSI_S radial distribution -> first-shell cutoff -----------------------
    li = np.where(typ == LI)[0]
    an = np.where(np.isin(typ, [TFSI_S, TFSI_N]))[0]
    sS = np.where(typ == TFSI_S)[0]
    bins = np.linspace(0, 10, 201)
    h = np.zeros(len(bins) - 1)
    for k in range(0, nf, max(1, nf // 50)):
        d = x[k][li][:, None, :] - x[k][sS][None, :, :]
        d -= L[k] * np.round(d / L[k])
        h += np.histogram(np.linalg.norm(d, axis=-1), bins)[0]
    rr = 0.5 * (bins[1:] + bins[:-1])
    shell = 4 * np.pi * rr ** 2 * (bins[1] - bins[0])
    g = h / shell / (len(range(0, nf, max(1, nf // 50))) * len(li) * len(sS) / vol.mean())
    ipk = np.argmax(g)
    imin = ipk + np.argmin(g[ipk:ipk + 60])
    rc = rr[imin]
    print(f"\ng(r) Li-TFSI_S: peak {g[ipk]:.1f} at {rr[ipk]:.2f} A, first minimum {g[imin]:.2f} at {rc:.2f} A")

    # First-shell membership of TFSI molecules (any bead within rc) ----------------
    amol = mol[an]
    umol = np.unique(amol)
    idx = np.searchsorted(umol, amol)
    member = np.zeros((nf, len(li), len(umol)), dtype=bool)
    for k in range(nf):
        d = x[k][li][:, None, :] - x[k][an][None, :, :]
        d -= L[k] * np.round(d / L[k])
        close = np.linalg.norm(d, axis=-1) < rc
        for j in range(len(li)):
            member[k, j, np.unique(idx[close[j]])] = True
    cn = member.sum(-1)
    changes = np.logical_xor(member[1:], member[:-1]).sum(-1)   # joins + leaves
    ever = member.any(0).sum(-1)
    first = member[0]
    still = (member[-1] & first).sum(-1)
    print(f"Li first shell (TFSI within {rc:.2f} A of Li): mean {cn.mean():.2f} TFSI per Li")
    print(f"  shell changes (joins+leaves between frames) per Li: mean {changes.sum(0).mean():.1f},"
          f" min {changes.sum(0).min()}, max {changes.sum(0).max()}")
    print(f"  distinct TFSI ever in a Li shell: mean {ever.mean():.1f} per Li (min {ever.min()}, max {ever.max()})")
    print(f"  of the initial shell TFSI, still there at the end: {still.sum()}/{first.sum()}")


if __name__ == "__main__":
    main()
