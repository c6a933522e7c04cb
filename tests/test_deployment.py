"""Production wiring: static files, database pool, cache, tasks, CSP, JSON logs, gunicorn.

Settings that are decided once at start-up from the environment are checked in a fresh
`manage.py` process with that environment, as a deployment would start.
"""

import http.client
import json
import logging
import os
import re
import runpy
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest
from django.conf import settings

from config.logging import JsonFormatter

ROOT = Path(settings.BASE_DIR)
PRODUCTION_ENV = {
    "DJANGO_DEBUG": "0",
    "DJANGO_SECRET_KEY": "a-long-random-production-secret-" + "x7Qp2Lm9Zr4Tk8Wv" * 3,
    "DJANGO_ALLOWED_HOSTS": "factdesk.example,127.0.0.1",
    "DATABASE_URL": "sqlite://:memory:",
}
POSTGRES_URL = "postgres://factdesk@db.internal:5432/factdesk"
OWN_PREFIXES = ("DJANGO_", "DATABASE_", "FACTDESK_", "REDIS_", "GUNICORN_", "WEB_", "PORT")


def clean_env(env: dict[str, str]) -> dict[str, str]:
    inherited = {k: v for k, v in os.environ.items() if not k.startswith(OWN_PREFIXES)}
    return inherited | PRODUCTION_ENV | env


def manage(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=clean_env(env or {}),
        capture_output=True,
        text=True,
        timeout=300,
    )


def production_setting(expression: str, **env: str):
    """The value of ``expression`` (over ``settings``) under production settings and ``env``."""
    code = f"import json; from django.conf import settings; print(json.dumps({expression}))"
    result = manage("shell", "--no-imports", "-c", code, env=env)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


# Static files --------------------------------------------------------------------------


@pytest.fixture(scope="module")
def collected(tmp_path_factory) -> Path:
    """collectstatic with the production storage (hashed names, manifest, gzip copies)."""
    root = tmp_path_factory.mktemp("staticfiles")
    result = manage("collectstatic", "--noinput", env={"DJANGO_STATIC_ROOT": str(root)})
    assert result.returncode == 0, result.stderr
    return root


def test_production_uses_whitenoise_manifest_storage():
    assert (
        production_setting("settings.STORAGES['staticfiles']['BACKEND']")
        == "whitenoise.storage.CompressedManifestStaticFilesStorage"
    )


def test_collectstatic_hashes_and_compresses_admin_api_docs_and_app_files(collected):
    manifest = json.loads((collected / "staticfiles.json").read_text())["paths"]
    for name in (
        "admin/css/base.css",
        "admin/js/core.js",
        "drf_spectacular_sidecar/swagger-ui-dist/swagger-ui-bundle.js",
        "factcheck/public.css",
        "factcheck/admin.css",
    ):
        hashed = manifest[name]
        assert re.search(r"\.[0-9a-f]{12}\.", hashed), hashed
        assert (collected / hashed).is_file()
        assert (collected / (hashed + ".gz")).is_file()


# Database pool -------------------------------------------------------------------------


def test_a_postgres_url_gets_a_connection_pool_and_no_persistent_connections():
    database = production_setting(
        "settings.DATABASES['default']",
        DATABASE_URL=POSTGRES_URL,
        DATABASE_CONN_MAX_AGE="600",
        FACTDESK_DB_POOL_MIN_SIZE="3",
        FACTDESK_DB_POOL_MAX_SIZE="7",
    )
    assert database["OPTIONS"]["pool"] == {"min_size": 3, "max_size": 7, "timeout": 10}
    assert database["CONN_MAX_AGE"] == 0


def test_the_pool_can_be_turned_off_for_an_external_pooler():
    database = production_setting(
        "settings.DATABASES['default']",
        DATABASE_URL=POSTGRES_URL,
        FACTDESK_DB_POOL="0",
        DATABASE_CONN_MAX_AGE="60",
    )
    assert "pool" not in database.get("OPTIONS", {})
    assert database["CONN_MAX_AGE"] == 60


def test_sqlite_gets_no_pool():
    options = production_setting("settings.DATABASES['default']['OPTIONS']")
    assert "pool" not in options


# Cache and tasks -----------------------------------------------------------------------


def test_redis_url_puts_the_cache_in_redis_else_it_is_per_process():
    assert production_setting(
        "settings.CACHES['default']", REDIS_URL="redis://127.0.0.1:6379/2"
    ) == {
        "BACKEND": "django.core.cache.backends.redis.RedisCache",
        "LOCATION": "redis://127.0.0.1:6379/2",
        "KEY_PREFIX": "factdesk",
        "OPTIONS": {"socket_connect_timeout": 2, "socket_timeout": 2},
    }
    assert (
        production_setting("settings.CACHES['default']['BACKEND']")
        == "django.core.cache.backends.locmem.LocMemCache"
    )


