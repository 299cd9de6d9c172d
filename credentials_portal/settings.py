"""Settings read from the environment (12-factor).

Embedded default: a SQLite file in the project, tasks run in-process, email to the
console. Production: ``DEBUG=false`` with ``SECRET_KEY``, ``ALLOWED_HOSTS``,
``DATABASE_URL`` (PostgreSQL), ``CELERY_BROKER_URL`` (Redis) and the ``EMAIL_*``
settings.

Every variable is read through one ``environ.Env`` (django-environ); the README's
"Production mode" table lists them with their defaults.
"""

import os
from pathlib import Path

import environ
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

from credentials_portal.caches import caches_from, session_engine_from
from credentials_portal.storages import storages_from

BASE_DIR = Path(__file__).resolve().parent.parent

env = environ.Env()
# A value starting with "$" names another variable (django-environ's proxy); write
# "\$" for a literal leading dollar, e.g. in a password.
env.escape_proxy = True

DEBUG = env.bool("DEBUG", default=True)
SECRET_KEY = env.str("SECRET_KEY", default="")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured("SECRET_KEY must be set when DEBUG is off.")
    SECRET_KEY = "insecure-development-key-only-for-debug-mode"  # noqa: S105
ALLOWED_HOSTS = env.list(
    "ALLOWED_HOSTS", cast=str.strip, default=["127.0.0.1", "localhost", "testserver"]
)
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", cast=str.strip, default=[])
# Routes bench/page_bench.py's floor view (credentials_portal/bench_floor.py); never
# set in production.
BENCH_FLOOR_VIEW = env.bool("BENCH_FLOOR_VIEW", default=False)
# The base of absolute links. Unset in development, pages follow the address they
# are served on (core.site); scripts/start.sh exports it from PORT.
SITE_URL = env.str("SITE_URL", default="http://127.0.0.1:8000").rstrip("/")
SITE_URL_FROM_REQUEST = DEBUG and not env.str("SITE_URL", default="")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "allauth",
    "allauth.account",
    "allauth.mfa",
    "csp",
    "core",
    "accounts",
    "programs",
    "enrollments",
    "enrollments.jobs",
    "audit",
    "reviews",
    "certificates",
    "transcripts",
    "ledger",
    "learnerdata",
    "dashboard",
    "reports",
    "demo",
    "rest_framework",
    "drf_spectacular",
    "api",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    # Serves /static/ from gunicorn in production (h-prod, issue 8.16).
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "core.site.ServedAddressMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # The user's time zone (their provider's), for pages and the admin's offset.
    "accounts.middleware.UserTimeZoneMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "allauth.account.middleware.AccountMiddleware",
]

ROOT_URLCONF = "credentials_portal.urls"
WSGI_APPLICATION = "credentials_portal.wsgi.application"

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
            ],
        },
    },
]

# A ``conn_max_age`` in the URL's query wins over ``CONN_MAX_AGE``.
DATABASES = {
    "default": {
        "CONN_MAX_AGE": env.int("CONN_MAX_AGE", default=60),
        **env.db_url("DATABASE_URL", default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}"),
    }
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # A database that accepts connections but never answers must not hang a
    # request (nor /healthz) forever: libpq gives up connecting after 5 s.
    DATABASES["default"].setdefault("OPTIONS", {}).setdefault("connect_timeout", 5)
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# The shared cache (login limits): Redis when REDIS_URL or a Redis
# CELERY_BROKER_URL is set, else the database (its table made by migrate).
CACHES = caches_from(os.environ)
SESSION_ENGINE = session_engine_from(os.environ)

AUTH_USER_MODEL = "accounts.User"
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": f"django.contrib.auth.password_validation.{name}"}
    for name in [
        "UserAttributeSimilarityValidator",
        "MinimumLengthValidator",
        "CommonPasswordValidator",
        "NumericPasswordValidator",
    ]
]
AUTHENTICATION_BACKENDS = [
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]

