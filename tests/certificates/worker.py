"""A real Celery worker process for the tests, on Redis and the test database."""

import os
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote

import redis
from django.conf import settings
from django.db import connection

REDIS_URL = os.environ.get("TEST_REDIS_URL", "redis://127.0.0.1:6379/15")


def redis_reachable(url: str = REDIS_URL) -> bool:
    try:
        return bool(redis.Redis.from_url(url, socket_connect_timeout=1).ping())
    except redis.RedisError:
        return False


def test_database_url() -> str:
    """The URL of pytest-django's test database (its NAME once it is set up)."""
    db = connection.settings_dict
    credentials = quote(db["USER"] or "")
    if db["PASSWORD"]:
        credentials += ":" + quote(db["PASSWORD"])
    return f"postgres://{credentials}@{db['HOST']}:{db['PORT']}/{db['NAME']}"


@dataclass
class Worker:
    process: subprocess.Popen
    media_root: Path
    log: Path

    def log_tail(self, lines: int = 40) -> str:
        return "\n".join(self.log.read_text().splitlines()[-lines:])


def worker_start(tmp: Path) -> Worker:
    """Start ``celery worker`` (solo pool) and wait until it says it is ready."""
    redis.Redis.from_url(REDIS_URL).flushdb()
    media, log = tmp / "media", tmp / "worker.log"
    env = {
        **os.environ,
        "DATABASE_URL": test_database_url(),
        "CONN_MAX_AGE": "0",
        "CELERY_BROKER_URL": REDIS_URL,
        "MEDIA_ROOT": str(media),
        "EMAIL_BACKEND": "django.core.mail.backends.locmem.EmailBackend",
        "DJANGO_SETTINGS_MODULE": "credentials_portal.settings",
    }
    command = [
        *(sys.executable, "-m", "celery", "-A", "credentials_portal", "worker"),
        *("--pool=solo", "--loglevel=INFO", "--without-gossip", "--without-mingle"),
        *("--without-heartbeat", "--hostname", f"certificates-tests-{os.getpid()}@%h"),
    ]
    with log.open("w") as output:
        process = subprocess.Popen(  # noqa: S603 - our own interpreter and arguments
            command,
            cwd=settings.BASE_DIR,
            env=env,
            stdout=output,
            stderr=subprocess.STDOUT,
        )
    worker = Worker(process, media, log)
    deadline = time.monotonic() + 60
    while " ready." not in log.read_text():
        if process.poll() is not None or time.monotonic() > deadline:
            worker_stop(worker)
            raise RuntimeError(f"The Celery worker did not start:\n{worker.log_tail()}")
        time.sleep(0.2)
    return worker


def worker_stop(worker: Worker) -> None:
    worker.process.terminate()
    try:
        worker.process.wait(timeout=15)
    except subprocess.TimeoutExpired:
        worker.process.kill()
        worker.process.wait(timeout=5)


def wait_for(worker: Worker, read, timeout: float = 30.0):
    """Poll ``read()`` until it returns something truthy, or fail with the log."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = read()
        if value:
            return value
        time.sleep(0.2)
    raise AssertionError(f"Nothing after {timeout}s. Worker log:\n{worker.log_tail()}")
