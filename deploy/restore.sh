#!/usr/bin/env bash
# Restore a dump made by deploy/backup.sh into the database DATABASE_URL names,
# replacing the tables it holds (pg_restore --clean --if-exists), in one transaction:
# if anything fails, the database is left as it was.
#
#   DATABASE_URL=postgres://user@host:5432/factdesk deploy/restore.sh FILE [--yes]
#
# The database must exist (createdb it first on a new server). Stop the web and worker
# processes first, and run `manage.py migrate` after restoring an older dump into newer code.
# Asks for confirmation on a terminal; without one, --yes is required.
set -euo pipefail

: "${DATABASE_URL:?DATABASE_URL is not set}"
case "$DATABASE_URL" in
    postgres://* | postgresql://*) ;;
    *) echo "restore.sh: DATABASE_URL is not a PostgreSQL URL" >&2; exit 2 ;;
esac
if [ $# -lt 1 ] || [ ! -r "$1" ]; then
    echo "usage: DATABASE_URL=postgres://... $0 FILE [--yes]  (FILE must be readable)" >&2
    exit 2
fi
dump="$1"

if [ "${2:-}" != "--yes" ]; then
    if [ ! -t 0 ]; then
        echo "restore.sh: this replaces the database's contents; pass --yes to confirm" >&2
        exit 2
    fi
    # The URL without its password, for the prompt.
    target="$(printf '%s' "$DATABASE_URL" | sed -E 's#://([^:@/]*):[^@/]*@#://\1:***@#')"
    read -r -p "Replace the contents of $target with $dump? [y/N] " answer
    case "$answer" in y | Y | yes) ;; *) echo "Not restored."; exit 1 ;; esac
fi

# --no-owner/--no-privileges: the restoring role owns everything, whoever made the dump.
pg_restore --clean --if-exists --no-owner --no-privileges \
    --single-transaction --exit-on-error \
    --dbname="$DATABASE_URL" "$dump"
echo "Restored $dump."
