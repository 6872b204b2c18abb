#!/usr/bin/python3
"""Cross-check NemdEngine against LAMMPS on the same NEMD bilayer.

Reads a NemdEngine deck, writes the same system as a LAMMPS input (the same atom positions,
float-rounded as NemdEngine builds them: fcc or diamond [001], one lattice for both sides or one
per side with the common in-plane constant; the same species and masses; LJ pairs with shift and/or
pair_style sw / tersoff with `pair_coeff * * FILE el1 el2 ...` mapping LAMMPS types to the species'
elements (hybrid/overlay when there are several); units lj or metal; the deck's [minimize] as
min_style fire at fixed box with the frozen atoms held (fix setforce 0 0 0) and the same max |F_i|
tolerance (min_modify norm max), before velocities are assigned; frozen atoms in no fix; fix nve on
every mobile atom plus fix langevin ... tally yes on each reservoir at the deck's temperatures and
damping; the same timestep, equilibration, production, sample interval and bins: one atomic plane
per bin on each side, two widths when the sides' plane spacings differ), runs lmp, and analyses
LAMMPS's samples and NemdEngine's samples with ONE analysis (a port of src/NemdEngine/Analysis/KapitzaAnalysis.cs: same bins, interface plane, fit windows,
bath powers from the slope of cumulative bath energy, block errors and jackknife), so differences
come from the dynamics, not the analysis. NemdEngine's own results.json is printed beside it.

NemdEngine's samples come from the /observables of the H5MD trajectory `nemd run` writes (bath
energies, reservoir temperatures and the temperature profile at every sample): --nemd runs
`nemd run` on a copy of the deck with an [output.trajectory] table; --nemd-run DIR reads a run
folder that has one.

    /usr/bin/python3 benchmarks/lammps/crosscheck.py benchmarks/lammps/small.toml --nemd [--steps N] [--np 2] [--json out.json]
    # the two codes at once on two cores, then the comparison:
    taskset -c 0 crosscheck.py DECK --np 1 --out W &   DOTNET_PROCESSOR_COUNT=1 taskset -c 1 crosscheck.py DECK --no-lammps --nemd --nemd-exe NEMD --out W
    crosscheck.py DECK --out W --lammps-run W/lammps --nemd-run W/nemd --json out.json

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
# Deck and geometry (mirrors src/NemdEngine/Input/Deck.cs, PairTable.cs, Lattice/*, Sampling/ProfileBinning.cs)
# --------------------------------------------------------------------------------------------

# The basis of each lattice style in units of its constant, [001] along z, shifted so that the
# planes sit in the middle of slabs of a/PlanesPerCell (CrystalLattice.cs).
LATTICES = {
    "fcc": ([(0.0, 0.0, 0.25), (0.5, 0.5, 0.25), (0.5, 0.0, 0.75), (0.0, 0.5, 0.75)], 2),
    "diamond": ([(0.0, 0.0, 0.125), (0.5, 0.5, 0.125), (0.25, 0.25, 0.375), (0.75, 0.75, 0.375),
                 (0.5, 0.0, 0.625), (0.0, 0.5, 0.625), (0.75, 0.25, 0.875), (0.25, 0.75, 0.875)], 4),
}
FCC_BASIS = LATTICES["fcc"][0]
FROZEN, HOT, MAT_A, MAT_B, COLD = "Frozen", "HotReservoir", "MaterialA", "MaterialB", "ColdReservoir"

# Units (Model/UnitSystem.cs). For LAMMPS's own per-atom temperatures the script uses LAMMPS's
# constants (update.cpp, units metal: boltz 8.617343e-5 eV/K, mvv2e 1.0364269e-4); NemdEngine uses
# CODATA 2018 (8.617333262e-5, 1.0364269e-4 to 8 digits): a 1.2e-6 relative difference.
UNITS = {
    "lj": dict(timestep=0.005, skin=0.3, lammps_t_factor=1.0 / 3.0, length="σ", time="τ", energy="ε", temperature="ε/k_B",
               resistance="σ²τ/k_B", flux="ε/(σ²τ)", conductivity="k_B/(στ)", published=None),
    "metal": dict(timestep=0.001, skin=1.0, lammps_t_factor=1.0364269e-4 / (3.0 * 8.617343e-5), length="Å", time="ps",
                  energy="eV", temperature="K", resistance="K ps Å²/eV", flux="eV/(ps Å²)", conductivity="eV/(ps Å K)",
                  # eV/(ps Å²) = 1.602176634e13 W/m²: R_K × 1e9/1.602176634e13 in m² K/GW, J × 16021.76634 in GW/m²,
                  # k × 1.602176634e3 in W/(m K)
                  published=dict(R_K=(1e9 / 1.602176634e13, "m² K/GW"), G=(1.602176634e13 / 1e6, "MW/(m² K)"),
                                 J=(1.602176634e13 / 1e9, "GW/m²"), k=(1.602176634e3, "W/(m K)"))),
}


@dataclass
class Deck:
    path: Path
    units: str
    seed: int
    species: list[tuple[str, float]]
    elements: list[str | None]         # each species' element for the [[potential]] files
    pairs: list[dict]                  # resolved LJ: one per unordered species pair, species order (empty: none)
    potentials: list[tuple[str, Path]] # (LAMMPS pair style, absolute file) of each [[potential]]
    type_a: str                        # lattice style of side A
    a: float                           # side A's constant (along z)
    type_b: str
    a_b: float                         # side B's constant (along z)
    a_in_plane: float                  # the common in-plane constant
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
    minimize_steps: int = 0            # [minimize] max_steps (0: none)
    minimize_ftol: float = 1e-3        # [minimize] force_tolerance (max |F_i|, energy/length)


def read_deck(path: Path, steps: int | None, seed: int | None, equilibration: int | None = None) -> Deck:
    d = tomllib.loads(path.read_text())
    units = d.get("units", "lj")
    if units not in UNITS:
        raise SystemExit(f"{path}: units = \"{units}\" is not supported by the cross-check (lj, metal)")
    if "structure" in d:
        raise SystemExit(f"{path}: decks that read their atoms from [structure] are not supported by the cross-check")
    species = [(s["name"], float(s["mass"])) for s in d["species"]]
    elements = [s.get("element") for s in d["species"]]
    names = [s[0] for s in species]
    given = {}
    for p in d.get("pair", []):
        i, j = p["species"]
        given[frozenset((i, j))] = dict(eps=float(p["epsilon"]), sigma=float(p["sigma"]),
                                         cutoff=float(p["cutoff"]), shift=bool(p.get("shift", True)))
    pairs = []
    if given:
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
    potentials = []
    for p in d.get("potential", []):
        if p["style"] not in ("sw", "tersoff"):
            raise SystemExit(f"{path}: potential style {p['style']!r} is not supported (sw, tersoff)")
        potentials.append((p["style"], (path.parent / p["file"]).resolve()))
    if potentials and any(e is None for e in elements):
        raise SystemExit(f"{path}: every species needs an element when the deck has a [[potential]]")
    if not pairs and not potentials:
        raise SystemExit(f"{path}: no [[pair]] and no [[potential]]")
    g, th, r = d["geometry"], d["thermostat"], d["run"]
    if float(g.get("intermix_thickness", 0)) > 0:
        raise SystemExit(f"{path}: an intermixed interface is not supported by the cross-check")
    an = d.get("analysis", {})
    lat = d["lattice"]
    side_a, side_b = lat.get("A", {}), lat.get("B", {})
    type_a, type_b = side_a.get("type", lat["type"]), side_b.get("type", lat["type"])
    a_a = float(side_a.get("constant", lat["constant"])) if side_a else float(lat["constant"])
    a_b = float(side_b.get("constant", lat["constant"])) if side_b else float(lat["constant"])
    for t in (type_a, type_b):
        if t not in LATTICES:
            raise SystemExit(f"{path}: lattice type {t!r} is not supported ({', '.join(LATTICES)})")
    rule = lat.get("in_plane", "A")  # LatticeSpec.InPlaneValue
    in_plane = (a_b if rule == "B" else 0.5 * (a_a + a_b) if rule == "mean" else a_a if rule == "A" else float(rule))
    mn = d.get("minimize", {})
    u = UNITS[units]
    cx, cy = g["cross_section"]
    return Deck(
        path=path, units=units, seed=int(seed if seed is not None else d.get("seed", 1)), species=species,
        elements=elements, pairs=pairs, potentials=potentials,
        type_a=type_a, a=a_a, type_b=type_b, a_b=a_b, a_in_plane=in_plane, cells_x=int(cx), cells_y=int(cy),
        species_a=g["species_A"], cells_a=int(g["cells_A"]), species_b=g["species_B"], cells_b=int(g["cells_B"]),
        frozen_cells=int(g.get("frozen_cells", 1)), reservoir_cells=int(g.get("reservoir_cells", 3)),
        t_hot=float(th["t_hot"]), t_cold=float(th["t_cold"]), damping=float(th["damping"]),
        dt=float(r.get("timestep", u["timestep"])),
        equilibration=int(equilibration if equilibration is not None else r["equilibration_steps"]),
        production=int(steps if steps is not None else r["production_steps"]),
        interval=int(r.get("sample_interval", 10)), skin=float(r.get("skin", u["skin"])),
        t_initial=float(r.get("initial_temperature", 0.5 * (float(th["t_hot"]) + float(th["t_cold"])))),
        bin_width=an.get("bin_width"), margin_reservoir=float(an.get("margin_reservoir", 2.0)),
        margin_interface=float(an.get("margin_interface", 2.0)), blocks=int(an.get("blocks", 10)),
        minimize_steps=int(mn.get("max_steps", 5000)), minimize_ftol=float(mn.get("force_tolerance", 1e-3)))


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
    plane_spacing_b: float
    side_boundary: float
    z_low: float                       # the box (one side constant of slack beyond the frozen planes)
    z_high: float

    @property
    def area(self) -> float:
        return self.lx * self.ly

    def region(self, z: float) -> str:
        return (FROZEN if z < self.frozen_low_top else HOT if z < self.hot_top else MAT_A if z < self.interface
                else MAT_B if z < self.cold_bottom else COLD if z < self.frozen_high_bottom else FROZEN)


def layout_of(deck: Deck) -> Layout:
    """BilayerBuilder.Layout."""
    aa, ab = deck.a, deck.a_b
    pa, pb = aa / LATTICES[deck.type_a][1], ab / LATTICES[deck.type_b][1]
    wall = deck.frozen_cells + deck.reservoir_cells
    boundary = deck.cells_a * aa
    end = boundary + deck.cells_b * ab
    return Layout(lx=deck.cells_x * deck.a_in_plane, ly=deck.cells_y * deck.a_in_plane, z_start=0.0, z_end=end,
                  frozen_low_top=deck.frozen_cells * aa, hot_top=wall * aa, interface=boundary + 0.25 * (pb - pa),
                  cold_bottom=end - wall * ab, frozen_high_bottom=end - deck.frozen_cells * ab, plane_spacing=pa,
                  plane_spacing_b=pb, side_boundary=boundary, z_low=0.0 - aa, z_high=end + ab)


def build(deck: Deck):
    """Positions (float32-rounded, as BilayerBuilder stores them), types (1-based), regions, layout."""
    lay = layout_of(deck)
    names = [s[0] for s in deck.species]
    ta, tb = names.index(deck.species_a) + 1, names.index(deck.species_b) + 1
    pos, types = [], []
    inp = deck.a_in_plane
    # CrystalLattice.CellAtoms: ((cx + x) a_in, (cy + y) a_in, z0 + (cz + z) a_z), each cast to float.
    for basis, a_z, z0, cells, t in ((LATTICES[deck.type_a][0], deck.a, 0.0, deck.cells_a, ta),
                                     (LATTICES[deck.type_b][0], deck.a_b, lay.side_boundary, deck.cells_b, tb)):
        for cz in range(cells):
            for cy in range(deck.cells_y):
                for cx in range(deck.cells_x):
                    for bx, by, bz in basis:
                        pos.append(((cx + bx) * inp, (cy + by) * inp, z0 + (cz + bz) * a_z))
                        types.append(t)
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


@dataclass
class Binning:
    """Sampling/ProfileBinning.cs: from z_start, bins_a bins of width_a up to z_split, then bins_b of
    width_b. Default: one atomic plane per bin on each side; a deck's bin_width tiles everything."""
    z_start: float
    width_a: float
    bins_a: int
    z_split: float
    width_b: float
    bins_b: int

    @staticmethod
    def of(lay: Layout, bin_width: float | None) -> "Binning":
        tiles = lambda length, w: int(math.ceil(length / w - 1e-9))
        if bin_width:
            return Binning(lay.z_start, bin_width, tiles(lay.z_end - lay.z_start, bin_width), lay.z_end, bin_width, 0)
        split = lay.side_boundary if lay.side_boundary > 0 else lay.z_end
        return Binning(lay.z_start, lay.plane_spacing, tiles(split - lay.z_start, lay.plane_spacing),
                       split, lay.plane_spacing_b, tiles(lay.z_end - split, lay.plane_spacing_b))

    @property
    def count(self) -> int:
        return self.bins_a + self.bins_b

    @property
    def uniform(self) -> bool:
        """One width everywhere (LAMMPS's bin/1d can then make the same bins)."""
        return self.bins_b == 0 or self.width_a == self.width_b

    def centers(self) -> np.ndarray:
        return np.array([self.z_start + (b + 0.5) * self.width_a if b < self.bins_a
                         else self.z_split + (b - self.bins_a + 0.5) * self.width_b for b in range(self.count)])


