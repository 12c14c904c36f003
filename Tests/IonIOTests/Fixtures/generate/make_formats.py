#!/usr/bin/env python3
"""From the LAMMPS output of in.conformance.lammps, write truth.json and the same frames in
other formats (ASE extxyz, MDAnalysis PDB, GRO, gmx trjconv XTC/TRR, gsd.hoomd GSD), then read
every file back with an independent reader and compare it with truth.json.

Run in the scratch directory that holds system.data, full.lammpstrj, scaled.lammpstrj,
unwrapped.lammpstrj, traj.dcd, traj.xyz.  Needs numpy, ase, MDAnalysis, gsd and `gmx`.
"""
import json
import os
import subprocess
import warnings

import numpy as np

warnings.filterwarnings("ignore")

ELEMENT = {1: "Li", 2: "Cl", 3: "N", 4: "S", 5: "O", 6: "C"}      # dump_modify element order
ATOMNAME = {1: "LI", 2: "CL", 3: "N", 4: "S", 5: "O", 6: "C"}
RESNAME = {(1,): "LI", (2,): "CL", (3, 4, 4): "TFS", (5, 6, 6): "ETH"}
TIMESTEP_FS = 1.0


# ---- LAMMPS data + dump --------------------------------------------------------------
def read_data(path):
    lines = open(path).read().split("\n")
    box = {}
    masses = {}
    for i, l in enumerate(lines):
        w = l.split()
        if l.endswith("xlo xhi"):
            box["xlo"], box["xhi"] = float(w[0]), float(w[1])
        elif l.endswith("ylo yhi"):
            box["ylo"], box["yhi"] = float(w[0]), float(w[1])
        elif l.endswith("zlo zhi"):
            box["zlo"], box["zhi"] = float(w[0]), float(w[1])
        elif l.endswith("xy xz yz"):
            box["xy"], box["xz"], box["yz"] = map(float, w[:3])
        elif l.startswith("Masses"):
            j = i + 2
            while lines[j].strip():
                masses[int(lines[j].split()[0])] = float(lines[j].split()[1])
                j += 1
    return box, masses


def read_dump(path):
    """-> list of (step, bounds 3x3 list, columns, list of row string-lists)."""
    frames = []
    with open(path) as f:
        while True:
            l = f.readline()
            if not l:
                break
            step = int(f.readline())
            f.readline()
            n = int(f.readline())
            f.readline()
            bounds = [[float(v) for v in f.readline().split()] for _ in range(3)]
            cols = f.readline().split()[2:]
            rows = [f.readline().split() for _ in range(n)]
            frames.append((step, bounds, cols, rows))
    return frames


def box_from_bounds(b):
    xlo_b, xhi_b, xy = b[0]
    ylo_b, yhi_b, xz = b[1]
    zlo, zhi, yz = b[2]
    return dict(xlo=xlo_b - min(0.0, xy, xz, xy + xz), xhi=xhi_b - max(0.0, xy, xz, xy + xz),
                ylo=ylo_b - min(0.0, yz), yhi=yhi_b - max(0.0, yz), zlo=zlo, zhi=zhi,
                xy=xy, xz=xz, yz=yz)


def lattice(bx):
    return np.array([[bx["xhi"] - bx["xlo"], 0.0, 0.0],
                     [bx["xy"], bx["yhi"] - bx["ylo"], 0.0],
                     [bx["xz"], bx["yz"], bx["zhi"] - bx["zlo"]]])


