#!/usr/bin/env bash
# Starts, shows, restarts or stops the two-instance deployment of deploy/compose.yaml with podman-compose:
#   scripts/deploy.sh up              builds what is missing, (re)creates everything with the current
#                                     settings, waits until the proxy answers
#   scripts/deploy.sh ps              the containers
#   scripts/deploy.sh restart api1    restarts a service, then reloads the proxy so it finds it again
#   scripts/deploy.sh down [-v]       stops (each instance given 30 s to finish) and removes them; -v also
#                                     drops the database's volume
# Here the PostgreSQL, Redis and nginx images are made from Debian's packages (deploy/compose.local.yaml);
# LUNARVOC_OFFICIAL_IMAGES=1 uses the official ones instead. The database and Redis passwords and an API
# key are made on first use and kept in .data/deploy.env (the key is printed; only its hash reaches the
# services).
# Settings (give the same ones to every command): LUNARVOC_PROJECT names the deployment (lunarvoc);
# LUNARVOC_PORT the proxy's port (8080); LUNARVOC_API1_PORT and LUNARVOC_API2_PORT each instance's
# port on loopback (8081, 8082); LUNARVOC_SUBNET the deployment's network (10.89.42.0/24), whose
# addresses the instances trust as proxies; LUNARVOC_READS_PER_MINUTE each client's read budget (300).
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib/containers.sh
ensure_podman_installed

project="${LUNARVOC_PROJECT:-lunarvoc}"
export LUNARVOC_SUBNET="${LUNARVOC_SUBNET:-10.89.42.0/24}"
network="${project}_default"
files=(-f deploy/compose.yaml)
[ "${LUNARVOC_OFFICIAL_IMAGES:-0}" = "1" ] || files+=(-f deploy/compose.local.yaml)
# podman-compose prints the merged configuration, passwords included: only its errors are shown.
# Noise podman and podman-compose print on every run here: without systemd, no scheduled health checks
# (said once below); no syslog; a volume looked up before it is made.
quiet() { "$@" 2> >(grep -v -e 'unable to get systemd connection' -e 'failed to connect to syslog' -e 'inspecting object: no such volume' >&2); }
compose() { quiet podman-compose -p "$project" "${files[@]}" "$@" >/dev/null; }
containers() { podman ps -a --filter "label=io.podman.compose.project=$project" "$@"; }

settings=".data/deploy.env"
secret() { head -c 48 /dev/urandom | base64 | tr -d '/+=' | head -c "$1"; }
if [ ! -s "$settings" ]; then
  mkdir -p .data
  key="$(secret 40)"
  umask 077
  {
    echo "LUNARVOC_DB_PASSWORD=$(secret 32)"
    echo "LUNARVOC_REDIS_PASSWORD=$(secret 32)"
    echo "LUNARVOC_API_KEY=$key"
    echo "LUNARVOC_API_KEY_HASH=$(printf '%s' "$key" | sha256sum | cut -d' ' -f1)"
  } > "$settings"
fi
set -a; source "$settings"; set +a
if [ -z "${LUNARVOC_REDIS_PASSWORD:-}" ]; then
  LUNARVOC_REDIS_PASSWORD="$(secret 32)"
  echo "LUNARVOC_REDIS_PASSWORD=$LUNARVOC_REDIS_PASSWORD" >> "$settings"
  export LUNARVOC_REDIS_PASSWORD
fi

stop_all() {
  # The instances first, each with the host's 30 s shutdown budget (podman-compose would give 10 s).
  for instance in api1 api2; do
    if podman container exists "${project}_${instance}_1"; then quiet podman stop -t 30 "${project}_${instance}_1" >/dev/null; fi
  done
  compose down -t 30 "$@"
  if [ "${1:-}" = "-v" ]; then podman network rm -f "$network" >/dev/null 2>&1 || true; fi
}

case "${1:-up}" in
  up)
    podman image exists "${LUNARVOC_IMAGE:-localhost/lunarvoc:latest}" || scripts/build-image.sh
    if [ "${LUNARVOC_OFFICIAL_IMAGES:-0}" != "1" ]; then make_services_image; fi
    # Settings apply when containers are created: a running deployment is recreated (its data kept).
    if [ -n "$(containers -q)" ]; then stop_all; fi
    # podman-compose ignores a network's subnet: the network is made here, with the one the instances trust.
    if podman network exists "$network" \
        && [ "$(podman network inspect "$network" --format '{{range .Subnets}}{{.Subnet}}{{end}}')" != "$LUNARVOC_SUBNET" ]; then
      podman network rm -f "$network" >/dev/null
    fi
    podman network exists "$network" || podman network create --subnet "$LUNARVOC_SUBNET" "$network" >/dev/null
    [ -d /run/systemd/system ] || echo "No systemd here: podman runs health checks only when asked (podman healthcheck run NAME)." >&2
    compose up -d
    running="$(containers -q --filter status=running | wc -l)"
    if [ "$running" -ne 5 ]; then
      echo "Only $running of the 5 containers run:" >&2
      containers --format '{{.Names}}  {{.Status}}' >&2
      exit 1
    fi
    url="http://127.0.0.1:${LUNARVOC_PORT:-8080}"
    for _ in $(seq 1 120); do
      if curl -fsS -o /dev/null "$url/health/ready" 2>/dev/null; then
        echo "LunarVoc on $url (two instances behind nginx). API key for writes (X-Api-Key): $LUNARVOC_API_KEY — in $settings" >&2
        exit 0
      fi
      sleep 1
    done
    echo "The deployment did not become ready within 120 s:" >&2
    containers --format '{{.Names}}  {{.Status}}' >&2
    exit 1 ;;
  ps) containers --format 'table {{.Names}}\t{{.Status}}\t{{.Ports}}' ;;
  restart)
    service="${2:?Usage: $0 restart SERVICE (api1, api2, postgres, redis or proxy)}"
    quiet podman restart -t 30 "${project}_${service}_1" >/dev/null
    podman exec "${project}_proxy_1" nginx -s reload
    ;;
  down) shift; stop_all "$@" ;;
  *) echo "Usage: $0 up|ps|restart SERVICE|down [-v]" >&2; exit 2 ;;
esac
