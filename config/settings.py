"""Passerelles settings: one module, read from the environment (django-environ).

Development needs no variable at all (SQLite, eager Celery, console mail); production
fails fast when DEBUG is off and SECRET_KEY is missing.
"""

from pathlib import Path

import environ
from botocore.config import Config as BotoConfig
from celery.schedules import crontab
from csp.constants import NONE, SELF
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent

env = environ.Env()
environ.Env.read_env(BASE_DIR / ".env", overwrite=False)

DEBUG = env.bool("DEBUG", default=True)
if DEBUG:
    SECRET_KEY = env("SECRET_KEY", default="dev-only-insecure-key-never-use-in-production")
else:
    SECRET_KEY = env("SECRET_KEY")  # raises ImproperlyConfigured when missing

ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["127.0.0.1", "localhost", "[::1]"])
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "crispy_forms",
    "crispy_bootstrap5",
    "django_filters",
    "django_tables2",
    "django_htmx",
    "auditlog",
    "axes",
    "allauth",
    "allauth.account",
    "allauth.mfa",
    "csp",
    "partners",
    "programmes",
    "programmes.committee",
    "tenants",
    "outcomes",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "csp.middleware.CSPMiddleware",
    "partners.middleware.PermissionsPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "partners.middleware.FrenchFirstMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.auth.middleware.LoginRequiredMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "partners.middleware.SessionSecurityMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "auditlog.middleware.AuditlogMiddleware",
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

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
                "django.template.context_processors.i18n",
                "partners.context_processors.navigation",
                "partners.context_processors.single_sign_on",
            ],
        },
    },
]

