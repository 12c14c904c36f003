"""Converts the LAMMPS run (truth.lammpstrj, salt.data, ../dcd/lammps.dcd) into the other formats
and variants that IonScope's reader tests read. Run by make_fixtures.sh; needs numpy, gsd, ase and
MDAnalysis.

Outputs (all from the same 5 frames of 120 atoms):
  dcd/lammps_bigendian.dcd   lammps.dcd with every record marker and value byte-swapped
  dcd/lammps_marker64.dcd    lammps.dcd with 64-bit Fortran record markers
  dcd/namd_fixed.dcd         NAMD-style: CHARMM flag, 20 fixed atoms (free-atom list), cell as cosines
  dcd/charmm_shape.dcd       CHARMM version 36: cell as the symmetric shape matrix, plus a 4D block
  dcd/mdanalysis.dcd         written by MDAnalysis' DCDWriter
  gsd/hoomd.gsd              written by gsd.hoomd (GSD 2.x), HOOMD box and centred positions
  gsd/v1.gsd                 a GSD 1.0 container written here (64-byte names), 2 frames, frame 1
                             holds only step and positions (the rest comes from frame 0; image
                             flags are a made-up pattern)
  gsd/bad_natoms.gsd         GSD 1.0, 4 particles then 3 (error test)
  gsd/bad_nan.gsd            GSD 1.0, a NaN position in frame 1 (error test)
  pdb/ase.pdb                written by ASE (CRYST1 + MODEL per frame)
  pdb/mdanalysis.pdb         written by MDAnalysis (MODEL/ENDMDL, CONECT bonds, formal charges)
  xyz/ase.extxyz(.gz)        written by ASE: Lattice, species, pos, momenta, masses, Time (fs)
"""
import gzip
import shutil
import struct

import numpy as np

N_FRAMES, N_ATOMS = 5, 120
AKMA_FS = 48.88821291  # one AKMA time unit in fs


def read_truth(path="truth.lammpstrj"):
    frames = []
    with open(path) as f:
        lines = f.read().splitlines()
    i = 0
    while i < len(lines):
        step = int(lines[i + 1]); n = int(lines[i + 3])
        b = [list(map(float, lines[i + 5 + k].split())) for k in range(3)]
        cols = lines[i + 8].split()[2:]
        data = np.array([list(map(float, l.split())) for l in lines[i + 9:i + 9 + n]])
        (xlo_b, xhi_b, xy), (ylo_b, yhi_b, xz), (zlo_b, zhi_b, yz) = b
        xlo = xlo_b - min(0.0, xy, xz, xy + xz); xhi = xhi_b - max(0.0, xy, xz, xy + xz)
        ylo = ylo_b - min(0.0, yz); yhi = yhi_b - max(0.0, yz)
        d = {c: data[:, k] for k, c in enumerate(cols)}
        frames.append(dict(step=step, lx=xhi - xlo, ly=yhi - ylo, lz=zhi_b - zlo_b, xy=xy, xz=xz, yz=yz,
                           origin=np.array([xlo, ylo, zlo_b]), d=d,
                           x=np.stack([d["x"], d["y"], d["z"]], 1),
                           v=np.stack([d["vx"], d["vy"], d["vz"]], 1),
                           img=np.stack([d["ix"], d["iy"], d["iz"]], 1).astype(np.int32)))
        i += 9 + n
    return frames


frames = read_truth()
f0 = frames[0]
types = f0["d"]["type"].astype(int)
symbols = np.array(["Li", "Cl", "N"])[types - 1]
masses = f0["d"]["mass"]; charges = f0["d"]["q"]
bonds = [(81 + 2 * k, 82 + 2 * k) for k in range(20)]  # 1-based ids of the dimers


def cell_vectors(fr):
    return np.array([[fr["lx"], 0, 0], [fr["xy"], fr["ly"], 0], [fr["xz"], fr["yz"], fr["lz"]]])


def lengths_cosines(fr):
    a, b, c = cell_vectors(fr)
    la, lb, lc = map(np.linalg.norm, (a, b, c))
    return la, lb, lc, b @ c / lb / lc, a @ c / la / lc, a @ b / la / lb  # cos alpha, beta, gamma