def pair_commands(deck: Deck) -> str:
    """pair_style and pair_coeff lines: lj/cut (shifted per the deck), sw and tersoff files with the
    LAMMPS types mapped to the species' elements, hybrid/overlay when the deck adds up several."""
    lines, styles = [], []
    els = " ".join(e or "NULL" for e in deck.elements)
    if deck.pairs:
        shifts = {p["shift"] for p in deck.pairs}
        if len(shifts) != 1:
            raise SystemExit("pairs mix shifted and unshifted LJ; LAMMPS's pair_modify shift is global")
        styles.append(f"lj/cut {max(p['cutoff'] for p in deck.pairs)!r}")
    for style, _ in deck.potentials:
        styles.append(style)
    hybrid = len(styles) > 1
    if hybrid and len({s for s, _ in deck.potentials}) != len(deck.potentials):
        raise SystemExit("two [[potential]]s of one style: LAMMPS's hybrid/overlay would need numbered sub-styles")
    lines.append(f"pair_style      {'hybrid/overlay ' if hybrid else ''}{' '.join(styles)}")
    if deck.pairs:
        sub = "lj/cut " if hybrid else ""
        lines += [f"pair_coeff      {p['i']} {p['j']} {sub}{p['eps']!r} {p['sigma']!r} {p['cutoff']!r}" for p in deck.pairs]
        lines.append(f"pair_modify     {'pair lj/cut ' if hybrid else ''}shift {'yes' if deck.pairs[0]['shift'] else 'no'}")
    for style, file in deck.potentials:
        lines.append(f"pair_coeff      * * {style + ' ' if hybrid else ''}{file} {els}")
    return "\n".join(lines)


