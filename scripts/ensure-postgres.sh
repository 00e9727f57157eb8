#!/usr/bin/env bash
# Make sure PostgreSQL answers on 127.0.0.1:5432 (start the local cluster if it can),
# and that the database of the URL given as $1 exists. Says how to fix it otherwise.
set -euo pipefail
url="${1:-postgres://postgres@127.0.0.1:5432/accroche}"
db="${url##*/}"

ready() { pg_isready -q -h 127.0.0.1 -p 5432 2>/dev/null; }

if ! ready; then
  if command -v pg_ctlcluster >/dev/null && [ -d /etc/postgresql ]; then
    version="$(ls /etc/postgresql | sort -V | tail -n 1)"
    echo "PostgreSQL is not running: starting cluster $version/main…"
    pg_ctlcluster --skip-systemctl-redirect "$version" main start || true
    for _ in $(seq 1 30); do ready && break; sleep 1; done
  fi
fi
if ! ready; then
  cat >&2 <<MSG
PostgreSQL does not answer on 127.0.0.1:5432, and could not be started from here.
Start it (Debian: sudo pg_ctlcluster <version> main start), or install it
(sudo apt-get install postgresql), with a user "postgres" allowed to connect from
127.0.0.1 (trust or a password in PG_URL), then run make test again.
MSG
  exit 1
fi
if ! psql "${url%/*}/postgres" -tAc "SELECT 1 FROM pg_database WHERE datname='$db'" | grep -q 1; then
  psql "${url%/*}/postgres" -qc "CREATE DATABASE \"$db\""
fi
echo "PostgreSQL ready ($db)."
