#!/usr/bin/env bash
# Builds and runs the API. Without ConnectionStrings__Postgres, it starts a PostgreSQL cluster of
# its own under .data/ (created on first run, stopped on exit) and uses it.
# Honours ASPNETCORE_URLS (default http://127.0.0.1:8080) and ConnectionStrings__Postgres.
# Without Auth__ApiKeys__0 it makes a development API key for writes (kept in .data/dev-api-key).
set -euo pipefail
cd "$(dirname "$0")/.."
root="$(pwd)"
source scripts/lib/postgres.sh

command -v dotnet >/dev/null || { echo "The .NET 10 SDK (dotnet) is required." >&2; exit 1; }
export ASPNETCORE_URLS="${ASPNETCORE_URLS:-http://127.0.0.1:8080}"

if [ -z "${ConnectionStrings__Postgres:-}" ]; then
  ensure_postgres_installed
  mkdir -p .data
  data="$root/.data/postgres"
  if ! owner_can_write "$root/.data"; then
    # The cluster owner cannot reach this checkout (e.g. a private home folder): keep the cluster
    # in a folder of its own under /var/tmp instead, stable across runs of this checkout.
    data="/var/tmp/lunarvoc-$(printf '%s' "$root" | sha1sum | cut -c1-12)/postgres"
    mkdir -p "$(dirname "$data")"
    echo "PostgreSQL cannot write under $root/.data; using $data" >&2
  fi
  port="${LUNARVOC_PG_PORT:-5433}"
  start_postgres "$data" "$port"
  port="$(sed -n 4p "$data/postmaster.pid")" # the cluster may have been running already, on another port
  trap 'stop_postgres "$data"' EXIT
  create_database "$port" lunarvoc
  export ConnectionStrings__Postgres="Host=127.0.0.1;Port=$port;Username=postgres;Database=lunarvoc"
  echo "Local PostgreSQL on 127.0.0.1:$port (data in $data)" >&2
fi

if [ -z "${Auth__ApiKeys__0:-}" ]; then
  mkdir -p .data
  [ -s .data/dev-api-key ] || head -c 32 /dev/urandom | base64 | tr -d '/+=' | head -c 40 > .data/dev-api-key
  export Auth__ApiKeys__0="$(tr -d '\n' < .data/dev-api-key | sha256sum | cut -d' ' -f1)"
  echo "Development API key for writes (X-Api-Key): $(cat .data/dev-api-key)  — from .data/dev-api-key" >&2
fi

# Runs a command as this script's child, passing SIGTERM and SIGINT on to it, and waits until it has
# ended; its exit status. Not exec: the local cluster is stopped (EXIT trap above) only after it.
child() {
  "$@" &
  local pid=$! status=0
  trap 'kill -TERM "$pid" 2>/dev/null || true; stopping=1' TERM INT
  wait "$pid" || status=$?
  while kill -0 "$pid" 2>/dev/null; do
    wait "$pid" && status=0 || status=$?  # a signal interrupted the wait: wait for the child itself
  done
  trap - TERM INT
  return "$status"
}
stopping=0

child dotnet build src/Api/Api.csproj -c Release -nologo -v quiet -o artifacts/api
[ "$stopping" = 0 ] || exit 0
echo "LunarVoc on $ASPNETCORE_URLS — Swagger UI at ${ASPNETCORE_URLS%%;*}/swagger" >&2
# The service finishes what it acknowledged and exits on SIGTERM or SIGINT to this script.
status=0
child dotnet artifacts/api/LunarVoc.Api.dll --contentRoot "$root/artifacts/api" || status=$?
exit "$status"
