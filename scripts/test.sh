#!/usr/bin/env bash
# Builds and runs every test. Each test assembly that needs PostgreSQL (or Redis) starts its own
# throwaway servers on loopback (see tests/TestSupport); this script makes sure the binaries exist.
# Ends with a line "N passed, N failed".
set -uo pipefail
cd "$(dirname "$0")/.."
source scripts/lib/postgres.sh
source scripts/lib/test-servers.sh
source scripts/lib/containers.sh

command -v dotnet >/dev/null || { echo "The .NET 10 SDK (dotnet) is required." >&2; echo "0 passed, 1 failed"; exit 1; }
ensure_postgres_installed || { echo "0 passed, 1 failed"; exit 1; }
ensure_redis_installed || { echo "0 passed, 1 failed"; exit 1; }
ensure_chromium_installed || { echo "0 passed, 1 failed"; exit 1; }
# The image and deployment tests run podman (and build the images with scripts/build-image.sh).
ensure_podman_installed || { echo "0 passed, 1 failed"; exit 1; }

results="$(pwd)/artifacts/test-results"
rm -rf "$results"
mkdir -p "$results"

if ! dotnet build LunarVoc.sln -c Release -nologo -v quiet; then
  echo "Build failed."
  echo "0 passed, 1 failed"
  exit 1
fi

# The OpenAPI linter (pinned in tests/contract/package-lock.json); the functional tests write the document for it.
(cd tests/contract && npm ci --no-audit --no-fund --loglevel=error >/dev/null) || { echo "npm ci failed in tests/contract."; echo "0 passed, 1 failed"; exit 1; }
openapi="$results/openapi.json"
export LUNARVOC_OPENAPI_OUT="$openapi"
responses="$results/responses.jsonl"
export LUNARVOC_RESPONSES_OUT="$responses"

# A hung test host fails its assembly after 10 minutes instead of stalling the run.
dotnet test LunarVoc.sln -c Release --no-build --nologo --blame-hang-timeout 10m \
  --logger "trx" --logger "console;verbosity=normal" --results-directory "$results"
status=$?

passed=0; failed=0
for trx in "$results"/*.trx; do
  [ -f "$trx" ] || continue
  counters="$(grep -o '<Counters [^>]*>' "$trx")"
  p="$(sed -n 's/.* passed="\([0-9]*\)".*/\1/p' <<<"$counters")"
  f="$(sed -n 's/.* failed="\([0-9]*\)".*/\1/p' <<<"$counters")"
  passed=$((passed + ${p:-0})); failed=$((failed + ${f:-0}))
done
if [ "$status" -ne 0 ] && [ "$failed" -eq 0 ]; then failed=1; fi
failures="$(node scripts/lib/failed-tests.mjs "$results"/*.trx 2>/dev/null)"

# Lint the document the service served with both linters: errors fail the run (one test each).
if [ -s "$openapi" ] && (cd tests/contract && npx --no-install spectral lint --fail-severity error --ruleset .spectral.yaml "$openapi"); then
  passed=$((passed + 1)); echo "Passed OpenAPI lint (Spectral, spectral:oas)"
else
  failed=$((failed + 1)); echo "Failed OpenAPI lint (Spectral, spectral:oas)"
fi
if [ -s "$openapi" ] && (cd tests/contract && npx --no-install redocly lint "$openapi"); then
  passed=$((passed + 1)); echo "Passed OpenAPI lint (Redocly, recommended)"
else
  failed=$((failed + 1)); echo "Failed OpenAPI lint (Redocly, recommended)"
fi

# Every answer the functional tests received, checked against that document (counted as one test).
if [ -s "$openapi" ] && [ -s "$responses" ] && (cd tests/contract && node validate-responses.mjs "$openapi" "$responses"); then
  passed=$((passed + 1)); echo "Passed real answers match the OpenAPI document"
else
  failed=$((failed + 1)); echo "Failed real answers match the OpenAPI document"
fi

[ -z "$failures" ] || printf '\nWhat failed:\n%s\n\n' "$failures"
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
