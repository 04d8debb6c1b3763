#!/usr/bin/env bash
# Starts, shows or stops the two-instance deployment of deploy/compose.yaml with podman-compose:
#   scripts/deploy.sh up      builds what is missing, starts everything, waits until the proxy answers
#   scripts/deploy.sh ps      the containers
#   scripts/deploy.sh down    stops and removes them (the database volume stays; "down -v" drops it)
# Here the PostgreSQL, Redis and nginx images are made from Debian's packages (deploy/compose.local.yaml);
# LUNARVOC_OFFICIAL_IMAGES=1 uses the official ones instead. The database password and an API key are
# made on first use and kept in .data/deploy.env (the key is printed; only its hash reaches the services).
# Ports: LUNARVOC_PORT (the proxy, 8080), LUNARVOC_API1_PORT and LUNARVOC_API2_PORT (each instance on
# loopback, 8081 and 8082); LUNARVOC_SUBNET the deployment's network (10.89.42.0/24);
# LUNARVOC_PROJECT names the deployment (lunarvoc).
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib/containers.sh
ensure_podman_installed

project="${LUNARVOC_PROJECT:-lunarvoc}"
files=(-f deploy/compose.yaml)
[ "${LUNARVOC_OFFICIAL_IMAGES:-0}" = "1" ] || files+=(-f deploy/compose.local.yaml)
compose() { podman-compose -p "$project" "${files[@]}" "$@"; }

settings=".data/deploy.env"
if [ ! -s "$settings" ]; then
  mkdir -p .data
  key="$(head -c 32 /dev/urandom | base64 | tr -d '/+=' | head -c 40)"
  umask 077
  {
    echo "LUNARVOC_DB_PASSWORD=$(head -c 32 /dev/urandom | base64 | tr -d '/+=' | head -c 32)"
    echo "LUNARVOC_API_KEY=$key"
    echo "LUNARVOC_API_KEY_HASH=$(printf '%s' "$key" | sha256sum | cut -d' ' -f1)"
  } > "$settings"
fi
set -a; source "$settings"; set +a

case "${1:-up}" in
  up)
    podman image exists "${LUNARVOC_IMAGE:-localhost/lunarvoc:latest}" || scripts/build-image.sh
    if [ "${LUNARVOC_OFFICIAL_IMAGES:-0}" != "1" ]; then make_services_image; fi
    compose up -d >/dev/null
    url="http://127.0.0.1:${LUNARVOC_PORT:-8080}"
    for _ in $(seq 1 120); do
      if curl -fsS -o /dev/null "$url/health/ready" 2>/dev/null; then
        echo "LunarVoc on $url (two instances behind nginx). API key for writes (X-Api-Key): $LUNARVOC_API_KEY — in $settings" >&2
        exit 0
      fi
      sleep 1
    done
    echo "The deployment did not become ready within 120 s:" >&2
    compose ps >&2
    exit 1 ;;
  ps) compose ps ;;
  down) shift; compose down "$@" ;;
  *) echo "Usage: $0 up|ps|down [-v]" >&2; exit 2 ;;
esac
