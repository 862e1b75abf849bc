#!/usr/bin/env bash
# Restores a backup made by backup.sh: the dump into DATABASE_URL and, when given, the files archive
# into DATA_DIR (which must be writable: in compose, the `restore` service, not `backup`).
# Stop the app processes first; files written after the backup stay in place (unreferenced).
#   restore.sh db-<stamp>.dump [files-<stamp>.tar.gz]
# With --check, touches nothing live: restores the dump into a scratch database beside DATABASE_URL's
# (dropped afterwards), compares its tables with the dump's, and lists the files archive.
#   restore.sh --check db-<stamp>.dump [files-<stamp>.tar.gz]
set -euo pipefail
: "${DATABASE_URL:?DATABASE_URL is required}"
DATA_DIR="${DATA_DIR:-/data}"
usage='usage: restore.sh [--check] db-<stamp>.dump [files-<stamp>.tar.gz]'
check=false
if [ "${1:-}" = "--check" ]; then check=true; shift; fi
DUMP="${1:?$usage}"
FILES="${2:-}"
[ -f "$DUMP" ] || { echo "no such dump: $DUMP" >&2; exit 1; }
[ -z "$FILES" ] || [ -f "$FILES" ] || { echo "no such archive: $FILES" >&2; exit 1; }

if [ "$check" = true ]; then
  # Same server and credentials, another database: swap the last path segment of the URL.
  base="${DATABASE_URL%%\?*}"
  query="${DATABASE_URL#"$base"}"
  scratch="restore_check_$(date -u +%Y%m%d%H%M%S)"
  scratch_url="${base%/*}/$scratch$query"
  psql --quiet --no-psqlrc --set ON_ERROR_STOP=1 --dbname="$DATABASE_URL" --command="CREATE DATABASE \"$scratch\""
  trap 'psql --quiet --no-psqlrc --dbname="$DATABASE_URL" --command="DROP DATABASE IF EXISTS \"$scratch\"" || true' EXIT
  pg_restore --no-owner --exit-on-error --dbname="$scratch_url" "$DUMP"
  expected="$(pg_restore --list "$DUMP" | grep -c ' TABLE DATA ' || true)"
  restored="$(psql --no-psqlrc --tuples-only --no-align --dbname="$scratch_url" --command="SELECT count(*) FROM pg_tables WHERE schemaname NOT IN ('pg_catalog', 'information_schema')")"
  if [ "$restored" -lt "$expected" ]; then
    echo "restore check FAILED: $restored tables restored, the dump holds data for $expected" >&2
    exit 1
  fi
  if [ -n "$FILES" ]; then echo "files archive: $(tar -tzf "$FILES" | wc -l) entries readable"; fi
  echo "restore check passed: $DUMP restores ($restored tables)"
  exit 0
fi

pg_restore --clean --if-exists --no-owner --single-transaction --exit-on-error --dbname="$DATABASE_URL" "$DUMP"
if [ -n "$FILES" ]; then
  mkdir -p "$DATA_DIR"
  tar -xzf "$FILES" -C "$DATA_DIR"
fi
echo "restored $DUMP${FILES:+ and $FILES}"
