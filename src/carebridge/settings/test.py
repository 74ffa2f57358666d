"""Settings for the test suite."""

from .base import *  # noqa: F403
from .base import DATABASES, PASSWORD_HASHERS

SECRET_KEY = "test-only-not-secret"  # noqa: S105
DEBUG = False
ALLOWED_HOSTS = ["*"]
# argon2 stays first in base (asserted in tests); a fast hasher keeps fixtures quick here.
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher", *PASSWORD_HASHERS]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
WHITENOISE_AUTOREFRESH = True
WHITENOISE_USE_FINDERS = True
AXES_FAILURE_LIMIT = 3

CAREBRIDGE_API_RATE = "100000/m"  # the fuzzers and the matrix call the API far faster than a person

# The suite sets up its own owner and application roles on PostgreSQL (tests/pg_roles.py); an owner
# alias from the environment would only get a second test database.
DATABASES.pop("owner", None)

# SQLite's test database in memory, one per process: said explicitly because pytest-django's
# parallel workers recognise the in-memory default only under Django's own ENGINE name, and ours is
# carebridge.core.sqlite (it would otherwise derive a file name from the database path).
if DATABASES["default"]["ENGINE"] == "carebridge.core.sqlite":
    DATABASES["default"]["TEST"] = {"NAME": ":memory:"}
