#!/usr/bin/python3
"""Pools several crosscheck.py --json comparisons (e.g. one per seed): for each quantity and code,
the inverse-variance weighted mean and its error, and the difference in combined σ.

    /usr/bin/python3 benchmarks/lammps/pool.py runs/xc-s1/compare.json runs/xc-s7/compare.json ...
"""
import json
import math
import sys

runs = [json.load(open(p)) for p in sys.argv[1:]]
if not runs:
    sys.exit(__doc__)
print(f"{len(runs)} runs pooled (inverse-variance weights)\n")
print(f"{'quantity':<11} {'LAMMPS':>22} {'NemdEngine':>22} {'diff/σ':>7}   per run (LAMMPS | NemdEngine)")
for label in runs[0]["comparison"]["rows"]:
    pooled = {}
    for code in ("lammps", "nemd"):
        qs = [r["comparison"]["rows"][label][code] for r in runs]
        w = [1 / q["stderr"] ** 2 for q in qs]
        pooled[code] = (sum(wi * q["value"] for wi, q in zip(w, qs)) / sum(w), math.sqrt(1 / sum(w)), [q["value"] for q in qs])
    (a, sa, va), (b, sb, vb) = pooled["lammps"], pooled["nemd"]
    per = " ".join(f"{x:.4g}" for x in va) + " | " + " ".join(f"{x:.4g}" for x in vb)
    print(f"{label:<11} {a:>12.5g} ± {sa:<7.2g} {b:>12.5g} ± {sb:<7.2g} {(b - a) / math.hypot(sa, sb):>7.2f}   {per}")