@pytest.mark.parametrize(
    ("name", "backend", "app"),
    [
        ("immediate", "django.tasks.backends.immediate.ImmediateBackend", None),
        ("database", "django_tasks_db.DatabaseBackend", "django_tasks_db"),
        ("rq", "django_tasks_rq.RQBackend", "django_rq"),
    ],
)
def test_each_task_backend_passes_the_system_checks(name, backend, app):
    env = {"FACTDESK_TASKS_BACKEND": name, "REDIS_URL": "redis://127.0.0.1:6379/3"}
    result = manage("check", "--fail-level", "WARNING", env=env)
    assert result.returncode == 0, result.stderr + result.stdout
    tasks, apps = production_setting("[settings.TASKS, settings.INSTALLED_APPS]", **env)
    assert tasks["default"]["BACKEND"] == backend
    assert app is None or app in apps


def test_rq_queues_point_at_redis_url():
    queues = production_setting(
        "settings.RQ_QUEUES",
        FACTDESK_TASKS_BACKEND="rq",
        REDIS_URL="redis://queue.internal:6379/1",
    )
    assert queues["default"]["URL"] == "redis://queue.internal:6379/1"


@pytest.mark.parametrize(
    ("env", "message"),
    [
        ({"FACTDESK_TASKS_BACKEND": "celery"}, "FACTDESK_TASKS_BACKEND='celery'"),
        ({"FACTDESK_TASKS_BACKEND": "rq"}, "FACTDESK_TASKS_BACKEND=rq needs REDIS_URL"),
        ({"FACTDESK_LOG_FORMAT": "xml"}, "FACTDESK_LOG_FORMAT='xml'"),
    ],
)
def test_a_misconfigured_backend_stops_start_up(env, message):
    result = manage("check", env=env)
    assert result.returncode != 0
    assert message in result.stderr


# Content security policy ---------------------------------------------------------------


def csp(response) -> dict[str, list[str]]:
    header = response["Content-Security-Policy"]
    return {
        directive.split()[0]: directive.split()[1:]
        for directive in header.split(";")
        if directive.strip()
    }


def test_public_pages_carry_a_strict_content_security_policy(client, db):
    policy = csp(client.get("/fact-checks/"))
    assert policy["default-src"] == ["'self'"]
    assert policy["script-src"][0] == "'self'"
    assert "'unsafe-inline'" not in policy["script-src"] + policy["style-src"]
    assert policy["object-src"] == ["'none'"]
    assert policy["frame-ancestors"] == ["'none'"]
    assert policy["base-uri"] == ["'self'"]
    assert policy["img-src"] == ["'self'", "data:"]


def test_admin_pages_carry_the_policy_with_the_nonce_their_tags_use(admin_client):
    response = admin_client.get("/admin/")
    assert response.status_code == 200
    assert "'unsafe-inline'" not in csp(response)["script-src"]
    login = csp(admin_client.get("/admin/login/?next=/admin/", follow=False))
    assert login["frame-ancestors"] == ["'none'"]


def test_the_nonce_in_the_header_is_the_one_in_the_page(client, db):
    # The login page marks its stylesheet with {% csp_nonce_attr %}.
    response = client.get("/admin/login/")
    nonces = [v for v in csp(response)["style-src"] if v.startswith("'nonce-")]
    assert len(nonces) == 1
    assert f'nonce="{nonces[0][7:-1]}"' in response.content.decode()


def test_security_headers_are_sent(client, db):
    response = client.get("/fact-checks/")
    assert response["Referrer-Policy"] == "same-origin"
    assert response["Cross-Origin-Opener-Policy"] == "same-origin"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["X-Frame-Options"] == "DENY"


def test_the_api_docs_page_runs_no_inline_script(client, db):
    response = client.get("/api/docs/")
    assert response.status_code == 200
    html = response.content.decode()
    scripts = re.findall(r"<script\b([^>]*)>", html)
    assert scripts, "Swagger UI page without scripts"
    assert all("src=" in attributes for attributes in scripts)
    policy = csp(response)
    assert "'unsafe-inline'" not in policy["script-src"]
    # Its start-up script comes from its own URL, as JavaScript.
    script_url = re.search(r'<script src="([^"]*script=[^"]*)"', html).group(1)
    script = client.get(script_url.replace("&amp;", "&"))
    assert script.status_code == 200
    assert script["Content-Type"].startswith("application/javascript")
    assert b"SwaggerUIBundle" in script.content


# JSON logs -----------------------------------------------------------------------------


