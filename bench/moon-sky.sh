#!/usr/bin/env bash
# The Moon for a place (GET /api/lunar/moon/sky), against the service itself in one run:
#  - one day at a place, its month's track cached, with wrk: the same place every request, then
#    a Lua script that asks for a different place every request (no cache key names a place);
#    beside GET /api/lunar/moon (the Moon now, cached) as the reference of a cheap read;
#  - a year at a place (365 days), its months' tracks cached and not, by curl (median of 5), beside
#    the longest ephemeris range read (10 years of windows, cached years), the budget of range reads.
# Usage: bench/moon-sky.sh [seconds per wrk round, default 10]. Writes bench/results/moon-sky.md.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib/postgres.sh
duration="${1:-10}"

source bench/lib/service.sh
start_bench_service Prefetch__Enabled=false Auth__ApiKeys__0="$(printf 'bench' | sha256sum | cut -d' ' -f1)"

ms() { curl -s -o /dev/null -w '%{time_total}' "$1" | awk '{ printf "%.1f", $1 * 1000 }'; }
median() { sort -n | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }

# The year's tracks computed (first request), then cached.
cold_year="$(ms "$base/api/lunar/moon/sky?lat=48.85&lon=2.35&from=2027-01-01&to=2027-12-31&tz=Europe/Paris")"
warm_year="$(for _ in 1 2 3 4 5; do ms "$base/api/lunar/moon/sky?lat=48.85&lon=2.35&from=2027-01-01&to=2027-12-31&tz=Europe/Paris"; echo; done | median)"
cold_ephemeris="$(ms "$base/api/lunar/voc/ephemeris?from=2026-01-01&to=2036-01-01")"
ephemeris="$(for _ in 1 2 3 4 5; do ms "$base/api/lunar/voc/ephemeris?from=2026-01-01&to=2036-01-01"; echo; done | median)"

cat > "$work/places.lua" <<'LUA'
-- A different place every request: latitude and longitude from a counter.
local n = 0
request = function()
  n = n + 1
  local lat = (n * 7919 % 12000) / 100 - 60
  local lon = (n * 104729 % 36000) / 100 - 180
  return wrk.format("GET", string.format("/api/lunar/moon/sky?lat=%.2f&lon=%.2f&date=2026-11-24&tz=UTC", lat, lon))
end
LUA
curl -s -o /dev/null "$base/api/lunar/moon/sky?lat=48.85&lon=2.35&date=2026-11-24"
curl -s -o /dev/null "$base/api/lunar/moon"
rate() { wrk -t2 -c16 -d"${duration}s" --latency "$@" | awk '/Requests\/sec/ { r = $2 } / 50%/ { p = $2 } END { print r, p }'; }
read -r moon_rps moon_p50 <<<"$(rate "$base/api/lunar/moon")"
read -r day_rps day_p50 <<<"$(rate "$base/api/lunar/moon/sky?lat=48.85&lon=2.35&date=2026-11-24&tz=Europe/Paris")"
read -r places_rps places_p50 <<<"$(rate -s "$work/places.lua" "$base")"
keys="$(curl -s "$base/api/lunar/voc/cache_stats" | grep -o '"moon_track"[^}]*' | head -1)"

mkdir -p bench/results
cat > bench/results/moon-sky.md <<MD
| read | requests/s | median latency |
| --- | --- | --- |
| \`GET /api/lunar/moon\` (the Moon now, cached) | $moon_rps | $moon_p50 |
| \`/moon/sky\`, one day, the same place | $day_rps | $day_p50 |
| \`/moon/sky\`, one day, a new place every request | $places_rps | $places_p50 |

| read | time |
| --- | --- |
| \`/moon/sky\`, a year (365 days), tracks computed | $cold_year ms |
| \`/moon/sky\`, a year, tracks cached (median of 5) | $warm_year ms |
| \`/voc/ephemeris\`, 10 years, years computed | $cold_ephemeris ms |
| \`/voc/ephemeris\`, 10 years, years cached (median of 5) | $ephemeris ms |

Cached tracks after the run: $keys
MD
cat bench/results/moon-sky.md