DATABASES = {"default": env.db("DATABASE_URL", default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}")}
DATABASES["default"]["ATOMIC_REQUESTS"] = False
# Persistent connections, checked before reuse so that a restarted database costs one failed
# request per process at most, not a stream of them.
DATABASES["default"]["CONN_MAX_AGE"] = env.int("CONN_MAX_AGE", default=60)
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    DATABASES["default"].setdefault("OPTIONS", {})["connect_timeout"] = env.int("DATABASE_CONNECT_TIMEOUT", default=5)
# Rate limits and the record of used second-factor codes live in the cache: shared by every web
# process in production (e.g. CACHE_URL=redis://127.0.0.1:6379/1).
CACHES = {"default": env.cache("CACHE_URL", default="locmemcache://")}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "partners.User"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
    "partners.sso.ProConnectBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "dashboard"
LOGOUT_REDIRECT_URL = "account_login"

# Login attempts are limited per account and address; a locked-out person is told why.
AXES_FAILURE_LIMIT = env.int("AXES_FAILURE_LIMIT", default=5)
AXES_COOLOFF_TIME = env.float("AXES_COOLOFF_HOURS", default=0.5)
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_USERNAME_CALLABLE = "partners.authentication.axes_username"
AXES_LOCKOUT_TEMPLATE = "registration/locked_out.html"
AXES_RESET_ON_SUCCESS = True

# Accounts and the second factor (django-allauth): login by e-mail, no self sign-up (accounts
# are created by programme admins), TOTP with recovery codes and security keys.
ACCOUNT_ADAPTER = "partners.authentication.AccountAdapter"
ACCOUNT_FORMS = {"login": "partners.forms.EmailLoginForm"}
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*"]
ACCOUNT_USER_MODEL_USERNAME_FIELD = None
ACCOUNT_EMAIL_VERIFICATION = "none"
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_SESSION_REMEMBER = True
ACCOUNT_EMAIL_UNKNOWN_ACCOUNTS = False
ACCOUNT_PASSWORD_RESET_BY_CODE_ENABLED = False
ACCOUNT_EMAIL_SUBJECT_PREFIX = "Passerelles : "
ACCOUNT_REAUTHENTICATION_TIMEOUT = env.int("REAUTHENTICATION_MINUTES", default=5) * 60
MFA_ADAPTER = "partners.authentication.MFAAdapter"
MFA_FORMS = {
    "authenticate": "partners.forms.SecondFactorForm",
    "reauthenticate": "partners.forms.SecondFactorConfirmForm",
}
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes", "webauthn"]
MFA_TOTP_ISSUER = "Passerelles"
MFA_TOTP_PERIOD = 30
MFA_TOTP_TOLERANCE = 1  # a code from the previous or next 30 s is accepted (phones' clocks drift)
MFA_ALLOW_UNVERIFIED_EMAIL = True  # addresses are entered by programme admins, not self-declared
MFA_WEBAUTHN_ALLOW_INSECURE_ORIGIN = DEBUG  # http://127.0.0.1 in the demo
# A second factor is required, when this is on, for every role that reads personal data
# (programme admins, landlord staff, coordinators) and for the Django admin.
MFA_REQUIRED = env.bool("MFA_REQUIRED", default=not DEBUG)
# A login or a confirmation counts as recent for REAUTHENTICATION_MINUTES: by password, second
# factor or single sign-on (never by a code sent by mail: addresses are not verified here).
ACCOUNT_REAUTHENTICATION_METHODS = ("password", "mfa", "sso")

# Single sign-on with ProConnect (OpenID Connect, mozilla-django-oidc), on when these three are
# set. Issuer, e.g. https://auth.agentconnect.gouv.fr/api/v2 (production) or
# https://fca.integ01.dev-agentconnect.fr/api/v2 (integration); its endpoints come from its
# discovery document. The redirect URI to declare is SITE_URL + /accounts/proconnect/callback/.
PROCONNECT_ISSUER = env("PROCONNECT_ISSUER", default="")
OIDC_RP_CLIENT_ID = env("PROCONNECT_CLIENT_ID", default="")
OIDC_RP_CLIENT_SECRET = env("PROCONNECT_CLIENT_SECRET", default="")
OIDC_RP_SIGN_ALGO = env("PROCONNECT_SIGN_ALGO", default="RS256")
OIDC_RP_SCOPES = env("PROCONNECT_SCOPES", default="openid email given_name usual_name")
OIDC_AUTHENTICATION_CALLBACK_URL = "proconnect_callback"
OIDC_CREATE_USER = False  # accounts and their memberships are given by programme admins
OIDC_TIMEOUT = 10

# Those roles are logged out after this much inactivity, and after SESSION_MAX_HOURS whatever.
SESSION_IDLE_MINUTES = env.int("SESSION_IDLE_MINUTES", default=30)
SESSION_MAX_HOURS = env.int("SESSION_MAX_HOURS", default=12)

LANGUAGE_CODE = "fr"
LANGUAGES = [("fr", _("French")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Europe/Paris"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = env.path("STATIC_ROOT", default=BASE_DIR / "staticfiles")
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "media/"
MEDIA_ROOT = env.path("MEDIA_ROOT", default=BASE_DIR / "media")
# Uploaded scans, attachments, imports and built reports: the local folder MEDIA_ROOT, or an
# S3-compatible bucket (Scaleway, OVHcloud, MinIO, AWS) shared by every web and worker machine
# when S3_BUCKET is set. Files are private: only views that check access serve them.
S3_BUCKET = env("S3_BUCKET", default="")
if S3_BUCKET:
    DEFAULT_STORAGE = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": S3_BUCKET,
            "endpoint_url": env("S3_ENDPOINT_URL", default=None),
            "access_key": env("S3_ACCESS_KEY_ID", default=None),
            "secret_key": env("S3_SECRET_ACCESS_KEY", default=None),
            "region_name": env("S3_REGION", default=None),
            "addressing_style": env("S3_ADDRESSING_STYLE", default="path"),
            "signature_version": "s3v4",
            "default_acl": "private",
            "querystring_auth": True,
            "querystring_expire": env.int("S3_URL_EXPIRES_SECONDS", default=300),
            "file_overwrite": False,
            "location": env("S3_PREFIX", default=""),
            "client_config": BotoConfig(
                connect_timeout=env.int("S3_CONNECT_TIMEOUT", default=3),
                read_timeout=env.int("S3_READ_TIMEOUT", default=20),
                retries={"max_attempts": env.int("S3_MAX_ATTEMPTS", default=3), "mode": "standard"},
            ),
        },
    }
else:
    DEFAULT_STORAGE = {"BACKEND": "django.core.files.storage.FileSystemStorage"}
STORAGES = {
    "default": DEFAULT_STORAGE,
    "staticfiles": {
        "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
        if DEBUG
        else "whitenoise.storage.CompressedManifestStaticFilesStorage"
    },
}

EMAIL_CONFIG = env.email_url("EMAIL_URL", default="consolemail://")
vars().update(EMAIL_CONFIG)
DEFAULT_FROM_EMAIL = env("DEFAULT_FROM_EMAIL", default="Passerelles <ne-pas-repondre@passerelles.local>")
SITE_URL = env("SITE_URL", default="http://127.0.0.1:8000")

# Celery: with no broker configured, tasks run in-process (eager), so the portal needs no
# service for a first look; production and tests set CELERY_BROKER_URL to Redis.
CELERY_BROKER_URL = env("CELERY_BROKER_URL", default="")
CELERY_TASK_ALWAYS_EAGER = not CELERY_BROKER_URL
CELERY_TASK_EAGER_PROPAGATES = False
CELERY_RESULT_BACKEND = env("CELERY_RESULT_BACKEND", default=CELERY_BROKER_URL or None)
CELERY_TASK_ACKS_LATE = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TIMEZONE = TIME_ZONE
CELERY_BEAT_SCHEDULE = {
    "remind-unanswered-referrals": {
        "task": "tenants.tasks.remind_unanswered_referrals",
        "schedule": crontab(hour=8, minute=0),
    },
    "yearly-funder-reports": {
        "task": "outcomes.tasks.build_last_year_reports",
        "schedule": crontab(month_of_year=1, day_of_month=15, hour=3, minute=0),
    },
}

CRISPY_ALLOWED_TEMPLATE_PACKS = "bootstrap5"
CRISPY_TEMPLATE_PACK = "bootstrap5"
DJANGO_TABLES2_TEMPLATE = "django_tables2/bootstrap5.html"

AUDITLOG_INCLUDE_ALL_MODELS = False
AUDITLOG_STORE_JSON_CHANGES = True

# Counts below this are shown as "< N" in anything a funder sees (re-identification risk).
SMALL_COUNT_THRESHOLD = env.int("SMALL_COUNT_THRESHOLD", default=5)
REFERRAL_REMINDER_DAYS = env.int("REFERRAL_REMINDER_DAYS", default=30)
UPLOAD_MAX_BYTES = env.int("UPLOAD_MAX_BYTES", default=10 * 1024 * 1024)

# The web server (gunicorn, config/gunicorn.py): processes, threads per process and timeouts.
WEB_WORKERS = env.int("WEB_WORKERS", default=3)
WEB_THREADS = env.int("WEB_THREADS", default=4)
WEB_TIMEOUT = env.int("WEB_TIMEOUT", default=60)
WEB_GRACEFUL_TIMEOUT = env.int("WEB_GRACEFUL_TIMEOUT", default=30)
WEB_KEEPALIVE = env.int("WEB_KEEPALIVE", default=5)

# HTTPS. In production the portal sits behind a proxy that ends TLS (nginx, a load balancer,
# Scalingo, Clever Cloud...): that proxy must set X-Forwarded-Proto to "https" on the requests
# it forwards and drop that header from what clients send, since Django trusts it to know that
# the visitor used HTTPS. Then http:// is redirected to https:// and browsers are told (HSTS)
# to use HTTPS only for a year.
if not DEBUG:
    SESSION_COOKIE_SECURE = env.bool("SESSION_COOKIE_SECURE", default=True)
    CSRF_COOKIE_SECURE = env.bool("CSRF_COOKIE_SECURE", default=True)
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=not DEBUG)
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]  # load balancers probe over plain HTTP
SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=0 if DEBUG else 365 * 24 * 3600)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env.bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", default=True)
SECURE_HSTS_PRELOAD = env.bool("SECURE_HSTS_PRELOAD", default=True)
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_HTTPONLY = True

# Content-Security-Policy (django-csp): scripts, styles, fonts and pictures from the portal
# itself only, no inline script or style, no plugin, never framed. The QR code of a second
# factor being set up is an SVG data: URI.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
        "base-uri": [NONE],
        "object-src": [NONE],
    },
}
# Browser features the portal never uses; security keys (WebAuthn) from the portal itself only.
PERMISSIONS_POLICY = (
    "accelerometer=(), autoplay=(), camera=(), display-capture=(), geolocation=(), gyroscope=(), "
    "magnetometer=(), microphone=(), midi=(), payment=(), usb=(), "
    "publickey-credentials-create=(self), publickey-credentials-get=(self)"
)

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env("LOG_LEVEL", default="INFO")},
}
