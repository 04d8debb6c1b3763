#!/usr/bin/env bash
# Prints the SHA-256 hash (lowercase hex) of an API key, the form Auth:ApiKeys holds.
# Usage: scripts/hash-api-key.sh <key>      or, to make a new random key:  scripts/hash-api-key.sh --new
set -euo pipefail
if [ "${1:-}" = "--new" ]; then
  key="$(head -c 32 /dev/urandom | base64 | tr -d '/+=' | head -c 40)"
  echo "key:  $key   (give this to the provider; it is not stored anywhere)"
  printf 'hash: %s\n' "$(printf '%s' "$key" | sha256sum | cut -d' ' -f1)"
elif [ -n "${1:-}" ]; then
  printf '%s' "$1" | sha256sum | cut -d' ' -f1
else
  echo "usage: $0 <key> | --new" >&2; exit 2
fi
