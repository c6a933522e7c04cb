"""Settings come from the environment and refuse to start insecurely."""

import json
import os
import subprocess
import sys

import pytest
from django.conf import settings

PRODUCTION_ENV = {
    "DJANGO_DEBUG": "0",
    "DJANGO_SECRET_KEY": "a-long-random-production-secret-" + "x7Qp2Lm9Zr4Tk8Wv" * 3,
    "DJANGO_ALLOWED_HOSTS": "factdesk.example",
    "DATABASE_URL": "sqlite://:memory:",
}


def manage(*args: str, env: dict[str, str]) -> subprocess.CompletedProcess:
    own = ("DJANGO_", "DATABASE_", "FACTDESK_", "REDIS_")
    clean = {k: v for k, v in os.environ.items() if not k.startswith(own)}
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=settings.BASE_DIR,
        env=clean | env,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_a_missing_secret_key_stops_start_up_when_debug_is_off():
    env = dict(PRODUCTION_ENV)
    del env["DJANGO_SECRET_KEY"]
    result = manage("check", env=env)
    assert result.returncode != 0
    assert "DJANGO_SECRET_KEY is not set" in result.stderr


def test_deploy_checks_pass_with_production_settings():
    # Production runs several processes, and so counts API requests in Redis (no connection
    # is made by the checks).
    env = PRODUCTION_ENV | {"REDIS_URL": "redis://127.0.0.1:6379/15"}
    result = manage("check", "--deploy", "--fail-level", "WARNING", env=env)
    assert result.returncode == 0, result.stderr + result.stdout


def test_production_without_a_shared_cache_warns_that_throttling_counts_per_process():
    result = manage("check", "--deploy", env=PRODUCTION_ENV)
    assert result.returncode == 0, result.stderr
    assert "factdesk.W001" in result.stderr + result.stdout
    assert "API throttling counts per process" in result.stderr + result.stdout


def production_setting(expression: str, **env: str):
    code = f"import json; from django.conf import settings; print(json.dumps({expression}))"
    result = manage("shell", "--no-imports", "-c", code, env=PRODUCTION_ENV | env)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


PROXY_SETTINGS = "[settings.REST_FRAMEWORK['NUM_PROXIES'], settings.SECURE_PROXY_SSL_HEADER]"


def test_without_a_trusted_proxy_no_forwarded_header_is_believed():
    assert production_setting(PROXY_SETTINGS) == [0, None]


def test_behind_trusted_proxies_the_client_address_and_https_come_from_their_headers():
    assert production_setting(PROXY_SETTINGS, FACTDESK_TRUSTED_PROXIES="2") == [
        2,
        ["HTTP_X_FORWARDED_PROTO", "https"],
    ]


@pytest.mark.parametrize("value", ["-1", "one"])
def test_a_nonsensical_number_of_proxies_stops_start_up(value):
    result = manage("check", env=PRODUCTION_ENV | {"FACTDESK_TRUSTED_PROXIES": value})
    assert result.returncode != 0
    assert "FACTDESK_TRUSTED_PROXIES" in result.stderr


def test_a_client_cannot_claim_https_with_a_header_of_its_own(client, settings):
    settings.SECURE_SSL_REDIRECT = True
    response = client.get("/fact-checks/", HTTP_X_FORWARDED_PROTO="https")
    assert response.status_code == 301
    assert response["Location"] == "https://testserver/fact-checks/"


def test_debug_mode_runs_without_a_secret_key():
    result = manage("check", env={"DJANGO_DEBUG": "1"})
    assert result.returncode == 0, result.stderr


def test_database_url_selects_postgresql():
    result = manage(
        "shell",
        "--no-imports",
        "-c",
        "from django.conf import settings; print(settings.DATABASES['default']['ENGINE'])",
        env=PRODUCTION_ENV | {"DATABASE_URL": "postgres://postgres@127.0.0.1:5432/factdesk"},
    )
    assert result.stdout.strip() == "django.db.backends.postgresql", result.stderr


def test_migrations_match_the_models():
    result = manage("makemigrations", "--check", "--dry-run", env={"DJANGO_DEBUG": "1"})
    assert result.returncode == 0, result.stdout + result.stderr
