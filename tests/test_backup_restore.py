"""deploy/backup.sh and deploy/restore.sh round-trip a real Factdesk database.

PostgreSQL only: a scratch database is created, migrated and filled by importing the seed
articles (sources, versions, claims, links, history rows), dumped with backup.sh, restored
into a second scratch database with restore.sh, and the two compared table by table.
"""

import os
import shutil
import subprocess
import sys
import uuid
from pathlib import Path

import pytest
from django.conf import settings

ROOT = Path(settings.BASE_DIR)
DATABASE = settings.DATABASES["default"]

pytestmark = [
    pytest.mark.skipif(
        DATABASE["ENGINE"] != "django.db.backends.postgresql",
        reason="backup.sh/restore.sh use pg_dump/pg_restore: run the suite with "
        "DATABASE_URL=postgres://... to test them",
    ),
    pytest.mark.skipif(
        not (shutil.which("pg_dump") and shutil.which("pg_restore")),
        reason="pg_dump/pg_restore are not installed (apt install postgresql-client)",
    ),
]


def url(name: str) -> str:
    user = DATABASE["USER"] or ""
    password = f":{DATABASE['PASSWORD']}" if DATABASE.get("PASSWORD") else ""
    host = DATABASE["HOST"] or "127.0.0.1"
    port = DATABASE["PORT"] or 5432
    return f"postgres://{user}{password}@{host}:{port}/{name}"


def admin_sql(sql: str) -> None:
    import psycopg

    with psycopg.connect(url("postgres"), autocommit=True) as connection:
        connection.execute(sql)


def run(*args: str, database: str) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "DATABASE_"))}
    env |= {"DJANGO_DEBUG": "1", "DATABASE_URL": url(database), "FACTDESK_LOG_FORMAT": "plain"}
    result = subprocess.run(
        args,
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
        stdin=subprocess.DEVNULL,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    return result


def snapshot(database: str) -> dict[str, tuple[int, str]]:
    """Row count and a digest of every row, per table of the public schema."""
    import psycopg
    from psycopg import sql

    with psycopg.connect(url(database)) as connection:
        tables = [
            row[0]
            for row in connection.execute(
                "SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY 1"
            )
        ]
        result = {}
        for table in tables:
            query = sql.SQL(
                "SELECT count(*), coalesce(md5(string_agg(t::text, '|' ORDER BY t::text)), '')"
                " FROM {} AS t"
            ).format(sql.Identifier(table))
            result[table] = connection.execute(query).fetchone()
    return result


@pytest.fixture
def scratch_databases():
    names = [f"factdesk_backup_{uuid.uuid4().hex[:10]}_{role}" for role in ("src", "dst")]
    for name in names:
        admin_sql(f'CREATE DATABASE "{name}"')
    yield names
    for name in names:
        admin_sql(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def test_a_backup_restores_into_another_database_with_the_same_rows(scratch_databases, tmp_path):
    source, target = scratch_databases
    manage = (sys.executable, "manage.py")
    run(*manage, "migrate", "--noinput", database=source)
    run(*manage, "import_articles", "seeds/", "--no-progress", database=source)
    before = snapshot(source)
    assert before["sources_source"][0] >= 5
    assert before["factcheck_claim"][0] > 0

    dump = tmp_path / "factdesk.dump"
    backup = run("deploy/backup.sh", str(dump), database=source)
    assert backup.stdout.strip() == str(dump)
    assert dump.stat().st_size > 0
    assert not dump.with_name(dump.name + ".partial").exists()

    run("deploy/restore.sh", str(dump), "--yes", database=target)
    assert snapshot(target) == before

    # Restoring again over a database that has changed since puts it back as dumped.
    admin_sql(f'DROP DATABASE "{source}" WITH (FORCE)')
    import psycopg

    with psycopg.connect(url(target)) as connection:
        connection.execute("DELETE FROM factcheck_claimlink")
        connection.execute("UPDATE sources_source SET title = 'changed'")
    run("deploy/restore.sh", str(dump), "--yes", database=target)
    assert snapshot(target) == before


def test_restore_refuses_without_confirmation_when_not_on_a_terminal(tmp_path):
    dump = tmp_path / "factdesk.dump"
    dump.write_bytes(b"not used")
    env = {**os.environ, "DATABASE_URL": url("factdesk_must_not_be_touched")}
    result = subprocess.run(
        ["deploy/restore.sh", str(dump)],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        stdin=subprocess.DEVNULL,
        timeout=30,
    )
    assert result.returncode == 2
    assert "--yes" in result.stderr
