#!/bin/sh
# Nightly logical backup of the database (custom format, restorable table by table) and of the
# files folder, keeping BACKUP_KEEP_DAYS days. Runs in the `backup` service of docker-compose.yml.
set -eu
: "${DATABASE_URL:?DATABASE_URL is required}"
BACKUP_DIR="${BACKUP_DIR:-/backups}"
KEEP_DAYS="${BACKUP_KEEP_DAYS:-14}"
STAMP="$(date -u +%Y%m%dT%H%M%SZ)"
mkdir -p "$BACKUP_DIR"
pg_dump --format=custom --no-owner --file="$BACKUP_DIR/db-$STAMP.dump" "$DATABASE_URL"
if [ -d /data ]; then tar -czf "$BACKUP_DIR/files-$STAMP.tar.gz" -C /data .; fi
find "$BACKUP_DIR" -type f -mtime +"$KEEP_DAYS" -delete
echo "backup $STAMP done"
