"""System checks for the public API's deployment."""

from django.conf import settings
from django.core.cache import DEFAULT_CACHE_ALIAS
from django.core.checks import Tags, Warning, register
from rest_framework.settings import api_settings

# Caches whose counts live inside one process (or nowhere).
PER_PROCESS_CACHES = {
    "django.core.cache.backends.locmem.LocMemCache",
    "django.core.cache.backends.dummy.DummyCache",
}


@register(Tags.caches)
def throttling_counts_across_processes(app_configs, **kwargs):
    """DRF's throttles count requests in the default cache. In a per-process cache every
    gunicorn worker keeps its own count, so a client gets the rate once per worker (and the
    dummy cache counts nothing); a shared cache (REDIS_URL) makes the rate what it says."""
    if settings.DEBUG or not api_settings.DEFAULT_THROTTLE_CLASSES:
        return []
    backend = settings.CACHES.get(DEFAULT_CACHE_ALIAS, {}).get("BACKEND")
    if backend not in PER_PROCESS_CACHES:
        return []
    return [
        Warning(
            f"API throttling counts per process: the default cache is {backend}.",
            hint="Set REDIS_URL so that all processes share one count, or silence "
            "factdesk.W001 when a single process serves the API.",
            id="factdesk.W001",
        )
    ]
