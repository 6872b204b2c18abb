#!/usr/bin/env python3
"""Throughput of LAMMPS and NemdEngine on the same system, same cores, one invocation.

--system bilayer (default): `nemd bench`'s NEMD system (ThroughputBenchmark.BilayerDeck), a cube
of n fcc cells per side (4 n^3 atoms), light | heavy (mass ratio 3), identical LJ (r_c = 2.5,
shifted), skin 0.3, frozen end cells, hot and cold Langevin reservoirs, NVE in between, a profile
sample every 10 steps. LAMMPS runs the input crosscheck.py writes for that deck.

--system liquid: LAMMPS bench/in.lj (fcc at rho* = 0.8442 melting from T* = 3.0, lj/cut 2.5,
skin 0.3, NVE, periodic in x, y, z); NemdEngine runs `nemd bench --system liquid`. Both rebuild
the neighbor list when an atom has moved half the skin (`neigh_modify every 1 delay 0 check yes`);
LAMMPS is also timed with the stock in.lj setting (`every 20 check no`, fewer rebuilds, unchecked).

--system sw / tersoff: `nemd bench --system sw|tersoff`'s periodic diamond Si crystal (a = 5.431 A,
n cells per side, 8 n^3 atoms, n >= 4), velocities created at 2000 K so that it equilibrates near
1000 K, NVE, dt = 1 fs, skin 1 A, rebuilds checked every step; LAMMPS `units metal`, `pair_style sw`
with inputs/potentials/Si.sw or `pair_style tersoff` with the Si entry of inputs/potentials/SiGe.tersoff.

LAMMPS runs under `mpirun -np NP lmp`, its last "Loop time" (after a 50-step warm-up run for the
liquid) gives atom-steps/s; NemdEngine runs `nemd bench --device DEVICE --atoms N`. For sw, tersoff
and bilayer the table also gives each code's CPU use (NemdEngine's process CPU time over wall x NP
cores, LAMMPS's "% CPU use") and the ratio per CPU-second: on a machine shared with other work the
wall-clock ratio says little. With --np 1 and DOTNET_PROCESSOR_COUNT=1 it is a clean per-core
comparison (nobody waits on another rank or thread).

    /usr/bin/python3 benchmarks/lammps/side_by_side.py [--system bilayer|liquid|sw|tersoff] [--atoms 4000,32000]
        [--steps 1000 | --steps 2000,300,40] [--np 2] [--device cpu] [--markdown FILE]
"""
from __future__ import annotations

import argparse
import json
import math
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent.parent
sys.path.insert(0, str(HERE))
import crosscheck  # noqa: E402  (the deck → LAMMPS input writer)


def bilayer_deck(atoms: int) -> str:
    """The TOML of ThroughputBenchmark.BilayerDeck(atoms)."""
    n = max(10, math.ceil((atoms / 4.0) ** (1 / 3) - 1e-9))
    return f"""units = "lj"
seed = 1
[[species]]
name = "light"
mass = 1.0
[[species]]
name = "heavy"
mass = 3.0
[[pair]]
species = ["light", "light"]
epsilon = 1.0
sigma = 1.0
cutoff = 2.5
[[pair]]
species = ["heavy", "heavy"]
epsilon = 1.0
sigma = 1.0
cutoff = 2.5
[[pair]]
species = ["light", "heavy"]
epsilon = 1.0
sigma = 1.0
cutoff = 2.5
[lattice]
type = "fcc"
constant = 1.5672
[geometry]
cross_section = [{n}, {n}]
species_A = "light"
cells_A = {n // 2}
species_B = "heavy"
cells_B = {n - n // 2}
frozen_cells = 1
reservoir_cells = 3
[thermostat]
t_hot = 0.33
t_cold = 0.27
damping = 0.5
[run]
timestep = 0.005
equilibration_steps = 0
production_steps = 1000
sample_interval = 10
skin = 0.3
initial_temperature = 0.3
"""


CPU_USE: dict[Path, float] = {}  # LAMMPS log -> the last run's "% CPU use" (average over ranks) / 100


def loop_rate(log: Path) -> tuple[int, float]:
    """(atoms, atom-steps/s) of the last run in a LAMMPS log; its CPU use goes to CPU_USE."""
    text = log.read_text()
    loops = re.findall(r"Loop time of ([0-9.eE+-]+) on (\d+) procs for (\d+) steps with (\d+) atoms", text)
    if not loops:
        raise SystemExit(f"{log}: no 'Loop time' line")
    use = re.findall(r"([0-9.]+)% CPU use with", text)
    if use:
        CPU_USE[log] = float(use[-1]) / 100.0
    seconds, _, n_steps, n_atoms = loops[-1]
    return int(n_atoms), int(n_atoms) * int(n_steps) / float(seconds)


