"""Accroche settings: one module, every value read from the environment.

See README.md ("Configuration") for the variables and their defaults.
"""

from pathlib import Path
from urllib.parse import urlsplit

import dj_database_url
import django_stubs_ext
from csp.constants import NONE, SELF, UNSAFE_INLINE
from django.core.exceptions import ImproperlyConfigured
from jinja2 import StrictUndefined

from accroche.env import env_bool, env_int, env_list, env_str

# Lets Django's classes take their type parameters at runtime (forms.ModelForm[Youth]).
django_stubs_ext.monkeypatch()

BASE_DIR = Path(__file__).resolve().parent.parent

DEBUG = env_bool("DEBUG", False)

_DEV_SECRET_KEY = "dev-only-insecure-key-do-not-use-in-production-0123456789abcdef"  # noqa: S105
SECRET_KEY = env_str("SECRET_KEY") or (_DEV_SECRET_KEY if DEBUG else "")
if not SECRET_KEY:
    raise ImproperlyConfigured(
        "SECRET_KEY must be set when DEBUG is off (or SECRET_KEY_FILE). "
        "In development, prefix the command with DEBUG=1, "
        "e.g. DEBUG=1 .venv/bin/python manage.py demo_code EMAIL"
    )
# Keys the privacy-preserving encodings of accroche/linkage (system check linkage.E001).
LINKAGE_KEY = env_str("LINKAGE_KEY") or ("dev-only-linkage-key-0123456789abcdef" if DEBUG else "")
# Encrypt free-text notes at rest (accroche/encrypted_fields.py; system check privacy.E001):
# comma-separated Fernet keys, the first encrypts, all decrypt.
_DEV_FIELD_KEY = "ZGV2LW9ubHktZmllbGQta2V5LTAxMjM0NTY3ODlhYmM="
FIELD_ENCRYPTION_KEYS = [
    key.strip() for key in env_str("FIELD_ENCRYPTION_KEYS").split(",") if key.strip()
] or ([_DEV_FIELD_KEY] if DEBUG else [])

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["localhost", "127.0.0.1", "[::1]"] if DEBUG else [])
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django_htmx",
    "axes",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "csp",
    "ninja",
    "accroche.accounts",
    "accroche.access",
    "accroche.territory",
    "accroche.partner_services",
    "accroche.organisations",
    "accroche.youth",
    "accroche.linkage",
    "accroche.outreach",
    "accroche.projects",
    "accroche.followup",
    "accroche.privacy",
    "accroche.reports",
    "accroche.jobs",
    "accroche.idempotency",
    "accroche.demo",
    "accroche.backup",
    "accroche.synthetic",
    "accroche.www",
    "accroche.api",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "csp.middleware.CSPMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "accroche.www.nul_bytes.RefuseNulMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "accroche.accounts.middleware.SessionLifetimeMiddleware",
    "accroche.accounts.middleware.LoginRequiredMiddleware",
    "accroche.www.middleware.CurrentMembershipMiddleware",
    "accroche.accounts.middleware.TwoFactorMiddleware",
    # After CSRF (its process_view runs first) and the login: a repeated POST acts once.
    "accroche.idempotency.middleware.IdempotencyMiddleware",
    "accroche.accounts.middleware.NoStoreMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    # Last, as django-axes asks: turns a lockout into our 429 page.
    "axes.middleware.AxesMiddleware",
]

# Widgets (select options above all) through Django's Jinja2 copies of its widget templates:
# the same HTML for about a quarter of the CPU (the youth list's filter form, 20 communes and
# 6 QPV: 6.0 -> 1.6 ms, in-process).
FORM_RENDERER = "django.forms.renderers.Jinja2"

ROOT_URLCONF = "accroche.urls"
WSGI_APPLICATION = "accroche.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "accroche" / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "accroche.www.context_processors.current_membership",
            ],
            "string_if_invalid": env_str("TEMPLATE_STRING_IF_INVALID", ""),
            # {% idempotency_key %} next to every {% csrf_token %}, without a {% load %};
            # `date` with French month abbreviations ("7 déc. 2026", not "7 Déc 2026").
            "builtins": [
                "accroche.idempotency.templatetags.idempotency",
                "accroche.www.templatetags.french_dates",
            ],
        },
    },
    # Fragments that repeat a row many times (accroche/www/jinja.py), rendered by name
    # through this engine only; strict about unknown names where the Django templates are.
    {
        "NAME": "jinja2",
        "BACKEND": "django.template.backends.jinja2.Jinja2",
        "DIRS": [BASE_DIR / "accroche" / "jinja2"],
        "APP_DIRS": False,
        "OPTIONS": {
            "environment": "accroche.www.jinja.environment",
            **({"undefined": StrictUndefined} if env_str("TEMPLATE_STRING_IF_INVALID", "") else {}),
        },
    },
]