def main():
    data_box, masses = read_data("system.data")
    dump = read_dump("full.lammpstrj")
    cols = dump[0][2]
    ci = {c: i for i, c in enumerate(cols)}
    frames = []
    for step, bounds, _, rows in dump:
        rows = sorted(rows, key=lambda r: int(r[ci["id"]]))
        get = lambda names, typ=float: [[typ(r[ci[c]]) for c in names] for r in rows]
        bx = box_from_bounds(bounds)
        frames.append(dict(step=step, box=bx, rows=rows,
                           x=get(["x", "y", "z"]), xu=get(["xu", "yu", "zu"]),
                           img=get(["ix", "iy", "iz"], int), v=get(["vx", "vy", "vz"]),
                           f=get(["fx", "fy", "fz"])))
    r0 = frames[0]["rows"]
    ids = [int(r[ci["id"]]) for r in r0]
    types = [int(r[ci["type"]]) for r in r0]
    mols = [int(r[ci["mol"]]) for r in r0]
    charges = [float(r[ci["q"]]) for r in r0]
    amass = [masses[t] for t in types]
    for fr in frames:
        for k in data_box:
            assert abs(fr["box"][k] - data_box[k]) < 1e-12, (k, fr["box"][k], data_box[k])

    # ---- truth.json --------------------------------------------------------------------
    truth = {
        "description": "Ground truth for the conformance fixtures: every frame of full.lammpstrj, "
                       "atoms in ascending atom-id order. Units: LAMMPS real (A, fs, A/fs, "
                       "kcal/mol/A, g/mol, e).",
        "source": "LAMMPS 29 Sep 2021 update 2 (Debian package 20220106), in.conformance.lammps",
        "units": "real",
        "timestep_fs": TIMESTEP_FS,
        "dump_every_steps": frames[1]["step"] - frames[0]["step"],
        "n_atoms": len(ids), "n_frames": len(frames),
        "ids": ids, "types": types, "mol": mols, "masses": amass, "charges": charges,
        "type_elements": {str(t): e for t, e in ELEMENT.items()},
        "type_masses": {str(t): m for t, m in masses.items()},
        "frames": [],
    }
    for fr in frames:
        L = lattice(fr["box"])
        truth["frames"].append({
            "step": fr["step"], "time_fs": fr["step"] * TIMESTEP_FS,
            "box": fr["box"], "lattice": {"a": L[0].tolist(), "b": L[1].tolist(), "c": L[2].tolist()},
            "positions": fr["x"], "unwrapped": fr["xu"], "image": fr["img"],
            "velocities": fr["v"], "forces": fr["f"],
        })
    with open("truth.json", "w") as f:
        json.dump(truth, f, separators=(",", ":"))
    print(f"truth.json: {len(frames)} frames, {len(ids)} atoms")

    X = np.array([fr["x"] for fr in frames])          # (nf, n, 3) A, wrapped
    XU = np.array([fr["xu"] for fr in frames])
    IMG = np.array([fr["img"] for fr in frames])
    V = np.array([fr["v"] for fr in frames])           # A/fs
    LAT = np.array([lattice(fr["box"]) for fr in frames])
    steps = [fr["step"] for fr in frames]
    nf, n = X.shape[:2]
    origin = np.array([data_box["xlo"], data_box["ylo"], data_box["zlo"]])
    assert np.allclose(origin, 0.0), "the GROMACS/PDB files assume a box origin at 0"

    # residues = molecules (ids sorted, so a molecule's atoms are contiguous)
    molres = {}
    for t, m in zip(types, mols):
        molres.setdefault(m, []).append(t)
    resname_of_mol = {m: RESNAME[tuple(sorted(ts))] for m, ts in molres.items()}
    assert all(mols[i] <= mols[i + 1] for i in range(n - 1)), "molecules must be contiguous"

    # ---- ASE extended XYZ ----------------------------------------------------------------
    import ase
    import ase.io
    images = []
    for k in range(nf):
        at = ase.Atoms(symbols=[ELEMENT[t] for t in types], positions=X[k], cell=LAT[k], pbc=True)
        at.new_array("id", np.array(ids))
        at.new_array("type", np.array(types))
        at.new_array("mol", np.array(mols))
        at.new_array("charge", np.array(charges))
        at.new_array("mass", np.array(amass))
        at.new_array("velo", V[k])                      # A/fs (libAtoms/QUIP convention)
        at.new_array("image", IMG[k])
        at.info["step"] = steps[k]
        at.info["time"] = steps[k] * TIMESTEP_FS
        at.info["time_units"] = "fs"
        images.append(at)
    ase.io.write("traj.extxyz", images, format="extxyz")

    # ---- MDAnalysis universe (PDB) ----------------------------------------------------------
    import MDAnalysis as mda
    from MDAnalysis.coordinates.memory import MemoryReader
    from MDAnalysis.lib.mdamath import triclinic_box
    res_mols = sorted(molres)
    u = mda.Universe.empty(n, n_residues=len(res_mols), n_segments=1,
                           atom_resindex=[res_mols.index(m) for m in mols], trajectory=True)
    u.add_TopologyAttr("name", [ATOMNAME[t] for t in types])
    u.add_TopologyAttr("type", [ELEMENT[t] for t in types])
    u.add_TopologyAttr("elements", [ELEMENT[t] for t in types])
    u.add_TopologyAttr("resname", [resname_of_mol[m] for m in res_mols])
    u.add_TopologyAttr("resid", res_mols)
    u.add_TopologyAttr("segid", ["SYS"])
    u.add_TopologyAttr("chainIDs", ["A"] * n)
    u.add_TopologyAttr("masses", amass)
    u.add_TopologyAttr("charges", charges)
    u.add_TopologyAttr("ids", list(range(1, n + 1)))
    dims = np.array([triclinic_box(*LAT[k]) for k in range(nf)])
    u.load_new(X.astype(np.float32), format=MemoryReader, dimensions=dims, dt=steps[1] - steps[0])
    with mda.Writer("traj.pdb", n, multiframe=True) as w:
        for ts in u.trajectory:
            w.write(u.atoms)
    # MDAnalysis writes CRYST1 once, before the first MODEL; repeat it before every MODEL, as
    # `gmx trjconv` does, so that each model carries its own cell.
    lines = open("traj.pdb").read().split("\n")
    cryst = [l for l in lines if l.startswith("CRYST1")]
    assert len(cryst) == 1
    out, k = [], 0
    for l in lines:
        if l.startswith("CRYST1"):
            continue
        if l.startswith("MODEL"):
            a, b, c, al, be, ga = triclinic_box(*LAT[k])
            out.append(f"CRYST1{a:9.3f}{b:9.3f}{c:9.3f}{al:7.2f}{be:7.2f}{ga:7.2f} P 1           1")
            k += 1
        out.append(l)
    assert k == nf
    open("traj.pdb", "w").write("\n".join(out))

    # ---- GRO (own writer: standard %8.3f / %8.4f, and a high-precision one for gmx) ----------
    def write_gro(path, ks, ndec=3):
        wp, wv = ndec + 5, ndec + 5
        with open(path, "w") as f:
            for k in ks:
                f.write(f"IonScope conformance fixture t= {steps[k] * TIMESTEP_FS / 1000:.5f} step= {steps[k]}\n")
                f.write(f"{n:5d}\n")
                for i in range(n):
                    p = X[k, i] / 10.0               # nm
                    vv = V[k, i] * 100.0             # A/fs -> nm/ps
                    f.write(f"{mols[i] % 100000:5d}{resname_of_mol[mols[i]]:<5s}{ATOMNAME[types[i]]:>5s}"
                            f"{(i + 1) % 100000:5d}"
                            + "".join(f"{c:{wp}.{ndec}f}" for c in p)
                            + "".join(f"{c:{wv}.{ndec + 1}f}" for c in vv) + "\n")
                a, b, c = LAT[k] / 10.0
                f.write("".join(f"{x:10.5f}" for x in (a[0], b[1], c[2], a[1], a[2], b[0], b[2], c[0], c[1])) + "\n")
    write_gro("system.gro", [0])
    write_gro("traj.gro", range(nf))
    write_gro("hiprec.gro", range(nf), ndec=7)

    env = dict(os.environ, GMX_MAXBACKUP="-1")
    # hiprec.gro (7 decimals) keeps full float32 precision in the .trr; the .xtc is written with
    # the standard precision 1000 (0.001 nm) -- without -ndec trjconv would inherit 1e7.
    for out, extra in (("traj.xtc", ["-ndec", "3"]), ("traj.trr", [])):
        subprocess.run(["gmx", "-quiet", "trjconv", "-f", "hiprec.gro", "-o", out] + extra,
                       input=b"0\n", env=env, check=True, capture_output=True)
    os.remove("hiprec.gro")

    # ---- GSD (HOOMD schema) --------------------------------------------------------------
    import gsd.hoomd
    tnames = [ELEMENT[t] for t in sorted(ELEMENT)]
    bonds, angles = read_topology("system.data", ids)
    with gsd.hoomd.open("traj.gsd", "w") as g:
        for k in range(nf):
            L = LAT[k]
            Lx, Ly, Lz = L[0, 0], L[1, 1], L[2, 2]
            fr = gsd.hoomd.Frame()
            fr.configuration.step = steps[k]
            fr.configuration.dimensions = 3
            fr.configuration.box = [Lx, Ly, Lz, L[1, 0] / Ly, L[2, 0] / Lz, L[2, 1] / Lz]
            fr.particles.N = n
            fr.particles.types = tnames
            fr.particles.typeid = np.array(types) - 1
            fr.particles.mass = amass
            fr.particles.charge = charges
            fr.particles.position = X[k] - origin - 0.5 * L.sum(axis=0)     # centred box
            fr.particles.image = IMG[k]
            fr.particles.velocity = V[k]
            fr.bonds.N = len(bonds)
            fr.bonds.types = ["N-S", "O-C"]
            fr.bonds.typeid = [b[0] - 1 for b in bonds]
            fr.bonds.group = [b[1:] for b in bonds]
            fr.angles.N = len(angles)
            fr.angles.types = ["S-N-S", "C-O-C"]
            fr.angles.typeid = [a[0] - 1 for a in angles]
            fr.angles.group = [a[1:] for a in angles]
            fr.log["lammps/atom_id"] = np.array(ids)
            fr.log["lammps/mol"] = np.array(mols)
            g.append(fr)

    verify(truth, X, XU, IMG, V, LAT, steps, ids, types)


