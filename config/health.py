"""``/healthz``: is this instance able to serve? For load balancers and process supervisors.

200 ``{"status": "ok", "database": "ok", "queue": "ok" | "not configured"}`` when the database
answers ``SELECT 1`` and, where Redis is in use (the RQ task backend or ``REDIS_URL``), Redis
answers ``PING``; otherwise 503 naming the part that failed. No authentication, never cached,
exempt from the HTTPS redirect (``SECURE_REDIRECT_EXEMPT``) so it can be probed over HTTP.
Error details go to the log, not to the anonymous caller.
"""

import functools
import logging

from django.conf import settings
from django.db import connections
from django.http import JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

logger = logging.getLogger(__name__)

OK = "ok"
NOT_CONFIGURED = "not configured"
# Short, so a probe that times out says "down" before the load balancer gives up on it.
REDIS_TIMEOUT_SECONDS = 2


def check_database() -> str:
    try:
        with connections["default"].cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except Exception as exc:
        logger.warning("health check: database failed", exc_info=True)
        return f"error: {type(exc).__name__}"
    return OK


def queue_redis_url() -> str:
    """The Redis the task queue (or, without RQ, the cache) lives in; "" when there is none."""
    if settings.TASKS.get("default", {}).get("BACKEND") == "django_tasks_rq.RQBackend":
        queues = getattr(settings, "RQ_QUEUES", {})
        if queues:
            return next(iter(queues.values())).get("URL", "")
    return getattr(settings, "REDIS_URL", "")


@functools.cache
def _redis_client(url: str):
    # One client (and connection pool) per process, not a new connection per probe.
    import redis

    return redis.Redis.from_url(
        url,
        socket_connect_timeout=REDIS_TIMEOUT_SECONDS,
        socket_timeout=REDIS_TIMEOUT_SECONDS,
    )


def check_queue(database_status: str) -> str:
    url = queue_redis_url()
    if url:
        try:
            _redis_client(url).ping()
        except Exception as exc:
            logger.warning("health check: redis failed", exc_info=True)
            return f"error: {type(exc).__name__}"
        return OK
    if settings.TASKS.get("default", {}).get("BACKEND") == "django_tasks_db.DatabaseBackend":
        # The queue is a table in the database just checked.
        return database_status
    return NOT_CONFIGURED


@never_cache
@require_safe
def healthz(request):
    database = check_database()
    queue = check_queue(database)
    healthy = database == OK and queue in (OK, NOT_CONFIGURED)
    return JsonResponse(
        {"status": OK if healthy else "error", "database": database, "queue": queue},
        status=200 if healthy else 503,
    )
