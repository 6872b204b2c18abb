#!/usr/bin/python3
"""Cross-check NemdEngine against LAMMPS on the same NEMD bilayer.

Reads a NemdEngine deck, writes the same system as a LAMMPS input (the same atom positions,
float-rounded as NemdEngine builds them; the same species, masses, LJ pairs with shift; frozen
atoms in no fix; fix nve on every mobile atom plus fix langevin ... tally yes on each reservoir at
the deck's temperatures and damping; the same timestep, equilibration, production, sample interval
and bins), runs lmp, and analyses LAMMPS's samples and NemdEngine's samples with ONE analysis
(a port of src/NemdEngine/Analysis/KapitzaAnalysis.cs: same bins, interface plane, fit windows,
bath powers from the slope of cumulative bath energy, block errors and jackknife), so differences
come from the dynamics, not the analysis. NemdEngine's own results.json is printed beside it.

NemdEngine's samples come from the /observables of the H5MD trajectory `nemd run` writes (bath
energies, reservoir temperatures and the temperature profile at every sample): --nemd runs
`nemd run` on a copy of the deck with an [output.trajectory] table; --nemd-run DIR reads a run
folder that has one.

    /usr/bin/python3 benchmarks/lammps/crosscheck.py benchmarks/lammps/small.toml --nemd [--steps N] [--np 2] [--json out.json]

Python 3.11+ standard library and numpy only.
"""
from __future__ import annotations

import argparse
import json
import math
import re
import os
import shutil
import subprocess
import sys
import time
import tomllib
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

HERE = Path(__file__).resolve().parent
REPO = HERE.parent.parent

# --------------------------------------------------------------------------------------------
# Deck and geometry (mirrors src/NemdEngine/Input/Deck.cs, PairTable.cs, Lattice/*)
# --------------------------------------------------------------------------------------------

FCC_BASIS = [(0.0, 0.0, 0.25), (0.5, 0.5, 0.25), (0.5, 0.0, 0.75), (0.0, 0.5, 0.75)]
FROZEN, HOT, MAT_A, MAT_B, COLD = "Frozen", "HotReservoir", "MaterialA", "MaterialB", "ColdReservoir"


@dataclass
class Deck:
    path: Path
    seed: int
    species: list[tuple[str, float]]
    pairs: list[dict]                  # resolved: one per unordered species pair, species order
    a: float
    cells_x: int
    cells_y: int
    species_a: str
    cells_a: int
    species_b: str
    cells_b: int
    frozen_cells: int
    reservoir_cells: int
    t_hot: float
    t_cold: float
    damping: float
    dt: float
    equilibration: int
    production: int
    interval: int
    skin: float
    t_initial: float
    bin_width: float | None
    margin_reservoir: float
    margin_interface: float
    blocks: int


def read_deck(path: Path, steps: int | None, seed: int | None, equilibration: int | None = None) -> Deck:
    d = tomllib.loads(path.read_text())
    if d.get("units", "lj") != "lj":
        raise SystemExit(f"{path}: only units = \"lj\" is supported by the cross-check")
    species = [(s["name"], float(s["mass"])) for s in d["species"]]
    names = [s[0] for s in species]
    given = {}
    for p in d["pair"]:
        i, j = p["species"]
        given[frozenset((i, j))] = dict(eps=float(p["epsilon"]), sigma=float(p["sigma"]),
                                         cutoff=float(p["cutoff"]), shift=bool(p.get("shift", True)))
    pairs = []
    for ia in range(len(names)):
        for ib in range(ia, len(names)):
            key = frozenset((names[ia], names[ib]))
            if key in given:
                q = dict(given[key])
            else:  # Lorentz-Berthelot, as PairTable.ResolvePairs
                ii, jj = given[frozenset((names[ia],))], given[frozenset((names[ib],))]
                q = dict(eps=math.sqrt(ii["eps"] * jj["eps"]), sigma=0.5 * (ii["sigma"] + jj["sigma"]),
                         cutoff=0.5 * (ii["cutoff"] + jj["cutoff"]), shift=ii["shift"] and jj["shift"])
            q.update(i=ia + 1, j=ib + 1)
            pairs.append(q)
    g, th, r = d["geometry"], d["thermostat"], d["run"]
    an = d.get("analysis", {})
    if d["lattice"].get("type", "fcc") != "fcc":
        raise SystemExit("only fcc lattices are supported")
    cx, cy = g["cross_section"]
    return Deck(
        path=path, seed=int(seed if seed is not None else d.get("seed", 1)), species=species, pairs=pairs,
        a=float(d["lattice"]["constant"]), cells_x=int(cx), cells_y=int(cy),
        species_a=g["species_A"], cells_a=int(g["cells_A"]), species_b=g["species_B"], cells_b=int(g["cells_B"]),
        frozen_cells=int(g.get("frozen_cells", 1)), reservoir_cells=int(g.get("reservoir_cells", 3)),
        t_hot=float(th["t_hot"]), t_cold=float(th["t_cold"]), damping=float(th["damping"]),
        dt=float(r.get("timestep", 0.005)),
        equilibration=int(equilibration if equilibration is not None else r["equilibration_steps"]),
        production=int(steps if steps is not None else r["production_steps"]),
        interval=int(r.get("sample_interval", 10)), skin=float(r.get("skin", 0.3)),
        t_initial=float(r.get("initial_temperature", 0.5 * (float(th["t_hot"]) + float(th["t_cold"])))),
        bin_width=an.get("bin_width"), margin_reservoir=float(an.get("margin_reservoir", 2.0)),
        margin_interface=float(an.get("margin_interface", 2.0)), blocks=int(an.get("blocks", 10)))


