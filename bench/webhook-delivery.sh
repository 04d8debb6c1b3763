#!/usr/bin/env bash
# Webhook delivery at scale: N subscriptions (default 10,000) to voc.started on loopback receivers, plus
# receivers that never answer (one by default) on the same host and port; one window starts; the time
# from its instant to each 2xx, measured by the receivers. Run with 1 or 2 instances of the service on
# one database. Writes bench/results/webhook-delivery-<instances>-dead<N>.md. Usage:
#   bench/webhook-delivery.sh [instances] [subscriptions] [receivers that never answer]
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib/postgres.sh
instances="${1:-1}"; subscriptions="${2:-10000}"; dead="${3:-1}"
ensure_postgres_installed
command -v node >/dev/null || { echo "node is required"; exit 1; }

work="$(mktemp -d)"; chmod 755 "$work"
pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; stop_postgres "$work/pg"; rm -rf "$work"; }
trap cleanup EXIT

pg_port=$(( 20000 + RANDOM % 10000 )); receiver_port=$(( pg_port + 10 ))
start_postgres "$work/pg" "$pg_port"
create_database "$pg_port" lunarvoc_bench
psql_bench() { "$PG_BIN/psql" -h 127.0.0.1 -p "$pg_port" -U postgres -d lunarvoc_bench -qAt "$@"; }
dotnet build src/Api/Api.csproj -c Release -nologo -v quiet -o "$work/api" >/dev/null
key="bench-$RANDOM-$RANDOM"

bases=()
for i in $(seq 1 "$instances"); do
  port=$(( pg_port + i ))
  env ConnectionStrings__Postgres="Host=127.0.0.1;Port=$pg_port;Username=postgres;Database=lunarvoc_bench" \
    ASPNETCORE_URLS="http://127.0.0.1:$port" Logging__LogLevel__Default=Warning RateLimiting__Enabled=false Prefetch__Enabled=false \
    Webhooks__AllowPrivateTargets=true Auth__ApiKeys__0="$(printf '%s' "$key" | sha256sum | cut -d' ' -f1)" \
    dotnet "$work/api/LunarVoc.Api.dll" --contentRoot "$work/api" >"$work/api-$i.log" 2>&1 &
  pids+=($!)
  bases+=("http://127.0.0.1:$port")
  for _ in $(seq 1 100); do curl -sf -o /dev/null "http://127.0.0.1:$port/health/ready" && break; sleep 0.3; done
done
node bench/webhooks/receiver.mjs "$receiver_port" &
pids+=($!)
sleep 0.5

secret="whsec_$(head -c 32 /dev/urandom | base64)"
psql_bench -c "INSERT INTO webhook_subscriptions (owner, url, events, secret, created_at)
  SELECT 'bench', 'http://127.0.0.1:$receiver_port/hook?n=' || n, '{voc.started}', '$secret', now() - interval '1 minute'
    FROM generate_series(1, $subscriptions) n;
  INSERT INTO webhook_subscriptions (owner, url, events, secret, created_at)
  SELECT 'bench', 'http://127.0.0.1:$receiver_port/hang?n=' || n, '{voc.started}', '$secret', now() - interval '1 minute'
    FROM generate_series(1, $dead) n;"

# A window starting 20 s from now: time for every instance to queue the 10,001 messages first.
start=$(( $(date -u +%s) + 20 ))
curl -sf -o /dev/null -X POST "${bases[0]}/api/lunar/voc" -H 'content-type: application/json' -H "X-Api-Key: $key" \
  -d "{\"start_at\":\"$(date -u -d @$start +%FT%TZ)\",\"end_at\":\"$(date -u -d @$(( start + 3600 )) +%FT%TZ)\",\"source\":\"bench\"}"
queued=0
for _ in $(seq 1 150); do
  queued=$(psql_bench -c "SELECT count(*) FROM webhook_messages WHERE event_type = 'voc.started'")
  [ "$queued" -ge $(( subscriptions + dead )) ] && break; sleep 0.1
done
echo "queued $queued messages; the window starts at $(date -u -d @$start +%T)"
for _ in $(seq 1 600); do
  count=$(curl -s "http://127.0.0.1:$receiver_port/stats" | python3 -c 'import json,sys; print(json.load(sys.stdin)["count"])')
  [ "$count" -ge "$subscriptions" ] && [ "$(date -u +%s)" -gt "$start" ] && break; sleep 0.1
done

curl -s "http://127.0.0.1:$receiver_port/stats" >"$work/stats.json"
summary=$(python3 - "$work/stats.json" "$start" "$subscriptions" <<'PY'
import json, sys
stats = json.load(open(sys.argv[1])); start = int(sys.argv[2]) * 1000; wanted = int(sys.argv[3])
lags = sorted((t - start) / 1000 for t in stats["times"])
def q(p): return lags[min(len(lags) - 1, int(p * len(lags)))]
first = lags[:100]
print(f"{len(lags)} {stats['duplicates']} {q(0.5):.3f} {q(0.99):.3f} {lags[-1]:.3f} {first[min(len(first)-1, 98)]:.3f} {min(lags):.3f}")
PY
)
read -r delivered duplicates p50 p99 last first_p99 earliest <<<"$summary"
mkdir -p bench/results
suffix="-dead$dead"
cat > "bench/results/webhook-delivery-$instances$suffix.md" <<MD
## Webhook delivery ($(date -u +%F), $(nproc) cores, $instances instance(s), $subscriptions subscriptions to voc.started + $dead receiver(s) that never answer)

| delivered (2xx) | duplicates | earliest | p99 of the first 100 | p50 | p99 | last |
| --- | --- | --- | --- | --- | --- | --- |
| $delivered of $subscriptions | $duplicates | ${earliest} s | ${first_p99} s | ${p50} s | ${p99} s | ${last} s |

Seconds from the window's start to each receiver's 2xx (the receivers' clock, the same machine's).
MD
cat "bench/results/webhook-delivery-$instances$suffix.md"
