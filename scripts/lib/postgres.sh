# Helpers to run a private PostgreSQL cluster on loopback. Sourced by the scripts in scripts/.
# As root, the server runs as the 'postgres' user: initdb refuses to run as root.

PG_BIN="${LUNARVOC_PG_BIN:-/usr/lib/postgresql/15/bin}"
export LUNARVOC_PG_BIN="$PG_BIN"

# Installs the PostgreSQL server from Debian's packages when its binaries are missing.
ensure_postgres_installed() {
  if [ -x "$PG_BIN/initdb" ]; then return 0; fi
  echo "PostgreSQL server not found in $PG_BIN; installing it from Debian's packages..." >&2
  local sudo=""; [ "$(id -u)" -eq 0 ] || sudo="sudo"
  $sudo apt-get update -qq && DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq postgresql >/dev/null
  if [ ! -x "$PG_BIN/initdb" ]; then
    PG_BIN="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)"
    export LUNARVOC_PG_BIN="$PG_BIN"
  fi
  [ -x "$PG_BIN/initdb" ] || { echo "Could not install the PostgreSQL server." >&2; return 1; }
}

# Runs a PostgreSQL tool as the user that owns the cluster.
pg_as_owner() {
  local tool="$1"; shift
  if [ "$(id -u)" -eq 0 ]; then
    (cd / && runuser -u postgres -- "$PG_BIN/$tool" "$@")
  else
    "$PG_BIN/$tool" "$@"
  fi
}

# True when the cluster owner can create files in the given directory.
owner_can_write() {
  if [ "$(id -u)" -eq 0 ]; then (cd / && runuser -u postgres -- test -w "$1" -a -x "$1"); else test -w "$1"; fi
}

# start_postgres DATA_DIR PORT: creates the cluster on first use, then starts it (or reuses it).
start_postgres() {
  local data="$1" port="$2"
  mkdir -p "$data"
  if [ "$(id -u)" -eq 0 ]; then chown postgres:postgres "$data"; chmod 700 "$data"; fi
  if [ ! -f "$data/PG_VERSION" ]; then
    pg_as_owner initdb -D "$data" -U postgres --auth=trust --encoding=UTF8 >/dev/null
  fi
  if pg_as_owner pg_ctl -D "$data" status >/dev/null 2>&1; then return 0; fi
  pg_as_owner pg_ctl -D "$data" -l "$data/server.log" -w -t 60 \
    -o "-p $port -k $data -c listen_addresses=127.0.0.1" start >/dev/null \
    || { cat "$data/server.log" >&2; return 1; }
}

stop_postgres() {
  local data="$1"
  pg_as_owner pg_ctl -D "$data" -m fast -w stop >/dev/null 2>&1 || true
}

# create_database PORT NAME: creates the database unless it exists.
create_database() {
  local port="$1" name="$2"
  if ! "$PG_BIN/psql" -h 127.0.0.1 -p "$port" -U postgres -d postgres -tAc \
      "SELECT 1 FROM pg_database WHERE datname = '$name'" | grep -q 1; then
    "$PG_BIN/psql" -h 127.0.0.1 -p "$port" -U postgres -d postgres -qc "CREATE DATABASE \"$name\"" >/dev/null
  fi
}
