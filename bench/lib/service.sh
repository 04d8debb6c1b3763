# The service on loopback for a benchmark: wrk and the PostgreSQL server installed when missing, a
# throwaway cluster and database, a Release build, started with the settings given as NAME=VALUE
# arguments. Logs below Warning are off, and so is the per-client read budget: one wrk client on one
# address would otherwise only measure 429s. Sets work (a scratch folder, removed at exit), api_pid
# and base (the service's address); stops everything at exit. Needs scripts/lib/postgres.sh.

start_bench_service() {
  command -v wrk >/dev/null || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk >/dev/null; }
  ensure_postgres_installed
  work="$(mktemp -d)"; chmod 755 "$work"
  api_pid=""
  trap stop_bench_service EXIT
  local pg_port=$(( 20000 + RANDOM % 10000 )); local api_port=$(( pg_port + 1 ))
  start_postgres "$work/pg" "$pg_port"
  create_database "$pg_port" lunarvoc_bench
  dotnet build src/Api/Api.csproj -c Release -nologo -v quiet -o "$work/api" >/dev/null
  env ConnectionStrings__Postgres="Host=127.0.0.1;Port=$pg_port;Username=postgres;Database=lunarvoc_bench" \
    ASPNETCORE_URLS="http://127.0.0.1:$api_port" Logging__LogLevel__Default=Warning RateLimiting__Enabled=false "$@" \
    dotnet "$work/api/LunarVoc.Api.dll" --contentRoot "$work/api" >"$work/api.log" 2>&1 &
  api_pid=$!
  base="http://127.0.0.1:$api_port"
  for _ in $(seq 1 100); do curl -sf -o /dev/null "$base/health/live" && break; sleep 0.3; done
}

stop_bench_service() {
  [ -n "$api_pid" ] && kill "$api_pid" 2>/dev/null || true
  stop_postgres "$work/pg"
  rm -rf "$work"
}
