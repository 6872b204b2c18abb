#!/usr/bin/env bash
# Runs on a machine with an NVIDIA driver and no .NET SDK, from the unpacked bundle
# (see bundle.sh): lists devices, runs the conformance checks on every usable GPU backend
# and on the cpu path for reference, then the throughput benchmark (bilayer and in.lj liquid,
# and the Si crystal with Stillinger-Weber and Tersoff) at 32k, 256k, 1M and 4M atoms, and 8 and 64
# batched replicas of small bilayers against one. Everything is written to RESULTS_DIR (default: ./gpu-results).
#   bash nemd/run-on-gpu.sh [RESULTS_DIR] [DEVICE]     (DEVICE default: cuda)
set -uo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
results="${1:-gpu-results}"
device="${2:-cuda}"
sizes="${NEMD_BENCH_ATOMS:-32000,256000,1000000,4000000}"
mkdir -p "$results"
nemd="$here/nemd"
export DOTNET_CLI_TELEMETRY_OPTOUT=1

status=0
step() { echo "== $*" | tee -a "$results/summary.txt"; }

step "commit $(cat "$here/COMMIT" 2>/dev/null)"
command -v nvidia-smi >/dev/null && nvidia-smi --query-gpu=name,driver_version,memory.total --format=csv | tee "$results/nvidia-smi.txt"

step "nemd devices"
"$nemd" devices 2>&1 | tee "$results/devices.txt"

step "nemd selftest --device $device"
"$nemd" selftest --device "$device" 2>&1 | tee "$results/selftest-$device.txt"
[ "${PIPESTATUS[0]}" -eq 0 ] || status=1

# OpenCL where the driver ships an ICD with the generic address space (NVIDIA's usually does).
if "$nemd" devices 2>/dev/null | grep -qE '^opencl:[0-9]'; then
  step "nemd selftest --device opencl"
  "$nemd" selftest --device opencl 2>&1 | tee "$results/selftest-opencl.txt"
  [ "${PIPESTATUS[0]}" -eq 0 ] || status=1
fi

# The NEMD bilayer, LAMMPS bench/in.lj (the liquid the 1e9 atom-steps/s target is stated for), and the
# many-body Si crystal near 1000 K (periodic diamond, dt = 1 fs, skin 1 A) with SW and with Tersoff.
for system in bilayer liquid sw tersoff; do
  step "nemd bench --system $system --device $device --atoms $sizes"
  "$nemd" bench --system "$system" --device "$device" --atoms "$sizes" --seconds 5 --json "$results/bench-$system-$device.json" 2>&1 | tee "$results/bench-$system-$device.txt"
  [ "${PIPESTATUS[0]}" -eq 0 ] || status=1
done

# Replicas batched in one engine (nemd run --replicas) against one run of the same small bilayer:
# the case of interface systems too small to fill a GPU.
for n in 8 64; do
  step "nemd bench --system bilayer --replicas $n --device $device --atoms 4000,32000"
  "$nemd" bench --system bilayer --replicas "$n" --device "$device" --atoms 4000,32000 --seconds 5 --json "$results/bench-replicas$n-$device.json" 2>&1 | tee "$results/bench-replicas$n-$device.txt"
  [ "${PIPESTATUS[0]}" -eq 0 ] || status=1
done

step "default deck (inputs/lj-mass-mismatch.toml) on $device"
(cd "$results" && "$nemd" run "$here/inputs/lj-mass-mismatch.toml" --device "$device" --out run-default --overwrite 2>&1 | tail -20 >"run-default.txt")
[ $? -eq 0 ] || status=1

step "exit $status"
exit $status
