#!/usr/bin/env bash
# Back up Factdesk's PostgreSQL database with pg_dump's custom format (compressed; restore
# with deploy/restore.sh, which uses pg_restore).
#
#   DATABASE_URL=postgres://user@host:5432/factdesk deploy/backup.sh [FILE]
#
# Without FILE the dump goes to $BACKUP_DIR (default: current directory) as
# factdesk-YYYYMMDDTHHMMSSZ.dump, and dumps there older than $BACKUP_KEEP_DAYS days (if set)
# are deleted afterwards. The dump is written under a temporary name, checked to be a
# readable archive, then renamed: a file with the final name is always a complete dump.
# Prints the path of the dump. Passwords belong in ~/.pgpass or PGPASSWORD, or in the URL.
set -euo pipefail

: "${DATABASE_URL:?DATABASE_URL is not set}"
case "$DATABASE_URL" in
    postgres://* | postgresql://*) ;;
    *) echo "backup.sh: DATABASE_URL is not a PostgreSQL URL (SQLite: copy db.sqlite3 with 'sqlite3 db.sqlite3 .backup FILE')" >&2; exit 2 ;;
esac

backup_dir="${BACKUP_DIR:-.}"
if [ $# -ge 1 ]; then
    out="$1"
else
    mkdir -p "$backup_dir"
    out="$backup_dir/factdesk-$(date -u +%Y%m%dT%H%M%SZ).dump"
fi
partial="$out.partial"
trap 'rm -f "$partial"' EXIT

# --format=custom: compressed, and pg_restore can restore selectively and in parallel.
pg_dump --format=custom --dbname="$DATABASE_URL" --file="$partial"
pg_restore --list "$partial" >/dev/null
mv "$partial" "$out"

if [ $# -eq 0 ] && [ -n "${BACKUP_KEEP_DAYS:-}" ]; then
    find "$backup_dir" -maxdepth 1 -name 'factdesk-*.dump' -mtime +"$BACKUP_KEEP_DAYS" -delete
fi
echo "$out"