@dataclass
class Layout:
    lx: float
    ly: float
    z_start: float
    z_end: float
    frozen_low_top: float
    hot_top: float
    interface: float
    cold_bottom: float
    frozen_high_bottom: float
    plane_spacing: float

    @property
    def area(self) -> float:
        return self.lx * self.ly

    def region(self, z: float) -> str:
        return (FROZEN if z < self.frozen_low_top else HOT if z < self.hot_top else MAT_A if z < self.interface
                else MAT_B if z < self.cold_bottom else COLD if z < self.frozen_high_bottom else FROZEN)


def build(deck: Deck):
    """Positions (float32-rounded, as BilayerBuilder stores them), types (1-based), regions, layout."""
    a = deck.a
    cz_total = deck.cells_a + deck.cells_b
    lay = Layout(lx=deck.cells_x * a, ly=deck.cells_y * a, z_start=0.0, z_end=cz_total * a,
                 frozen_low_top=deck.frozen_cells * a, hot_top=(deck.frozen_cells + deck.reservoir_cells) * a,
                 interface=deck.cells_a * a, cold_bottom=(cz_total - deck.frozen_cells - deck.reservoir_cells) * a,
                 frozen_high_bottom=(cz_total - deck.frozen_cells) * a, plane_spacing=a / 2)
    names = [s[0] for s in deck.species]
    ta, tb = names.index(deck.species_a) + 1, names.index(deck.species_b) + 1
    pos, types = [], []
    for cz in range(cz_total):
        for cy in range(deck.cells_y):
            for cx in range(deck.cells_x):
                for bx, by, bz in FCC_BASIS:
                    pos.append(((cx + bx) * a, (cy + by) * a, (cz + bz) * a))
                    types.append(ta if cz < deck.cells_a else tb)
    pos = np.array(pos, dtype=np.float32).astype(np.float64)
    regions = [lay.region(z) for z in pos[:, 2]]
    return pos, np.array(types), regions, lay


# --------------------------------------------------------------------------------------------
# LAMMPS input and run
# --------------------------------------------------------------------------------------------

def id_range(regions: list[str], name: str) -> tuple[int, int]:
    """1-based inclusive id range of a region; atoms are ordered by plane, so each is contiguous."""
    idx = [k for k, r in enumerate(regions) if r == name]
    if not idx:
        raise SystemExit(f"region {name} holds no atoms")
    if idx[-1] - idx[0] + 1 != len(idx) and name != FROZEN:
        raise SystemExit(f"region {name} is not a contiguous id range")
    return idx[0] + 1, idx[-1] + 1


def lammps_seed(seed: int, stream: int) -> int:
    return (seed * 7919 + stream * 104729) % 900_000_000 + 1


