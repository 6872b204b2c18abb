#!/usr/bin/env bash
# Packs NemdEngine for a GPU machine that has an NVIDIA driver but no .NET SDK:
# a self-contained linux-x64 publish of `nemd` (not trimmed: trimming breaks ILGPU's
# reflection-based kernel compiler), the shipped decks and potential files (the library also
# carries the potentials, so selftest and bench --system sw|tersoff need no file) and run-on-gpu.sh,
# in one tar.xz.
#   bash benchmarks/gpu/bundle.sh [OUT_DIR]      (default: artifacts/gpu)
# Then, on the GPU machine:  tar -xJf nemd-linux-x64.tar.xz && bash nemd/run-on-gpu.sh [RESULTS_DIR]
set -euo pipefail
cd "$(dirname "$0")/../.."
out="${1:-artifacts/gpu}"
limit_mb=60

stage="$out/stage"
rm -rf "$stage"
mkdir -p "$stage/nemd/inputs/potentials"
dotnet publish src/NemdEngine.Cli/NemdEngine.Cli.csproj -c Release -r linux-x64 --self-contained \
  -p:PublishTrimmed=false -p:PublishSingleFile=false -p:DebugType=none -o "$stage/nemd" >"$out/publish.log" 2>&1 \
  || { tail -20 "$out/publish.log" >&2; echo "error: dotnet publish failed (log: $out/publish.log)" >&2; exit 1; }
cp inputs/*.toml "$stage/nemd/inputs/"
cp inputs/potentials/* "$stage/nemd/inputs/potentials/"
cp benchmarks/gpu/run-on-gpu.sh "$stage/nemd/"
git rev-parse HEAD >"$stage/nemd/COMMIT" 2>/dev/null || echo unknown >"$stage/nemd/COMMIT"

archive="$out/nemd-linux-x64.tar.xz"
tar -C "$stage" -cf - nemd | xz -T0 -9 >"$archive"
size_mb=$(( ($(stat -c %s "$archive") + 1048575) / 1048576 ))
echo "bundle: $archive (${size_mb} MB, unpacked $(du -sm "$stage/nemd" | cut -f1) MB)"
if [ "$size_mb" -gt "$limit_mb" ]; then
  echo "error: the bundle is ${size_mb} MB, over the ${limit_mb} MB limit" >&2
  exit 1
fi