def write_lammps(deck: Deck, work: Path) -> dict:
    pos, types, regions, lay = build(deck)
    f32 = lambda x: float(np.float32(x))
    zlo, zhi = f32(lay.z_low), f32(lay.z_high)
    with open(work / "system.data", "w") as f:
        f.write(f"NemdEngine bilayer from {deck.path.name}\n\n{len(pos)} atoms\n{len(deck.species)} atom types\n\n")
        f.write(f"0 {f32(lay.lx)!r} xlo xhi\n0 {f32(lay.ly)!r} ylo yhi\n{zlo!r} {zhi!r} zlo zhi\n\nMasses\n\n")
        for k, (_, m) in enumerate(deck.species):
            f.write(f"{k + 1} {m!r}\n")
        f.write("\nAtoms # atomic\n\n")
        for k, (p, t) in enumerate(zip(pos, types)):
            f.write(f"{k + 1} {t} {p[0]!r} {p[1]!r} {p[2]!r}\n")
    hot, cold = id_range(regions, HOT), id_range(regions, COLD)
    mob_a, mob_b = id_range(regions, MAT_A), id_range(regions, MAT_B)
    n_hot, n_cold = hot[1] - hot[0] + 1, cold[1] - cold[0] + 1
    bins = Binning.of(lay, deck.bin_width)
    S = deck.interval
    u = UNITS[deck.units]
    if bins.uniform:
        chunks = (f"compute         bins all chunk/atom bin/1d z {bins.z_start!r} {bins.width_a!r} units box "
                  f"bound z {bins.z_start!r} {lay.z_end!r} discard yes")
    else:  # ProfileBinning's two segments: a bin index per atom (1-based; <= 0 and > count are dropped)
        chunks = (f"variable        binid atom (z<{bins.z_split!r})*(floor((z-{bins.z_start!r})/{bins.width_a!r})+1)"
                  f"+(z>={bins.z_split!r})*({bins.bins_a}+floor((z-{bins.z_split!r})/{bins.width_b!r})+1)\n"
                  f"compute         bins all chunk/atom v_binid nchunk once limit {bins.count} max ids every")
    minimize = ""
    if deck.minimize_steps > 0:
        # As NemdEngine's [minimize]: FIRE at fixed box on the mobile atoms, stopping when max_i |F_i| <= tolerance.
        minimize = f"""
# [minimize]: FIRE at fixed box, frozen atoms held (their force zeroed), stop at max |F_i| <= tolerance (norm max)
group           frozen subtract all mobile
fix             freeze frozen setforce 0.0 0.0 0.0
min_style       fire
min_modify      norm max
thermo          100
minimize        0.0 {deck.minimize_ftol!r} {deck.minimize_steps} {10 * deck.minimize_steps}
unfix           freeze
velocity        frozen set 0.0 0.0 0.0
reset_timestep  0
"""
    script = f"""# LAMMPS input written by benchmarks/lammps/crosscheck.py from {deck.path}
units           {deck.units}
atom_style      atomic
boundary        p p f
read_data       system.data
{pair_commands(deck)}
neighbor        {deck.skin!r} bin
neigh_modify    every 1 delay 0 check yes
timestep        {deck.dt!r}

group           hot id {hot[0]}:{hot[1]}
group           cold id {cold[0]}:{cold[1]}
group           bulk id {mob_a[0]}:{mob_b[1]}
group           mobile union hot bulk cold
# frozen atoms are in no integrating fix: they never move (zero velocity from the data file)
thermo_style    custom step temp pe etotal fmax
{minimize}
velocity        mobile create {deck.t_initial!r} {lammps_seed(deck.seed, 2)} dist gaussian mom yes rot no loop geom
fix             integrate mobile nve
fix             hot hot langevin {deck.t_hot!r} {deck.t_hot!r} {deck.damping!r} {lammps_seed(deck.seed, 0)} tally yes
fix             cold cold langevin {deck.t_cold!r} {deck.t_cold!r} {deck.damping!r} {lammps_seed(deck.seed, 1)} tally yes

# kinetic temperature per atom, Σ m v² / (3 N k_B) with nothing subtracted (as NemdEngine);
# metal units: mvv2e/(3 boltz) with LAMMPS's constants
variable        mv2 atom mass*(vx*vx+vy*vy+vz*vz)*{u['lammps_t_factor']!r}
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
{chunks}
fix             profile all ave/chunk 1 1 {S} bins v_mv2 norm all file profile.chunk format " %.12g"
fix             baths all ave/time {S} 1 {S} f_hot f_cold v_thot v_tcold file baths.dat format " %.15g"
thermo          {max(S, deck.production // 20 // S * S)}
run             {deck.production}
"""
    (work / "in.nemd").write_text(script)
    return dict(layout=lay, binning=bins, n_hot=n_hot, n_cold=n_cold, atoms=len(pos))


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


