#!/usr/bin/python3
"""LAMMPS's fix langevin on alternate atomic planes of an LJ slab: does it hold the set-point?

The system of tests/NemdEngine.Tests/Physics/LangevinTemperatureTests.cs: a free-standing fcc slab
(6 x 6 x 4 cells, 576 atoms; light m = 1 | heavy m = 2, LJ ε = σ = 1, r_c = 2.5 shifted; periodic
x, y), fix langevin on the even planes, fix nve on all, T = 0.3, dt = 0.005 (--dt). Prints the kinetic
temperature (Σ m v² / 3N, full-step velocities, as both codes sample) of the Langevin atoms and of
the NVE atoms between them, with block errors, for each damping: the NVE atoms relax through their
Langevin neighbours in ~1 τ, so a thermostat bias shows within seconds of compute.

    /usr/bin/python3 benchmarks/lammps/mixed_planes.py [--damping 0.025 0.05 0.1 0.5] [--dt 0.005] [--steps N] [--out DIR]
"""
import argparse
import subprocess
import sys
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))
import crosscheck as xc  # noqa: E402

A, T = 1.5672, 0.3


def write_system(work: Path) -> None:
    pos, types = [], []
    for cz in range(4):
        for cy in range(6):
            for cx in range(6):
                for bx, by, bz in xc.FCC_BASIS:
                    pos.append(((cx + bx) * A, (cy + by) * A, (cz + bz) * A))
                    types.append(1 if cz < 2 else 2)
    pos = np.array(pos, dtype=np.float32).astype(np.float64)
    f32 = lambda x: float(np.float32(x))
    with open(work / "slab.data", "w") as f:
        f.write(f"free LJ slab as LangevinTemperatureTests\n\n{len(pos)} atoms\n2 atom types\n\n")
        f.write(f"0 {f32(6 * A)!r} xlo xhi\n0 {f32(6 * A)!r} ylo yhi\n{f32(-A)!r} {f32(5 * A)!r} zlo zhi\n\n")
        f.write("Masses\n\n1 1.0\n2 2.0\n\nAtoms # atomic\n\n")
        for k, (p, t) in enumerate(zip(pos, types)):
            f.write(f"{k + 1} {t} {p[0]!r} {p[1]!r} {p[2]!r}\n")


def script(damping: float, steps: int, seed: int, dt: float) -> str:
    every = round(0.1 / dt)  # one sample per 0.1 τ, blocks of 5 τ
    return f"""units lj
atom_style atomic
boundary p p f
read_data slab.data
pair_style lj/cut 2.5
pair_modify shift yes
pair_coeff * * 1.0 1.0 2.5
neighbor 0.3 bin
neigh_modify every 1 delay 0 check yes
timestep {dt!r}
variable even atom "(floor(z/{A / 2!r})-2*floor(z/{A!r}))==0"
group bath variable even
group nve subtract all bath
velocity all create {T} {seed} dist gaussian mom yes rot no loop geom
fix integrate all nve
fix bath bath langevin {T} {T} {damping!r} {seed + 1}
variable mv2 atom mass*(vx*vx+vy*vy+vz*vz)/3.0
compute sb bath reduce sum v_mv2
compute sn nve reduce sum v_mv2
variable tb equal c_sb/count(bath)
variable tn equal c_sn/count(nve)
thermo 1000
run {round(5 / dt)}
reset_timestep 0
fix av all ave/time {every} 50 {50 * every} v_tb v_tn file avg.dat
run {steps}
"""


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--damping", type=float, nargs="+", default=[0.025, 0.05, 0.1, 0.5])
    ap.add_argument("--dt", type=float, default=0.005, help="timestep (default 0.005)")
    ap.add_argument("--steps", type=int, default=None, help="production steps per damping (default 200 τ)")
    ap.add_argument("--seed", type=int, default=4711)
    ap.add_argument("--lmp", default="lmp")
    ap.add_argument("--out", type=Path, default=xc.REPO / "runs" / "lammps-mixed-planes")
    args = ap.parse_args()
    print(f"{'damping':>8} {'γ dt':>6} | {'T Langevin atoms':>18} {'T NVE atoms':>18} (set-point {T}; ± block errors)")
    steps = args.steps or round(200 / args.dt)
    for d in args.damping:
        work = args.out / f"dt{args.dt:g}-damp{d:g}"
        work.mkdir(parents=True, exist_ok=True)
        write_system(work)
        (work / "in.mix").write_text(script(d, steps, args.seed, args.dt))
        subprocess.run([args.lmp, "-nocite", "-in", "in.mix", "-log", "log.lammps", "-screen", "none"], cwd=work, check=True)
        blocks = np.loadtxt(work / "avg.dat", comments="#", ndmin=2)[:, 1:]
        mean, err = blocks.mean(axis=0), blocks.std(axis=0, ddof=1) / np.sqrt(len(blocks))
        print(f"{d:8g} {args.dt / d:6.3f} | {mean[0]:.5f} ± {err[0]:.5f}  {mean[1]:.5f} ± {err[1]:.5f}", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
