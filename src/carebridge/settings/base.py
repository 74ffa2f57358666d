"""Settings shared by every environment. Everything that differs comes from the environment."""

import os
from pathlib import Path

import dj_database_url

from carebridge.documents.fonts import ipaex_gothic_path

BASE_DIR = Path(__file__).resolve().parents[3]  # the repository root
VAR_DIR = Path(os.environ.get("CAREBRIDGE_VAR_DIR", BASE_DIR / "var"))
VAR_DIR.mkdir(mode=0o700, parents=True, exist_ok=True)  # 0700 when created here: it holds the database


def env_bool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


DEBUG = env_bool("CAREBRIDGE_DEBUG", default=False)
ALLOWED_HOSTS = [h for h in os.environ.get("CAREBRIDGE_ALLOWED_HOSTS", "127.0.0.1,localhost").split(",") if h]
CSRF_TRUSTED_ORIGINS = [o for o in os.environ.get("CAREBRIDGE_CSRF_TRUSTED_ORIGINS", "").split(",") if o]

INSTALLED_APPS = [
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django_htmx",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "axes",
    "csp",
    "carebridge.core",
    "carebridge.documents",
    "carebridge.clients",
    "carebridge.directory",
    "carebridge.assessments",
    "carebridge.careplans",
    "carebridge.casework",
    "carebridge.compliance",
    "carebridge.workcare",
    "carebridge.billing",
    "carebridge.interop",
    "carebridge.desk",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Below WhiteNoise: every answer of a view is no-store, static files keep their caching.
    "carebridge.core.middleware.NoStore",
    "carebridge.core.middleware.RequestContextMiddleware",
    "carebridge.core.middleware.RefuseForbiddenCharacters",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "csp.middleware.CSPMiddleware",
    # AxesMiddleware must be last: it turns a lockout signal into the lockout response.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "carebridge.urls"
WSGI_APPLICATION = "carebridge.wsgi.application"
AUTH_USER_MODEL = "core.User"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "carebridge.desk.context_processors.navigation",
            ],
        },
    },
]

# SQLite under var/ by default; DATABASE_URL switches to PostgreSQL.
DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{VAR_DIR / 'carebridge.sqlite3'}",
        conn_max_age=int(os.environ.get("CAREBRIDGE_CONN_MAX_AGE", "60")),
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # Concurrent writers on the embedded database (core/sqlite, docs/architecture.md): transactions
    # take the write lock as they begin and wait up to the busy timeout for it (a bounded retry of
    # BEGIN after that); WAL lets readers go on while one writer writes; the file is created 0600.
    from carebridge.core.sqlite import BUSY_TIMEOUT_SECONDS

    DATABASES["default"]["ENGINE"] = "carebridge.core.sqlite"
    DATABASES["default"]["CONN_MAX_AGE"] = 0
    DATABASES["default"]["OPTIONS"] = {
        "transaction_mode": "IMMEDIATE",
        "timeout": BUSY_TIMEOUT_SECONDS,
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
    }
# PostgreSQL with two roles (docs/adr/0004-postgres-two-roles.md): DATABASE_URL is the application's
# role, which does not own the tables; DATABASE_OWNER_URL (optional) the owner, used by `carebridge
# migrate` and `carebridge restore`. Without it one role does everything, as before.
if os.environ.get("DATABASE_OWNER_URL"):
    DATABASES["owner"] = dj_database_url.parse(os.environ["DATABASE_OWNER_URL"], conn_max_age=0)
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Passwords: argon2 first (new hashes), the others only to read old hashes.
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 10}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
LOGIN_URL = "/accounts/login/"
LOGIN_REDIRECT_URL = "/"
LOGOUT_REDIRECT_URL = "/accounts/login/"

# Lockout after repeated failures, released after the cool-off. Counted per username across all
# addresses (many IPs cannot try one user) and per address across all usernames (one IP cannot try
# a few passwords against every user); either reaching the limit locks. Offices behind one NAT
# share the per-address count: a successful login from the address resets it.
AXES_FAILURE_LIMIT = int(os.environ.get("CAREBRIDGE_LOGIN_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = 0.5  # hours
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "core/locked_out.html"
AXES_VERBOSE = False  # axes would otherwise log usernames
# Behind a reverse proxy (or several), the client address is the one the proxies saw.
CAREBRIDGE_PROXY_COUNT = int(os.environ.get("CAREBRIDGE_PROXY_COUNT", "0"))
AXES_IPWARE_PROXY_COUNT = CAREBRIDGE_PROXY_COUNT or None
AXES_IPWARE_META_PRECEDENCE_ORDER = (
    ("HTTP_X_FORWARDED_FOR", "REMOTE_ADDR") if CAREBRIDGE_PROXY_COUNT else ("REMOTE_ADDR",)
)

# API tokens expire this many days after issue unless the admin sets another date for one token.
CAREBRIDGE_TOKEN_DAYS = int(os.environ.get("CAREBRIDGE_TOKEN_DAYS", "90"))

# Sessions: a care manager's tablet may be left behind on a home visit. Sliding idle timeout.
SESSION_COOKIE_AGE = int(os.environ.get("CAREBRIDGE_SESSION_SECONDS", str(2 * 60 * 60)))
SESSION_SAVE_EVERY_REQUEST = True
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"

# Security headers.
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
        "base-uri": ["'self'"],
        "object-src": ["'none'"],
    }
}

LANGUAGE_CODE = "ja"
TIME_ZONE = "Asia/Tokyo"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
# The IPAex Gothic font (and its licence) is served as a web font from its PyPI carrier.
STATICFILES_DIRS = [("fonts", str(ipaex_gothic_path().parent))]
STATIC_ROOT = VAR_DIR / "static"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}

# Facts marked (verify) in the domain notes that we enforce: can be switched off without code.
CAREBRIDGE_OFFICE_NUMBER_CHECK_DIGIT = env_bool("CAREBRIDGE_OFFICE_NUMBER_CHECK_DIGIT", default=True)
CAREBRIDGE_DEMO_PASSWORD = os.environ.get("CAREBRIDGE_DEMO_PASSWORD", "carebridge-demo")
# API requests per user (a token or a session) — beyond it the API answers 429.
CAREBRIDGE_API_RATE = os.environ.get("CAREBRIDGE_API_RATE", "600/m")

# Never log personal data: only our own loggers at INFO, Django's request logger quiet on 4xx.
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": "WARNING"},
    "loggers": {
        "carebridge": {"handlers": ["console"], "level": "INFO", "propagate": False},
        "django.request": {"handlers": ["console"], "level": "ERROR", "propagate": False},
        "axes": {"handlers": ["console"], "level": "ERROR", "propagate": False},
    },
}
