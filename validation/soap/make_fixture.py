"""Writes Tests/IonLearnTests/Fixtures/dscribe-soap.json: a small triclinic periodic structure
with DScribe's SOAP(rbf="gto", periodic=True) and ACSF G4 (periodic) of four of its atoms, the
references SOAPTests checks IonScope's --convention dscribe SOAP against (1e-8 relative) and
AngularStructureFunctionsTests its angular structure functions (η = 1/ξ²).

    pip install dscribe ase && python3 validation/soap/make_fixture.py

The structure is random (fixed seed) with two species, Z = 1 ("A") and Z = 2 ("B"), so that
DScribe's species order is A, B. Not needed by the tests: the JSON it writes is committed.
"""
import json, os
import numpy as np
from ase import Atoms
from dscribe.descriptors import ACSF, SOAP
import importlib.metadata as md

root = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
rng = np.random.default_rng(2026)
cell = np.array([[6.3, 0.0, 0.0], [1.1, 5.9, 0.0], [-0.7, 0.9, 6.6]])
n = 40
fractional = rng.random((n, 3))
positions = fractional @ cell
numbers = np.where(np.arange(n) % 3 == 0, 2, 1)
atoms = Atoms(numbers=numbers, positions=positions, cell=cell, pbc=True)
centres = [0, 1, 2, 5]
settings = dict(r_cut=3.2, n_max=4, l_max=3, sigma=0.55)
soap = SOAP(species=[1, 2], rbf="gto", periodic=True, sparse=False, **settings)
features = soap.create(atoms, centers=centres)
# G4 in IonScope's column order: for each species pair, ξ, then ζ, then λ.
xi, zeta, lam = [1.2, 2.0], [1.0, 2.0, 4.0], [-1.0, 1.0]
g4 = [[1 / x**2, z, l] for x in xi for z in zeta for l in lam]
acsf = ACSF(species=[1, 2], r_cut=settings["r_cut"], g4_params=g4, periodic=True)
angular = acsf.create(atoms, centers=centres)[:, 2:]  # drop the two G1 columns
out = {
    "made_by": f"dscribe {md.version('dscribe')}, ase {md.version('ase')}: validation/soap/make_fixture.py",
    "cell": cell.tolist(),
    "positions": positions.tolist(),
    "types": ["B" if z == 2 else "A" for z in numbers],
    "centres": centres,
    **settings,
    "soap": features.tolist(),
    "acsf": {"xi": xi, "zeta": zeta, "lambda": lam, "g4": angular.tolist()},
}
path = os.path.join(root, "Tests/IonLearnTests/Fixtures/dscribe-soap.json")
with open(path, "w") as f:
    json.dump(out, f, indent=1)
print(path, features.shape, angular.shape)
