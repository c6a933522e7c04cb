"""One JSON object per log line, for log collectors (journald, Docker, a hosted service).

Used by Django's LOGGING (config/settings.py) and by gunicorn (config/gunicorn.conf.py), so
application records and access-log lines come out in the same shape:

    {"time": "2026-01-05T09:30:12.345+00:00", "level": "INFO", "logger": "gunicorn.access",
     "message": "GET /fact-checks/ 200 12ms", "method": "GET", "path": "/fact-checks/",
     "status": 200, "duration_ms": 12, ...}

Kept dependency-free on purpose: gunicorn's master process loads it before Django is set up.
"""

import json
import logging
from collections.abc import Mapping
from datetime import UTC, datetime

# Attributes every LogRecord has; anything else on a record came from `extra=` and is
# worth keeping as its own field.
_RECORD_ATTRIBUTES = frozenset(
    vars(logging.LogRecord("", 0, "", 0, "", None, None)).keys() | {"message", "asctime"}
)
# Extras reduced to the fields below (the request is an object, not data).
_REDUCED_EXTRAS = frozenset({"request", "status_code", "server_time"})


def _gunicorn_access_fields(atoms: Mapping) -> dict:
    """The access-log atoms gunicorn passes as the record's arguments, as named fields."""

    # gunicorn escapes double quotes for its Apache-style line; JSON escapes them itself.
    def atom(key: str):
        value = atoms.get(key)
        return value.replace('\\"', '"') if isinstance(value, str) else value

    fields = {
        "method": atom("m"),
        "path": atom("U"),
        "query": atom("q") or None,
        "status": _int_or_none(atom("s")),
        "duration_ms": atom("M"),
        "bytes": atom("B"),
        "remote_addr": atom("h"),
        "user_agent": atom("a"),
        "referer": atom("f"),
        "request_id": atoms.get("{x-request-id}i"),
    }
    return {key: value for key, value in fields.items() if value not in (None, "-")}


def _int_or_none(value) -> int | None:
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


class JsonFormatter(logging.Formatter):
    """Formats a record as a single-line JSON object (never multi-line, even for tracebacks)."""

    def format(self, record: logging.LogRecord) -> str:
        payload: dict = {
            "time": datetime.fromtimestamp(record.created, UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
        }
        if record.name == "gunicorn.access" and isinstance(record.args, Mapping):
            payload.update(_gunicorn_access_fields(record.args))

        # django.request and django.server attach the request (django.server's is a socket)
        # and the response status.
        request = getattr(record, "request", None)
        if request is not None and hasattr(request, "path"):
            payload["method"] = getattr(request, "method", None)
            payload["path"] = request.path
        status = getattr(record, "status_code", None)
        if status is not None:
            payload["status"] = status

        for key, value in vars(record).items():
            if key not in _RECORD_ATTRIBUTES and key not in _REDUCED_EXTRAS and key not in payload:
                payload[key] = value

        if record.exc_info:
            payload["exception"] = self.formatException(record.exc_info)
        if record.stack_info:
            payload["stack"] = self.formatStack(record.stack_info)
        return json.dumps(payload, default=str, ensure_ascii=False)
