#!/usr/bin/env bash
# Back up the portal: the database of $DATABASE_URL (pg_dump custom format) and the uploaded files
# of $MEDIA_ROOT (signed consents, evidence, order PDFs) as a tar archive, side by side.
# Usage: scripts/backup.sh [DEST_DIR]   (default var/backups)   → prints the two paths.
set -euo pipefail
cd "$(dirname "$0")/.."

: "${DATABASE_URL:?DATABASE_URL must name the database to back up (postgres://…)}"
MEDIA_ROOT="${MEDIA_ROOT:-var/media}"
dest="${1:-var/backups}"
stamp="$(date +%Y%m%d-%H%M%S)"
mkdir -p "$dest"
dump="$dest/portal-$stamp.dump"
media="$dest/portal-$stamp.media.tar.gz"

# --no-owner/--no-privileges: the dump restores into a database owned by another role.
pg_dump --format=custom --no-owner --no-privileges --dbname="$DATABASE_URL" --file="$dump.part"
mv "$dump.part" "$dump"
if [ -d "$MEDIA_ROOT" ]; then
  tar -czf "$media.part" -C "$MEDIA_ROOT" .
else
  tar -czf "$media.part" --files-from /dev/null
fi
mv "$media.part" "$media"
chmod 600 "$dump" "$media"  # personal data: readable by the backup owner only
echo "$dump"
echo "$media"