def lammps_rate(atoms: int, steps: int, np_ranks: int, lmp: str, work: Path) -> tuple[int, float]:
    work.mkdir(parents=True, exist_ok=True)
    deck_path = work / "deck.toml"
    deck_path.write_text(bilayer_deck(atoms))
    deck = crosscheck.read_deck(deck_path, steps, None, 0)
    crosscheck.write_lammps(deck, work)
    crosscheck.run_lammps(deck, work, np_ranks, lmp)
    return loop_rate(work / "log.lammps")


def liquid_input(atoms: int, steps: int, neighbor_every: str) -> str:
    """bench/in.lj of LAMMPS with n fcc cells per side (4 n^3 >= atoms, n >= 6, as LennardJonesLiquid)."""
    n = max(6, math.ceil((atoms / 4.0) ** (1 / 3) - 1e-9))
    return f"""units lj
atom_style atomic
lattice fcc 0.8442
region box block 0 {n} 0 {n} 0 {n}
create_box 1 box
create_atoms 1 box
mass 1 1.0
velocity all create 3.0 87287 loop geom
pair_style lj/cut 2.5
pair_coeff 1 1 1.0 1.0 2.5
neighbor 0.3 bin
neigh_modify {neighbor_every}
fix 1 all nve
run 50
run {steps}
"""


def lammps_liquid_rate(atoms: int, steps: int, np_ranks: int, lmp: str, work: Path, neighbor_every: str) -> tuple[int, float]:
    work.mkdir(parents=True, exist_ok=True)
    (work / "in.lj").write_text(liquid_input(atoms, steps, neighbor_every))
    cmd = [shutil.which("mpirun") or "mpirun", "--allow-run-as-root", "-np", str(np_ranks), lmp, "-nocite",
           "-in", "in.lj", "-log", "log.lammps", "-screen", "none"]
    print("LAMMPS: " + " ".join(cmd) + f"  (in {work})", flush=True)
    if subprocess.run(cmd, cwd=work).returncode != 0:
        raise SystemExit(f"lmp failed in {work}")
    return loop_rate(work / "log.lammps")


def silicon_input(style: str, atoms: int, steps: int) -> str:
    """SiliconCrystal of nemd bench --system sw|tersoff: diamond Si, n >= 4 cells per side (8 n^3 >= atoms)."""
    n = max(4, math.ceil((atoms / 8.0) ** (1 / 3) - 1e-9))
    potentials = REPO / "inputs" / "potentials"
    coeff = f"{potentials / 'Si.sw'} Si" if style == "sw" else f"{potentials / 'SiGe.tersoff'} Si"
    return f"""units metal
atom_style atomic
lattice diamond 5.431
region box block 0 {n} 0 {n} 0 {n}
create_box 1 box
create_atoms 1 box
mass 1 28.0855
velocity all create 2000.0 87287 loop geom
pair_style {style}
pair_coeff * * {coeff}
neighbor 1.0 bin
neigh_modify every 1 delay 0 check yes
timestep 0.001
fix 1 all nve
thermo 100
run 50
run {steps}
"""


def lammps_silicon_rate(style: str, atoms: int, steps: int, np_ranks: int, lmp: str, work: Path) -> tuple[int, float]:
    work.mkdir(parents=True, exist_ok=True)
    (work / "in.si").write_text(silicon_input(style, atoms, steps))
    cmd = [shutil.which("mpirun") or "mpirun", "--allow-run-as-root", "-np", str(np_ranks), lmp, "-nocite",
           "-in", "in.si", "-log", "log.lammps", "-screen", "none"]
    print("LAMMPS: " + " ".join(cmd) + f"  (in {work})", flush=True)
    if subprocess.run(cmd, cwd=work).returncode != 0:
        raise SystemExit(f"lmp failed in {work}")
    return loop_rate(work / "log.lammps")