def read_lammps_samples(work: Path, deck: Deck, lay: Layout, bins: Binning) -> Samples:
    centers = bins.centers()
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
            parts = ln.split()
            if len(parts) == 4:  # bin/1d: chunk, coordinate, count, value
                _, coord, cnt, val = parts
                b = int(round((float(coord) - bins.z_start) / bins.width_a - 0.5))
            else:  # a bin index per atom (two segments): chunk, count, value
                chunk, cnt, val = parts
                b = int(chunk) - 1
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
    # The copy lives elsewhere: potential files (relative to the deck) by their absolute paths.
    def absolute_file(table):
        return re.sub(r'(?m)^(\s*file\s*=\s*)"([^"]*)"',
                      lambda m: m.group(1) + json.dumps(str((deck.path.parent / m.group(2)).resolve())), table.group(0))
    text = re.sub(r"(?ms)^\[\[potential\]\].*?(?=^\[|\Z)", absolute_file, text)
    if not re.search(r"(?m)^\[minimize\]", text):
        text += "\n[minimize]\n"
    for section, key, value in (("run", "equilibration_steps", deck.equilibration), ("run", "timestep", deck.dt),
                                ("run", "sample_interval", deck.interval), ("thermostat", "t_hot", deck.t_hot),
                                ("thermostat", "t_cold", deck.t_cold), ("thermostat", "damping", deck.damping),
                                ("minimize", "max_steps", deck.minimize_steps)):
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


