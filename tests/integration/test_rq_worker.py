"""Imports through Redis and a real RQ worker process, including a worker killed mid-job.

Runs against the PostgreSQL and Redis servers on this machine with its own scratch database
and Redis database, through ``manage.py`` subprocesses configured as production would be
(``FACTDESK_TASKS_BACKEND=rq``). Skipped where PostgreSQL or Redis is missing, unless
``FACTDESK_REQUIRE_SERVICES`` is set (CI sets it), in which case that is a failure.
"""

import json
import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import psycopg
import pytest
from django.conf import settings

PG_ADMIN = "postgresql://postgres@127.0.0.1:5432/postgres"
DATABASE = "factdesk_rq_integration"
REDIS_URL = "redis://127.0.0.1:6379/14"
WORKER_LOG = Path(os.environ.get("FACTDESK_ARTIFACTS", Path(settings.BASE_DIR) / "artifacts")) / (
    "rq-worker.log"
)

pytestmark = pytest.mark.integration


def reachable(port: int) -> bool:
    with socket.socket() as probe:
        probe.settimeout(1)
        return probe.connect_ex(("127.0.0.1", port)) == 0


@pytest.fixture(scope="module")
def environment():
    if not (reachable(5432) and reachable(6379)):
        if os.environ.get("FACTDESK_REQUIRE_SERVICES"):
            pytest.fail("PostgreSQL (5432) and Redis (6379) are required but not reachable")
        pytest.skip("needs PostgreSQL on 5432 and Redis on 6379")
    with psycopg.connect(PG_ADMIN, autocommit=True) as admin:
        admin.execute(f"DROP DATABASE IF EXISTS {DATABASE} WITH (FORCE)")
        admin.execute(f"CREATE DATABASE {DATABASE}")
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("DJANGO_", "DATABASE_", "FACTDESK_", "REDIS_"))
    } | {
        "DJANGO_SETTINGS_MODULE": "config.settings",
        "DJANGO_DEBUG": "1",
        "DATABASE_URL": f"postgres://postgres@127.0.0.1:5432/{DATABASE}",
        "REDIS_URL": REDIS_URL,
        "FACTDESK_TASKS_BACKEND": "rq",
        "FACTDESK_LOG_FORMAT": "plain",
    }
    WORKER_LOG.parent.mkdir(exist_ok=True)
    WORKER_LOG.write_text("")
    manage(env, "migrate", "--noinput")
    manage(
        env, "shell", "--no-imports", "-c", "import django_rq; django_rq.get_connection().flushdb()"
    )
    yield env
    with psycopg.connect(PG_ADMIN, autocommit=True) as admin:
        admin.execute(f"DROP DATABASE IF EXISTS {DATABASE} WITH (FORCE)")


def manage(env, *args: str) -> str:
    result = subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=settings.BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    return result.stdout


def worker(env, *, burst: bool) -> subprocess.Popen:
    args = ["rqworker", "--job-class", "django_tasks_rq.Job", "default"]
    return subprocess.Popen(
        [sys.executable, "manage.py", *args, *(["--burst"] if burst else [])],
        cwd=settings.BASE_DIR,
        env=env,
        stdout=WORKER_LOG.open("a"),
        stderr=subprocess.STDOUT,
    )


def kill_worker(process: subprocess.Popen) -> None:
    """Kill a worker the way a dying machine would: no clean-up, job half done.

    RQ runs each job in a forked "work horse" in a session of its own, so the horse is
    killed first, then the worker.
    """
    subprocess.run(["pkill", "-KILL", "-P", str(process.pid)], check=False)
    process.send_signal(signal.SIGKILL)
    process.wait(timeout=30)


def enqueue_import(env, target: str) -> int:
    out = manage(
        env,
        "shell",
        "--no-imports",
        "-c",
        "from sources.jobs import start_import; "
        f"print(start_import(kind='file', target={target!r}).pk)",
    )
    return int(out.strip().splitlines()[-1])


def query(sql: str, *params):
    with psycopg.connect(f"postgresql://postgres@127.0.0.1:5432/{DATABASE}") as connection:
        return connection.execute(sql, params).fetchone()


def wait_for(condition, *, timeout: float, what: str):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = condition()
        if value:
            return value
        time.sleep(0.3)
    pytest.fail(f"timed out waiting for {what}")


def test_a_worker_imports_queued_articles_and_compares_them(environment):
    job_id = enqueue_import(environment, str(Path(settings.BASE_DIR) / "seeds"))
    assert query("SELECT status FROM sources_importjob WHERE id = %s", job_id) == ("queued",)
    process = worker(environment, burst=True)
    process.wait(timeout=300)
    status, created = query("SELECT status, created FROM sources_importjob WHERE id = %s", job_id)
    assert (status, created) == ("succeeded", 5)
    assert query("SELECT count(*) FROM factcheck_claim")[0] > 20
    assert query("SELECT count(*) FROM factcheck_claimlink WHERE relation = 'contradicts'")[0]


def test_a_job_whose_worker_is_killed_is_retried_and_duplicates_nothing(environment, tmp_path):
    articles = tmp_path / "batch.jsonl"
    with articles.open("w") as out:
        for number in range(240):
            out.write(
                json.dumps(
                    {
                        "title": f"Harbour report {number}",
                        "text": f"The port of Town {number} handled {1000 + number} ships in "
                        f"{2000 + number % 20}, the harbour authority said. About "
                        f"{50 + number} cranes were in use, officials told reporters.",
                    }
                )
                + "\n"
            )
    before = query("SELECT count(*) FROM sources_source")[0]
    job_id = enqueue_import(environment, str(articles))
    process = worker(environment, burst=False)
    try:
        # Kill it once it is visibly half-way (progress is saved every 20 documents).
        wait_for(
            lambda: (
                query(
                    "SELECT created FROM sources_importjob WHERE id = %s AND status = 'running'",
                    job_id,
                )
                and query("SELECT created FROM sources_importjob WHERE id = %s", job_id)[0] > 0
            ),
            timeout=120,
            what="the job to make progress",
        )
        kill_worker(process)
    finally:
        if process.poll() is None:
            kill_worker(process)
    stored_at_kill = query("SELECT count(*) FROM sources_source")[0] - before
    assert 0 < stored_at_kill < 240
    assert query("SELECT status FROM sources_importjob WHERE id = %s", job_id) == ("running",)

    # Time passes: the heartbeat goes stale and the scheduler queues the job again.
    query(
        "UPDATE sources_importjob SET heartbeat_at = now() - interval '1 hour' "
        "WHERE id = %s RETURNING id",
        job_id,
    )
    assert "1 stalled imports" in manage(environment, "poll_feeds", "--once")
    worker(environment, burst=True).wait(timeout=300)

    status, attempts, created, unchanged = query(
        "SELECT status, attempts, created, unchanged FROM sources_importjob WHERE id = %s",
        job_id,
    )
    assert (status, attempts) == ("succeeded", 2)
    assert query("SELECT count(*) FROM sources_source")[0] - before == 240
    assert created + unchanged == 240
    assert unchanged >= stored_at_kill
