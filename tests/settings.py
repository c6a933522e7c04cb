"""Settings for the test suite: the real settings, with a throwaway secret and fast hashing."""

import os

os.environ.setdefault("DJANGO_SECRET_KEY", "tests-only-secret-not-used-anywhere-else")

from config.settings import *  # noqa: F403

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]

# The test client speaks plain HTTP; the redirect itself is covered by check --deploy.
SECURE_SSL_REDIRECT = False

# Throttling has its own tests; the rest of the suite calls the API freely.
REST_FRAMEWORK = {
    **REST_FRAMEWORK,  # noqa: F405
    "DEFAULT_THROTTLE_RATES": {"anon": "100000/minute", "match": "100000/minute"},
}

# The manifest storage needs collectstatic first; tests render templates without it
# (tests/test_deployment.py runs collectstatic with the production storage).
STORAGES = {
    **STORAGES,  # noqa: F405
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
# WhiteNoise finds files through the finders, as in development, so nothing must be collected.
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True
# A per-process cache: throttling counters must not leak between runs through a shared Redis.
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
