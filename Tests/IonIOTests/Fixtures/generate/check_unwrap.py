#!/usr/bin/env python3
"""Summarise and check the unwrapping fixtures (npt_tri / nvt_ortho dumps, plain or .gz).

Per run: frames, cell volume and tilt ranges, boundary crossings (image-flag changes), atoms
outside [lo, hi) in the dumped 'wrapped' x, box flips, the identity xu = x + image . lattice, and
how three ways of unwrapping the wrapped x compare with LAMMPS's own xu = x + image . H(t).

Usage: python3 check_unwrap.py DIR
"""
import gzip
import os
import sys

import numpy as np


def read(path):
    op = gzip.open if path.endswith(".gz") else open
    steps, H, lo, X, IMG, XU = [], [], [], [], [], []
    with op(path, "rt") as f:
        while True:
            l = f.readline()
            if not l:
                break
            steps.append(int(f.readline()))
            f.readline()
            n = int(f.readline())
            hdr = f.readline()
            b = [[float(v) for v in f.readline().split()] for _ in range(3)]
            if "xy" in hdr:
                xy, xz, yz = b[0][2], b[1][2], b[2][2]
                xlo = b[0][0] - min(0, xy, xz, xy + xz); xhi = b[0][1] - max(0, xy, xz, xy + xz)
                ylo = b[1][0] - min(0, yz); yhi = b[1][1] - max(0, yz)
            else:
                xy = xz = yz = 0.0
                xlo, xhi, ylo, yhi = b[0][0], b[0][1], b[1][0], b[1][1]
            zlo, zhi = b[2][0], b[2][1]
            H.append([[xhi - xlo, 0, 0], [xy, yhi - ylo, 0], [xz, yz, zhi - zlo]])   # rows a, b, c
            lo.append([xlo, ylo, zlo])
            cols = f.readline().split()[2:]
            d = np.array([[float(v) for v in f.readline().split()] for _ in range(n)])
            c = {k: i for i, k in enumerate(cols)}
            assert (d[:, c["id"]] == np.arange(1, n + 1)).all()
            X.append(d[:, [c["x"], c["y"], c["z"]]])
            IMG.append(d[:, [c["ix"], c["iy"], c["iz"]]].astype(int))
            XU.append(d[:, [c["xu"], c["yu"], c["zu"]]])
    return np.array(steps), np.array(H, float), np.array(lo), np.array(X), np.array(IMG), np.array(XU)


def main(d):
    for name in ("npt_tri", "npt_flip", "nvt_ortho"):
        path = os.path.join(d, name + ".lammpstrj")
        if not os.path.exists(path):
            path += ".gz"
        steps, H, lo, X, IMG, XU = read(path)
        nf, n = X.shape[:2]
        vol = np.abs(np.linalg.det(H))
        print(f"{os.path.basename(path)}: {nf} frames, {n} atoms, steps {steps[0]}..{steps[-1]} every {steps[1]-steps[0]}")
        print(f"  volume {vol.min():.1f} .. {vol.max():.1f} A^3 ({100*(vol.max()-vol.min())/vol.mean():.1f}% of mean)")
        for lab, (i, j) in (("lx", (0, 0)), ("ly", (1, 1)), ("lz", (2, 2)), ("xy", (1, 0)), ("xz", (2, 0)), ("yz", (2, 1))):
            print(f"  {lab}: {H[:, i, j].min():8.4f} .. {H[:, i, j].max():8.4f} A")
        dimg = np.abs(np.diff(IMG, axis=0)).sum()
        moved = (np.diff(IMG, axis=0) != 0).any(axis=(0, 2)).sum()
        print(f"  boundary crossings (image-flag changes): {dimg}, atoms that crossed: {moved}/{n}")
        frac = np.einsum("fnj,fjk->fnk", X - lo[:, None, :], np.linalg.inv(H))
        out = ((frac < 0) | (frac >= 1)).any(-1)
        print(f"  dumped x outside [lo,hi): {out.sum()} atom-frames (max {np.abs(frac - np.clip(frac, 0, 1)).max():.2e} in fractional units)")
        flips = [k for k in range(1, nf) if np.abs(H[k] - H[k - 1]).max() > 0.25 * H[k, 0, 0]]
        print(f"  box flips: {flips if flips else 'none'}")
        e = np.abs(XU - (X + np.einsum("fni,fij->fnj", IMG, H))).max()
        print(f"  max |xu - (x + image.lattice)| = {e:.2e} A")
        # reader-style unwrap: minimum image in fractional coordinates of consecutive frames
        U = np.empty_like(X)
        U[0] = X[0] + IMG[0] @ H[0]
        s_prev = frac[0]
        img = IMG[0].astype(float)
        for k in range(1, nf):
            ds = frac[k] - s_prev
            jump = np.round(ds)
            img = img - jump
            U[k] = X[k] + img @ H[k]
            s_prev = frac[k]
        e2 = np.abs(U - XU).max()
        print(f"  (a) image-flag unwrap, flags tracked by jumps of fractional x: max |U - xu| {e2:.2e} A"
              + ("   <- breaks at the box flip" if e2 > 1e-3 else ""))
        # (b) flags re-derived each frame from the previous xu: n_k = round((xu_{k-1} - x_k) . H_k^-1)
        U = np.empty_like(X)
        U[0] = X[0] + IMG[0] @ H[0]
        nbad = 0
        for k in range(1, nf):
            nk = np.round((U[k - 1] - X[k]) @ np.linalg.inv(H[k]))
            U[k] = X[k] + nk @ H[k]
            nbad += (nk != IMG[k]).any(-1).sum()
        print(f"  (b) image-flag unwrap, n_k = round((xu_k-1 - x_k) H_k^-1): max |U - xu| "
              f"{np.abs(U - XU).max():.2e} A, frames*atoms with flags != LAMMPS: {nbad}")
        # (c) displacement accumulation (minimum image of x_k - x_k-1 in cell k): not LAMMPS's xu
        #     when the cell changes -- it drops the n . dH term that xu = x + n . H(t) contains.
        U = np.empty_like(X)
        U[0] = X[0] + IMG[0] @ H[0]
        for k in range(1, nf):
            dx = X[k] - X[k - 1]
            ds = dx @ np.linalg.inv(H[k])
            U[k] = U[k - 1] + (ds - np.round(ds)) @ H[k]
        print(f"  (c) minimum-image displacement accumulation: max |U - xu| {np.abs(U - XU).max():.3g} A")
        disp = np.linalg.norm(np.diff(XU, axis=0), axis=-1).max()
        print(f"  max displacement between frames {disp:.3f} A (half the smallest cell height "
              f"{0.5*min(vol/np.linalg.norm(np.cross(H[:,1],H[:,2]),axis=1)).min():.2f} A)")


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else ".")
