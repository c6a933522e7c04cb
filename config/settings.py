"""Factdesk settings, read from the environment.

Everything that differs between a laptop and production comes from an environment
variable read through the small helpers below. With ``DJANGO_DEBUG`` off (the default)
a missing ``DJANGO_SECRET_KEY`` stops start-up instead of running with a guessable key.
"""

import os
from datetime import timedelta
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.csp import CSP

BASE_DIR = Path(__file__).resolve().parent.parent


def env(name: str, default: str = "") -> str:
    return os.environ.get(name, default)


def env_bool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_int(name: str, default: int) -> int:
    value = os.environ.get(name)
    return int(value) if value else default


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in env(name, default).split(",") if item.strip()]


DEBUG = env_bool("DJANGO_DEBUG", False)

SECRET_KEY = env("DJANGO_SECRET_KEY")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured(
            "DJANGO_SECRET_KEY is not set. Set it, or set DJANGO_DEBUG=1 for local development."
        )
    SECRET_KEY = "django-insecure-local-development-only"

ALLOWED_HOSTS = env_list("DJANGO_ALLOWED_HOSTS", "localhost,127.0.0.1,[::1]" if DEBUG else "")
CSRF_TRUSTED_ORIGINS = env_list("DJANGO_CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    # Before staticfiles: runserver serves static files through WhiteNoise too, as production does.
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "simple_history",
    "corsheaders",
    "rest_framework",
    "django_filters",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "sources",
    "factcheck",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    # Static files are answered here, before sessions and the database are touched; WhiteNoise
    # serves its own pre-compressed copies, so GZip below never sees them.
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    "django.middleware.gzip.GZipMiddleware",
    "corsheaders.middleware.CorsMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.http.ConditionalGetMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
]

ROOT_URLCONF = "config.urls"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                # {% csp_nonce_attr %} (the admin uses it) needs the request's nonce.
                "django.template.context_processors.csp",
            ],
        },
    },
]

WSGI_APPLICATION = "config.wsgi.application"

# Databases: SQLite in the project root unless DATABASE_URL says otherwise
# (postgres://user@host:port/name in production).
DATABASES = {
    "default": dj_database_url.parse(
        env("DATABASE_URL", f"sqlite:///{BASE_DIR / 'db.sqlite3'}"),
        conn_max_age=env_int("DATABASE_CONN_MAX_AGE", 0),
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # IMMEDIATE transactions take the write lock up front, so two imports running at
    # once queue behind each other instead of failing with "database is locked" midway.
    DATABASES["default"]["OPTIONS"] = {
        "transaction_mode": "IMMEDIATE",
        "timeout": 30,
        # WAL: readers never wait for the writer. The default page cache (2 MB) is far
        # smaller than the retrieval index's B-trees; 64 MB and memory-mapped reads took
        # about 4% off a bulk import of the BBC set (bench/bench_pipeline.py --e2e sqlite).
        "init_command": (
            "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA cache_size=-65536; "
            "PRAGMA temp_store=MEMORY; PRAGMA mmap_size=268435456;"
        ),
    }
elif DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql" and env_bool(
    "FACTDESK_DB_POOL", True
):
    # psycopg's pool keeps connections open between requests inside each process (a gunicorn
    # worker, a task worker). Size it so that processes x max_size stays below the server's
    # max_connections. Django refuses persistent connections (CONN_MAX_AGE) with a pool.
    DATABASES["default"]["CONN_MAX_AGE"] = 0
    DATABASES["default"].setdefault("OPTIONS", {})["pool"] = {
        "min_size": env_int("FACTDESK_DB_POOL_MIN_SIZE", 1),
        "max_size": env_int("FACTDESK_DB_POOL_MAX_SIZE", 4),
        # Seconds a request waits for a free connection before failing with PoolTimeout.
        "timeout": env_int("FACTDESK_DB_POOL_TIMEOUT", 10),
    }

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "en-us"
TIME_ZONE = env("DJANGO_TIME_ZONE", "UTC")
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = Path(env("DJANGO_STATIC_ROOT", str(BASE_DIR / "staticfiles")))
# Production serves static files from the app itself through WhiteNoise: collectstatic writes
# hashed, gzip- and brotli-compressed copies with a manifest, so they can be cached for ever.
# The manifest exists only after collectstatic, so development (and the test suite, see
# tests/settings.py) use the plain storage and need no build step.
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
        if DEBUG
        else "whitenoise.storage.CompressedManifestStaticFilesStorage"
    },
}
# Redis, when there is one, holds the cache (shared by all processes, so API throttling
# counts per client rather than per worker) and, with the RQ task backend, the task queue.
REDIS_URL = env("REDIS_URL")
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": "factdesk",
            # A stalled Redis must fail a request quickly, not hang a worker until it times out.
            "OPTIONS": {"socket_connect_timeout": 2, "socket_timeout": 2},
        }
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

