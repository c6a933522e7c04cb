"""Bulk loading for the benchmark generator: PostgreSQL COPY, or bulk_create elsewhere.

Rows are plain tuples in a declared field order, with primary keys chosen by the caller, so
children can point at parents without reading ids back. On PostgreSQL the loader can also
set aside the secondary indexes and the unique and foreign-key constraints of the tables it
fills and rebuild them from their catalogue definitions afterwards. Building an index once
over sorted data is much cheaper than updating it row by row, and re-adding a foreign key
checks every row in one join instead of one trigger call per row. Everything runs in the
caller's transaction, so a failure anywhere rolls the schema back with the data. CHECK
constraints stay in place and check every row as it is copied.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Iterable, Iterator, Sequence

# COPY's text format: backslash, tab, newline and carriage return must be escaped.
_COPY_ESCAPES = str.maketrans({"\\": "\\\\", "\t": "\\t", "\n": "\\n", "\r": "\\r"})


def copy_text(value: str) -> str:
    """A string as a field of COPY's text format."""
    return value.translate(_COPY_ESCAPES)


def _escape(value: str) -> str:
    if "\\" in value or "\t" in value or "\n" in value or "\r" in value:
        return value.translate(_COPY_ESCAPES)
    return value


def copy_lines(rows: Iterable[tuple], chunk: int = 1 << 20) -> Iterator[str]:
    """Rows of str, int, float, bool, aware datetime or None as COPY text, in ~1 MB chunks.

    Most strings (claim texts, bodies, JSON) need no escaping and pass through as they are;
    the rows of one source share their datetimes, which are formatted once.
    """
    last_time, last_text = None, ""
    lines: list[str] = []
    size = 0
    for row in rows:
        fields = []
        for value in row:
            kind = type(value)
            if kind is str:
                fields.append(_escape(value))
            elif value is None:
                fields.append("\\N")
            elif kind is bool:
                fields.append("t" if value else "f")
            elif kind is int:
                fields.append(str(value))
            elif kind is float:
                fields.append(repr(value))
            elif kind is dt.datetime:
                if value is not last_time:  # the rows of one source share their times
                    last_time, last_text = value, value.isoformat()
                fields.append(last_text)
            else:
                raise TypeError(f"cannot COPY {kind.__name__}: {value!r}")
        line = "\t".join(fields) + "\n"
        lines.append(line)
        size += len(line)
        if size >= chunk:
            yield "".join(lines)
            lines, size = [], 0
    if lines:
        yield "".join(lines)


def check_fields(model, fields: Sequence[str]) -> None:
    """Fail early when a model gained or lost a column the generator does not write."""
    actual = {f.attname for f in model._meta.concrete_fields}
    if set(fields) != actual:
        raise SystemExit(
            f"{model.__name__}: the generator writes {sorted(set(fields) - actual)} that the "
            f"model lacks and omits {sorted(actual - set(fields))}; update bench/generate.py"
        )


