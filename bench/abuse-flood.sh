#!/usr/bin/env bash
# One anonymous client floods the public reads that used to grow without bound: /ephemeris with a
# distinct range on every request, and ?tz= with a distinct spelling on every request. Records the
# server's resident memory (VmRSS) and CPU time before and after each phase, and the CPU per request
# of distinct ranges against a repeated one, in one run. Writes bench/results/abuse-flood.md.
# Usage: bench/abuse-flood.sh [seconds per phase, default 20]
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib/postgres.sh
duration="${1:-20}"

source bench/lib/service.sh
start_bench_service Prefetch__Enabled=false
curl -sf -o /dev/null "$base/api/lunar/voc/current?tz=Europe/Paris"
curl -sf -o /dev/null "$base/api/lunar/voc/ephemeris?from=2026-01-01&to=2027-01-01"

rss_mb() { awk '/VmRSS/ {printf "%.0f", $2 / 1024}' "/proc/$api_pid/status"; }
cpu_seconds() { awk -v hz="$(getconf CLK_TCK)" '{printf "%.1f", ($14 + $15) / hz}' "/proc/$api_pid/stat"; }
rows=()
# phase NAME URL [LUA] [CONNECTIONS]: one wrk run, then a table row.
phase() {
  local name="$1" url="$2" script="${3:-}" connections="${4:-4}" rss0 cpu0 out
  rss0=$(rss_mb); cpu0=$(cpu_seconds)
  out=$(wrk -t1 -c"$connections" -d"${duration}s" ${script:+-s "$script"} "$url")
  local requests non2xx rss1 cpu1
  requests=$(awk '/requests in/ {print $1}' <<<"$out")
  non2xx=$(awk '/Non-2xx/ {print $NF}' <<<"$out"); non2xx=${non2xx:-0}
  rss1=$(rss_mb); cpu1=$(cpu_seconds)
  local per_request
  per_request=$(awk -v a="$cpu0" -v b="$cpu1" -v n="$requests" 'BEGIN {printf "%.2f", (b - a) * 1000 / n}')
  rows+=("| $name | $requests | $non2xx | $rss0 → $rss1 | $(awk -v a="$cpu0" -v b="$cpu1" 'BEGIN {printf "%.1f", b - a}') | $per_request |")
  echo "$name: $requests requests, $non2xx non-2xx, RSS $rss0 → $rss1 MB, CPU $cpu0 → $cpu1 s, $per_request ms CPU per request" >&2
}

phase "/ephemeris, the same 10-year range" "$base/api/lunar/voc/ephemeris?from=2026-01-01&to=2036-01-01"
phase "/ephemeris, a distinct range per request (cold years computed once)" "$base/" bench/abuse/distinct-ranges.lua
SEED=11 phase "/ephemeris, a distinct range per request (again)" "$base/" bench/abuse/distinct-ranges.lua
phase "/ephemeris, the same 10-year range (again)" "$base/api/lunar/voc/ephemeris?from=2026-01-01&to=2036-01-01"
phase "?tz=, a distinct resolvable spelling per request" "$base/" bench/abuse/tz-spellings.lua 16
phase "?tz=Europe/Paris, the same zone" "$base/api/lunar/voc/current?tz=Europe/Paris" "" 16

mkdir -p bench/results
{
  echo "## One client flooding the public reads ($(date -u +%F), $(nproc) cores, wrk -t1, ${duration} s per phase, rate limit off)"
  echo
  echo "| phase | requests | non-2xx | RSS MB (before → after) | server CPU s | CPU ms per request |"
  echo "| --- | --- | --- | --- | --- | --- |"
  printf '%s\n' "${rows[@]}"
} > bench/results/abuse-flood.md
cat bench/results/abuse-flood.md