# ---------------------------------------------------------------- DCD variants
def dcd_records(path):
    """The Fortran records of a little-endian, 32-bit-marker DCD file."""
    raw = open(path, "rb").read(); out = []; p = 0
    while p < len(raw):
        (n,) = struct.unpack_from("<i", raw, p)
        out.append(raw[p + 4:p + 4 + n]); p += 8 + n
    return out


def swap_words(payload, size, keep=0):
    body = payload[keep:]
    fmt = {4: "i", 8: "q"}[size]
    vals = struct.unpack(f"<{len(body) // size}{fmt}", body)
    return payload[:keep] + struct.pack(f">{len(vals)}{fmt}", *vals)


def write_records(path, records, endian="<", marker="i"):
    with open(path, "wb") as f:
        for r in records:
            m = struct.pack(endian + marker, len(r))
            f.write(m + r + m)


recs = dcd_records("../dcd/lammps.dcd")
big = [swap_words(recs[0], 4, keep=4), recs[1][:4][::-1] + recs[1][4:], swap_words(recs[2], 4)]
for k in range(N_FRAMES):
    cell, xs, ys, zs = recs[3 + 4 * k:7 + 4 * k]
    big += [swap_words(cell, 8), swap_words(xs, 4), swap_words(ys, 4), swap_words(zs, 4)]
write_records("../dcd/lammps_bigendian.dcd", big, ">", "i")
write_records("../dcd/lammps_marker64.dcd", recs, "<", "q")


def dcd_header(nset, istart, nsavc, delta, version, nfixed=0, cell=True, four_d=False, titles=()):
    icntrl = [0] * 20
    icntrl[0], icntrl[1], icntrl[2], icntrl[3] = nset, istart, nsavc, istart + (nset - 1) * nsavc
    icntrl[8] = nfixed; icntrl[10] = 1 if cell else 0; icntrl[11] = 1 if four_d else 0; icntrl[19] = version
    head = b"CORD" + struct.pack("<9i", *icntrl[:9]) + struct.pack("<f", delta) + struct.pack("<10i", *icntrl[10:])
    title = struct.pack("<i", len(titles)) + b"".join(t.ljust(80).encode() for t in titles)
    return [head, title, struct.pack("<i", N_ATOMS)]


def coords(x, idx=None):
    x = x if idx is None else x[idx]
    return [x[:, k].astype("<f4").tobytes() for k in range(3)]


# NAMD style with 20 fixed atoms (ids 101..120 keep their frame-0 coordinates).
free = np.arange(100)  # 0-based free atoms
fixed_pos = [fr["x"].copy() for fr in frames]
for x in fixed_pos[1:]:
    x[100:] = fixed_pos[0][100:]
recs = dcd_header(N_FRAMES, 10, 10, 1.0 / AKMA_FS, 24, nfixed=20,
                  titles=("REMARKS FILENAME=namd_fixed.dcd CREATED BY NAMD", "REMARKS fixed atoms test"))
recs.append(struct.pack(f"<{len(free)}i", *(free + 1)))
for k, fr in enumerate(frames):
    la, lb, lc, ca, cb, cg = lengths_cosines(fr)
    recs.append(struct.pack("<6d", la, cg, lb, cb, ca, lc))
    recs += coords(fixed_pos[k]) if k == 0 else coords(fixed_pos[k], free)
write_records("../dcd/namd_fixed.dcd", recs)

# CHARMM c36 style: symmetric shape matrix, DELTA in AKMA, a 4th-dimension block to skip.
recs = dcd_header(N_FRAMES, 1000, 10, 2.0 / AKMA_FS, 36, four_d=True,
                  titles=("* CHARMM DCD written by IonScope's fixture script",))
for fr in frames:
    h = cell_vectors(fr).T  # columns are a, b, c
    # rotate the cell into the symmetric form S = (H H^T)^(1/2) and positions with it
    u, s, vt = np.linalg.svd(h)
    rot = u @ vt  # H = rot @ S with S symmetric positive definite
    sym = rot.T @ h
    x = (rot.T @ (fr["x"] - fr["origin"]).T).T
    fr["charmm_cell"] = sym; fr["charmm_x"] = x
    recs.append(struct.pack("<6d", sym[0, 0], sym[1, 0], sym[1, 1], sym[2, 0], sym[2, 1], sym[2, 2]))
    recs += coords(x)
    recs.append(np.full(N_ATOMS, 0.5, "<f4").tobytes())