def published(units: str, a: dict) -> dict:
    """R_K, G, J and k of one analysis in the units papers use (metal: m² K/GW, MW/(m² K), GW/m², W/(m K)); {} for lj."""
    pub = UNITS[units]["published"]
    if not pub:
        return {}
    out = {}
    for key, kind in (("R_K", "R_K"), ("G", "G"), ("J", "J"), ("k_A", "k"), ("k_B", "k")):
        f, label = pub[kind]
        out[key] = dict(value=a[key]["value"] * f, stderr=a[key]["stderr"] * f, unit=label)
    return out


def print_published(units: str, codes: dict):
    if not UNITS[units]["published"]:
        return
    print("\nin published units:")
    for name, a in codes.items():
        a["published"] = published(units, a)
        print(f"  {name:<11} " + "   ".join(f"{k} {q['value']:.4g} ± {q['stderr']:.2g} {q['unit']}" for k, q in a["published"].items()))


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
    ap.add_argument("--no-lammps", action="store_true",
                    help="write LAMMPS's inputs but do not run it (with --nemd: NemdEngine alone, e.g. on another core)")
    ap.add_argument("--no-minimize", action="store_true",
                    help="no minimization in either code ([minimize] max_steps = 0): both start from the built positions")
    ap.add_argument("--nemd-exe", default=None,
                    help="run this NemdEngine executable (e.g. src/NemdEngine.Cli/bin/Release/net10.0/nemd after dotnet build -c Release) "
                         "instead of dotnet run (which builds first; two runs at once may collide)")
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
    if args.no_minimize:
        deck.minimize_steps = 0
    if args.margin_reservoir is not None:
        deck.margin_reservoir = args.margin_reservoir
    if args.margin_interface is not None:
        deck.margin_interface = args.margin_interface
    work = args.out or (REPO / "runs" / "lammps-crosscheck" / args.deck.stem)
    work.mkdir(parents=True, exist_ok=True)

    lmp_dir = None if args.no_lammps else (args.lammps_run or (work / "lammps"))
    if lmp_dir is not None and args.lammps_run is None:
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
    lay, bins = info["layout"], info["binning"]

    nemd_dir = args.nemd_run
    if nemd_dir is None and args.nemd:
        nemd_dir = work / "nemd"
        copy = nemd_deck_copy(deck, work / "nemd-deck.toml")
        exe = [str(Path(args.nemd_exe).resolve())] if args.nemd_exe else \
            ["dotnet", "run", "-c", "Release", "--project", str(REPO / "src" / "NemdEngine.Cli"), "--"]
        cmd = exe + ["run", str(copy), "--out", str(nemd_dir), "--overwrite", "--steps", str(deck.production), "--seed", str(deck.seed), "--device", args.device]
        print("NemdEngine: " + " ".join(cmd), flush=True)
        t0 = time.time()
        if subprocess.run(cmd, cwd=REPO).returncode != 0:
            raise SystemExit("NemdEngine run failed")
        print(f"NemdEngine: done in {time.time() - t0:.0f} s", flush=True)

    result = dict(deck=str(args.deck), units=deck.units, seed=deck.seed, atoms=info["atoms"],
                  equilibration_steps=deck.equilibration, production_steps=deck.production, timestep=deck.dt,
                  minimize_steps=deck.minimize_steps)
    if lmp_dir is None:
        if nemd_dir is None:
            raise SystemExit("--no-lammps needs --nemd or --nemd-run DIR")
        ns = read_nemd_samples(nemd_dir, deck)
        na = analyze(ns, lay, deck.margin_reservoir, deck.margin_interface, deck.blocks)
        print("NemdEngine alone (--no-lammps); compare later with --lammps-run DIR --nemd-run DIR")
        for label, key, _ in ROWS:
            print(f"{label:<11} {fmt(na[key])}")
        print_published(deck.units, {"NemdEngine": na})
        result.update(nemd_dir=str(nemd_dir), nemd=na)
        if args.json:
            args.json.parent.mkdir(parents=True, exist_ok=True)
            args.json.write_text(json.dumps(result, indent=1, default=float))
        return 0
    ls = read_lammps_samples(lmp_dir, deck, lay, bins)
    la = analyze(ls, lay, deck.margin_reservoir, deck.margin_interface, deck.blocks)
    result.update(lammps_dir=str(lmp_dir), lammps=la)
    if nemd_dir is None:
        print("no NemdEngine run (--nemd or --nemd-run DIR): LAMMPS alone")
        for label, key, _ in ROWS:
            print(f"{label:<11} {fmt(la[key])}")
        print_published(deck.units, {"LAMMPS": la})
    else:
        ns = read_nemd_samples(nemd_dir, deck)
        if len(ns.centers) != len(ls.centers) or not np.allclose(ns.centers, ls.centers):
            raise SystemExit("NemdEngine and LAMMPS bins differ")
        na = analyze(ns, lay, deck.margin_reservoir, deck.margin_interface, deck.blocks)
        own = json.loads((nemd_dir / "results.json").read_text()) if (nemd_dir / "results.json").exists() else None
        cmp = compare(la, na, own)
        print_table(cmp, la, na)
        print_published(deck.units, {"LAMMPS": la, "NemdEngine": na})
        result.update(nemd_dir=str(nemd_dir), nemd=na, nemd_results_json=own, comparison=cmp)
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps(result, indent=1, default=float))
        print(f"\nwrote {args.json}", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
