#!/usr/bin/env bash
# One year of void-of-course windows, single-threaded: the built-in ephemeris (release build) vs
# the Swiss Ephemeris C library through its Node binding (npm sweph, Moshier mode) running the
# same search. Alternates the two, reports medians and their ratio. Writes bench/results/ephemeris-speed.md.
# Usage: bench/ephemeris-speed.sh [year, default 2024] [rounds, default 5] [modern|traditional]
set -euo pipefail
cd "$(dirname "$0")/.."
year="${1:-2024}"; rounds="${2:-5}"; planets="${3:-modern}"

command -v node >/dev/null || { echo "node is required" >&2; exit 1; }
(cd bench/ephemeris && npm ci --no-audit --no-fund --loglevel=error >/dev/null)
work="$(mktemp -d)"; trap 'rm -rf "$work"' EXIT
dotnet build bench/EphemerisSpeed/EphemerisSpeed.csproj -c Release -nologo -v quiet -o "$work/speed" >/dev/null

ours=(); cold=(); sweph=(); windows_ours=0; windows_sweph=0
for _ in $(seq 1 "$rounds"); do
  # A fresh process each round: its first run includes JIT compilation (reported as "cold"), the
  # third is the steady state; sweph is native code.
  runs=$(dotnet "$work/speed/LunarVoc.Bench.EphemerisSpeed.dll" "$year" 3 "$planets")
  cold+=("$(head -1 <<<"$runs" | cut -d' ' -f2)")
  read -r windows_ours ms < <(tail -1 <<<"$runs")
  ours+=("$ms")
  result=$(node bench/ephemeris/sweph-voc.mjs "${year}-01-01T00:00:00Z" "$((year + 1))-01-01T00:00:00Z" "$planets" --quiet 2>&1 >/dev/null)
  windows_sweph=$(python3 -c 'import json,sys; print(json.loads(sys.argv[1])["windows"])' "$result")
  sweph+=("$(python3 -c 'import json,sys; print(round(json.loads(sys.argv[1])["elapsed_ms"], 1))' "$result")")
done

read -r median_ours median_sweph ratio median_cold cold_ratio < <(python3 - "${ours[*]}" "${sweph[*]}" "${cold[*]}" <<'PY'
import sys, statistics
o, s, c = (statistics.median(float(x) for x in arg.split()) for arg in sys.argv[1:4])
print(f"{o:.1f} {s:.1f} {s/o:.1f} {c:.1f} {s/c:.1f}")
PY
)

mkdir -p bench/results
cat > bench/results/ephemeris-speed.md <<MD
## One year of void-of-course windows ($year, $planets), single-threaded ($(date -u +%F), $(nproc) cores)

| engine | windows | ms per run | median ms |
| --- | --- | --- | --- |
| built-in (C#, release, after JIT warm-up) | $windows_ours | ${ours[*]} | $median_ours |
| built-in, first run in a fresh process (JIT included) | $windows_ours | ${cold[*]} | $median_cold |
| Swiss Ephemeris, Moshier mode (C via Node \`sweph\`), same search | $windows_sweph | ${sweph[*]} | $median_sweph |

**The built-in ephemeris is $ratio× as fast** (Swiss Ephemeris median / built-in median); $cold_ratio× counting JIT compilation.
MD
cat bench/results/ephemeris-speed.md
