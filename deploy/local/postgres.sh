#!/bin/sh
# PostgreSQL 15 from Debian's packages, as the official image runs it: a cluster made on first
# start (password authentication from the network, the lunarvoc database), then the server in the foreground.
set -eu
bin=/usr/lib/postgresql/15/bin
data=/var/lib/postgresql/data
if [ ! -s "$data/PG_VERSION" ]; then
  : "${POSTGRES_PASSWORD:?POSTGRES_PASSWORD is required}"
  umask 077
  printf '%s' "$POSTGRES_PASSWORD" > /tmp/pwfile
  "$bin/initdb" -D "$data" -U postgres --auth=scram-sha-256 --pwfile=/tmp/pwfile --encoding=UTF8 >/dev/null
  rm -f /tmp/pwfile
  echo "host all all all scram-sha-256" >> "$data/pg_hba.conf"
  echo "CREATE DATABASE ${POSTGRES_DB:-lunarvoc};" | "$bin/postgres" --single -D "$data" postgres >/dev/null
fi
exec "$bin/postgres" -D "$data" -c listen_addresses="*" -k /tmp