def write_lammps(deck: Deck, work: Path) -> dict:
    pos, types, regions, lay = build(deck)
    a = deck.a
    f32 = lambda x: float(np.float32(x))
    zlo, zhi = f32(lay.z_start - a), f32(lay.z_end + a)
    with open(work / "system.data", "w") as f:
        f.write(f"NemdEngine bilayer from {deck.path.name}\n\n{len(pos)} atoms\n{len(deck.species)} atom types\n\n")
        f.write(f"0 {f32(lay.lx)!r} xlo xhi\n0 {f32(lay.ly)!r} ylo yhi\n{zlo!r} {zhi!r} zlo zhi\n\nMasses\n\n")
        for k, (_, m) in enumerate(deck.species):
            f.write(f"{k + 1} {m!r}\n")
        f.write("\nAtoms # atomic\n\n")
        for k, (p, t) in enumerate(zip(pos, types)):
            f.write(f"{k + 1} {t} {p[0]!r} {p[1]!r} {p[2]!r}\n")
    shifts = {p["shift"] for p in deck.pairs}
    if len(shifts) != 1:
        raise SystemExit("pairs mix shifted and unshifted LJ; LAMMPS's pair_modify shift is global")
    hot, cold = id_range(regions, HOT), id_range(regions, COLD)
    mob_a, mob_b = id_range(regions, MAT_A), id_range(regions, MAT_B)
    n_hot, n_cold = hot[1] - hot[0] + 1, cold[1] - cold[0] + 1
    w = deck.bin_width if deck.bin_width else lay.plane_spacing
    S = deck.interval
    pair_lines = "\n".join(f"pair_coeff {p['i']} {p['j']} {p['eps']!r} {p['sigma']!r} {p['cutoff']!r}" for p in deck.pairs)
    script = f"""# LAMMPS input written by benchmarks/lammps/crosscheck.py from {deck.path}
units           lj
atom_style      atomic
boundary        p p f
read_data       system.data
pair_style      lj/cut {max(p['cutoff'] for p in deck.pairs)!r}
pair_modify     shift {'yes' if shifts.pop() else 'no'}
{pair_lines}
neighbor        {deck.skin!r} bin
neigh_modify    every 1 delay 0 check yes
timestep        {deck.dt!r}

group           hot id {hot[0]}:{hot[1]}
group           cold id {cold[0]}:{cold[1]}
group           bulk id {mob_a[0]}:{mob_b[1]}
group           mobile union hot bulk cold
# frozen atoms are in no integrating fix: they never move (zero velocity from the data file)

velocity        mobile create {deck.t_initial!r} {lammps_seed(deck.seed, 2)} dist gaussian mom yes rot no loop geom
fix             integrate mobile nve
fix             hot hot langevin {deck.t_hot!r} {deck.t_hot!r} {deck.damping!r} {lammps_seed(deck.seed, 0)} tally yes
fix             cold cold langevin {deck.t_cold!r} {deck.t_cold!r} {deck.damping!r} {lammps_seed(deck.seed, 1)} tally yes

# kinetic temperature per atom, Σ m v² / (3 N k_B) with nothing subtracted (as NemdEngine)
variable        mv2 atom mass*(vx*vx+vy*vy+vz*vz)/3.0
compute         shot hot reduce sum v_mv2
compute         scold cold reduce sum v_mv2
variable        thot equal c_shot/{n_hot}
variable        tcold equal c_scold/{n_cold}

thermo_style    custom step temp pe etotal f_hot f_cold v_thot v_tcold
thermo_modify   format float %.10g
thermo          {max(S, deck.equilibration // 20 // S * S)}
run             {deck.equilibration}

# production: time restarts at 0; the bath tallies restart at the first step of the run
reset_timestep  0
compute         bins all chunk/atom bin/1d z {lay.z_start!r} {w!r} units box bound z {lay.z_start!r} {lay.z_end!r} discard yes
fix             profile all ave/chunk 1 1 {S} bins v_mv2 norm all file profile.chunk format " %.12g"
fix             baths all ave/time {S} 1 {S} f_hot f_cold v_thot v_tcold file baths.dat format " %.15g"
thermo          {max(S, deck.production // 20 // S * S)}
run             {deck.production}
"""
    (work / "in.nemd").write_text(script)
    return dict(layout=lay, bin_width=w, n_hot=n_hot, n_cold=n_cold, atoms=len(pos))


def run_lammps(deck: Deck, work: Path, np_ranks: int, lmp: str) -> float:
    mpirun = shutil.which("mpirun")
    cmd = [lmp, "-nocite", "-in", "in.nemd", "-log", "log.lammps", "-screen", "screen.txt"]
    if np_ranks > 1:
        if not mpirun:
            raise SystemExit("mpirun not found: install an MPI or pass --np 1")
        cmd = [mpirun, "--allow-run-as-root", "-np", str(np_ranks)] + cmd
    print(f"LAMMPS: {' '.join(cmd)}  (in {work})", flush=True)
    t0 = time.time()
    proc = subprocess.run(cmd, cwd=work)
    if proc.returncode != 0:
        tail = (work / "log.lammps").read_text()[-3000:] if (work / "log.lammps").exists() else ""
        raise SystemExit(f"lmp failed with exit code {proc.returncode}\n{tail}")
    return time.time() - t0


# --------------------------------------------------------------------------------------------
# Samples: per production sample, time, per-bin temperature, bath energies, reservoir T
# --------------------------------------------------------------------------------------------

@dataclass
class Samples:
    centers: np.ndarray        # bin centres (length)
    atoms: np.ndarray          # mean atoms per bin
    times: np.ndarray          # time since production began
    temps: np.ndarray          # [sample, bin], NaN where empty
    hot_e: np.ndarray          # energy the hot bath added since production began
    cold_e: np.ndarray         # energy the cold bath added (< 0 in steady state)
    t_hot: np.ndarray
    t_cold: np.ndarray