write_records("../dcd/charmm_shape.dcd", recs)
with open("charmm_shape_truth.txt", "w") as f:
    f.write("# CHARMM symmetric cell vectors a, b, c (rows, Å) and the first 3 atoms' positions, frames 0 and 4\n")
    for k in (0, 4):
        for row in frames[k]["charmm_cell"].T:
            f.write(" ".join(f"{v:.10f}" for v in row) + "\n")
        for row in frames[k]["charmm_x"][:3]:
            f.write(" ".join(f"{v:.10f}" for v in row) + "\n")

# ---------------------------------------------------------------- MDAnalysis writers
import MDAnalysis as mda
from MDAnalysis.lib.mdamath import triclinic_box

resindex = np.concatenate([np.arange(80), 80 + np.repeat(np.arange(20), 2)])
u = mda.Universe.empty(N_ATOMS, n_residues=100, atom_resindex=resindex, trajectory=True)
u.add_TopologyAttr("names", ["LI" if s == "Li" else "CL" if s == "Cl" else "N" for s in symbols])
u.add_TopologyAttr("elements", [s.upper() if len(s) == 1 else s for s in symbols])
u.add_TopologyAttr("resnames", ["LIP"] * 40 + ["CLM"] * 40 + ["N2"] * 20)
u.add_TopologyAttr("resids", np.arange(1, 101))
u.add_TopologyAttr("formalcharges", charges.astype(int))
u.add_TopologyAttr("chainIDs", ["A"] * N_ATOMS)
u.add_TopologyAttr("bonds", [(a - 1, b - 1) for a, b in bonds])
positions = np.array([fr["x"] - fr["origin"] for fr in frames])
dims = np.array([triclinic_box(*cell_vectors(fr)) for fr in frames])
u.load_new(positions, dimensions=dims, dt=0.01)
with mda.Writer("../dcd/mdanalysis.dcd", N_ATOMS) as w:
    for ts in u.trajectory:
        w.write(u.atoms)
with mda.Writer("../pdb/mdanalysis.pdb", N_ATOMS, multiframe=True) as w:
    for ts in u.trajectory:
        w.write(u.atoms)

# ---------------------------------------------------------------- ASE writers
from ase import Atoms, units
import ase.io

images = []
for fr in frames:
    at = Atoms(symbols=list(symbols), positions=fr["x"], cell=cell_vectors(fr), pbc=True, masses=masses)
    at.set_velocities(fr["v"] * 1000.0 * units.Ang / (1000.0 * units.fs))  # Å/fs -> ASE velocity units
    at.info["Time"] = fr["step"] * 1.0  # fs
    images.append(at)
ase.io.write("../pdb/ase.pdb", images)
ase.io.write("../xyz/ase.extxyz", images, format="extxyz")
with open("../xyz/ase.extxyz", "rb") as src, open("../xyz/ase.extxyz.gz", "wb") as raw:
    with gzip.GzipFile(filename="", mode="wb", fileobj=raw, mtime=0) as dst:
        shutil.copyfileobj(src, dst)

# ---------------------------------------------------------------- GSD (gsd.hoomd, 2.x container)
import gsd.hoomd


def hoomd_frame(fr, first):
    s = gsd.hoomd.Frame()
    s.configuration.step = fr["step"]
    s.configuration.box = [fr["lx"], fr["ly"], fr["lz"], fr["xy"] / fr["ly"], fr["xz"] / fr["lz"], fr["yz"] / fr["lz"]]
    centre = fr["origin"] + cell_vectors(fr).sum(0) / 2
    s.particles.N = N_ATOMS
    s.particles.types = ["Li", "Cl", "N"]
    s.particles.typeid = types - 1
    s.particles.mass = masses
    s.particles.charge = charges
    s.particles.position = fr["x"] - centre
    s.particles.velocity = fr["v"]
    s.particles.image = fr["img"]
    s.bonds.N = len(bonds)
    s.bonds.types = ["N-N"]
    s.bonds.typeid = np.zeros(len(bonds), np.uint32)
    s.bonds.group = np.array(bonds, np.uint32) - 1
    return s


