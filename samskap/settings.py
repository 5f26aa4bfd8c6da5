"""Samskap settings: one module, driven by environment variables with safe development defaults.

Environment variables (see README "Configuration"):
    SAMSKAP_DEBUG, SAMSKAP_SECRET_KEY, SAMSKAP_ALLOWED_HOSTS, DATABASE_URL, SAMSKAP_SITE_URL,
    SAMSKAP_EMAIL_HOST, SAMSKAP_EMAIL_PORT, SAMSKAP_DEFAULT_FROM_EMAIL, SAMSKAP_TASKS_BACKEND,
    SAMSKAP_SECURE (production HTTPS hardening), SAMSKAP_INDEX_DIR,
    SAMSKAP_OIDC_ISSUER, SAMSKAP_OIDC_CLIENT_ID, SAMSKAP_OIDC_SECRET, SAMSKAP_OIDC_NAME (single sign-on),
    SAMSKAP_REQUIRE_MFA_FOR_COORDINATORS, SAMSKAP_INVITATION_DAYS.
"""

from __future__ import annotations

import os
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent
PROJECT_DIR = BASE_DIR.parent


def env_bool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str) -> list[str]:
    return [part.strip() for part in os.environ.get(name, default).split(",") if part.strip()]


DEBUG = env_bool("SAMSKAP_DEBUG", True)
_DEV_SECRET = "dev-insecure-secret-key-change-me-in-production-000000000000000000"
SECRET_KEY = os.environ.get("SAMSKAP_SECRET_KEY", _DEV_SECRET if DEBUG else "")
if not SECRET_KEY:
    raise RuntimeError("SAMSKAP_SECRET_KEY must be set when SAMSKAP_DEBUG is off.")
ALLOWED_HOSTS = env_list("SAMSKAP_ALLOWED_HOSTS", "127.0.0.1,localhost,[::1]" if DEBUG else "")
CSRF_TRUSTED_ORIGINS = env_list("SAMSKAP_CSRF_TRUSTED_ORIGINS", "")
SITE_URL = os.environ.get("SAMSKAP_SITE_URL", "http://127.0.0.1:8000").rstrip("/")

VAR_DIR = Path(os.environ.get("SAMSKAP_VAR_DIR", PROJECT_DIR / "var"))

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django_htmx",
    "django_tasks",
    "django_tasks_db",
    "samskap.core",
    "samskap.notifications",
    "samskap.directory",
    "samskap.accounts",  # before allauth: its templates override allauth's
    "samskap.needs",
    "samskap.funding",
    "samskap.matching",
    "samskap.workshops",
    "samskap.followup",
    "samskap.partnering",
    "samskap.knowledge",
    "samskap.outlook",
    "samskap.opportunities",
    "samskap.api",
    "allauth",
    "allauth.account",
    "allauth.socialaccount",
    "allauth.socialaccount.providers.openid_connect",
    "allauth.mfa",
    "axes",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "csp.middleware.CSPMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "samskap.core.middleware.DefaultLanguageMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "samskap.core.middleware.UserLanguageMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "samskap.accounts.middleware.CoordinatorMFAMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "samskap.core.pagecache.PublicPageCacheMiddleware",  # after everything that decides who is asking
    "axes.middleware.AxesMiddleware",  # last: turns a lockout into the lockout page
]

ROOT_URLCONF = "samskap.urls"
FORM_RENDERER = "samskap.core.formrenderer.FormRenderer"  # Django's, with <select> written in Python
WSGI_APPLICATION = "samskap.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "samskap.directory.context_processors.samskap",
                "samskap.notifications.context_processors.notifications",
                "samskap.core.pagecache.csrf_placeholder",  # last: overrides csrf_token for cached pages
            ],
        },
    }
]

