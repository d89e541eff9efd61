#!/usr/bin/env bash
# Restore a backup made by scripts/backup.sh into the EMPTY database of $DATABASE_URL and the
# uploaded files into $MEDIA_ROOT. Stops at the first error (nothing is silently skipped).
# Usage: scripts/restore.sh DUMP_FILE [MEDIA_TAR]
set -euo pipefail
cd "$(dirname "$0")/.."

: "${DATABASE_URL:?DATABASE_URL must name the (empty) database to restore into (postgres://…)}"
dump="${1:?usage: scripts/restore.sh DUMP_FILE [MEDIA_TAR]}"
media="${2:-}"
MEDIA_ROOT="${MEDIA_ROOT:-var/media}"

tables="$(psql "$DATABASE_URL" -XAtc "SELECT count(*) FROM pg_tables WHERE schemaname = 'public'")"
if [ "$tables" != "0" ]; then
  echo "restore.sh: the database of DATABASE_URL is not empty ($tables tables); restore into a new one." >&2
  exit 1
fi
pg_restore --no-owner --no-privileges --exit-on-error --single-transaction --dbname="$DATABASE_URL" "$dump"
if [ -n "$media" ]; then
  mkdir -p "$MEDIA_ROOT"
  tar -xzf "$media" -C "$MEDIA_ROOT"
fi
echo "restored $dump${media:+ and $media}"
