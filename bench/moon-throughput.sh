#!/usr/bin/env bash
# GET /api/lunar/moon beside the cached GET /api/lunar/voc/status, in one run on loopback with wrk,
# alternating: the Moon now (answered from the cache: one report a minute), and the Moon at an
# instant asked for (never cached: worked out from the ephemeris on every request, its years of
# phases and windows cached). Reports requests/s and the server's CPU per request, as ratios to the
# status. Writes bench/results/moon-throughput.md.
# Usage: bench/moon-throughput.sh [seconds per round, default 10] [rounds, default 3]
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib/postgres.sh
duration="${1:-10}"; rounds="${2:-3}"; connections=64

source bench/lib/service.sh
# The pre-fetch on, so /status answers with the coming windows as in production.
start_bench_service
for _ in $(seq 1 100); do curl -sf -o /dev/null "$base/api/lunar/voc/status" && break; sleep 0.3; done
status="$base/api/lunar/voc/status"; moon="$base/api/lunar/moon"; instant="$base/api/lunar/moon?at=2031-07-14T09:26:53Z"
source bench/lib/measure.sh
for url in "$status" "$moon" "$instant"; do wrk -t2 -c"$connections" -d10s "$url" >/dev/null; done   # JIT warm-up
status_runs=(); moon_runs=(); instant_runs=()
for r in $(seq 1 "$rounds"); do
  status_runs+=("$(rps "$status" "$api_pid")")
  moon_runs+=("$(rps "$moon" "$api_pid")")
  instant_runs+=("$(rps "$instant" "$api_pid")")
done
stats=$(curl -s "$base/api/lunar/voc/cache_stats")
moon_misses=$(python3 -c 'import json,sys; print(json.loads(sys.argv[1])["moon_now"]["misses"])' "$stats")
moon_hits=$(python3 -c 'import json,sys; print(json.loads(sys.argv[1])["moon_now"]["hits"])' "$stats")

summary=$(python3 - "${status_runs[*]}" "${moon_runs[*]}" "${instant_runs[*]}" <<'PY'
import sys, statistics
def parse(arg): return [tuple(float(v) for v in x.split(":")) for x in arg.split()]
runs = [parse(a) for a in sys.argv[1:4]]
rps = [statistics.median(r for r, _ in xs) for xs in runs]
cpu = [statistics.median(c for _, c in xs) for xs in runs]
print(" ".join(f"{v:.0f}" for v in rps), " ".join(f"{v:.1f}" for v in cpu), f"{cpu[1]/cpu[0]:.2f} {cpu[2]/cpu[0]:.2f} {rps[1]/rps[0]:.2f} {rps[2]/rps[0]:.2f}")
for xs in runs: print(" ".join(f"{r:.0f}" for r, _ in xs))
PY
)
{ read -r s_rps m_rps i_rps s_cpu m_cpu i_cpu m_cpu_ratio i_cpu_ratio m_rps_ratio i_rps_ratio; read -r s_rounds; read -r m_rounds; read -r i_rounds; } <<<"$summary"

mkdir -p bench/results
cat > bench/results/moon-throughput.md <<MD
## The Moon beside the cached status ($(date -u +%F), $(nproc) cores, wrk -t2 -c$connections, ${rounds}×${duration}s each, alternating)

| target | requests/s per round | median | server CPU µs per request (median) | CPU / status |
| --- | --- | --- | --- | --- |
| \`GET /api/lunar/voc/status\` (cached) | $s_rounds | $s_rps | $s_cpu | 1 |
| \`GET /api/lunar/moon\` (now, cached) | $m_rounds | $m_rps | $m_cpu | $m_cpu_ratio |
| \`GET /api/lunar/moon?at=…\` (computed every time) | $i_rounds | $i_rps | $i_cpu | $i_cpu_ratio |

Requests/s, Moon now / status: **$m_rps_ratio**; an instant asked for / status: $i_rps_ratio.
Reports of the Moon now computed during the load: $moon_misses (cache_stats misses of moon_now: one per minute, or per change within one), with $moon_hits hits.
MD
cat bench/results/moon-throughput.md
