"""Production settings: every secret from the environment; passes `manage.py check --deploy`."""

import os

from .base import *  # noqa: F403
from .base import env_bool

DEBUG = False
SECRET_KEY = os.environ["CAREBRIDGE_SECRET_KEY"]
SECURE_SSL_REDIRECT = env_bool("CAREBRIDGE_SSL_REDIRECT", default=True)
# X-Forwarded-Proto is believed only behind a proxy we were told about (which sets it and strips
# a client's own); otherwise anyone could claim https.
if CAREBRIDGE_PROXY_COUNT > 0:  # noqa: F405
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_HSTS_SECONDS = int(os.environ.get("CAREBRIDGE_HSTS_SECONDS", str(365 * 24 * 3600)))
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
