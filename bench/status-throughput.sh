#!/usr/bin/env bash
# Cached GET /api/lunar/voc/status vs a bare Kestrel endpoint returning a fixed JSON body of the
# same size, measured with wrk on loopback in one run, alternating the two targets.
# Also counts database reads during the load (cache_stats misses). Writes bench/results/status-throughput.md.
# Both servers use the same host defaults (WebApplication.CreateBuilder), so the ratio measures
# what the service does per request: MVC routing and filters, the Mediator pipeline, the cache
# lookup, deriving the status for "now" and serialising it.
# Usage: bench/status-throughput.sh [seconds per round, default 10] [rounds, default 3]
set -euo pipefail
cd "$(dirname "$0")/.."
root="$(pwd)"
source scripts/lib/postgres.sh
duration="${1:-10}"; rounds="${2:-3}"; connections=64

command -v wrk >/dev/null || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk >/dev/null; }
ensure_postgres_installed

work="$(mktemp -d)"; chmod 755 "$work"
pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; stop_postgres "$work/pg"; rm -rf "$work"; }
trap cleanup EXIT

pg_port=$(( 20000 + RANDOM % 10000 )); api_port=$(( pg_port + 1 )); bare_port=$(( pg_port + 2 ))
start_postgres "$work/pg" "$pg_port"
create_database "$pg_port" lunarvoc_bench

dotnet build src/Api/Api.csproj -c Release -nologo -v quiet -o "$work/api" >/dev/null
dotnet build bench/BareEndpoint/BareEndpoint.csproj -c Release -nologo -v quiet -o "$work/bare" >/dev/null

ConnectionStrings__Postgres="Host=127.0.0.1;Port=$pg_port;Username=postgres;Database=lunarvoc_bench" \
  ASPNETCORE_URLS="http://127.0.0.1:$api_port" Logging__LogLevel__Default=Warning \
  dotnet "$work/api/LunarVoc.Api.dll" --contentRoot "$work/api" >"$work/api.log" 2>&1 &
pids+=($!)
for _ in $(seq 1 100); do curl -sf -o /dev/null "http://127.0.0.1:$api_port/api/lunar/voc/cache_stats" && break; sleep 0.3; done

# A realistic answer: the current window and the next three.
now=$(date -u +%s)
for i in 0 1 2 3; do
  s=$(( now - 3600 + i * 200000 )); e=$(( s + 30000 ))
  curl -sf -o /dev/null -X POST "http://127.0.0.1:$api_port/api/lunar/voc" -H 'content-type: application/json' \
    -d "{\"start_at\":\"$(date -u -d @$s +%FT%TZ)\",\"end_at\":\"$(date -u -d @$e +%FT%TZ)\",\"source\":\"bench\"}"
done
curl -sf "http://127.0.0.1:$api_port/api/lunar/voc/status" >"$work/body.json"   # warms the cache
BARE_BODY_FILE="$work/body.json" ASPNETCORE_URLS="http://127.0.0.1:$bare_port" \
  dotnet "$work/bare/LunarVoc.Bench.BareEndpoint.dll" >"$work/bare.log" 2>&1 &
pids+=($!)
for _ in $(seq 1 100); do curl -sf -o /dev/null "http://127.0.0.1:$bare_port/" && break; sleep 0.3; done

body_bytes=$(wc -c <"$work/body.json")
bare_bytes=$(curl -s "http://127.0.0.1:$bare_port/" | wc -c)
misses_before=$(curl -s "http://127.0.0.1:$api_port/api/lunar/voc/cache_stats" | python3 -c 'import json,sys; print(json.load(sys.stdin)["voc_status"]["misses"])')

rps() { wrk -t2 -c"$connections" -d"${duration}s" --latency "$1" | tee -a "$work/wrk.txt" | awk '/Requests\/sec/ {print $2}'; }
wrk -t2 -c"$connections" -d3s "http://127.0.0.1:$bare_port/" >/dev/null           # JIT warm-up, both
wrk -t2 -c"$connections" -d3s "http://127.0.0.1:$api_port/api/lunar/voc/status" >/dev/null
ours=(); bare=()
for r in $(seq 1 "$rounds"); do
  bare+=("$(rps "http://127.0.0.1:$bare_port/")")
  ours+=("$(rps "http://127.0.0.1:$api_port/api/lunar/voc/status")")
done
stats=$(curl -s "http://127.0.0.1:$api_port/api/lunar/voc/cache_stats")
misses_after=$(python3 -c 'import json,sys; print(json.loads(sys.argv[1])["voc_status"]["misses"])' "$stats")
hits=$(python3 -c 'import json,sys; print(json.loads(sys.argv[1])["voc_status"]["hits"])' "$stats")

summary=$(python3 - "${bare[*]}" "${ours[*]}" <<'PY'
import sys, statistics
bare = [float(x) for x in sys.argv[1].split()]; ours = [float(x) for x in sys.argv[2].split()]
mb, mo = statistics.median(bare), statistics.median(ours)
print(f"{mb:.0f} {mo:.0f} {mo/mb:.2f}")
PY
)
read -r bare_median ours_median ratio <<<"$summary"
load_seconds=$(( duration * rounds * 2 + 6 ))

mkdir -p bench/results
cat > bench/results/status-throughput.md <<MD
## Cached status vs bare Kestrel ($(date -u +%F), $(nproc) cores, wrk -t2 -c$connections, ${rounds}×${duration}s each, alternating)

| target | body bytes | requests/s per round | median |
| --- | --- | --- | --- |
| bare Kestrel, fixed JSON | $bare_bytes | ${bare[*]} | $bare_median |
| \`GET /api/lunar/voc/status\` (cached) | $body_bytes | ${ours[*]} | $ours_median |

**Ratio (ours / bare): $ratio** (target ≥ 0.8).
Database reads for the status cache during ~${load_seconds}s of load: $(( misses_after - misses_before )) (cache_stats misses; TTL 120 s), with $hits hits.
MD
cat bench/results/status-throughput.md