# A SQLite file by default (zero set-up); PostgreSQL when DATABASE_URL says so.
DATABASES = {
    "default": dj_database_url.parse(
        env_str("DATABASE_URL") or f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=env_int("DB_CONN_MAX_AGE", 60),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"]["OPTIONS"] = {
        "transaction_mode": "IMMEDIATE",
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
    }
    DATABASES["default"]["CONN_MAX_AGE"] = 0
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "accroche.accounts.backends.AccountBackend",
]
# Brute force (accroche/accounts/lockout.py): 5 failures lock an (account, address) pair
# for an hour; from the 10th failure in an hour on one account, from any address, each try
# waits a little longer (up to 30 s), and past 100 failures in an hour the account refuses
# every address but those it signed in from in the last 30 days. Answered 429, logged.
AXES_FAILURE_LIMIT = env_int("LOGIN_FAILURE_LIMIT", 5)
AXES_COOLOFF_TIME = 1  # hour
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
LOGIN_ACCOUNT_SLOWDOWN_AFTER = env_int("LOGIN_ACCOUNT_SLOWDOWN_AFTER", 10)
LOGIN_ACCOUNT_CEILING = env_int("LOGIN_ACCOUNT_CEILING", 100)
# Password reset e-mails: per account and per address, in an hour (the page says the same).
PASSWORD_RESET_PER_ACCOUNT = env_int("PASSWORD_RESET_PER_ACCOUNT", 3)
PASSWORD_RESET_PER_ADDRESS = env_int("PASSWORD_RESET_PER_ADDRESS", 10)
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "accounts/locked_out.html"
AXES_HTTP_RESPONSE_CODE = 429
AXES_VERBOSE = False  # failures and lockouts are still logged (warnings)
# The client's address, behind our proxy too (django-ipware is not installed: without this
# axes would count every login as coming from the proxy).
AXES_CLIENT_IP_CALLABLE = "accroche.accounts.lockout.client_address"
AXES_SENSITIVE_PARAMETERS = ["password"]
AXES_USERNAME_CALLABLE = "accroche.accounts.lockout.login_username"
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "www:home"
LOGOUT_REDIRECT_URL = "accounts:login"

PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Idle timeout: the session expires 30 minutes after the last request.
SESSION_COOKIE_AGE = env_int("SESSION_IDLE_SECONDS", 30 * 60)
# The idle timeout: a session's expiry moves forward when a request comes more than
# SESSION_TOUCH_SECONDS after the last move (accroche/accounts/middleware.py), not on every
# request: one database write per user per minute instead of one per page.
SESSION_SAVE_EVERY_REQUEST = False
SESSION_TOUCH_SECONDS = env_int("SESSION_TOUCH_SECONDS", 60)
# Absolute timeout, enforced by SessionLifetimeMiddleware whatever the activity.
SESSION_ABSOLUTE_SECONDS = env_int("SESSION_ABSOLUTE_SECONDS", 12 * 60 * 60)
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"

LANGUAGE_CODE = "fr"
LANGUAGES = [("fr", "Français")]
TIME_ZONE = "Europe/Paris"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
NODE_MODULES_DIR = Path(env_str("NODE_MODULES_DIR") or BASE_DIR / "node_modules")
# Front-end libraries are served straight from the npm packages, never copied into the tree.
STATICFILES_DIRS = [
    BASE_DIR / "accroche" / "static",
    ("vendor/htmx", NODE_MODULES_DIR / "htmx.org" / "dist"),
    ("vendor/chartjs", NODE_MODULES_DIR / "chart.js" / "dist"),
    ("vendor/leaflet", NODE_MODULES_DIR / "leaflet" / "dist"),
]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "whitenoise.storage.CompressedManifestStaticFilesStorage"
            if env_bool("STATIC_MANIFEST", not DEBUG)
            else "django.contrib.staticfiles.storage.StaticFilesStorage"
        )
    },
}
MEDIA_ROOT = Path(env_str("MEDIA_ROOT") or BASE_DIR / "media")

