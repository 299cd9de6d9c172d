"""A real ``celery beat`` process for the tests, sending CELERY_BEAT_SCHEDULE to
the workers started by ``worker.py`` (same Redis, same test database)."""

import os
import sys
import time
from pathlib import Path

from tests import clock

from .worker import REDIS_URL, Worker, process_start, test_database_url


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
    return process_start(
        command,
        env=env,
        media=tmp,
        log=log,
        ready="beat: Starting...",
        what="celery beat",
    )


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
    return process_start(
        command,
        env=env,
        media=tmp,
        log=log,
        ready="ran certificates-progress-sweep",
        what="run_scheduler",
    )
