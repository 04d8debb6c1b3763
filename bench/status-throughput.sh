#!/usr/bin/env bash
# Cached GET /api/lunar/voc/status vs two floors returning a fixed JSON body of the same size: bare
# Kestrel, and an empty [ApiController] action inside the service's own host (LunarVocApp: every
# middleware, metrics and header of the service, configured the same). Of the
# same size, measured with wrk on loopback in one run, alternating the two targets.
# Also counts database reads during the load (cache_stats misses). Writes bench/results/status-throughput.md.
# The service and the empty action share one composition (LunarVocApp), so that ratio measures
# what the status read itself adds per request: the Mediator pipeline, the cache lookup, the
# answer at "now" and the cached body. Every round's wrk output is checked for errors and non-2xx.
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

pg_port=$(( 20000 + RANDOM % 10000 )); api_port=$(( pg_port + 1 )); bare_port=$(( pg_port + 2 )); empty_port=$(( pg_port + 3 ))
start_postgres "$work/pg" "$pg_port"
create_database "$pg_port" lunarvoc_bench

dotnet build src/Api/Api.csproj -c Release -nologo -v quiet -o "$work/api" >/dev/null
dotnet build bench/BareEndpoint/BareEndpoint.csproj -c Release -nologo -v quiet -o "$work/bare" >/dev/null

# A key for the setup writes; no per-IP read limit (one wrk client on one address would only
# measure 429s); no pre-fetch, so the stored windows are exactly the four below.
bench_key="bench-$RANDOM-$RANDOM"
export ConnectionStrings__Postgres="Host=127.0.0.1;Port=$pg_port;Username=postgres;Database=lunarvoc_bench" \
  Logging__LogLevel__Default=Warning RateLimiting__Enabled=false Prefetch__Enabled=false \
  Auth__ApiKeys__0="$(printf '%s' "$bench_key" | sha256sum | cut -d' ' -f1)"
ASPNETCORE_URLS="http://127.0.0.1:$api_port" dotnet "$work/api/LunarVoc.Api.dll" --contentRoot "$work/api" >"$work/api.log" 2>&1 &
pids+=($!); api_pid=$!
for _ in $(seq 1 100); do curl -sf -o /dev/null "http://127.0.0.1:$api_port/api/lunar/voc/cache_stats" && break; sleep 0.3; done

# A realistic answer: the current window and the next three.
now=$(date -u +%s)
for i in 0 1 2 3; do
  s=$(( now - 3600 + i * 200000 )); e=$(( s + 30000 ))
  curl -sf -o /dev/null -X POST "http://127.0.0.1:$api_port/api/lunar/voc" -H 'content-type: application/json' -H "X-Api-Key: $bench_key" \
    -d "{\"start_at\":\"$(date -u -d @$s +%FT%TZ)\",\"end_at\":\"$(date -u -d @$e +%FT%TZ)\",\"source\":\"bench\"}"
done
curl -sf "http://127.0.0.1:$api_port/api/lunar/voc/status" >"$work/body.json"   # warms the cache
BARE_BODY_FILE="$work/body.json" ASPNETCORE_URLS="http://127.0.0.1:$bare_port" \
  dotnet "$work/bare/LunarVoc.Bench.BareEndpoint.dll" >"$work/bare.log" 2>&1 &
pids+=($!); bare_pid=$!
for _ in $(seq 1 100); do curl -sf -o /dev/null "http://127.0.0.1:$bare_port/" && break; sleep 0.3; done
# The second floor: the service's host, configured exactly like the service above, plus the empty action.
BENCH_FLOOR=service BARE_BODY_FILE="$work/body.json" ASPNETCORE_URLS="http://127.0.0.1:$empty_port" \
  dotnet "$work/bare/LunarVoc.Bench.BareEndpoint.dll" --contentRoot "$work/bare" >"$work/empty.log" 2>&1 &
pids+=($!); empty_pid=$!
for _ in $(seq 1 100); do curl -sf -o /dev/null "http://127.0.0.1:$empty_port/api/bench/empty" && break; sleep 0.3; done