EMAIL_BACKEND = env_str("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
EMAIL_HOST = env_str("EMAIL_HOST", "localhost")
EMAIL_PORT = env_int("EMAIL_PORT", 25)
EMAIL_HOST_USER = env_str("EMAIL_HOST_USER")
EMAIL_HOST_PASSWORD = env_str("EMAIL_HOST_PASSWORD")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "Accroche <ne-pas-repondre@accroche.local>")

# Production hardening (python manage.py check --deploy stays clean with DEBUG=0).
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", not DEBUG)
SESSION_COOKIE_SECURE = env_bool("SECURE_COOKIES", not DEBUG)
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 0 if DEBUG else 31_536_000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", not DEBUG)
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", not DEBUG)
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
if env_bool("BEHIND_HTTPS_PROXY", False):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

# Paths served without a login (the API authenticates with its own tokens).
LOGIN_EXEMPT_PREFIXES = ["/api/", "/static/"]

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "INFO")},
    # WeasyPrint (PDF exports) logs every rendering step at INFO.
    "loggers": {"weasyprint.progress": {"level": "WARNING"}},
}

# Maps of places (Leaflet): a tile URL template; empty disables the map (forms still work).
MAP_TILE_URL = env_str("MAP_TILE_URL", "https://tile.openstreetmap.org/{z}/{x}/{y}.png")
MAP_TILE_ATTRIBUTION = env_str("MAP_TILE_ATTRIBUTION", "© les contributeurs d'OpenStreetMap")

# Rate limits (public form, API, login, password reset) and the dashboard's figures live
# in the default cache, which must be shared by every server process: with DEBUG=0 it is
# the database (table accroche_cache, made by the migration accounts 0004), or Redis when
# CACHE_URL=redis://… is given; CACHE_BACKEND/CACHE_LOCATION choose any other (system check
# accounts.W001 warns of a per-process one). "local" holds per-process copies of hot,
# harmless-if-stale figures (youth list helpers), kept out of the database.
_CACHE_URL = env_str("CACHE_URL")
_LOCMEM = "django.core.cache.backends.locmem.LocMemCache"
if _CACHE_URL.startswith(("redis://", "rediss://", "unix://")):
    _CACHE = ("django.core.cache.backends.redis.RedisCache", _CACHE_URL)
elif env_str("CACHE_BACKEND"):
    _CACHE = (env_str("CACHE_BACKEND"), env_str("CACHE_LOCATION", "accroche_cache"))
elif DEBUG:
    _CACHE = (_LOCMEM, "accroche")
else:
    _CACHE = ("django.core.cache.backends.db.DatabaseCache", "accroche_cache")
CACHES = {
    "default": {"BACKEND": _CACHE[0], "LOCATION": _CACHE[1]},
    "local": {"BACKEND": _LOCMEM, "LOCATION": "local"},
}

# The dashboard's figures are kept this long per programme and filters (the page says when
# they were computed and offers to recompute them); 0 computes them on every request.
REPORT_CACHE_SECONDS = env_int("REPORT_CACHE_SECONDS", 300)

ACCROCHE_DEMO_PASSWORD = env_str("DEMO_PASSWORD", "accroche-demo-2026")
# The benchmark floor page (accroche/synthetic/floor.py) lives in the benchmark's own URL
# configuration, used only when BENCH_FLOOR=1 (bench/pages.py sets it).
BENCH_FLOOR = env_bool("BENCH_FLOOR", False)
if BENCH_FLOOR:
    ROOT_URLCONF = "accroche.synthetic.bench_urls"

# Two-factor login (accroche/accounts/two_factor.py): TOTP application + recovery codes.
TWO_FACTOR_REQUIRED = env_bool("TWO_FACTOR_REQUIRED", True)
OTP_TOTP_ISSUER = "Accroche"

# API rate limits (accroche/api/throttling.py): per user whatever the token, and per
# address for requests that fail authentication.
API_RATE_USER = env_str("API_RATE_USER", "600/h")
API_RATE_ANON = env_str("API_RATE_ANON", "60/h")

# Content-Security-Policy (django-csp): no inline script anywhere; styles may be inline
# (htmx's indicator style, Leaflet and Swagger UI set some).
_TILES = urlsplit(MAP_TILE_URL)
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF, UNSAFE_INLINE],
        "img-src": [SELF, "data:"]
        + ([f"{_TILES.scheme}://{_TILES.netloc.replace('{s}', '*')}"] if _TILES.netloc else []),
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    }
}