# Background tasks (django.tasks). "immediate" runs a task inside the request that enqueues
# it (no worker needed); "database" stores tasks in the database for `manage.py db_worker`;
# "rq" queues them in Redis for `manage.py rqworker --job-class django_tasks_rq.Job`.
TASKS_BACKENDS = {
    "immediate": "django.tasks.backends.immediate.ImmediateBackend",
    "database": "django_tasks_db.DatabaseBackend",
    "rq": "django_tasks_rq.RQBackend",
}
FACTDESK_TASKS_BACKEND = env("FACTDESK_TASKS_BACKEND", "immediate")
if FACTDESK_TASKS_BACKEND not in TASKS_BACKENDS:
    raise ImproperlyConfigured(
        f"FACTDESK_TASKS_BACKEND={FACTDESK_TASKS_BACKEND!r}: use one of "
        + ", ".join(TASKS_BACKENDS)
    )
FACTDESK_TASKS_QUEUES = env_list("FACTDESK_TASKS_QUEUES", "default")
TASKS = {
    "default": {
        "BACKEND": TASKS_BACKENDS[FACTDESK_TASKS_BACKEND],
        "QUEUES": FACTDESK_TASKS_QUEUES,
    }
}
if FACTDESK_TASKS_BACKEND == "database":
    # Its tables exist only where it is used: `migrate` creates them after switching.
    INSTALLED_APPS.append("django_tasks_db")
elif FACTDESK_TASKS_BACKEND == "rq":
    if not REDIS_URL:
        raise ImproperlyConfigured("FACTDESK_TASKS_BACKEND=rq needs REDIS_URL.")
    INSTALLED_APPS += ["django_rq", "django_tasks_rq"]
    # Every task queue must be an RQ queue too; all of them live in the same Redis.
    RQ_QUEUES = {
        queue: {"URL": REDIS_URL, "DEFAULT_TIMEOUT": env_int("FACTDESK_TASKS_TIMEOUT", 1800)}
        for queue in FACTDESK_TASKS_QUEUES
    }

# How many reverse proxies (nginx, a load balancer) stand between the clients and this app.
# Each appends the address it saw to X-Forwarded-For, so the client's address is that many
# entries from the right; entries further left, and the whole header with no proxy, are
# whatever the client chose to send. 0: the connection's own address is the client, and
# X-Forwarded-* headers are ignored.
FACTDESK_TRUSTED_PROXIES = env_int("FACTDESK_TRUSTED_PROXIES", 0)
if FACTDESK_TRUSTED_PROXIES < 0:
    raise ImproperlyConfigured(
        f"FACTDESK_TRUSTED_PROXIES={FACTDESK_TRUSTED_PROXIES}: the number of proxies, 0 or more."
    )

# The public API: anonymous and read-only, throttled per client address.
REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.AllowAny"],
    "UNAUTHENTICATED_USER": None,
    "DEFAULT_FILTER_BACKENDS": ["django_filters.rest_framework.DjangoFilterBackend"],
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "DEFAULT_THROTTLE_CLASSES": [
        "rest_framework.throttling.AnonRateThrottle",
        "rest_framework.throttling.ScopedRateThrottle",
    ],
    "DEFAULT_THROTTLE_RATES": {
        "anon": env("FACTDESK_API_RATE", "600/minute"),
        "match": env("FACTDESK_API_MATCH_RATE", "120/minute"),
    },
    # DRF's default (None) takes the client's address from X-Forwarded-For whoever sent it:
    # a made-up header per request would be a fresh quota per request.
    "NUM_PROXIES": FACTDESK_TRUSTED_PROXIES,
}
FACTDESK_API_CACHE_SECONDS = env_int("FACTDESK_API_CACHE_SECONDS", 60)
SPECTACULAR_SETTINGS = {
    "TITLE": "Factdesk public API",
    "DESCRIPTION": "Published fact-checks, the claims they check, where those claims appeared, "
    "and a matcher that answers “has this been checked?”. Read-only and anonymous.",
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
}
# Anyone may read the API from a browser on another site; nothing else crosses origins.
CORS_ALLOW_ALL_ORIGINS = True
CORS_URLS_REGEX = r"^/api/.*$"
CORS_ALLOW_METHODS = ["GET", "HEAD", "OPTIONS"]

# Production hardening. Each can be relaxed through the environment, e.g. behind a
# proxy that already redirects to HTTPS.
# X-Forwarded-Proto says the request came over HTTPS only when a proxy we trust set it;
# without one any client could send it, and Django would take plain HTTP for secure.
# (gunicorn also honours it from FORWARDED_ALLOW_IPS, the proxy's addresses.)
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https") if FACTDESK_TRUSTED_PROXIES else None
SECURE_SSL_REDIRECT = env_bool("DJANGO_SECURE_SSL_REDIRECT", not DEBUG)
SESSION_COOKIE_SECURE = env_bool("DJANGO_SECURE_COOKIES", not DEBUG)
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
SECURE_HSTS_SECONDS = env_int("DJANGO_SECURE_HSTS_SECONDS", 0 if DEBUG else 31_536_000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("DJANGO_SECURE_HSTS_INCLUDE_SUBDOMAINS", True)
SECURE_HSTS_PRELOAD = env_bool("DJANGO_SECURE_HSTS_PRELOAD", not DEBUG)
SECURE_CONTENT_TYPE_NOSNIFF = True
X_FRAME_OPTIONS = "DENY"
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
# A load balancer probes the health check over plain HTTP; a redirect would read as "down".
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]