def read_topology(path, ids):
    """Bonds/angles from system.data as (type, index, index[, index]) with 0-based sorted indices."""
    pos = {a: i for i, a in enumerate(ids)}
    lines = open(path).read().split("\n")
    out = {}
    for sec in ("Bonds", "Angles"):
        i = lines.index(sec) if sec in lines else next(k for k, l in enumerate(lines) if l.startswith(sec))
        rows = []
        j = i + 2
        while j < len(lines) and lines[j].strip():
            w = [int(v) for v in lines[j].split()]
            rows.append([w[1]] + [pos[a] for a in w[2:]])
            j += 1
        out[sec] = rows
    return out["Bonds"], out["Angles"]


# ---- independent read-back ------------------------------------------------------------------
def verify(truth, X, XU, IMG, V, LAT, steps, ids, types):
    import ase.io
    import gsd.hoomd
    import MDAnalysis as mda
    nf, n = X.shape[:2]
    report = []

    def check(name, err, tol):
        ok = err <= tol
        report.append(f"  {name:42s} max err {err:.3g} (tol {tol:g}) {'ok' if ok else 'FAIL'}")
        assert ok, report[-1]

    # LAMMPS sorted dumps
    sc = read_dump("scaled.lammpstrj")
    uw = read_dump("unwrapped.lammpstrj")
    e1 = e2 = 0.0
    for k in range(nf):
        s = np.array([[float(v) for v in r[2:5]] for r in sc[k][3]])
        assert [int(r[0]) for r in sc[k][3]] == ids
        e1 = max(e1, np.abs(s @ LAT[k] - X[k]).max())
        xu = np.array([[float(v) for v in r[2:5]] for r in uw[k][3]])
        e2 = max(e2, np.abs(xu - XU[k]).max())
    check("scaled.lammpstrj  xs@lattice vs x (A)", e1, 1e-7)
    check("unwrapped.lammpstrj vs xu (A)", e2, 0.0)
    e = np.abs(XU - (X + np.einsum("fni,fij->fnj", IMG, LAT))).max()
    check("truth xu == x + image@lattice (A)", e, 1e-7)
    # xyz
    xyz = open("traj.xyz").read().split("\n")
    e = 0.0
    for k in range(nf):
        blk = xyz[k * (n + 2): (k + 1) * (n + 2)]
        p = np.array([[float(v) for v in l.split()[1:4]] for l in blk[2:]])
        e = max(e, np.abs(p - X[k]).max())
    check("traj.xyz (%g) (A)", e, 1e-4 * 30)
    # DCD
    u = mda.Universe("system.gro", "traj.dcd")
    e = eb = 0.0
    for k, ts in enumerate(u.trajectory):
        e = max(e, np.abs(ts.positions - X[k]).max())
        eb = max(eb, np.abs(mda.lib.mdamath.triclinic_vectors(ts.dimensions) - LAT[k]).max())
    assert k == nf - 1
    check("traj.dcd positions via MDAnalysis (A)", e, 1e-5)
    check("traj.dcd box vectors via MDAnalysis (A)", eb, 1e-4)
    # extxyz
    imgs = ase.io.read("traj.extxyz", index=":")
    e = ev = eb = 0.0
    for k, at in enumerate(imgs):
        e = max(e, np.abs(at.positions - X[k]).max())
        ev = max(ev, np.abs(at.arrays["velo"] - V[k]).max())
        eb = max(eb, np.abs(np.array(at.cell) - LAT[k]).max())
        assert at.info["step"] == steps[k]
    check("traj.extxyz positions (A)", e, 1e-7)
    check("traj.extxyz velo (A/fs)", ev, 1e-7)
    check("traj.extxyz lattice (A)", eb, 1e-7)
    # PDB
    u = mda.Universe("traj.pdb")
    e = eb = 0.0
    for k, ts in enumerate(u.trajectory):
        e = max(e, np.abs(ts.positions - X[k]).max())
        eb = max(eb, np.abs(mda.lib.mdamath.triclinic_vectors(ts.dimensions) - LAT[k]).max())
    assert k == nf - 1
    check("traj.pdb positions (A)", e, 0.0005 + 1e-6)
    check("traj.pdb box vectors (A)", eb, 0.005)
    # GRO / XTC / TRR
    # (MDAnalysis reads only the first frame of a .gro, so traj.gro is parsed here directly)
    g = open("traj.gro").read().split("\n")
    e = ev = eb = 0.0
    for k in range(nf):
        blk = g[k * (n + 3): (k + 1) * (n + 3)]
        assert blk[0].endswith(f"step= {steps[k]}") and int(blk[1]) == n
        p = np.array([[float(l[20 + 8 * j: 28 + 8 * j]) for j in range(3)] for l in blk[2:2 + n]])
        vv = np.array([[float(l[44 + 8 * j: 52 + 8 * j]) for j in range(3)] for l in blk[2:2 + n]])
        bb = [float(v) for v in blk[2 + n].split()]
        Lg = np.array([[bb[0], bb[3], bb[4]], [bb[5], bb[1], bb[6]], [bb[7], bb[8], bb[2]]])
        e = max(e, np.abs(p - X[k] / 10).max())
        ev = max(ev, np.abs(vv - V[k] * 100).max())
        eb = max(eb, np.abs(Lg - LAT[k] / 10).max())
    check("traj.gro positions (nm)", e, 0.0005 + 1e-6)
    check("traj.gro velocities (nm/ps)", ev, 0.00005 + 1e-6)
    check("traj.gro box vectors (nm)", eb, 0.000005 + 1e-9)
    for name, tolx, tolv in (("traj.xtc", 0.0005 + 1e-6, None), ("traj.trr", 2e-6, 1e-5)):
        u = mda.Universe("system.gro", name)        # MDAnalysis converts to A and A/ps
        e = ev = eb = 0.0
        for k, ts in enumerate(u.trajectory):
            e = max(e, np.abs(ts.positions / 10.0 - X[k] / 10.0).max())
            eb = max(eb, np.abs(mda.lib.mdamath.triclinic_vectors(ts.dimensions) - LAT[k]).max() / 10)
            if tolv is not None:
                ev = max(ev, np.abs(ts.velocities / 10.0 - V[k] * 100.0).max())
        assert k == nf - 1, (name, k)
        if name == "traj.xtc":
            from MDAnalysis.lib.formats.libmdaxdr import XTCFile
            with XTCFile(name) as xf:
                precs = {xf.read().prec for _ in range(nf)}
            assert precs == {1000.0}, precs
        assert abs(u.trajectory[-1].time - steps[-1] * TIMESTEP_FS / 1000) < 1e-6
        check(f"{name} positions (nm)", e, tolx)
        check(f"{name} box vectors (nm)", eb, 1e-5)
        if tolv is not None:
            check(f"{name} velocities (nm/ps)", ev, tolv)
    # GSD
    with gsd.hoomd.open("traj.gsd", "r") as g:
        e = ev = 0.0
        for k, fr in enumerate(g):
            Lx, Ly, Lz, xy, xz, yz = fr.configuration.box
            L = np.array([[Lx, 0, 0], [xy * Ly, Ly, 0], [xz * Lz, yz * Lz, Lz]])
            p = fr.particles.position.astype(float) + 0.5 * L.sum(axis=0)
            e = max(e, np.abs(p - X[k]).max())
            ev = max(ev, np.abs(fr.particles.velocity - V[k]).max())
            frac = np.linalg.solve(L.T, fr.particles.position.astype(float).T).T
            assert frac.min() >= -0.5 and frac.max() < 0.5, (frac.min(), frac.max())
            assert (fr.particles.image == IMG[k]).all()
            assert fr.configuration.step == steps[k]
    check("traj.gsd positions (float32, A)", e, 1e-5)
    check("traj.gsd velocities (float32, A/fs)", ev, 1e-8)
    print("read-back checks:\n" + "\n".join(report))


if __name__ == "__main__":
    main()
