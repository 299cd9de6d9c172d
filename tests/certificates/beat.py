"""A real ``celery beat`` process for the tests, sending CELERY_BEAT_SCHEDULE to
the workers started by ``worker.py`` (same Redis, same test database)."""

import os
import subprocess
import sys
import time
from pathlib import Path

from django.conf import settings

from tests import clock

from .worker import REDIS_URL, Worker, test_database_url, worker_stop


def beat_start(tmp: Path, **environment: str) -> Worker:
    """Start ``celery beat`` with its schedule file in ``tmp`` and wait until it
    runs; ``environment`` may shorten the intervals (``PROGRESS_SWEEP_SECONDS``)."""
    log = tmp / f"beat-{time.monotonic_ns()}.log"
    env = {
        **os.environ,
        "DATABASE_URL": test_database_url(),
        "CONN_MAX_AGE": "0",
        "CELERY_BROKER_URL": REDIS_URL,
        "DJANGO_SETTINGS_MODULE": "credentials_portal.settings",
        **clock.worker_environment(),
        **environment,
    }
    command = [
        *(sys.executable, "-m", "tests.clock_run", "celery"),
        *("-A", "credentials_portal", "beat", "--loglevel=INFO"),
        f"--schedule={tmp / 'beat-schedule'}",
    ]
    with log.open("w") as output:
        process = subprocess.Popen(  # noqa: S603 - our own interpreter and arguments
            command,
            cwd=settings.BASE_DIR,
            env=env,
            stdout=output,
            stderr=subprocess.STDOUT,
        )
    beat = Worker(process, tmp, log)
    deadline = time.monotonic() + 60
    while "beat: Starting..." not in log.read_text():
        if process.poll() is not None or time.monotonic() > deadline:
            worker_stop(beat)
            raise RuntimeError(f"Celery beat did not start:\n{beat.log_tail()}")
        time.sleep(0.2)
    return beat


def scheduler_start(tmp: Path, **environment: str) -> Worker:
    """Start ``manage.py run_scheduler`` as the default start runs it beside the
    server (no broker: each task runs in that process), on the test database and
    the session's clock, and wait until its first round of tasks has run."""
    log = tmp / f"scheduler-{time.monotonic_ns()}.log"
    env = {
        **{k: v for k, v in os.environ.items() if k != "CELERY_BROKER_URL"},
        "DATABASE_URL": test_database_url(),
        "CONN_MAX_AGE": "0",
        "MEDIA_ROOT": str(tmp / "scheduler-media"),
        "PYTHONUNBUFFERED": "1",
        "DJANGO_SETTINGS_MODULE": "credentials_portal.settings",
        **clock.worker_environment(),
        **environment,
    }
    command = [sys.executable, "-m", "tests.clock_run", "django", "run_scheduler"]
    with log.open("w") as output:
        process = subprocess.Popen(  # noqa: S603 - our own interpreter and arguments
            command,
            cwd=settings.BASE_DIR,
            env=env,
            stdout=output,
            stderr=subprocess.STDOUT,
        )
    scheduler = Worker(process, tmp, log)
    deadline = time.monotonic() + 60
    while "ran certificates-progress-sweep" not in log.read_text():
        if process.poll() is not None or time.monotonic() > deadline:
            worker_stop(scheduler)
            raise RuntimeError(f"run_scheduler did not start:\n{scheduler.log_tail()}")
        time.sleep(0.2)
    return scheduler