# Content security policy (Django's own middleware). Scripts only from this site or carrying
# the per-response nonce ({% csp_nonce_attr %}); no plugins, no framing, no <base> hijack.
# The admin needs no inline script or style. The Swagger UI page is relaxed in config/urls.py.
SECURE_CSP = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF, CSP.NONCE],
    "style-src": [CSP.SELF, CSP.NONCE],
    "img-src": [CSP.SELF, "data:"],
    "object-src": [CSP.NONE],
    "base-uri": [CSP.SELF],
    "form-action": [CSP.SELF],
    "frame-ancestors": [CSP.NONE],
}
# The Swagger UI page (/api/docs/) loads its start-up script from its own URL (drf-spectacular's
# split view) but keeps one inline <style> block: that page alone allows inline styles.
FACTDESK_API_DOCS_CSP = {**SECURE_CSP, "style-src": [CSP.SELF, CSP.UNSAFE_INLINE]}
if env_bool("FACTDESK_CSP_REPORT_ONLY", False):
    # For trying a stricter policy: browsers report violations but block nothing.
    SECURE_CSP, SECURE_CSP_REPORT_ONLY = {}, SECURE_CSP
    FACTDESK_API_DOCS_CSP = {}

# One JSON object per line in production (config/logging.py), for the log collector;
# readable lines while developing.
FACTDESK_LOG_FORMAT = env("FACTDESK_LOG_FORMAT", "plain" if DEBUG else "json")
if FACTDESK_LOG_FORMAT not in {"json", "plain"}:
    raise ImproperlyConfigured(f"FACTDESK_LOG_FORMAT={FACTDESK_LOG_FORMAT!r}: use json or plain.")
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {
        "json": {"()": "config.logging.JsonFormatter"},
        "plain": {"format": "%(asctime)s %(levelname)s %(name)s: %(message)s"},
    },
    "handlers": {
        "console": {"class": "logging.StreamHandler", "formatter": FACTDESK_LOG_FORMAT},
    },
    "root": {"handlers": ["console"], "level": env("DJANGO_LOG_LEVEL", "INFO")},
    "loggers": {"django.db.backends": {"level": "WARNING"}},
}

# Import limits: a file larger than this is refused as oversized rather than read.
FACTDESK_MAX_IMPORT_BYTES = env_int("FACTDESK_MAX_IMPORT_BYTES", 20 * 1024 * 1024)

# Verdict ratings: (key, label, position on the truth scale for ClaimReview, None = off-scale).
FACTDESK_RATING_SCALE = [
    ("true", "True", 5),
    ("mostly_true", "Mostly true", 4),
    ("mixed", "Mixed", 3),
    ("mostly_false", "Mostly false", 2),
    ("false", "False", 1),
    ("misleading", "Misleading", None),
    ("unproven", "Unproven", None),
]
# A second pair of eyes: nobody approves a verdict they wrote.
FACTDESK_FORBID_SELF_APPROVAL = env_bool("FACTDESK_FORBID_SELF_APPROVAL", True)

# The organisation credited as author of published fact-checks (ClaimReview, API, pages).
FACTDESK_ORGANISATION_NAME = env("FACTDESK_ORGANISATION_NAME", "Factdesk")
FACTDESK_ORGANISATION_URL = env("FACTDESK_ORGANISATION_URL")

# Feeds registered in the admin are polled every interval_minutes; after errors the wait
# doubles each time, up to this.
FACTDESK_FEED_MAX_BACKOFF = timedelta(hours=env_int("FACTDESK_FEED_MAX_BACKOFF_HOURS", 24))

# Uploaded import files wait here for the workers (shared storage when workers are elsewhere).
MEDIA_ROOT = Path(env("FACTDESK_MEDIA_ROOT", str(BASE_DIR / "media")))
MEDIA_URL = "media/"

# Importing by URL (import_articles https://...): the size limit is FACTDESK_MAX_IMPORT_BYTES.
# Private, loopback and other internal addresses are refused so an imported URL (or a redirect)
# cannot reach services inside the network; allow them only for local development and tests.
FACTDESK_FETCH_ALLOW_PRIVATE = env_bool("FACTDESK_FETCH_ALLOW_PRIVATE", False)
FACTDESK_FETCH_CONNECT_TIMEOUT = env_int("FACTDESK_FETCH_CONNECT_TIMEOUT", 10)  # seconds
FACTDESK_FETCH_TIMEOUT = env_int("FACTDESK_FETCH_TIMEOUT", 30)  # seconds, whole fetch
FACTDESK_FETCH_MAX_REDIRECTS = env_int("FACTDESK_FETCH_MAX_REDIRECTS", 5)
