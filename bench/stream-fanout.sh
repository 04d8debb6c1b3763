#!/usr/bin/env bash
# Push at scale: N concurrent status streams (default 10,000) on loopback from a small raw-socket
# load client (bench/StreamLoad), one write, and the delivery latency to all of them (p50, p99,
# max), the server's memory per open stream, and its CPU while the streams idle (heartbeats only).
# Writes bench/results/stream-fanout.md.
# Usage: bench/stream-fanout.sh [streams, default 10000]
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib/postgres.sh
streams="${1:-10000}"
ensure_postgres_installed

work="$(mktemp -d)"; chmod 755 "$work"
pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; stop_postgres "$work/pg"; rm -rf "$work"; }
trap cleanup EXIT

pg_port=$(( 20000 + RANDOM % 10000 )); api_port=$(( pg_port + 1 ))
start_postgres "$work/pg" "$pg_port"
create_database "$pg_port" lunarvoc_streams
dotnet build src/Api/Api.csproj -c Release -nologo -v quiet -o "$work/api" >/dev/null
dotnet build bench/StreamLoad/StreamLoad.csproj -c Release -nologo -v quiet -o "$work/load" >/dev/null

ulimit -n "$(ulimit -Hn)" || true
key="bench-$RANDOM-$RANDOM"
# Limits raised for one load client spread over 127.0.x.y (100 streams per address); no request
# budget (one client would only measure 429s); the pre-fetch stores the coming months first.
ConnectionStrings__Postgres="Host=127.0.0.1;Port=$pg_port;Username=postgres;Database=lunarvoc_streams" \
  ASPNETCORE_URLS="http://127.0.0.1:$api_port" Logging__LogLevel__Default=Warning \
  Auth__ApiKeys__0="$(printf '%s' "$key" | sha256sum | cut -d' ' -f1)" RateLimiting__Enabled=false \
  Limits__MaxConcurrentConnections=$(( streams + 1000 )) Limits__MaxConnectionsPerClient=100 \
  Streams__MaxOpen=$(( streams + 1000 )) Streams__MaxPerClient=100 \
  dotnet "$work/api/LunarVoc.Api.dll" --contentRoot "$work/api" >"$work/api.log" 2>&1 &
pids+=($!); api_pid=$!
for _ in $(seq 1 100); do curl -sf -o /dev/null "http://127.0.0.1:$api_port/api/lunar/voc/status" && break; sleep 0.5; done

result=$(dotnet "$work/load/LunarVoc.Bench.StreamLoad.dll" "$api_port" "$streams" "$key" "$api_pid")
echo "$result"
mkdir -p bench/results
{
  echo "## Status streams ($(date -u +%F), $(nproc) cores, $streams streams on loopback)"
  echo
  echo '```'
  echo "$result"
  echo '```'
} > bench/results/stream-fanout.md