with gsd.hoomd.open("../gsd/hoomd.gsd", "w") as t:
    for k, fr in enumerate(frames):
        t.append(hoomd_frame(fr, k == 0))


# ---------------------------------------------------------------- GSD 1.0 container, by hand
def write_gsd_v1(path, chunk_frames):
    names = []
    for chunks in chunk_frames:
        for name, _ in chunks:
            if name not in names:
                names.append(name)
    n_index = 64; n_names = 64
    index_loc = 256; names_loc = index_loc + 32 * n_index; data_loc = names_loc + 64 * n_names
    data = b""; index = b""
    for frame, chunks in enumerate(chunk_frames):
        for name, arr in chunks:
            arr = np.ascontiguousarray(arr)
            type_id = {np.dtype("uint8"): 1, np.dtype("uint32"): 3, np.dtype("uint64"): 4,
                       np.dtype("int8"): 5, np.dtype("int32"): 7, np.dtype("float32"): 9}[arr.dtype]
            n, m = (arr.shape[0], arr.shape[1] if arr.ndim == 2 else 1)
            index += struct.pack("<QQqIHBB", frame, n, data_loc + len(data), m, names.index(name), type_id, 0)
            data += arr.tobytes()
    header = struct.pack("<QQQQQII", 0x65DF65DF65DF65DF, index_loc, n_index, names_loc, n_names,
                         (1 << 16) | 3, (1 << 16) | 0)
    header += b"IonScope fixture".ljust(64, b"\0") + b"hoomd".ljust(64, b"\0") + bytes(80)
    namelist = b"".join(n.encode().ljust(64, b"\0") for n in names)
    with open(path, "wb") as f:
        f.write(header + index.ljust(32 * n_index, b"\0") + namelist.ljust(64 * n_names, b"\0") + data)


# Image flags of the v1 file (frame 0 only): a pattern, to check the fallback to frame 0.
V1_IMAGES = np.stack([np.arange(N_ATOMS) % 3 - 1, np.zeros(N_ATOMS), np.ones(N_ATOMS)], 1).astype(np.int32)


def v1_chunks(fr, first):
    centre = fr["origin"] + cell_vectors(fr).sum(0) / 2
    chunks = [("configuration/step", np.array([fr["step"]], np.uint64))]
    if first:
        chunks += [("configuration/box", np.array([fr["lx"], fr["ly"], fr["lz"], fr["xy"] / fr["ly"],
                                                   fr["xz"] / fr["lz"], fr["yz"] / fr["lz"]], np.float32)),
                   ("particles/N", np.array([N_ATOMS], np.uint32)),
                   ("particles/types", np.array([list(t.ljust(3, "\0").encode()) for t in ("Li", "Cl", "N")], np.int8)),
                   ("particles/typeid", (types - 1).astype(np.uint32)),
                   ("particles/velocity", fr["v"].astype(np.float32)),
                   ("particles/image", V1_IMAGES)]
    chunks.append(("particles/position", (fr["x"] - centre).astype(np.float32)))
    return chunks


write_gsd_v1("../gsd/v1.gsd", [v1_chunks(frames[0], True), v1_chunks(frames[1], False)])


# Two small broken files for the error tests: 4 particles, then 3 in frame 1; and a NaN position.
def tiny(n, pos):
    return [("particles/N", np.array([n], np.uint32)),
            ("configuration/box", np.array([10, 10, 10, 0, 0, 0], np.float32)),
            ("particles/position", np.asarray(pos, np.float32))]


square = [[0, 0, 0], [1, 0, 0], [0, 1, 0], [0, 0, 1]]
write_gsd_v1("../gsd/bad_natoms.gsd", [tiny(4, square), tiny(3, square[:3])])
write_gsd_v1("../gsd/bad_nan.gsd", [tiny(4, square), tiny(4, square[:3] + [[float("nan"), 0, 0]])])
print("fixtures written")
