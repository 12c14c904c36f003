"""Writes reference.json: what MDAnalysis reads from the GROMACS fixtures in this folder.

MDAnalysis (tested with 2.11) decodes .xtc and .trr with its own C copy of the xdrfile library
(MDAnalysis.lib.formats.libmdaxdr), which IonScope's Swift readers do not share, so these values
are an independent check. Everything is in GROMACS units (nm, ps, nm/ps, kJ/(mol nm)); boxes are
the 3x3 matrix as stored, row by row (row i = box vector i).

  .xtc positions: integers on the file's grid, round(x * precision) (exact: the file stores them
                  so), except in files of <= 9 atoms, which store plain floats ("x").
  .trr arrays:    the stored float32 (or float64) values, printed so they read back exactly.
  .gro:           atom names, residue names and numbers, box and first-frame positions as
                  printed (MDAnalysis' GRO parser).

  python3 make_reference.py     (run by make_gromacs_fixtures.sh)
"""
import json

import numpy as np
import MDAnalysis
from MDAnalysis.lib.formats.libmdaxdr import TRRFile, XTCFile


def exact(values, dtype):
    """Shortest decimal text that reads back to the same float32/float64, as JSON numbers."""
    array = np.asarray(values, dtype=dtype).ravel()
    if dtype == np.float64:
        return [float(v) for v in array]
    return [float(np.format_float_positional(v, unique=True)) for v in array]


def xtc(path):
    frames = []
    with XTCFile(path) as f:
        for frame in f:
            entry = {"step": int(frame.step), "time": float(frame.time), "box": exact(frame.box, np.float32),
                     "precision": float(frame.prec)}
            if frame.x.shape[0] <= 9:
                entry["x"] = exact(frame.x, np.float32)
            else:
                entry["xi"] = [int(v) for v in np.rint(frame.x.astype(np.float64) * frame.prec).ravel()]
            frames.append(entry)
    return {"atoms": int(frames and len(entry.get("x", entry.get("xi"))) // 3), "frames": frames}


def trr(path, dtype):
    frames = []
    with TRRFile(path) as f:
        for frame in f:
            entry = {"step": int(frame.step), "time": float(np.asarray(frame.time, dtype)), "lambda": float(frame.lmbda),
                     "box": exact(frame.box, dtype)}
            for name, present, array in (("x", frame.hasx, frame.x), ("v", frame.hasv, frame.v), ("f", frame.hasf, frame.f)):
                if present:
                    entry[name] = exact(array, dtype)
            frames.append(entry)
            natoms = frame.x.shape[0]
    return {"atoms": int(natoms), "frames": frames}


def gro(path):
    u = MDAnalysis.Universe(path)
    return {"atoms": int(u.atoms.n_atoms), "names": [str(n) for n in u.atoms.names],
            "resnames": [str(n) for n in u.atoms.resnames], "resids": [int(i) for i in u.atoms.resids],
            "dimensions": [float(v) for v in u.dimensions],
            "x_nm": [round(float(v) / 10, 3) for v in u.atoms.positions.ravel()]}


reference = {
    "generator": f"MDAnalysis {MDAnalysis.__version__}, make_reference.py",
    "water.xtc": xtc("water.xtc"),
    "ions.xtc": xtc("ions.xtc"),
    "tric.xtc": xtc("tric.xtc"),
    "water.trr": trr("water.trr", np.float32),
    "tric.trr": trr("tric.trr", np.float32),
    "double.trr": trr("double.trr", np.float64),
    "water.gro": gro("water.gro"),
}
with open("reference.json", "w") as out:
    json.dump(reference, out, separators=(",", ":"))
    out.write("\n")