class Loader:
    """Writes rows of one model at a time through COPY (PostgreSQL) or bulk_create."""

    def __init__(self, connection, batch_size: int = 2000):
        self.connection = connection
        self.vendor = connection.vendor
        self.batch_size = batch_size
        self.rows: dict[str, int] = {}

    # ------------------------------------------------------------------ writing

    def _copy_sql(self, model, fields: Sequence[str]) -> str:
        quote = self.connection.ops.quote_name
        by_name = {f.attname: f for f in model._meta.concrete_fields}
        columns = ", ".join(quote(by_name[name].column) for name in fields)
        return f"COPY {quote(model._meta.db_table)} ({columns}) FROM STDIN"

    def _raw_cursor(self):
        self.connection.ensure_connection()
        return self.connection.connection.cursor()

    def write(self, model, fields: Sequence[str], rows: Iterable[tuple]) -> int:
        """Write tuples whose values follow ``fields``; JSON fields come as JSON text."""
        count = 0
        if self.vendor == "postgresql":

            def counted():
                nonlocal count
                for row in rows:
                    count += 1
                    yield row

            with self._raw_cursor() as cursor, cursor.copy(self._copy_sql(model, fields)) as copy:
                for chunk in copy_lines(counted()):
                    copy.write(chunk)
        else:
            count = self._bulk_create(model, fields, rows)
        self.rows[model.__name__] = self.rows.get(model.__name__, 0) + count
        return count

    def write_text(self, model, fields: Sequence[str], chunks: Iterable[str], count: int) -> None:
        """PostgreSQL only: COPY rows already formatted (``copy_text`` escaped, tab separated)."""
        with self._raw_cursor() as cursor, cursor.copy(self._copy_sql(model, fields)) as copy:
            for chunk in chunks:
                copy.write(chunk)
        self.rows[model.__name__] = self.rows.get(model.__name__, 0) + count

    def _bulk_create(self, model, fields: Sequence[str], rows: Iterable[tuple]) -> int:
        json_fields = {
            f.attname for f in model._meta.concrete_fields if f.get_internal_type() == "JSONField"
        }
        count = 0
        batch = []
        for row in rows:
            values = dict(zip(fields, row, strict=True))
            for name in json_fields:
                values[name] = json.loads(values[name])
            batch.append(model(**values))
            if len(batch) >= self.batch_size:
                model.objects.bulk_create(batch)
                count += len(batch)
                batch = []
        if batch:
            model.objects.bulk_create(batch)
            count += len(batch)
        return count

    # ------------------------------------------------------------------ ids

    def next_id(self, model) -> int:
        """The first free primary key (rows from earlier runs or other tools are kept)."""
        with self.connection.cursor() as cursor:
            quote = self.connection.ops.quote_name
            cursor.execute(f"SELECT MAX(id) FROM {quote(model._meta.db_table)}")
            return (cursor.fetchone()[0] or 0) + 1

    def reset_sequences(self, models: Iterable) -> None:
        """Point each id sequence past the ids written by hand (PostgreSQL)."""
        if self.vendor != "postgresql":
            return  # SQLite takes MAX(rowid) + 1 by itself
        with self.connection.cursor() as cursor:
            for model in models:
                table = model._meta.db_table
                cursor.execute(
                    "SELECT setval(pg_get_serial_sequence(%s, 'id'), "
                    "COALESCE((SELECT MAX(id) FROM " + self.connection.ops.quote_name(table) + "), "
                    "1), (SELECT COUNT(*) > 0 FROM " + self.connection.ops.quote_name(table) + "))",
                    [table],
                )

    # ------------------------------------------------------------------ indexes

    def schema_of(self, tables: Sequence[str]) -> list[tuple[str, str, str]]:
        """(table, name, definition) of every index and constraint of these tables."""
        with self.connection.cursor() as cursor:
            cursor.execute(
                """
                SELECT c.relname, i.relname, pg_get_indexdef(i.oid)
                FROM pg_index x
                JOIN pg_class i ON i.oid = x.indexrelid
                JOIN pg_class c ON c.oid = x.indrelid
                WHERE c.relname = ANY(%s)
                UNION ALL
                SELECT c.relname, k.conname, pg_get_constraintdef(k.oid)
                FROM pg_constraint k JOIN pg_class c ON c.oid = k.conrelid
                WHERE c.relname = ANY(%s)
                ORDER BY 1, 2, 3
                """,
                [list(tables), list(tables)],
            )
            return [tuple(row) for row in cursor.fetchall()]

    @staticmethod
    def schema_differences(before, after) -> list[tuple[str, str, str]]:
        """Entries of ``schema_of`` that changed, ignoring how PostgreSQL prints casts and
        parentheses (a partial index's predicate reads back with its casts moved)."""

        def normal(rows):
            return {
                (table, name, re.sub(r"[()\s]", "", re.sub(r"::[\w ]+(\[\])?", "", text)))
                for table, name, text in rows
            }

        return sorted(normal(before) ^ normal(after))

    def set_aside_indexes(self, tables: Sequence[str]) -> list[str]:
        """Drop secondary indexes and unique/foreign-key constraints; return the SQL that
        recreates them (indexes and unique constraints first, foreign keys last).

        Primary keys stay (other tables' foreign keys depend on them), and so do CHECK
        constraints (cheap, and they validate the rows as they arrive).
        """
        if self.vendor != "postgresql":
            return []
        quote = self.connection.ops.quote_name
        indexes, uniques, foreign = [], [], []
        with self.connection.cursor() as cursor:
            for table in tables:
                cursor.execute(
                    """
                    SELECT conname, contype, pg_get_constraintdef(oid) FROM pg_constraint
                    WHERE conrelid = %s::regclass AND contype IN ('u', 'f') ORDER BY conname
                    """,
                    [table],
                )
                for name, kind, definition in cursor.fetchall():
                    cursor.execute(f"ALTER TABLE {quote(table)} DROP CONSTRAINT {quote(name)}")
                    target = uniques if kind == "u" else foreign
                    target.append(
                        f"ALTER TABLE {quote(table)} ADD CONSTRAINT {quote(name)} {definition}"
                    )
                # Indexes that back no constraint of this table (the primary key's and the
                # unique constraints' go with their constraints).
                cursor.execute(
                    """
                    SELECT i.relname, pg_get_indexdef(i.oid)
                    FROM pg_index x JOIN pg_class i ON i.oid = x.indexrelid
                    WHERE x.indrelid = %s::regclass AND NOT EXISTS (
                        SELECT 1 FROM pg_constraint k
                        WHERE k.conindid = x.indexrelid AND k.conrelid = x.indrelid
                    )
                    ORDER BY i.relname
                    """,
                    [table],
                )
                for name, definition in cursor.fetchall():
                    cursor.execute(f"DROP INDEX {quote(name)}")
                    indexes.append(definition)
        return indexes + uniques + foreign

    def restore_indexes(self, statements: Sequence[str]) -> None:
        with self.connection.cursor() as cursor:
            for statement in statements:
                cursor.execute(statement)