def nemd_rates(sizes: list[int], device: str, seconds: float, system: str, work: Path) -> dict[int, dict]:
    out = work / "nemd-bench.json"
    cmd = ["dotnet", "run", "-c", "Release", "--project", str(REPO / "src" / "NemdEngine.Cli"), "--", "bench",
           "--system", system, "--device", device, "--atoms", ",".join(map(str, sizes)), "--seconds", str(seconds),
           "--json", str(out)]
    print("NemdEngine: " + " ".join(cmd), flush=True)
    if subprocess.run(cmd, cwd=REPO).returncode != 0:
        raise SystemExit("nemd bench failed")
    return {r["atoms"]: r for r in json.loads(out.read_text())}


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--system", choices=["bilayer", "liquid", "sw", "tersoff"], default="bilayer",
                    help="the NEMD bilayer, LAMMPS bench/in.lj, or the Si crystal with SW or Tersoff")
    ap.add_argument("--atoms", default="4000,32000", help="comma-separated sizes (atoms)")
    ap.add_argument("--steps", default="1000",
                    help="LAMMPS steps per size: one number for every size, or one per size (e.g. 2000,300,40)")
    ap.add_argument("--seconds", type=float, default=5.0, help="NemdEngine measuring time per size")
    ap.add_argument("--np", type=int, default=2, help="MPI ranks for LAMMPS (the same cores NemdEngine uses)")
    ap.add_argument("--device", default="cpu", help="NemdEngine device")
    ap.add_argument("--lmp", default=shutil.which("lmp") or "lmp")
    ap.add_argument("--markdown", type=Path, default=None, help="also write the table as Markdown")
    args = ap.parse_args()
    if not shutil.which(args.lmp):
        print("error: lmp not found (apt-get install lammps)", file=sys.stderr)
        return 3
    sizes = [int(s) for s in args.atoms.split(",") if s.strip()]
    steps = [int(s) for s in args.steps.split(",") if s.strip()]
    if len(steps) == 1:
        steps = steps * len(sizes)
    if len(steps) != len(sizes):
        print(f"error: --steps gives {len(steps)} counts for {len(sizes)} sizes", file=sys.stderr)
        return 2
    work = Path(tempfile.mkdtemp(prefix="nemd-side-by-side-"))
    nemd = nemd_rates(sizes, args.device, args.seconds, args.system, work)
    rows = []
    for size, n_steps in zip(sizes, steps):
        if args.system == "liquid":
            atoms, lmp_rate = lammps_liquid_rate(size, n_steps, args.np, args.lmp, work / f"lammps-{size}", "every 1 delay 0 check yes")
            _, stock_rate = lammps_liquid_rate(size, n_steps, args.np, args.lmp, work / f"lammps-stock-{size}", "delay 0 every 20 check no")
        elif args.system in ("sw", "tersoff"):
            atoms, lmp_rate = lammps_silicon_rate(args.system, size, n_steps, args.np, args.lmp, work / f"lammps-{size}")
            stock_rate = None
        else:
            atoms, lmp_rate = lammps_rate(size, n_steps, args.np, args.lmp, work / f"lammps-{size}")
            stock_rate = None
        r = nemd.get(atoms)
        if r is None:
            raise SystemExit(f"nemd bench built {sorted(nemd)} atoms, LAMMPS {atoms}: the systems differ")
        # The share of the wall time each code had its cores (a shared machine): NemdEngine's process
        # CPU time over wall x cores, LAMMPS's "% CPU use" (per rank; MPI waits spin, so they count as use).
        nemd_use = r["cpu_seconds"] / (r["seconds"] * args.np) if r.get("cpu_seconds") else float("nan")
        lmp_use = CPU_USE.get(work / f"lammps-{size}" / "log.lammps", float("nan"))
        rows.append((atoms, r["atom_steps_per_second"], lmp_rate, stock_rate, nemd_use, lmp_use))
    if args.system == "liquid":
        header = (f"| atoms | NemdEngine {args.device} (atom-steps/s) | LAMMPS -np {args.np}, check yes (atom-steps/s) | ratio "
                  f"| LAMMPS -np {args.np}, stock in.lj every 20 (atom-steps/s) | ratio |")
        lines = [header, "|---|---|---|---|---|---|"] + [
            f"| {a} | {n:.3e} | {l:.3e} | {n / l:.2f} | {st:.3e} | {n / st:.2f} |" for a, n, l, st, _, _ in rows]
    else:
        header = (f"| atoms | NemdEngine {args.device} (atom-steps/s) | LAMMPS -np {args.np} (atom-steps/s) | ratio "
                  f"| CPU use NemdEngine / LAMMPS | ratio per CPU-second |")
        lines = [header, "|---|---|---|---|---|---|"] + [
            f"| {a} | {n:.3e} | {l:.3e} | {n / l:.2f} | {nu:.0%} / {lu:.0%} | {(n / nu) / (l / lu):.2f} |"
            for a, n, l, _, nu, lu in rows]
    print("\n".join(lines))
    if args.markdown:
        args.markdown.write_text("\n".join(lines) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
