"""gunicorn settings for Factdesk: `gunicorn -c config/gunicorn.conf.py config.wsgi`.

Every value can be overridden from the environment (gunicorn also reads GUNICORN_CMD_ARGS).
Run from the project root, so that `config` is importable.
"""

import multiprocessing
import os


def _int(name: str, default: int) -> int:
    value = os.environ.get(name)
    return int(value) if value else default


bind = os.environ.get("GUNICORN_BIND") or f"0.0.0.0:{os.environ.get('PORT', '8000')}"
# Synchronous workers: each handles one request at a time, so the usual 2 x cores + 1 keeps
# the CPU busy while some wait on the database. Each worker holds its own database pool.
workers = _int("WEB_CONCURRENCY", multiprocessing.cpu_count() * 2 + 1)
worker_class = "sync"
# The matcher and the admin's long lists are the slowest pages; beyond this a worker is
# considered stuck and restarted.
timeout = _int("GUNICORN_TIMEOUT", 60)
graceful_timeout = _int("GUNICORN_GRACEFUL_TIMEOUT", 30)
keepalive = _int("GUNICORN_KEEPALIVE", 5)
# Load Django once in the master and fork: faster start and copy-on-write memory. Nothing
# opens a database connection or pool at import time, and post_fork below makes sure none
# is inherited.
preload_app = True
# Recycle each worker after about this many requests (the jitter keeps them from restarting
# all at once), bounding the effect of any slow memory growth.
max_requests = _int("GUNICORN_MAX_REQUESTS", 1000)
max_requests_jitter = _int("GUNICORN_MAX_REQUESTS_JITTER", 100)
# Behind a reverse proxy on the same host (nginx, a load balancer): trust its
# X-Forwarded-* headers. Set FORWARDED_ALLOW_IPS to the proxy's address, or "*" in a
# container network where only the proxy can reach the port.
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1,::1")
# gunicorn's control socket (for `gunicornc`) is off unless a path is given: the default
# lives under $HOME, which a service user may not have.
if os.environ.get("GUNICORN_CONTROL_SOCKET"):
    control_socket = os.environ["GUNICORN_CONTROL_SOCKET"]
else:
    control_socket_disable = True

# Logs: access and errors to stdout/stderr, for journald or the container runtime. With
# FACTDESK_LOG_FORMAT=json (the default unless DJANGO_DEBUG is on) every line is a JSON
# object with method, path, status and duration_ms (config/logging.py); otherwise the
# classic combined format with the duration appended.
accesslog = "-"
errorlog = "-"
loglevel = os.environ.get("GUNICORN_LOG_LEVEL", "info")
_debug = os.environ.get("DJANGO_DEBUG", "").strip().lower() in {"1", "true", "yes", "on"}
_json = os.environ.get("FACTDESK_LOG_FORMAT", "plain" if _debug else "json") == "json"
if _json:
    access_log_format = "%(m)s %(U)s %(s)s %(M)sms"
    logconfig_dict = {
        "version": 1,
        "disable_existing_loggers": False,
        "formatters": {"json": {"()": "config.logging.JsonFormatter"}},
        "handlers": {
            "stdout": {
                "class": "logging.StreamHandler",
                "formatter": "json",
                "stream": "ext://sys.stdout",
            },
        },
        "root": {"level": "INFO", "handlers": ["stdout"]},
        "loggers": {
            # Not propagated: Django's LOGGING also puts a handler on the root logger.
            "gunicorn.error": {"level": "INFO", "handlers": ["stdout"], "propagate": False},
            "gunicorn.access": {"level": "INFO", "handlers": ["stdout"], "propagate": False},
        },
    }
else:
    access_log_format = '%(h)s %(l)s %(u)s %(t)s "%(r)s" %(s)s %(b)s "%(f)s" "%(a)s" %(M)sms'


def pre_fork(server, worker):
    # Runs in the master before each fork. A connection (or pool) the master had opened
    # would be shared by every worker after the fork, their queries interleaving on one
    # socket: close it here, so that each worker opens its own.
    from django.db import connections

    for connection in connections.all(initialized_only=True):
        connection.close()
        if hasattr(connection, "close_pool"):
            connection.close_pool()


def when_ready(server):
    """Build the "has this been checked?" index once, in the master, before workers fork.

    With ``preload_app`` the workers inherit it (copy-on-write) instead of each building it
    inside its first request, which at 100k fact-checks outlasts the worker timeout.
    """
    import gc

    from django.db import DatabaseError, connections

    from factcheck.match_index import published_index

    try:
        published_index.warm()
    except DatabaseError as error:
        # Not migrated yet, or the database is down: serve anyway; the first request builds it.
        server.log.warning("match index not built at start (%s)", error)
    # Nothing built so far is garbage: keep the collector from touching (and copying) it.
    gc.freeze()
    # Connections and pools must not be shared with forked workers.
    for connection in connections.all(initialized_only=True):
        connection.close()
        if hasattr(connection, "close_pool"):
            connection.close_pool()