def bin_grid(lay: Layout, w: float) -> np.ndarray:
    nb = int(math.ceil((lay.z_end - lay.z_start) / w - 1e-9))
    return lay.z_start + (np.arange(nb) + 0.5) * w


def read_lammps_samples(work: Path, deck: Deck, lay: Layout, w: float) -> Samples:
    centers = bin_grid(lay, w)
    nb = len(centers)
    steps, rows, counts = [], [], []
    with open(work / "profile.chunk") as f:
        lines = [ln for ln in f if not ln.startswith("#")]
    k = 0
    while k < len(lines):
        step, nchunk, _ = lines[k].split()
        k += 1
        t = np.full(nb, np.nan)
        c = np.zeros(nb)
        for ln in lines[k:k + int(nchunk)]:
            _, coord, cnt, val = ln.split()
            b = int(round((float(coord) - lay.z_start) / w - 0.5))
            if 0 <= b < nb and float(cnt) > 0:
                t[b], c[b] = float(val), float(cnt)
        k += int(nchunk)
        steps.append(int(step)); rows.append(t); counts.append(c)
    steps = np.array(steps)
    bath = np.loadtxt(work / "baths.dat", comments="#", ndmin=2)
    if bath[0, 0] != 0:
        raise SystemExit("baths.dat has no row at the first production step")
    # fix langevin's scalar is the cumulative energy REMOVED from the atoms: negate it.
    hot0, cold0 = -bath[0, 1], -bath[0, 2]
    keep_p = steps > 0
    keep_b = bath[:, 0] > 0
    if not np.array_equal(steps[keep_p], bath[keep_b, 0].astype(int)):
        raise SystemExit("profile and bath samples are not on the same steps")
    temps = np.array(rows)[keep_p]
    return Samples(centers=centers, atoms=np.array(counts)[keep_p].mean(axis=0), times=steps[keep_p] * deck.dt,
                   temps=temps, hot_e=-bath[keep_b, 1] - hot0, cold_e=-bath[keep_b, 2] - cold0,
                   t_hot=bath[keep_b, 3], t_cold=bath[keep_b, 4])


def read_nemd_samples(run: Path, deck: Deck) -> Samples:
    """Every production sample of a `nemd run` folder, from its H5MD files' /observables."""
    try:
        import h5py  # Debian: python3-h5py, for /usr/bin/python3
    except ImportError:
        raise SystemExit("reading NemdEngine's samples needs h5py (apt-get install python3-h5py; run with /usr/bin/python3)")
    index = run / "trajectory-files.txt"
    if not index.exists():
        raise SystemExit(f"{run}: no trajectory-files.txt; the run needs an [output.trajectory] table (--nemd adds one)")
    names = [ln.split()[0] for ln in index.read_text().splitlines() if ln.strip() and not ln.startswith("#")]
    obs = {k: [] for k in ("step", "hot_bath_energy", "cold_bath_energy", "hot_reservoir_temperature",
                           "cold_reservoir_temperature", "temperature_profile")}
    centers = None
    for name in names:
        with h5py.File(run / name, "r") as f:
            o = f["observables"]
            obs["step"].append(o["temperature_profile/step"][()])
            for k in list(obs)[1:]:
                obs[k].append(o[k + "/value"][()])
            centers = o["temperature_profile/bin_center"][()]
    cat = {k: np.concatenate(v) for k, v in obs.items()}
    rows = [ln for ln in (run / "profile.csv").read_text().splitlines() if ln and not ln.startswith("#")]
    header = rows[0].split(",")
    atoms = [float(r.split(",")[header.index("atoms")]) for r in rows[1:]]
    # Times since production began, as the analysis takes them (only slopes matter, but keep them exact).
    times = (cat["step"] - deck.equilibration) * deck.dt
    return Samples(centers=centers, atoms=np.asarray(atoms, float), times=times,
                   hot_e=cat["hot_bath_energy"], cold_e=cat["cold_bath_energy"],
                   t_hot=cat["hot_reservoir_temperature"], t_cold=cat["cold_reservoir_temperature"],
                   temps=cat["temperature_profile"])