body_bytes=$(wc -c <"$work/body.json")
bare_bytes=$(curl -s "http://127.0.0.1:$bare_port/" | wc -c)
misses_before=$(curl -s "http://127.0.0.1:$api_port/api/lunar/voc/cache_stats" | python3 -c 'import json,sys; print(json.load(sys.stdin)["voc_status"]["misses"])')

source bench/lib/measure.sh
wrk -t2 -c"$connections" -d10s "http://127.0.0.1:$bare_port/" >/dev/null          # JIT warm-up (tiering), both
wrk -t2 -c"$connections" -d10s "http://127.0.0.1:$api_port/api/lunar/voc/status" >/dev/null
wrk -t2 -c"$connections" -d10s "http://127.0.0.1:$empty_port/api/bench/empty" >/dev/null
ours=(); bare=(); empty=()
for r in $(seq 1 "$rounds"); do
  bare+=("$(rps "http://127.0.0.1:$bare_port/" "$bare_pid")")
  empty+=("$(rps "http://127.0.0.1:$empty_port/api/bench/empty" "$empty_pid")")
  ours+=("$(rps "http://127.0.0.1:$api_port/api/lunar/voc/status" "$api_pid")")
done
stats=$(curl -s "http://127.0.0.1:$api_port/api/lunar/voc/cache_stats")
misses_after=$(python3 -c 'import json,sys; print(json.loads(sys.argv[1])["voc_status"]["misses"])' "$stats")
hits=$(python3 -c 'import json,sys; print(json.loads(sys.argv[1])["voc_status"]["hits"])' "$stats")

summary=$(python3 - "${bare[*]}" "${ours[*]}" "${empty[*]}" <<'PY'
import sys, statistics
def parse(arg): return [tuple(float(v) for v in x.split(":")) for x in arg.split()]
bare, ours, empty = parse(sys.argv[1]), parse(sys.argv[2]), parse(sys.argv[3])
mb, mo, me = (statistics.median(r for r, _ in xs) for xs in (bare, ours, empty))
cb, co, ce = (statistics.median(c for _, c in xs) for xs in (bare, ours, empty))
print(f"{mb:.0f} {mo:.0f} {mo/mb:.2f} {cb:.1f} {co:.1f} {cb/co:.2f} {me:.0f} {ce:.1f} {me/mb:.2f} {co/ce:.2f}")
print(" ".join(f"{r:.0f}" for r, _ in bare)); print(" ".join(f"{r:.0f}" for r, _ in ours)); print(" ".join(f"{r:.0f}" for r, _ in empty))
PY
)
{ read -r bare_median ours_median ratio bare_cpu ours_cpu cpu_ratio empty_median empty_cpu empty_ratio ours_vs_empty_cpu; read -r bare_rounds; read -r ours_rounds; read -r empty_rounds; } <<<"$summary"
load_seconds=$(( duration * rounds * 2 + 20 ))

mkdir -p bench/results
cat > bench/results/status-throughput.md <<MD
## Cached status vs bare Kestrel ($(date -u +%F), $(nproc) cores, wrk -t2 -c$connections, ${rounds}×${duration}s each, alternating)

| target | body bytes | requests/s per round | median | server CPU µs per request (median) |
| --- | --- | --- | --- | --- |
| bare Kestrel, fixed JSON | $bare_bytes | $bare_rounds | $bare_median | $bare_cpu |
| empty \`[ApiController]\` action, same bytes, in the service's own host | $bare_bytes | $empty_rounds | $empty_median | $empty_cpu |
| \`GET /api/lunar/voc/status\` (cached) | $body_bytes | $ours_rounds | $ours_median | $ours_cpu |

**Ratio (ours / bare): $ratio** requests/s (target ≥ 0.8); by server CPU per request: $cpu_ratio.
Empty action / bare: $empty_ratio requests/s. **Server CPU per request, ours / empty action: $ours_vs_empty_cpu** (target ≤ 1.25).
Database reads for the status cache during ~${load_seconds}s of load: $(( misses_after - misses_before )) (cache_stats misses; TTL 120 s), with $hits hits.
MD
cat bench/results/status-throughput.md