DATABASES = {"default": dj_database_url.parse(os.environ.get("DATABASE_URL", f"sqlite:///{VAR_DIR / 'samskap.sqlite3'}"))}
# Persistent connections (seconds; 0 = a connection per request). SQLite keeps its connection by default:
# when the last connection to a WAL database closes, SQLite checkpoints the log and deletes it, so with a
# connection per request every request under load paid that (and waited for it in the other workers).
# Measured with gunicorn, 2 workers, 50 connections: the health endpoint 412 -> 1,616 req/s
# (docs/benchmarks.md, "Signed-in pages measured signed in; SQLite keeps its connection").
_sqlite = DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3"
DATABASES["default"]["CONN_MAX_AGE"] = int(os.environ.get("SAMSKAP_CONN_MAX_AGE", "600" if _sqlite else "0"))
if _sqlite:
    # Several processes share the file (gunicorn workers, the task worker, commands):
    # - IMMEDIATE transactions take the write lock at BEGIN, so a read-then-write transaction never fails
    #   with "database is locked" because another process committed between its read and its write
    #   (a deferred transaction cannot wait for that; it can only fail). Writers queue instead, which is
    #   also what keeps capacity checks correct on SQLite, where select_for_update() does nothing.
    # - a busy timeout (seconds) is how long a writer waits in that queue;
    # - WAL lets readers go on while one process writes.
    # foreign_keys stays on (Django sets it on every connection; init_command says so again).
    _busy_seconds = 20
    _sqlite_name = str(DATABASES["default"]["NAME"])
    if _sqlite_name and _sqlite_name != ":memory:" and not _sqlite_name.startswith("file:"):
        Path(_sqlite_name).parent.mkdir(parents=True, exist_ok=True)  # a fresh checkout has no var/ yet
    DATABASES["default"].setdefault("OPTIONS", {})
    DATABASES["default"]["OPTIONS"].update(
        {
            "transaction_mode": "IMMEDIATE",
            "timeout": _busy_seconds,
            "init_command": (
                "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; "
                f"PRAGMA busy_timeout={_busy_seconds * 1000}; PRAGMA foreign_keys=ON;"
            ),
        }
    )
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "core:home"
LOGOUT_REDIRECT_URL = "core:home"

# Accounts (django-allauth, samskap.accounts). Axes first: it refuses a locked-out client before any check.
AUTHENTICATION_BACKENDS = [
    "samskap.accounts.backends.AxesBackend",
    "samskap.accounts.backends.AccountBackend",  # allauth's: username or e-mail, and the admin's login
]
ACCOUNT_ADAPTER = "samskap.accounts.adapters.AccountAdapter"
SOCIALACCOUNT_ADAPTER = "samskap.accounts.adapters.SocialAccountAdapter"
ACCOUNT_FORMS = {"login": "samskap.accounts.forms.LoginForm", "signup": "samskap.accounts.forms.SignupForm"}
ACCOUNT_LOGIN_METHODS = {"username", "email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "username*", "password1*", "password2*"]
ACCOUNT_EMAIL_VERIFICATION = "mandatory"
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_PREVENT_ENUMERATION = True  # a reset for an unknown address answers as for a known one
ACCOUNT_EMAIL_UNKNOWN_ACCOUNTS = False
ACCOUNT_LOGIN_ON_EMAIL_CONFIRMATION = True
ACCOUNT_LOGIN_ON_PASSWORD_RESET = False
ACCOUNT_LOGOUT_ON_PASSWORD_CHANGE = False
ACCOUNT_SESSION_REMEMBER = None
ACCOUNT_EMAIL_SUBJECT_PREFIX = "Samskap: "
ACCOUNT_DEFAULT_HTTP_PROTOCOL = "https" if env_bool("SAMSKAP_SECURE", not DEBUG) else "http"
ACCOUNT_RATE_LIMITS = {
    "login": "30/m/ip",
    "login_failed": "10/m/ip,5/5m/key",
    "signup": "10/h/ip",
    "reset_password": "10/h/ip,3/h/key",
    "reset_password_from_key": "20/h/ip",
    "confirm_email": "1/3m/key",
    "change_password": "5/m/user",
    "manage_email": "10/m/user",
    "reauthenticate": "10/m/user",
    # Samskap's own: opening or accepting an invitation link, and sending invitations.
    "invitation": "30/h/ip",
    "invite": "30/h/user",
}
# Rate limits and lockouts are counted in the cache: with several worker processes, configure a shared one.
# "pages" holds rendered public pages for anonymous visitors (samskap.core.pagecache); it may stay per
# process: its keys carry the content version from the database, so no process serves a changed page.
# Off by default in development (a template edited under runserver shows at once), 60 s in production.
SAMSKAP_PAGE_CACHE_SECONDS = int(os.environ.get("SAMSKAP_PAGE_CACHE_SECONDS", "0" if DEBUG else "60"))
# How long a web process trusts its last reading of the content version: another process's write shows
# within this time (the process's own writes at once). 0 reads it on every cached request.
SAMSKAP_PAGE_CACHE_CHECK_SECONDS = float(os.environ.get("SAMSKAP_PAGE_CACHE_CHECK_SECONDS", "0.5"))
# SAMSKAP_CACHE_URL: "locmem://" (default, per process) or "file:///srv/samskap/cache" (shared by the
# processes of one machine, so rate limits and lockouts count across workers).
_cache_url = os.environ.get("SAMSKAP_CACHE_URL", "locmem://")
if _cache_url.startswith("file://") and len(_cache_url) > len("file://"):
    _default_cache = {"BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
                      "LOCATION": _cache_url[len("file://"):]}
elif _cache_url in ("", "locmem://"):
    _default_cache = {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "samskap-default"}
else:
    raise ImproperlyConfigured(f"SAMSKAP_CACHE_URL must be locmem:// or file:///a/directory, not {_cache_url!r}")
CACHES = {
    "default": _default_cache,
    "pages": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "samskap-pages",
              "OPTIONS": {"MAX_ENTRIES": int(os.environ.get("SAMSKAP_PAGE_CACHE_ENTRIES", "400"))}},
}

