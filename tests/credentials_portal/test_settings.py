"""The settings module read from a given environment, in a fresh interpreter."""

import json
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
READ_SETTINGS = """
import json
from credentials_portal import settings as s
print(json.dumps({
    "database": s.DATABASES["default"],
    "allowed_hosts": s.ALLOWED_HOSTS,
    "csrf_trusted_origins": s.CSRF_TRUSTED_ORIGINS,
    "debug": s.DEBUG,
    "always_eager": s.CELERY_TASK_ALWAYS_EAGER,
    "broker": s.CELERY_BROKER_URL,
    "email_backend": s.EMAIL_BACKEND,
    "email_port": s.EMAIL_PORT,
    "upload_max_bytes": s.UPLOAD_MAX_BYTES,
    "site_url": s.SITE_URL,
    "award_sweep": s.CELERY_BEAT_SCHEDULE["certificates-award-sweep"]["schedule"],
    "storages": s.STORAGES,
    "session_engine": s.SESSION_ENGINE,
    "cache_backend": s.CACHES["default"]["BACKEND"],
    "cache_location": s.CACHES["default"]["LOCATION"],
    "queues": {"default": s.CELERY_TASK_DEFAULT_QUEUE, **s.CELERY_TASK_ROUTES},
}))
"""


def run_settings(**environment: str) -> subprocess.CompletedProcess:
    return subprocess.run(  # noqa: S603
        [sys.executable, "-c", READ_SETTINGS],
        cwd=ROOT,
        env={"PATH": "/usr/bin:/bin", **environment},
        capture_output=True,
        text=True,
        check=False,
    )


def read_settings(**environment: str) -> dict:
    result = run_settings(**environment)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def test_postgres_database_url_is_parsed():
    settings = read_settings(DATABASE_URL="postgres://portal:s3cret@db.example:5433/cp")

    database = settings["database"]
    assert database["ENGINE"] == "django.db.backends.postgresql"
    assert (database["NAME"], database["USER"], database["PASSWORD"]) == (
        "cp",
        "portal",
        "s3cret",
    )
    assert (database["HOST"], database["PORT"]) == ("db.example", 5433)
    assert database["CONN_MAX_AGE"] == 60


def test_no_database_url_gives_sqlite_file_in_the_project():
    database = read_settings()["database"]

    assert database["ENGINE"] == "django.db.backends.sqlite3"
    assert database["NAME"] == str(ROOT / "db.sqlite3")


def test_debug_off_without_secret_key_fails_with_a_clear_error():
    result = run_settings(DEBUG="false")

    assert result.returncode != 0
    assert (
        "ImproperlyConfigured: SECRET_KEY must be set when DEBUG is off."
        in result.stderr
    )


def test_debug_off_with_secret_key_uses_smtp():
    settings = read_settings(DEBUG="false", SECRET_KEY="x" * 60)

    assert settings["debug"] is False
    assert settings["email_backend"] == "django.core.mail.backends.smtp.EmailBackend"


def test_allowed_hosts_and_csrf_origins_are_comma_separated_lists():
    settings = read_settings(
        ALLOWED_HOSTS="portal.example.org, www.example.org,",
        CSRF_TRUSTED_ORIGINS="https://portal.example.org",
    )

    assert settings["allowed_hosts"] == ["portal.example.org", "www.example.org"]
    assert settings["csrf_trusted_origins"] == ["https://portal.example.org"]


def test_embedded_defaults_match_the_readme():
    settings = read_settings()

    assert settings["debug"] is True
    assert settings["allowed_hosts"] == ["127.0.0.1", "localhost", "testserver"]
    assert settings["csrf_trusted_origins"] == []
    assert settings["email_backend"] == "django.core.mail.backends.console.EmailBackend"
    assert settings["upload_max_bytes"] == 20 * 1024 * 1024
    assert settings["site_url"] == "http://127.0.0.1:8000"
    assert settings["award_sweep"] == 300.0


def test_integers_are_read_from_the_environment():
    settings = read_settings(
        EMAIL_PORT="587", UPLOAD_MAX_BYTES="1024", SITE_URL="https://p.example/"
    )

    assert settings["email_port"] == 587
    assert settings["upload_max_bytes"] == 1024
    assert settings["site_url"] == "https://p.example"


@pytest.mark.parametrize(
    ("broker", "always_eager"),
    [(None, True), ("", True), ("redis://127.0.0.1:6379/0", False)],
)
def test_without_a_broker_tasks_run_in_process(broker, always_eager):
    environment = {} if broker is None else {"CELERY_BROKER_URL": broker}

    settings = read_settings(**environment)

    assert settings["always_eager"] is always_eager


def test_a_second_web_host_shares_cache_and_sessions_on_redis():
    settings = read_settings(
        DEBUG="false", SECRET_KEY="x" * 60, REDIS_URL="redis://cache.internal:6379/1"
    )

    assert settings["cache_backend"] == "django.core.cache.backends.redis.RedisCache"
    assert settings["cache_location"] == "redis://cache.internal:6379/1"
    assert settings["session_engine"] == "django.contrib.sessions.backends.cached_db"


def test_redis_url_off_keeps_the_cache_in_the_database_beside_a_redis_broker():
    settings = read_settings(
        CELERY_BROKER_URL="redis://broker.internal:6379/0", REDIS_URL="off"
    )

    assert settings["cache_backend"] == "django.core.cache.backends.db.DatabaseCache"
    assert settings["session_engine"] == "django.contrib.sessions.backends.db"


def test_without_redis_sessions_and_cache_are_in_the_database():
    settings = read_settings()

    assert settings["cache_backend"] == "django.core.cache.backends.db.DatabaseCache"
    assert settings["session_engine"] == "django.contrib.sessions.backends.db"


def test_a_bucket_name_puts_uploads_and_certificates_on_s3():
    settings = read_settings(
        DEBUG="false",
        SECRET_KEY="x" * 60,
        AWS_STORAGE_BUCKET_NAME="portal-media",
        S3_ENDPOINT_URL="https://s3.example.org",
    )

    default = settings["storages"]["default"]
    assert default["BACKEND"] == "storages.backends.s3.S3Storage"
    assert default["OPTIONS"]["bucket_name"] == "portal-media"
    assert default["OPTIONS"]["endpoint_url"] == "https://s3.example.org"
    assert default["OPTIONS"]["default_acl"] is None
    assert default["OPTIONS"]["file_overwrite"] is True
    assert settings["storages"]["staticfiles"]["BACKEND"] == (
        "whitenoise.storage.CompressedManifestStaticFilesStorage"
    )


def test_without_a_bucket_files_stay_under_media_root():
    settings = read_settings()

    assert settings["storages"]["default"] == {
        "BACKEND": "django.core.files.storage.FileSystemStorage"
    }


def test_renders_and_emails_have_a_queue_each():
    assert read_settings()["queues"] == {
        "default": "rendering",
        "certificates.award_email": {"queue": "email"},
        "reviews.tasks.deadline_reminders_task": {"queue": "email"},
        "certificates.expiry_reminders": {"queue": "email"},
    }