# django-allauth: email is the login; it must be verified before the first login.
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_USER_MODEL_USERNAME_FIELD = None
ACCOUNT_EMAIL_VERIFICATION = "mandatory"
ACCOUNT_UNIQUE_EMAIL = True
# Failed logins are limited per account (the email) and, far more loosely, per IP:
# a school's staff share one address, and one person's typos must not lock out
# everyone there. Successful logins are not limited (allauth's default "login" limit,
# 30 a minute per IP, is off). The counts live in the shared cache below.
ACCOUNT_RATE_LIMITS = {"login": None, "login_failed": "50/5m/ip,5/5m/key"}
ACCOUNT_LOGOUT_ON_PASSWORD_CHANGE = False
# Two-factor authentication (allauth.mfa) at /accounts/2fa/: an authenticator app
# (TOTP) with recovery codes, for anyone; facilitators and admins are asked to.
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes"]
# The legal name (printed on certificates) and profile are asked for at sign-up.
ACCOUNT_SIGNUP_FORM_CLASS = "accounts.forms.SignupForm"
# A sign-up for an existing email answers as a new one does (allauth's
# ACCOUNT_PREVENT_ENUMERATION) and, with this form, costs the same password hash.
ACCOUNT_FORMS = {
    "signup": "accounts.signup.PortalSignupForm",
    "login": "accounts.login_form.PortalLoginForm",
}
LOGIN_REDIRECT_URL = "/dashboard/"
LOGIN_URL = "/accounts/login/"

# The read-only JSON API under /api/v1/ (api/): personal tokens first, so that an
# anonymous request is answered 401 with "WWW-Authenticate: Bearer"; the browser's
# session second (with CSRF on any unsafe method). JSON only: no browsable API.
REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "api.authentication.ApiTokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "DEFAULT_PARSER_CLASSES": ["rest_framework.parsers.JSONParser"],
    "DEFAULT_PAGINATION_CLASS": "api.pagination.PortalPagination",
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Credentials Portal API",
    "DESCRIPTION": (
        "Read-only: learners read their own awards; portal admins read every "
        "award and enrollment. Authenticate with a personal token "
        "(Authorization: Bearer ...) or the portal's session."
    ),
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "SCHEMA_PATH_PREFIX": "/api/v1",
    "ENUM_NAME_OVERRIDES": {
        "AwardStatusEnum": "certificates.models.awards.AwardStatus",
        "EnrollmentStatusEnum": "enrollments.models.Enrollment.Status",
    },
}

