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
from kombu import pools

from credentials_portal.caches import redis_url_from
from credentials_portal.celery import app as celery_app
from tests import clock

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


def mail_dir(media_root: Path) -> Path:
    """Where the workers of this media root write the emails they send (one file
    per SMTP connection, as Django's file backend does)."""
    return media_root.parent / "mail"


def emails_sent(media_root: Path) -> list[str]:
    """The subjects of every email the workers sent, in no particular order."""
    folder = mail_dir(media_root)
    if not folder.is_dir():
        return []
    return [
        line.removeprefix("Subject: ")
        for path in folder.iterdir()
        for line in path.read_text().splitlines()
        if line.startswith("Subject: ")
    ]


def worker_start(
    tmp: Path,
    *,
    queues: str = "rendering,email",
    app: str = "credentials_portal",
    media: Path | None = None,
    flush: bool = True,
    pool: str = "solo",
    **environment: str,
) -> Worker:
    """Start ``celery worker`` (one process: the solo pool, or a prefork pool of
    one child) on ``queues`` and wait until it is ready.

    Workers given the same ``media`` share the documents and the mail folder, as
    the hosts of one portal share their storage and mail server.
    """
    if flush:
        redis.Redis.from_url(REDIS_URL).flushdb()
    media = media or tmp / "media"
    log = tmp / f"worker-{queues.replace(',', '-')}-{time.monotonic_ns()}.log"
    env = {
        **os.environ,
        "DATABASE_URL": test_database_url(),
        "CONN_MAX_AGE": "0",
        "CELERY_BROKER_URL": REDIS_URL,
        # The tests' cache, as every process of one portal shares one: what the
        # test writes (a catalogue version) reaches the worker.
        "REDIS_URL": redis_url_from(os.environ) or "off",
        "MEDIA_ROOT": str(media),
        "EMAIL_BACKEND": "django.core.mail.backends.filebased.EmailBackend",
        "EMAIL_FILE_PATH": str(mail_dir(media)),
        "DJANGO_SETTINGS_MODULE": "credentials_portal.settings",
        **clock.worker_environment(),
        **environment,
    }
    name = f"certificates-tests-{os.getpid()}-{queues.replace(',', '-')}"
    command = [
        *(sys.executable, "-m", "tests.clock_run", "celery"),
        *("-A", app, "worker", "-Q", queues),
        *(
            f"--pool={pool}",
            "--concurrency=1",
            "--loglevel=INFO",
            "--without-gossip",
            "--without-mingle",
        ),
        *("--without-heartbeat", "--hostname", f"{name}-{time.monotonic_ns()}@%h"),
    ]
    return process_start(
        command, env=env, media=media, log=log, ready=" ready.", what="celery worker"
    )


def process_start(
    command: list[str], *, env: dict, media: Path, log: Path, ready: str, what: str
) -> Worker:
    """Start one of the portal's processes (worker, beat, scheduler) with its
    output in ``log`` and wait up to a minute until the log says ``ready``."""
    with log.open("w") as output:
        process = subprocess.Popen(  # noqa: S603 - our own interpreter and arguments
            command,
            cwd=settings.BASE_DIR,
            env=env,
            stdout=output,
            stderr=subprocess.STDOUT,
        )
    started = Worker(process, media, log)
    deadline = time.monotonic() + 60
    while ready not in log.read_text():
        if process.poll() is not None or time.monotonic() > deadline:
            worker_stop(started)
            raise RuntimeError(f"{what} did not start:\n{started.log_tail()}")
        time.sleep(0.2)
    return started


def workers_start(tmp: Path, **environment: str) -> list[Worker]:
    """A rendering worker and an email worker, as production runs them."""
    rendering = worker_start(tmp, queues="rendering", **environment)
    email = worker_start(
        tmp, queues="email", media=rendering.media_root, flush=False, **environment
    )
    return [rendering, email]


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


def point_celery_at(broker_url: str, *, eager: bool) -> None:
    """Reconfigure the project's Celery app in this process (and drop its pools)."""
    celery_app.conf.broker_url = broker_url
    celery_app.conf.task_always_eager = eager
    # kombu keeps its connection pools in a global registry keyed by broker.
    pools.reset()
    celery_app._pool = None
    amqp = celery_app.__dict__.get("amqp")
    if amqp is not None:
        amqp._producer_pool = None
