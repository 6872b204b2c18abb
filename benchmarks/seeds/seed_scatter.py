#!/usr/bin/env python3
"""Reported standard errors against the scatter between seeds.

Runs `nemd run DECK --seed S` for each seed (or, with --existing, uses run folders already made),
re-analyses each with the current analysis (`nemd analyze DIR`, blocks chosen from the data unless
--blocks N), and prints for R_K, ΔT, J, k_A and k_B: the mean over seeds, the standard deviation
between seeds (with its own uncertainty sd/sqrt(2(n-1))), the RMS of the reported standard errors
and their ratio. A ratio near 1 means the reported error is the seed-to-seed scatter.

    /usr/bin/python3 benchmarks/seeds/seed_scatter.py inputs/lj-mass-mismatch.toml --seeds 101-112 --jobs 2
    /usr/bin/python3 benchmarks/seeds/seed_scatter.py --existing runs/seed-*
"""
import argparse, json, math, os, subprocess, sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

QUANTITIES = [("R_K", "kapitza_resistance"), ("ΔT", "delta_T"), ("J", "heat_flux"),
              ("k_A", "conductivity_A"), ("k_B", "conductivity_B")]


def nemd_command(args):
    return args.nemd.split() if args.nemd else ["dotnet", "run", "-c", "Release", "--project", "src/NemdEngine.Cli", "--"]


def seeds(text):
    out = []
    for part in text.split(","):
        lo, _, hi = part.partition("-")
        out += range(int(lo), int(hi or lo) + 1)
    return out


def run(args, seed):
    out = Path(args.out) / f"seed-{seed}"
    cmd = nemd_command(args) + ["run", args.deck, "--seed", str(seed), "--out", str(out), "--overwrite"]
    env = dict(os.environ, DOTNET_PROCESSOR_COUNT=str(max(1, (os.cpu_count() or 2) // args.jobs)))
    subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL, env=env)
    return out


def reanalyse(args, folder):
    folder = Path(folder)
    cmd = nemd_command(args) + ["analyze", str(folder)] + (["--blocks", str(args.blocks)] if args.blocks else [])
    text = subprocess.run(cmd, check=True, capture_output=True, text=True).stdout
    target = next(line.split("output:", 1)[1].strip() for line in text.splitlines() if line.startswith("output:"))
    return json.loads((Path(target) / "results.json").read_text())


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("deck", nargs="?", help="deck to run with each seed")
    ap.add_argument("--seeds", default="101-108", help="seeds, e.g. 101-112 or 1,7,11")
    ap.add_argument("--jobs", type=int, default=1, help="runs at a time (each gets cores/jobs threads)")
    ap.add_argument("--out", default="runs/seed-scatter", help="parent folder of the runs")
    ap.add_argument("--existing", nargs="+", help="run folders already made (no new runs)")
    ap.add_argument("--blocks", type=int, default=None, help="force this many blocks (default: chosen from the data)")
    ap.add_argument("--nemd", default=None, help="nemd command (default: dotnet run --project src/NemdEngine.Cli --)")
    args = ap.parse_args()
    if args.existing:
        folders = args.existing
    elif args.deck:
        with ThreadPoolExecutor(args.jobs) as pool:
            folders = list(pool.map(lambda s: run(args, s), seeds(args.seeds)))
    else:
        ap.error("give a DECK to run or --existing FOLDERS")
    results = [reanalyse(args, f) for f in folders]
    n = len(results)
    steady = sum(r["steady_state"]["steady"] for r in results)
    print(f"{n} runs, {steady} steady; blocks {'chosen from the data' if not args.blocks else args.blocks}")
    print(f"{'':5} {'mean':>12} {'seed scatter':>22} {'reported (rms)':>15} {'scatter/reported':>17}  unit")
    for name, key in QUANTITIES:
        values = [r[key]["value"] for r in results]
        errors = [r[key]["stderr"] for r in results]
        mean = sum(values) / n
        sd = math.sqrt(sum((v - mean) ** 2 for v in values) / (n - 1))
        rms = math.sqrt(sum(e * e for e in errors) / n)
        ratio, ratio_err = sd / rms, sd / rms / math.sqrt(2 * (n - 1))
        print(f"{name:5} {mean:12.5g} {sd:12.3g} ± {sd / math.sqrt(2 * (n - 1)):7.2g} {rms:15.3g} {ratio:10.2f} ± {ratio_err:4.2f}  {results[0][key]['unit']}")


if __name__ == "__main__":
    sys.exit(main())