LANGUAGE_CODE = "en-us"
LANGUAGES = [("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = env.str("TIME_ZONE", default="America/New_York")
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = Path(env.str("STATIC_ROOT", default=str(BASE_DIR / "staticfiles")))
# Uploads and certificates: an S3 bucket when AWS_STORAGE_BUCKET_NAME is set, else
# MEDIA_ROOT. Static files: hashed and compressed in production, plain otherwise.
STORAGES = storages_from(os.environ, debug=DEBUG)
# Uploads and rendered certificates live outside the web root and are served only
# through permission-checked views.
MEDIA_ROOT = Path(env.str("MEDIA_ROOT", default=str(BASE_DIR / "var" / "media")))
MEDIA_URL = "/media/"
UPLOAD_MAX_BYTES = env.int("UPLOAD_MAX_BYTES", default=20 * 1024 * 1024)
# Office/OpenDocument files are ZIP archives: what one may declare (zip bombs).
UPLOAD_ARCHIVE_MAX_UNPACKED_BYTES = env.int(
    "UPLOAD_ARCHIVE_MAX_UNPACKED_BYTES", default=200 * 1024 * 1024
)
UPLOAD_ARCHIVE_MAX_RATIO = env.int("UPLOAD_ARCHIVE_MAX_RATIO", default=100)
UPLOAD_ARCHIVE_MAX_MEMBERS = env.int("UPLOAD_ARCHIVE_MAX_MEMBERS", default=2000)

EMAIL_BACKEND = env.str(
    "EMAIL_BACKEND",
    default="django.core.mail.backends.console.EmailBackend"
    if DEBUG
    else "django.core.mail.backends.smtp.EmailBackend",
)
EMAIL_HOST = env.str("EMAIL_HOST", default="localhost")
EMAIL_PORT = env.int("EMAIL_PORT", default=25)
EMAIL_HOST_USER = env.str("EMAIL_HOST_USER", default="")
EMAIL_HOST_PASSWORD = env.str("EMAIL_HOST_PASSWORD", default="")
EMAIL_USE_TLS = env.bool("EMAIL_USE_TLS", default=False)
# Only for EMAIL_BACKEND=django.core.mail.backends.filebased.EmailBackend.
EMAIL_FILE_PATH = env.str("EMAIL_FILE_PATH", default=str(BASE_DIR / "var" / "mail"))

# Celery: with no broker configured, tasks run in-process (embedded default).
CELERY_BROKER_URL = env.str("CELERY_BROKER_URL", default="")
CELERY_TASK_ALWAYS_EAGER = not CELERY_BROKER_URL
CELERY_TASK_EAGER_PROPAGATES = False
CELERY_RESULT_BACKEND = None
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
# A worker process keeps one font configuration for every render
# (certificates.rendering) and stays flat after its first renders (about 155 MiB
# over 500 certificates; a configuration per render grew it by 0.3 MiB each).
# Replacing a pool process costs a WeasyPrint import and a first render (about a
# second): once in 1,000 tasks is a safety net, not a leak's bound.
CELERY_WORKER_MAX_TASKS_PER_CHILD = env.int(
    "CELERY_WORKER_MAX_TASKS_PER_CHILD", default=1000
)
CELERY_TASK_SERIALIZER = "json"
CELERY_ACCEPT_CONTENT = ["json"]
# A dead broker must never hang a web request: fail fast and let the sweep catch up.
CELERY_BROKER_CONNECTION_TIMEOUT = 2
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
CELERY_BROKER_TRANSPORT_OPTIONS = {
    "socket_timeout": 2,
    "socket_connect_timeout": 2,
    "max_retries": 1,
    # A task taken by a worker that dies (SIGKILL, lost host) goes back to the
    # queue after this long: longer than the longest task (the progress sweep's
    # 1900 s hard limit) and the longest retry countdown, or Redis would hand a
    # running task to a second worker.
    "visibility_timeout": env.int("CELERY_VISIBILITY_TIMEOUT", default=3600),
}
# Two queues, so that a slow mail server never holds back rendering and a burst of
# renders never delays email: `celery worker -Q rendering` and `-Q email`.
CELERY_TASK_DEFAULT_QUEUE = "rendering"
CELERY_TASK_ROUTES = {
    "certificates.award_email": {"queue": "email"},
    "reviews.tasks.deadline_reminders_task": {"queue": "email"},
    "certificates.expiry_reminders": {"queue": "email"},
}
CELERY_TASK_PUBLISH_RETRY = False
# The periodic work, read from here by Celery beat (production) and by
# ``manage.py run_scheduler`` (the default start, no broker): one schedule, in seconds.
CELERY_BEAT_SCHEDULE: dict = {}
# certificates: issue awards left pending (the broker was down), enqueue unsent emails.
CELERY_BEAT_SCHEDULE["certificates-award-sweep"] = {
    "task": "certificates.award_sweep",
    "schedule": env.float("AWARD_SWEEP_SECONDS", default=300.0),
}
# Re-evaluate active enrollments: awards that became due (a run's last day arrived)
# and rules an admin added or changed since. Every 10 minutes: the screen keeps it
# to seconds at 100,000 enrollments (docs/benchmarks.md), and "why not yet" tells a
# learner whose award is due that it comes within this interval.
PROGRESS_SWEEP_SECONDS = env.float("PROGRESS_SWEEP_SECONDS", default=600.0)
CELERY_BEAT_SCHEDULE["certificates-progress-sweep"] = {
    "task": "certificates.progress_sweep",
    "schedule": PROGRESS_SWEEP_SECONDS,
}
# certificates: sign the revocation lists whose signing task never reached a worker.
CELERY_BEAT_SCHEDULE["certificates-status-list-sweep"] = {
    "task": "certificates.status_list_sweep",
    "schedule": env.float("STATUS_LIST_SWEEP_SECONDS", default=300.0),
}
# jobs: send again a bulk job the worker never received (the broker was down).
CELERY_BEAT_SCHEDULE["jobs-bulk-job-sweep"] = {
    "task": "jobs.bulk_job_sweep",
    "schedule": env.float("JOB_SWEEP_SECONDS", default=300.0),
}
# learnerdata: send again a data download the worker never received, and delete
# the downloads past their last day.
CELERY_BEAT_SCHEDULE["learnerdata-export-sweep"] = {
    "task": "learnerdata.export_sweep",
    "schedule": env.float("EXPORT_SWEEP_SECONDS", default=300.0),
}
# Daily: the providers' retention policies (notices first, then the deletions).
CELERY_BEAT_SCHEDULE["learnerdata-retention"] = {
    "task": "learnerdata.retention",
    "schedule": 24 * 60 * 60,
}
# Daily: remind learners of deadlines in the coming week (reviews).
CELERY_BEAT_SCHEDULE["reviews-deadline-reminders"] = {
    "task": "reviews.tasks.deadline_reminders_task",
    "schedule": 24 * 60 * 60,
}
# Daily: renewal reminders 12, 6 and 3 months before a state certificate expires,
# to learners whose recertification ledger is short (ledger).
CELERY_BEAT_SCHEDULE["ledger-renewal-reminders"] = {
    "task": "ledger.renewal_reminders",
    "schedule": 24 * 60 * 60,
}
# Every 6 hours: email the reminders due 90 and 30 days before awards expire (each
# claimed before it is sent: a rerun sends nothing twice).
CELERY_BEAT_SCHEDULE["certificates-expiry-reminders"] = {
    "task": "certificates.expiry_reminders",
    "schedule": env.float("EXPIRY_REMINDER_SECONDS", default=6 * 60 * 60),
}

# reports: count the admin report's figures again (the page shows "as of" that
# run; an admin's "refresh now" queues one at once). Every 15 minutes: a rollup
# reads the whole history (seconds at 100,000 learners, docs/benchmarks.md).
CELERY_BEAT_SCHEDULE["reports-rollup"] = {
    "task": "reports.rollup",
    "schedule": env.float("REPORT_ROLLUP_SECONDS", default=900.0),
}

# The portal's name and voice: page titles and every email, allauth's included
# (its adapter names the site and signs as SITE_NAME, never the request's host);
# dates in named formats (credentials_portal/formats/en: "Dec 1, 2026").
SITE_NAME = env.str("SITE_NAME", default="Credentials Portal")
# Who people write to: named wherever a page or email says to contact someone and
# no provider is concerned (a provider's own contact_email comes first).
CONTACT_EMAIL = env.str("CONTACT_EMAIL", default="help@localhost")
DEFAULT_FROM_EMAIL = env.str(
    "DEFAULT_FROM_EMAIL", default=f"{SITE_NAME} <noreply@localhost>"
)
ACCOUNT_ADAPTER = "accounts.adapter.PortalAccountAdapter"
MFA_TOTP_ISSUER = SITE_NAME
TEMPLATES[0]["OPTIONS"]["context_processors"].append(
    "credentials_portal.context_processors.site"
)
FORMAT_MODULE_PATH = ["credentials_portal.formats"]

# Every page: scripts, styles, images and forms from the portal itself only, no
# plugins, no framing. Templates hold no inline script, handler or style attribute
# (static/js/ instead). The Django admin and allauth's pages need nothing more.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    }
}
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CONTENT_TYPE_NOSNIFF = True
X_FRAME_OPTIONS = "DENY"

if not DEBUG:
    SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=True)
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=31536000)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env.str("LOG_LEVEL", default="INFO")},
    # WeasyPrint logs every rendering step at INFO; the worker keeps its warnings.
    "loggers": {"weasyprint": {"level": "WARNING"}, "fontTools": {"level": "WARNING"}},
}
