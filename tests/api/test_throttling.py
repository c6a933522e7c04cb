"""Throttling counts per client, and a client cannot make itself a new one with a header."""

import pytest
from django.core.cache import cache
from django.core.checks import Warning as CheckWarning
from rest_framework.throttling import SimpleRateThrottle

from factcheck.api.checks import throttling_counts_across_processes

pytestmark = pytest.mark.django_db

LIST = "/api/v1/outlets/"


@pytest.fixture(autouse=True)
def two_requests_a_minute(monkeypatch):
    # The throttles read their rates once, at import; the suite's own are set very high.
    monkeypatch.setattr(SimpleRateThrottle, "THROTTLE_RATES", {"anon": "2/minute"})
    cache.clear()
    yield
    cache.clear()


def statuses(client, *forwarded_for: str, remote: str = "198.51.100.1") -> list[int]:
    return [
        client.get(LIST, HTTP_X_FORWARDED_FOR=value, REMOTE_ADDR=remote).status_code
        for value in forwarded_for
    ]


def test_a_made_up_x_forwarded_for_does_not_give_a_fresh_quota(client):
    assert statuses(client, "10.0.0.1", "10.0.0.2", "10.0.0.3", "") == [200, 200, 429, 429]


def test_without_a_trusted_proxy_the_connection_address_is_the_client(client, settings):
    assert settings.REST_FRAMEWORK["NUM_PROXIES"] == 0
    assert statuses(client, "", "", remote="198.51.100.1") == [200, 200]
    assert statuses(client, "", remote="198.51.100.2") == [200]


def test_behind_one_proxy_only_the_address_it_appended_counts(client, settings):
    settings.REST_FRAMEWORK = {**settings.REST_FRAMEWORK, "NUM_PROXIES": 1}
    # The client wrote the first entry; the proxy appended the address it saw.
    spoofed = [f"10.0.0.{n}, 203.0.113.7" for n in range(3)]
    assert statuses(client, *spoofed, remote="127.0.0.1") == [200, 200, 429]
    assert statuses(client, "203.0.113.8", remote="127.0.0.1") == [200]


def test_production_without_a_shared_cache_is_warned_about(settings):
    settings.DEBUG = False
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
    warnings = throttling_counts_across_processes(None)
    assert [(type(w), w.id) for w in warnings] == [(CheckWarning, "factdesk.W001")]


@pytest.mark.parametrize(
    ("debug", "backend"),
    [
        (False, "django.core.cache.backends.redis.RedisCache"),
        (True, "django.core.cache.backends.locmem.LocMemCache"),
    ],
)
def test_a_shared_cache_or_debug_mode_needs_no_warning(settings, debug, backend):
    settings.DEBUG = debug
    settings.CACHES = {"default": {"BACKEND": backend, "LOCATION": "redis://127.0.0.1:6379/15"}}
    assert throttling_counts_across_processes(None) == []


def test_the_throttles_count_in_the_default_cache_which_redis_url_makes_shared():
    # What the system check above relies on: CACHES["default"] is Redis when REDIS_URL is set
    # (tests/test_deployment.py), and that is the cache DRF's throttles count in.
    assert SimpleRateThrottle.cache is cache