# Invitations: how long a link is valid (days).
SAMSKAP_INVITATION_DAYS = int(os.environ.get("SAMSKAP_INVITATION_DAYS", "14"))

# API tokens: how many days a new token works (its owner can revoke it sooner on /konto/token/).
API_TOKEN_LIFETIME_DAYS = int(os.environ.get("SAMSKAP_API_TOKEN_DAYS", "90"))

# Per-client rate limits of expensive anonymous endpoints (samskap.core.ratelimit): "requests/seconds",
# counted per IP address for anonymous clients and per account for logged-in ones, in the cache.
SAMSKAP_RATELIMITS = {
    "search": os.environ.get("SAMSKAP_RATELIMIT_SEARCH", "30/60"),
    "similar": os.environ.get("SAMSKAP_RATELIMIT_SIMILAR", "60/60"),
}

# Two-factor authentication: TOTP with recovery codes for everyone; coordinators must set it up (on by
# default in production; off when SAMSKAP_DEBUG is on, so the demo logins work without an authenticator app).
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes"]
MFA_TOTP_ISSUER = "Samskap"
SAMSKAP_REQUIRE_MFA_FOR_COORDINATORS = env_bool("SAMSKAP_REQUIRE_MFA_FOR_COORDINATORS", not DEBUG)

# Single sign-on: one generic OpenID Connect provider (ID-porten, Microsoft Entra ID, Feide, ...), configured
# here (no database SocialApp). A provider's identity is linked to an existing account only by an e-mail
# address that both the provider and Samskap have verified.
OIDC_ISSUER = os.environ.get("SAMSKAP_OIDC_ISSUER", "").rstrip("/")
SOCIALACCOUNT_PROVIDERS: dict = {"openid_connect": {"APPS": [], "OAUTH_PKCE_ENABLED": True}}
if OIDC_ISSUER:
    SOCIALACCOUNT_PROVIDERS["openid_connect"]["APPS"] = [{
        "provider_id": "sso",
        "name": os.environ.get("SAMSKAP_OIDC_NAME", "Single sign-on"),
        "client_id": os.environ.get("SAMSKAP_OIDC_CLIENT_ID", ""),
        "secret": os.environ.get("SAMSKAP_OIDC_SECRET", ""),
        "settings": {"server_url": OIDC_ISSUER, "oauth_pkce_enabled": True,
                     "scope": ["openid", "profile", "email"]},
    }]
SOCIALACCOUNT_EMAIL_AUTHENTICATION = True
SOCIALACCOUNT_EMAIL_AUTHENTICATION_AUTO_CONNECT = True
SOCIALACCOUNT_EMAIL_VERIFICATION = "mandatory"
SOCIALACCOUNT_AUTO_SIGNUP = True
SOCIALACCOUNT_LOGIN_ON_GET = False  # the provider button is a POST (no login CSRF)
SOCIALACCOUNT_STORE_TOKENS = False

# Brute-force protection (django-axes): after 10 failed logins a client (IP address), or an account, is
# locked out for 15 minutes; the lockout page offers a password reset. A successful login resets the count.
AXES_FAILURE_LIMIT = int(os.environ.get("SAMSKAP_AXES_FAILURE_LIMIT", "10"))
AXES_COOLOFF_TIME = float(os.environ.get("SAMSKAP_AXES_COOLOFF_HOURS", "0.25"))
AXES_LOCKOUT_PARAMETERS = ["ip_address", "username"]
AXES_RESET_ON_SUCCESS = True
AXES_USERNAME_CALLABLE = "samskap.accounts.backends.axes_username"
AXES_LOCKOUT_TEMPLATE = "accounts/lockout.html"
AXES_VERBOSE = False

