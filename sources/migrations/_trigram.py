"""Trigram indexes behind the admin's text search, shared by the apps' migrations.

The admin's search is ``icontains``, which Django turns into ``UPPER(col::text) LIKE
UPPER('%term%')`` on PostgreSQL. No B-tree index can serve a pattern with a leading wildcard,
so at a million claims the review queue's search scanned the table (930 ms). A GIN index of
``pg_trgm`` trigrams on exactly that expression can. The expressions below must match what
Django emits, cast included, or the planner will not use them.

PostgreSQL only: SQLite (the embedded default) scans, which is fine at its scale. The indexes
are built CONCURRENTLY so that a deployment migrating a populated database keeps accepting
imports meanwhile; the migrations using them are therefore not atomic. Where the database role
may not create the extension (pg_trgm is a trusted extension, so owning the database is normally
enough), the migration warns and goes on: search still works, only slower.
"""

import logging

from django.db import DatabaseError

logger = logging.getLogger("factdesk.migrations")


def trigram_indexes(*indexes: tuple[str, str, str]):
    """Forward and backward functions creating ``(name, table, column)`` trigram indexes."""

    def forwards(apps, schema_editor):
        connection = schema_editor.connection
        if connection.vendor != "postgresql":
            return
        with connection.cursor() as cursor:
            try:
                cursor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
            except DatabaseError as error:
                logger.warning("pg_trgm unavailable, text search stays unindexed: %s", error)
                return
            for name, table, column in indexes:
                # A CONCURRENTLY build that failed leaves an invalid index behind, which
                # IF NOT EXISTS would then keep; drop it so a rerun builds it afresh.
                cursor.execute(
                    "SELECT 1 FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid "
                    "WHERE c.relname = %s AND NOT i.indisvalid",
                    [name],
                )
                if cursor.fetchone():
                    cursor.execute(f'DROP INDEX CONCURRENTLY IF EXISTS "{name}"')
                cursor.execute(
                    f'CREATE INDEX CONCURRENTLY IF NOT EXISTS "{name}" ON "{table}" '
                    f'USING gin ((UPPER("{column}"::text)) gin_trgm_ops)'
                )

    def backwards(apps, schema_editor):
        if schema_editor.connection.vendor != "postgresql":
            return
        with schema_editor.connection.cursor() as cursor:
            for name, _table, _column in indexes:
                cursor.execute(f'DROP INDEX CONCURRENTLY IF EXISTS "{name}"')

    return forwards, backwards
