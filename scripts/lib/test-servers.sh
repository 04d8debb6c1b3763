# Test dependencies from Debian's packages: redis-server for the shared-cache tests, Chromium for the page test.
ensure_redis_installed() {
  command -v redis-server >/dev/null && return 0
  echo "redis-server not found; installing it from Debian's packages..." >&2
  local sudo=""; [ "$(id -u)" -eq 0 ] || sudo="sudo"
  $sudo apt-get update -qq && DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq redis-server >/dev/null
  # The package starts a system-wide server; the tests run their own on free ports.
  $sudo systemctl stop redis-server >/dev/null 2>&1 || $sudo service redis-server stop >/dev/null 2>&1 || true
  command -v redis-server >/dev/null || { echo "Could not install redis-server." >&2; return 1; }
}

# Makes sure Debian's Chromium is installed, for the status page's end-to-end test (no browser download).
ensure_chromium_installed() {
  [ -x /usr/bin/chromium ] && return 0
  echo "Chromium not found; installing it from Debian's packages..." >&2
  local sudo=""; [ "$(id -u)" -eq 0 ] || sudo="sudo"
  $sudo apt-get update -qq && DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq chromium >/dev/null
  [ -x /usr/bin/chromium ] || { echo "Could not install chromium." >&2; return 1; }
}
