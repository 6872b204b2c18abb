#!/usr/bin/python3
"""Pools several crosscheck.py --json comparisons (e.g. one per seed): for each quantity and code,
the inverse-variance weighted mean and its error, and the difference in combined σ; then plain
means with the seed-to-seed standard error and the difference paired by run (block errors of one
run underestimate the slow fluctuations of these small systems).

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

# Block errors underestimate the slow fluctuations of small systems (README: seed scatter 1.2-1.5x
# the block error, more for the mean temperature), so also: plain means with the seed-to-seed
# standard error, and the difference paired by run (the same seed in both codes).
if len(runs) >= 2:
    print(f"\nplain means ± seed-to-seed standard error; difference paired by run\n")
    print(f"{'quantity':<11} {'LAMMPS':>22} {'NemdEngine':>22} {'NemdEngine - LAMMPS':>24} {'/σ':>6} {'unpaired /σ':>12}")
    for label in runs[0]["comparison"]["rows"]:
        va = [r["comparison"]["rows"][label]["lammps"]["value"] for r in runs]
        vb = [r["comparison"]["rows"][label]["nemd"]["value"] for r in runs]
        d = [y - x for x, y in zip(va, vb)]

        def mse(v):
            m = sum(v) / len(v)
            return m, math.sqrt(sum((x - m) ** 2 for x in v) / (len(v) - 1) / len(v))
        (a, sa), (b, sb), (dm, ds) = mse(va), mse(vb), mse(d)
        su = math.hypot(sa, sb)
        print(f"{label:<11} {a:>12.5g} ± {sa:<7.2g} {b:>12.5g} ± {sb:<7.2g} {dm:>+13.4g} ± {ds:<8.2g} {dm / ds if ds > 0 else float('nan'):>6.2f}"
              f" {(b - a) / su if su > 0 else float('nan'):>12.2f}")

# Metal units: R_K, G, J and k also in the units papers use (plain means ± seed-to-seed standard error).
PUBLISHED = {"R_K": (1e9 / 1.602176634e13, "m² K/GW"), "G": (1.602176634e13 / 1e6, "MW/(m² K)"),
             "J": (1.602176634e13 / 1e9, "GW/m²"), "k_A": (1.602176634e3, "W/(m K)"), "k_B": (1.602176634e3, "W/(m K)")}
if len(runs) >= 2 and all(r.get("units") == "metal" for r in runs):
    print(f"\nin published units (eV/(ps Å²) = 1.602176634e13 W/m²): plain means ± seed-to-seed standard error\n")
    for label, (f, unit) in PUBLISHED.items():
        cells = []
        for code in ("lammps", "nemd"):
            v = [r["comparison"]["rows"][label][code]["value"] * f for r in runs]
            m = sum(v) / len(v)
            cells.append((m, math.sqrt(sum((x - m) ** 2 for x in v) / (len(v) - 1) / len(v)), v))
        (a, sa, va), (b, sb, vb) = cells
        per = " ".join(f"{x:.4g}" for x in va) + " | " + " ".join(f"{x:.4g}" for x in vb)
        print(f"{label:<5} {unit:<10} LAMMPS {a:.4g} ± {sa:.2g}   NemdEngine {b:.4g} ± {sb:.2g}   "
              f"diff/σ {(b - a) / math.hypot(sa, sb):+.2f}   per run {per}")