# Internationalisation: bokmål by default, nynorsk and English available.
LANGUAGE_CODE = "nb"
FORMAT_MODULE_PATH = ["samskap.core.formats"]
LANGUAGES = [("nb", _("Norwegian Bokmål")), ("nn", _("Norwegian Nynorsk")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Europe/Oslo"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = Path(os.environ.get("SAMSKAP_STATIC_ROOT", PROJECT_DIR / "staticfiles"))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
        if not DEBUG
        else "django.contrib.staticfiles.storage.StaticFilesStorage"
    },
}
MEDIA_ROOT = VAR_DIR / "media"

# E-mail: a real SMTP server. Development default is a local server on port 8025
# (`make mailserver` starts aiosmtpd there); tests start their own aiosmtpd.
EMAIL_BACKEND = os.environ.get("SAMSKAP_EMAIL_BACKEND", "django.core.mail.backends.smtp.EmailBackend")
EMAIL_HOST = os.environ.get("SAMSKAP_EMAIL_HOST", "127.0.0.1")
EMAIL_PORT = int(os.environ.get("SAMSKAP_EMAIL_PORT", "8025"))
EMAIL_HOST_USER = os.environ.get("SAMSKAP_EMAIL_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("SAMSKAP_EMAIL_PASSWORD", "")
EMAIL_USE_TLS = env_bool("SAMSKAP_EMAIL_TLS", False)
EMAIL_TIMEOUT = 10
DEFAULT_FROM_EMAIL = os.environ.get("SAMSKAP_DEFAULT_FROM_EMAIL", "Samskap <noreply@samskap.example>")

# Background work: django-tasks with the database backend. A worker runs `samskap db_worker`.
TASKS = {
    "default": {
        "BACKEND": os.environ.get("SAMSKAP_TASKS_BACKEND", "django_tasks_db.DatabaseBackend"),
    }
}

# Brokering index: the worker writes immutable snapshots here; web workers map the newest read-only
# (docs/deployment.md). SAMSKAP_INDEX_SNAPSHOTS=0: no snapshots (every process indexes in memory).
SAMSKAP_INDEX_DIR = Path(os.environ.get("SAMSKAP_INDEX_DIR", VAR_DIR / "index"))
SAMSKAP_INDEX_SNAPSHOTS = env_bool("SAMSKAP_INDEX_SNAPSHOTS", True)
# Without a snapshot, a catalogue up to this size is indexed in the web process (else "being built").
SAMSKAP_INDEX_SMALL = int(os.environ.get("SAMSKAP_INDEX_SMALL", "5000"))
# A web process looks for a newer snapshot and for catalogue changes at most this often.
SAMSKAP_INDEX_CHECK_SECONDS = float(os.environ.get("SAMSKAP_INDEX_CHECK_SECONDS", "1.0"))

# Follow-up: reminders go this many days before an action's due date (and again when overdue).
FOLLOWUP_REMINDER_DAYS = int(os.environ.get("SAMSKAP_FOLLOWUP_REMINDER_DAYS", "7"))

# Workshop planner: the CP-SAT time limit for one plan (seconds).
WORKSHOP_PLAN_TIME_LIMIT = float(os.environ.get("SAMSKAP_WORKSHOP_PLAN_TIME_LIMIT", "20"))

SECURE = env_bool("SAMSKAP_SECURE", not DEBUG)
if SECURE:
    SECURE_SSL_REDIRECT = env_bool("SAMSKAP_SSL_REDIRECT", True)
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    LANGUAGE_COOKIE_SECURE = True
    SECURE_HSTS_SECONDS = int(os.environ.get("SAMSKAP_HSTS_SECONDS", "31536000"))
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"

# Content-Security-Policy (django-csp): scripts, styles, fonts and images only from Samskap itself, so an
# injected inline <script>, on...= handler or javascript: link cannot run. Templates therefore carry no
# inline scripts, handlers or style="" attributes (samskap/core/tests/test_csp.py greps for them); htmx
# runs without eval (the htmx-config meta tag in base.html). Exceptions, kept narrow:
# - img-src data:  Designsystemet's CSS draws its icons (checkbox tick, chevrons) as data: SVGs;
# - style-src-attr 'unsafe-inline'  the server-rendered SVG charts (matplotlib) style their shapes with
#   style="" attributes; a style attribute cannot run script, and style elements stay blocked.
# No form-action: the single sign-on button posts to Samskap, which redirects to the identity provider.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "style-src-elem": ["'self'"],
        "style-src-attr": ["'unsafe-inline'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "frame-ancestors": ["'none'"],
    },
}
SESSION_COOKIE_HTTPONLY = True
LANGUAGE_COOKIE_SAMESITE = "Lax"

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("SAMSKAP_LOG_LEVEL", "INFO")},
    "loggers": {"django.db.backends": {"level": "WARNING"}},
}