def test_a_json_log_line_is_one_parseable_object_with_the_request(rf):
    request = rf.get("/fact-checks/missing/")
    record = logging.getLogger("django.request").makeRecord(
        "django.request",
        logging.WARNING,
        __file__,
        1,
        "Not Found: %s",
        ("/fact-checks/missing/",),
        None,
        extra={"request": request, "status_code": 404, "job_id": 7},
    )
    line = JsonFormatter().format(record)
    assert "\n" not in line
    entry = json.loads(line)
    assert entry["level"] == "WARNING"
    assert entry["logger"] == "django.request"
    assert entry["message"] == "Not Found: /fact-checks/missing/"
    assert entry["path"] == "/fact-checks/missing/"
    assert entry["method"] == "GET"
    assert entry["status"] == 404
    assert entry["job_id"] == 7
    assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}\+00:00", entry["time"])


def test_a_traceback_stays_on_the_same_json_line():
    try:
        raise ValueError("boom")
    except ValueError:
        record = logging.getLogger("x").makeRecord(
            "x", logging.ERROR, __file__, 1, "failed", (), sys.exc_info()
        )
    line = JsonFormatter().format(record)
    assert "\n" not in line
    assert "ValueError: boom" in json.loads(line)["exception"]


def test_production_logs_json_and_debug_logs_plain_text():
    assert production_setting("settings.LOGGING['handlers']['console']['formatter']") == "json"
    assert (
        production_setting("settings.LOGGING['handlers']['console']['formatter']", DJANGO_DEBUG="1")
        == "plain"
    )


# gunicorn ------------------------------------------------------------------------------


def gunicorn_config(monkeypatch, **env: str) -> dict:
    for name in [k for k in os.environ if k.startswith(OWN_PREFIXES)]:
        monkeypatch.delenv(name)
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    return runpy.run_path(str(ROOT / "config" / "gunicorn.conf.py"))


def test_gunicorn_binds_to_port_and_sizes_workers_from_the_environment(monkeypatch):
    config = gunicorn_config(monkeypatch, PORT="9001", WEB_CONCURRENCY="3")
    assert config["bind"] == "0.0.0.0:9001"
    assert config["workers"] == 3
    assert config["preload_app"] is True
    assert config["max_requests"] > 0 < config["max_requests_jitter"]
    default = gunicorn_config(monkeypatch)
    assert default["workers"] == 2 * os.cpu_count() + 1
    assert default["logconfig_dict"]["formatters"]["json"]["()"] == "config.logging.JsonFormatter"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def fetch(port: int, path: str, **headers: str):
    """GET over plain HTTP without following redirects (http.client: no proxy settings)."""
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    try:
        connection.request("GET", path, headers={"Host": "factdesk.example", **headers})
        response = connection.getresponse()
        return response.status, response.headers, response.read()
    finally:
        connection.close()


def test_gunicorn_serves_health_static_files_and_json_access_logs(collected, tmp_path):
    port = free_port()
    log = tmp_path / "gunicorn.log"
    env = clean_env(
        {"PORT": str(port), "WEB_CONCURRENCY": "1", "DJANGO_STATIC_ROOT": str(collected)}
    )
    env.pop("GUNICORN_CMD_ARGS", None)
    with log.open("w") as out:
        server = subprocess.Popen(
            [
                str(Path(sys.executable).with_name("gunicorn")),
                *("-c", "config/gunicorn.conf.py", "--bind", f"127.0.0.1:{port}", "config.wsgi"),
            ],
            cwd=ROOT,
            env=env,
            stdout=out,
            stderr=subprocess.STDOUT,
        )
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                status, _, body = fetch(port, "/healthz")
                break
            except OSError:
                assert server.poll() is None, log.read_text()
                assert time.monotonic() < deadline, log.read_text()
                time.sleep(0.2)
        # Plain HTTP, SSL redirect on (production default): the probe is still answered.
        assert status == 200, body
        assert json.loads(body)["database"] == "ok"
        assert fetch(port, "/fact-checks/")[0] == 301

        manifest = json.loads((collected / "staticfiles.json").read_text())["paths"]
        path = f"/static/{manifest['admin/css/base.css']}"
        # As the HTTPS-terminating proxy in front of it would ask.
        https = {"X-Forwarded-Proto": "https"}
        status, headers, _ = fetch(port, path, **https, **{"Accept-Encoding": "gzip"})
        assert status == 200
        assert headers["Content-Encoding"] == "gzip"
        assert "immutable" in headers["Cache-Control"]
    finally:
        server.terminate()
        server.wait(timeout=30)

    access = [
        json.loads(line)
        for line in log.read_text().splitlines()
        if line.startswith("{") and '"gunicorn.access"' in line
    ]
    health = next(entry for entry in access if entry.get("path") == "/healthz")
    assert health["status"] == 200
    assert health["method"] == "GET"
    assert isinstance(health["duration_ms"], int)