def set_key(text: str, section: str, key: str, value) -> str:
    """Sets `key = value` in the TOML table [section] of a deck's text (replaces the line, or adds it
    under the table's header)."""
    head = re.search(rf"(?m)^\[{re.escape(section)}\][^\n]*\n", text)
    if head is None:
        raise SystemExit(f"{section}: no such table in the deck")
    end = re.search(r"(?m)^\[", text[head.end():])
    body_end = head.end() + (end.start() if end else len(text) - head.end())
    body = text[head.end():body_end]
    line = re.compile(rf"(?m)^(\s*{re.escape(key)}\s*=\s*)[^#\n]*?(\s*(#.*)?)$")
    body = line.sub(lambda m: m.group(1) + repr(value) + m.group(2), body, count=1) if line.search(body) \
        else f"{key} = {value!r}\n" + body
    return text[:head.end()] + body + text[body_end:]


def nemd_deck_copy(deck: Deck, out: Path) -> Path:
    """The deck as NemdEngine runs it here: the given equilibration, timestep, sample interval and
    thermostat (so that the overrides of this script reach both codes) and a trajectory whose
    /observables hold every sample (about ten position frames, so the files stay small)."""
    text = re.sub(r"(?ms)^\[output\.trajectory\].*?(?=^\[|\Z)", "", deck.path.read_text())
    for section, key, value in (("run", "equilibration_steps", deck.equilibration), ("run", "timestep", deck.dt),
                                ("run", "sample_interval", deck.interval), ("thermostat", "t_hot", deck.t_hot),
                                ("thermostat", "t_cold", deck.t_cold), ("thermostat", "damping", deck.damping)):
        text = set_key(text, section, key, value)
    every = max(deck.interval, deck.production // 10 // deck.interval * deck.interval)
    text += f"\n[output.trajectory]   # added by crosscheck.py: its /observables are the samples compared\ninterval = {every}\nfields = [\"position\"]\n"
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(text)
    return out


# --------------------------------------------------------------------------------------------
# The shared analysis: a port of KapitzaAnalysis.Analyze
# --------------------------------------------------------------------------------------------

def line_fit(z, y):
    z, y = np.asarray(z, float), np.asarray(y, float)
    mz, my = z.mean(), y.mean()
    slope = np.sum((z - mz) * (y - my)) / np.sum((z - mz) ** 2)
    return my - slope * mz, slope


def split_blocks(n: int, blocks: int):
    if blocks < 2 or n < blocks:
        raise SystemExit(f"{n} samples cannot make {blocks} blocks")
    size = n // blocks
    return [(b * size, n if b == blocks - 1 else (b + 1) * size) for b in range(blocks)]


def std_err(v):
    v = np.asarray(v, float)
    return float(np.sqrt(np.var(v, ddof=1) / len(v)))


def jackknife(v):
    v = np.asarray(v, float)
    n = len(v)
    return float(np.sqrt((n - 1) / n * np.sum((v - v.mean()) ** 2)))


def mean_temperature(s: Samples, start: int, end: int) -> np.ndarray:
    block = s.temps[start:end]
    with np.errstate(invalid="ignore"):
        return np.nanmean(block, axis=0) if np.isfinite(block).any() else np.full(block.shape[1], np.nan)


def analyze(s: Samples, lay: Layout, mr: float, mi: float, blocks: int) -> dict:
    n = len(s.times)
    win_a = (lay.hot_top + mr, lay.interface - mi)
    win_b = (lay.interface + mi, lay.cold_bottom - mr)
    bins_a = np.where((s.centers >= win_a[0]) & (s.centers <= win_a[1]))[0]
    bins_b = np.where((s.centers >= win_b[0]) & (s.centers <= win_b[1]))[0]
    if len(bins_a) < 3 or len(bins_b) < 3:
        raise SystemExit("a fit window holds fewer than 3 bins")
    zi = lay.interface
    bulk = np.array([lay.region(z) in (MAT_A, MAT_B) for z in s.centers]) & (s.atoms > 0)

    def estimate(start, end):
        with np.errstate(invalid="ignore", divide="ignore"):
            mt = np.array([np.nanmean(s.temps[start:end, b]) if np.isfinite(s.temps[start:end, b]).any() else np.nan
                           for b in range(s.temps.shape[1])])

        def side(bins):
            ok = [b for b in bins if np.isfinite(mt[b])]
            return line_fit(s.centers[ok], mt[ok])
        ia, sa = side(bins_a)
        ib, sb = side(bins_b)
        tia, tib = ia + sa * zi, ib + sb * zi
        ok = bulk & np.isfinite(mt)
        t_bulk = float(np.sum(s.atoms[ok] * mt[ok]) / np.sum(s.atoms[ok]))

        def power(e):
            t = np.concatenate(([0.0 if start == 0 else s.times[start - 1]], s.times[start:end]))
            y = np.concatenate(([0.0 if start == 0 else e[start - 1]], e[start:end]))
            return line_fit(t, y)[1]
        ph, pc = power(s.hot_e), power(s.cold_e)
        flux = 0.5 * (ph - pc) / lay.area
        return dict(dT=tia - tib, J=flux, J_hot=ph / lay.area, J_cold=-pc / lay.area, slope_A=sa, slope_B=sb,
                    Ti_A=tia, Ti_B=tib, meanT=0.5 * (tia + tib), T_bulk=t_bulk, T_hot=float(np.mean(s.t_hot[start:end])),
                    T_cold=float(np.mean(s.t_cold[start:end])), line_A=(ia, sa), line_B=(ib, sb))

    full = estimate(0, n)
    ranges = split_blocks(n, blocks)
    per = [estimate(a, b) for a, b in ranges]

    def m(key):
        return dict(value=float(full[key]), stderr=std_err([e[key] for e in per]))

    def ratio(value, num, den):
        loo = [np.mean([num(e) for k, e in enumerate(per) if k != b]) / np.mean([den(e) for k, e in enumerate(per) if k != b])
               for b in range(len(per))]
        return dict(value=float(value), stderr=jackknife(loo))

    prof_mean = np.array([np.nanmean(s.temps[:, b]) if np.isfinite(s.temps[:, b]).any() else np.nan for b in range(len(s.centers))])
    block_means = np.array([[np.nanmean(s.temps[a:b_, k]) if np.isfinite(s.temps[a:b_, k]).any() else np.nan
                             for k in range(len(s.centers))] for a, b_ in ranges])
    prof_se = np.array([std_err(block_means[:, k]) if np.isfinite(block_means[:, k]).all() else np.nan
                        for k in range(len(s.centers))])
    return dict(
        R_K=ratio(full["dT"] / full["J"], lambda e: e["dT"], lambda e: e["J"]),
        G=ratio(full["J"] / full["dT"], lambda e: e["J"], lambda e: e["dT"]),
        J=m("J"), J_hot=m("J_hot"), J_cold=m("J_cold"), delta_T=m("dT"),
        k_A=ratio(full["J"] / abs(full["slope_A"]), lambda e: e["J"], lambda e: abs(e["slope_A"])),
        k_B=ratio(full["J"] / abs(full["slope_B"]), lambda e: e["J"], lambda e: abs(e["slope_B"])),
        mean_T=m("meanT"), T_bulk=m("T_bulk"), T_i_A=m("Ti_A"), T_i_B=m("Ti_B"), slope_A=m("slope_A"), slope_B=m("slope_B"),
        T_hot_reservoir=m("T_hot"), T_cold_reservoir=m("T_cold"),
        fit=dict(interface_z=zi, window_A=list(win_a), window_B=list(win_b), bins_A=len(bins_a), bins_B=len(bins_b),
                 line_A=list(full["line_A"]), line_B=list(full["line_B"])),
        blocks=blocks, samples=n, production_time=float(s.times[-1]),
        profile=dict(z=s.centers.tolist(), T=prof_mean.tolist(), stderr=prof_se.tolist(), atoms=s.atoms.tolist(),
                     region=[lay.region(z) for z in s.centers]))


# --------------------------------------------------------------------------------------------
# Comparison
# --------------------------------------------------------------------------------------------

ROWS = [("R_K", "R_K", "kapitza_resistance"), ("G", "G", "conductance"), ("J", "J", "heat_flux"),
        ("J_hot", "J_hot", "heat_flux_hot"), ("J_cold", "J_cold", "heat_flux_cold"), ("dT", "delta_T", "delta_T"),
        ("T_i,A", "T_i_A", "interface_temperature_A"), ("T_i,B", "T_i_B", "interface_temperature_B"),
        ("k_A", "k_A", "conductivity_A"), ("k_B", "k_B", "conductivity_B"), ("mean T", "mean_T", "mean_temperature"),
        ("T_bulk", "T_bulk", None),  # atom-weighted mean over every A and B bin (no fit)
        ("T_hot res", "T_hot_reservoir", "reservoir_temperature_hot"),
        ("T_cold res", "T_cold_reservoir", "reservoir_temperature_cold")]


def compare(lmp: dict, nemd: dict, nemd_own: dict | None) -> dict:
    rows = {}
    for label, key, jkey in ROWS:
        a, b = lmp[key], nemd[key]
        sigma = math.hypot(a["stderr"], b["stderr"])
        rows[label] = dict(lammps=a, nemd=b, diff=b["value"] - a["value"],
                           sigmas=(b["value"] - a["value"]) / sigma if sigma > 0 else float("nan"),
                           nemd_results_json=(nemd_own or {}).get(jkey))
    pl, pn = lmp["profile"], nemd["profile"]
    tl, tn = np.array(pl["T"]), np.array(pn["T"])
    sl, sn = np.array(pl["stderr"]), np.array(pn["stderr"])
    reg = pl["region"]
    mobile = np.array([r != FROZEN for r in reg]) & np.isfinite(tl) & np.isfinite(tn)
    bulk = np.array([r in (MAT_A, MAT_B) for r in reg]) & mobile
    d = tn - tl
    with np.errstate(invalid="ignore", divide="ignore"):
        z = d / np.hypot(sl, sn)
    prof = dict(rms_diff_mobile=float(np.sqrt(np.mean(d[mobile] ** 2))), rms_diff_bulk=float(np.sqrt(np.mean(d[bulk] ** 2))),
                rms_sigmas_mobile=float(np.sqrt(np.mean(z[mobile] ** 2))), max_abs_sigmas=float(np.max(np.abs(z[mobile]))),
                bins_mobile=int(mobile.sum()),
                max_atoms_per_bin_diff=float(np.max(np.abs(np.array(pl["atoms"]) - np.array(pn["atoms"])))),
                bins=[dict(z=pl["z"][k], region=reg[k], T_lammps=tl[k], se_lammps=sl[k], T_nemd=tn[k], se_nemd=sn[k],
                           sigmas=float(z[k])) for k in range(len(reg)) if mobile[k]])
    return dict(rows=rows, profile=prof)


def fmt(q):
    return f"{q['value']:.5g} ± {q['stderr']:.2g}" if q else "-"


def print_table(cmp: dict, lmp: dict, nemd: dict):
    print()
    print(f"{'quantity':<11} {'LAMMPS':>22} {'NemdEngine (same analysis)':>28} {'diff/σ':>7}   {'NemdEngine results.json':>24}")
    for label, r in cmp["rows"].items():
        own = r["nemd_results_json"]
        print(f"{label:<11} {fmt(r['lammps']):>22} {fmt(r['nemd']):>28} {r['sigmas']:>7.2f}   {fmt(own):>24}")
    p = cmp["profile"]
    print(f"\nprofile over {p['bins_mobile']} mobile bins: RMS(T_nemd - T_lammps) = {p['rms_diff_mobile']:.4g} "
          f"(bulk A+B: {p['rms_diff_bulk']:.4g}); RMS of the difference in σ = {p['rms_sigmas_mobile']:.2f}, max |diff|/σ = {p['max_abs_sigmas']:.2f}")
    print(f"mean atoms per bin, largest difference between the codes: {p['max_atoms_per_bin_diff']:.3g} (same planes, same atoms)")
    print("\n   z      region         T_lammps            T_nemd        diff/σ")
    for b in p["bins"]:
        print(f"{b['z']:7.3f}  {b['region']:<13} {b['T_lammps']:.5f} ± {b['se_lammps']:.5f}  {b['T_nemd']:.5f} ± {b['se_nemd']:.5f}  {b['sigmas']:6.2f}")
    f = lmp["fit"]
    print(f"\ninterface z = {f['interface_z']:.5g}; fit windows A {f['window_A']} ({f['bins_A']} bins), B {f['window_B']} ({f['bins_B']} bins); "
          f"{lmp['blocks']} blocks of {lmp['samples'] // lmp['blocks']} samples (LAMMPS) / {nemd['samples'] // nemd['blocks']} (NemdEngine)")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("deck", type=Path)
    ap.add_argument("--out", type=Path, default=None, help="work folder (default runs/lammps-crosscheck/<deck name>)")
    ap.add_argument("--steps", type=int, default=None, help="production steps in both codes (overrides the deck)")
    ap.add_argument("--seed", type=int, default=None, help="seed (overrides the deck; LAMMPS seeds derive from it)")
    ap.add_argument("--equilibration", type=int, default=None, help="equilibration steps in both codes (overrides the deck; for smoke tests)")
    ap.add_argument("--np", type=int, default=2, help="MPI ranks for lmp (default 2)")
    ap.add_argument("--lmp", default="lmp", help="LAMMPS executable (default lmp)")
    ap.add_argument("--nemd", action="store_true", help="run NemdEngine (nemd run, with a trajectory for its samples) on the deck")
    ap.add_argument("--nemd-run", type=Path, default=None, help="analyse an existing nemd run folder (with [output.trajectory]) instead")
    ap.add_argument("--lammps-run", type=Path, default=None, help="analyse an existing LAMMPS work folder instead of running lmp")
    ap.add_argument("--timestep-divisor", type=int, default=1,
                    help="run both codes at dt/K with K times the steps (equilibration, production, sample interval; "
                         "--steps and --equilibration are counted at the deck's dt): same physical times, same samples")
    ap.add_argument("--damping", type=float, default=None, help="thermostat damping time (overrides the deck, both codes)")
    ap.add_argument("--t-hot", type=float, default=None, help="hot reservoir temperature (overrides the deck, both codes)")
    ap.add_argument("--t-cold", type=float, default=None, help="cold reservoir temperature (overrides the deck, both codes)")
    ap.add_argument("--device", default="cpu", help="NemdEngine device (default cpu)")
    ap.add_argument("--margin-reservoir", type=float, default=None, help="fit margin next to the reservoirs (overrides the deck)")
    ap.add_argument("--margin-interface", type=float, default=None, help="fit margin next to the interface (overrides the deck)")
    ap.add_argument("--json", type=Path, default=None, help="write the comparison here")
    args = ap.parse_args()

    deck = read_deck(args.deck, args.steps, args.seed, args.equilibration)
    if args.timestep_divisor < 1:
        raise SystemExit("--timestep-divisor must be a positive integer")
    k = args.timestep_divisor
    deck.dt, deck.equilibration, deck.production, deck.interval = deck.dt / k, deck.equilibration * k, deck.production * k, deck.interval * k
    for name in ("damping", "t_hot", "t_cold"):
        if getattr(args, name) is not None:
            setattr(deck, name, getattr(args, name))
    if "initial_temperature" not in tomllib.loads(deck.path.read_text())["run"]:
        deck.t_initial = 0.5 * (deck.t_hot + deck.t_cold)  # as NemdEngine's default, after the overrides
    if args.margin_reservoir is not None:
        deck.margin_reservoir = args.margin_reservoir
    if args.margin_interface is not None:
        deck.margin_interface = args.margin_interface
    work = args.out or (REPO / "runs" / "lammps-crosscheck" / args.deck.stem)
    work.mkdir(parents=True, exist_ok=True)

    lmp_dir = args.lammps_run or (work / "lammps")
    if args.lammps_run is None:
        lmp = shutil.which(args.lmp) if "/" not in args.lmp else (args.lmp if os.access(args.lmp, os.X_OK) else None)
        if lmp is None:
            print(f"error: LAMMPS executable '{args.lmp}' not found (Debian: apt-get install lammps)", file=sys.stderr)
            return 3
        lmp_dir.mkdir(parents=True, exist_ok=True)
        info = write_lammps(deck, lmp_dir)
        wall = run_lammps(deck, lmp_dir, args.np, lmp)
        print(f"LAMMPS: {info['atoms']} atoms, {deck.equilibration} + {deck.production} steps in {wall:.0f} s", flush=True)
    else:
        (work / "lammps-inputs").mkdir(parents=True, exist_ok=True)
        info = write_lammps(deck, work / "lammps-inputs")  # geometry and layout only; the run is reused
    lay, w = info["layout"], info["bin_width"]

    nemd_dir = args.nemd_run
    if nemd_dir is None and args.nemd:
        nemd_dir = work / "nemd"
        copy = nemd_deck_copy(deck, work / "nemd-deck.toml")
        cmd = ["dotnet", "run", "-c", "Release", "--project", str(REPO / "src" / "NemdEngine.Cli"), "--", "run", str(copy),
               "--out", str(nemd_dir), "--overwrite", "--steps", str(deck.production), "--seed", str(deck.seed), "--device", args.device]
        print("NemdEngine: " + " ".join(cmd), flush=True)
        t0 = time.time()
        if subprocess.run(cmd, cwd=REPO).returncode != 0:
            raise SystemExit("NemdEngine run failed")
        print(f"NemdEngine: done in {time.time() - t0:.0f} s", flush=True)

    ls = read_lammps_samples(lmp_dir, deck, lay, w)
    la = analyze(ls, lay, deck.margin_reservoir, deck.margin_interface, deck.blocks)
    result = dict(deck=str(args.deck), lammps_dir=str(lmp_dir), lammps=la)
    if nemd_dir is None:
        print("no NemdEngine run (--nemd or --nemd-run DIR): LAMMPS alone")
        for label, key, _ in ROWS:
            print(f"{label:<11} {fmt(la[key])}")
    else:
        ns = read_nemd_samples(nemd_dir, deck)
        if len(ns.centers) != len(ls.centers) or not np.allclose(ns.centers, ls.centers):
            raise SystemExit("NemdEngine and LAMMPS bins differ")
        na = analyze(ns, lay, deck.margin_reservoir, deck.margin_interface, deck.blocks)
        own = json.loads((nemd_dir / "results.json").read_text()) if (nemd_dir / "results.json").exists() else None
        cmp = compare(la, na, own)
        print_table(cmp, la, na)
        result.update(nemd_dir=str(nemd_dir), nemd=na, nemd_results_json=own, comparison=cmp)
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps(result, indent=1, default=float))
        print(f"\nwrote {args.json}", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
