#!/bin/sh
# Restores a database dump made by backup.sh into DATABASE_URL (and the files archive into /data
# when given). Stop the app processes first.  Usage: restore.sh db-<stamp>.dump [files-<stamp>.tar.gz]
set -eu
: "${DATABASE_URL:?DATABASE_URL is required}"
DUMP="${1:?usage: restore.sh db-<stamp>.dump [files-<stamp>.tar.gz]}"
pg_restore --clean --if-exists --no-owner --single-transaction --dbname="$DATABASE_URL" "$DUMP"
if [ "${2:-}" ]; then tar -xzf "$2" -C /data; fi
echo "restored $DUMP"
