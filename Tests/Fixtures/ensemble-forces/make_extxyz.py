"""Turns traj.lammpstrj (positions), reference.lammpstrj (forces of the reference potential) and model_*.lammpstrj (the four models' forces on the
same frames) into extended XYZ as ASE writes it: calibration.extxyz (frames 0-23, T = 1, with
REF_forces), test.extxyz (frames 24-35, T = 1, with REF_forces) and pool.extxyz (frames 24-47:
12 at T = 1, then 12 at T = 2.5, models only). Lengths sigma, forces epsilon/sigma (LAMMPS lj)."""
import gzip

NAMES = {1: "cation", 2: "anion", 3: "solvent"}


def frames(path, columns):
    with open(path) as f:
        lines = f.read().split("\n")
    k, out = 0, []
    while k < len(lines) and lines[k].startswith("ITEM: TIMESTEP"):
        step = int(lines[k + 1])
        n = int(lines[k + 3])
        bounds = [tuple(map(float, lines[k + 5 + d].split())) for d in range(3)]
        header = lines[k + 8].split()[2:]
        rows = [lines[k + 9 + i].split() for i in range(n)]
        rows.sort(key=lambda r: int(r[0]))
        out.append((step, bounds, {c: [r[header.index(c)] for r in rows] for c in columns}))
        k += 9 + n
    return out


reference = frames("traj.lammpstrj", ["id", "type", "x", "y", "z"])
for k, (_, _, forces) in enumerate(frames("reference.lammpstrj", ["fx", "fy", "fz"])):
    reference[k][2].update(forces)
models = [frames(f"model_{m}.lammpstrj", ["fx", "fy", "fz"]) for m in range(4)]
assert all(len(m) == len(reference) == 48 for m in models)


def write(path, indices, labelled):
    with gzip.open(path, "wt", compresslevel=9) as out:
        for k in indices:
            step, bounds, ref = reference[k]
            n = len(ref["id"])
            lengths = [hi - lo for lo, hi in bounds]
            props = "species:S:1:pos:R:3" + (":REF_forces:R:3" if labelled else "")
            props += "".join(f":model_{m}:R:3" for m in range(4))
            out.write(f"{n}\n")
            out.write(
                f'Lattice="{lengths[0]} 0.0 0.0 0.0 {lengths[1]} 0.0 0.0 0.0 {lengths[2]}" '
                f'Properties={props} step={step} pbc="T T T"\n')
            for i in range(n):
                cells = [NAMES[int(ref["type"][i])], ref["x"][i], ref["y"][i], ref["z"][i]]
                if labelled:
                    cells += [ref["fx"][i], ref["fy"][i], ref["fz"][i]]
                for m in models:
                    cells += [m[k][2]["fx"][i], m[k][2]["fy"][i], m[k][2]["fz"][i]]
                out.write(" ".join(cells) + "\n")


write("calibration.extxyz.gz", range(0, 24), True)
write("test.extxyz.gz", range(24, 36), True)
write("pool.extxyz.gz", range(24, 48), False)
