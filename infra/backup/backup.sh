#!/usr/bin/env bash
# Logical backup of the database (custom format, restorable table by table) and of the local files
# folder, keeping BACKUP_KEEP_DAYS days. Runs nightly in the `backup` service of docker-compose.yml.
# Each file is written under a temporary name and renamed once complete, so a dump named db-*.dump is
# never a truncated one. With S3_BUCKET set the files live in the bucket, which this does not copy:
# keep them with the bucket's versioning and replication (infra/README.md).
set -euo pipefail
: "${DATABASE_URL:?DATABASE_URL is required}"
BACKUP_DIR="${BACKUP_DIR:-/backups}"
DATA_DIR="${DATA_DIR:-/data}"
KEEP_DAYS="${BACKUP_KEEP_DAYS:-14}"
STAMP="$(date -u +%Y%m%dT%H%M%SZ)"
mkdir -p "$BACKUP_DIR"

partial=()
trap 'rm -f "${partial[@]}"' EXIT

db_tmp="$BACKUP_DIR/.db-$STAMP.dump.tmp"
partial+=("$db_tmp")
pg_dump --format=custom --no-owner --file="$db_tmp" "$DATABASE_URL"
# Reads the archive's table of contents back: a dump pg_restore cannot list is no backup.
pg_restore --list "$db_tmp" > /dev/null
mv "$db_tmp" "$BACKUP_DIR/db-$STAMP.dump"

if [ -n "${S3_BUCKET:-}" ]; then
  echo "files are in the S3 bucket $S3_BUCKET: not archived here (the bucket's versioning keeps them)"
elif [ -d "$DATA_DIR" ]; then
  files_tmp="$BACKUP_DIR/.files-$STAMP.tar.gz.tmp"
  partial+=("$files_tmp")
  tar -czf "$files_tmp" -C "$DATA_DIR" .
  mv "$files_tmp" "$BACKUP_DIR/files-$STAMP.tar.gz"
fi

find "$BACKUP_DIR" -maxdepth 1 -type f \( -name 'db-*.dump' -o -name 'files-*.tar.gz' \) -mtime +"$KEEP_DAYS" -delete
echo "backup $STAMP done in $BACKUP_DIR"
