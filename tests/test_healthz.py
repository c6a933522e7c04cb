"""/healthz tells a load balancer whether this instance can serve: database, then Redis."""

import pytest
from django.db import OperationalError, connections

import config.health

pytestmark = pytest.mark.django_db

IMMEDIATE = {"default": {"BACKEND": "django.tasks.backends.immediate.ImmediateBackend"}}
# Nothing listens on port 1: connecting is refused at once, as with a Redis that is down.
DEAD_REDIS = "redis://127.0.0.1:1/0"


@pytest.fixture(autouse=True)
def no_redis(settings):
    settings.REDIS_URL = ""
    settings.TASKS = IMMEDIATE
    # A client cached for another URL must not answer for this test's Redis.
    clear = config.health._redis_client.cache_clear
    clear()
    yield
    clear()


def test_healthz_is_ok_when_the_database_answers_and_no_queue_is_configured(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "ok", "queue": "not configured"}


def test_healthz_is_503_naming_the_database_when_it_does_not_answer(client, monkeypatch):
    def refuse(*args, **kwargs):
        raise OperationalError("connection refused")

    monkeypatch.setattr(connections["default"], "cursor", refuse)
    response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json() == {
        "status": "error",
        "database": "error: OperationalError",
        "queue": "not configured",
    }


def test_healthz_does_not_tell_anonymous_callers_the_error_message(client, monkeypatch):
    def refuse(*args, **kwargs):
        raise OperationalError('password authentication failed for user "factdesk"')

    monkeypatch.setattr(connections["default"], "cursor", refuse)
    assert b"password" not in client.get("/healthz").content


def test_healthz_is_503_naming_the_queue_when_redis_does_not_answer(client, settings):
    settings.REDIS_URL = DEAD_REDIS
    response = client.get("/healthz")
    assert response.status_code == 503
    body = response.json()
    assert body["database"] == "ok"
    assert body["queue"].startswith("error: ")


def test_healthz_pings_the_rq_queues_redis_when_rq_runs_the_tasks(client, settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_rq.RQBackend"}}
    settings.RQ_QUEUES = {"default": {"URL": DEAD_REDIS}}
    response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json()["queue"].startswith("error: ")


def test_healthz_is_ok_when_redis_answers_ping(client, settings, monkeypatch):
    pings = []

    class FakeRedis:
        def ping(self):
            pings.append(True)
            return True

    settings.REDIS_URL = "redis://cache.internal:6379/0"
    monkeypatch.setattr(config.health, "_redis_client", lambda url: FakeRedis())
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "ok", "queue": "ok"}
    assert pings == [True]


def test_healthz_reports_the_database_queue_with_the_database_task_backend(client, settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    assert client.get("/healthz").json()["queue"] == "ok"


def test_healthz_is_never_cached(client):
    response = client.get("/healthz")
    assert "no-store" in response["Cache-Control"]
    assert "ETag" not in response


def test_healthz_is_not_redirected_to_https_but_other_pages_are(client, settings):
    settings.SECURE_SSL_REDIRECT = True
    assert client.get("/healthz").status_code == 200
    assert client.get("/fact-checks/").status_code == 301


def test_healthz_needs_no_login(client):
    # The anonymous test client; the admin next door would redirect to its login page.
    assert client.get("/healthz").status_code == 200
    assert client.get("/admin/").status_code == 302


def test_healthz_only_answers_reads(client):
    assert client.post("/healthz").status_code == 405
    assert client.head("/healthz").status_code == 200
