"""A real Celery worker on Redis for the issuance benchmarks, and its memory."""

import os
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

from report import ROOT

REDIS_URL = os.environ.get("BENCH_REDIS_URL", "redis://127.0.0.1:6379/1")


@dataclass
class Worker:
    process: subprocess.Popen
    log: Path

    def tail(self, lines: int = 30) -> str:
        return "\n".join(self.log.read_text().splitlines()[-lines:])

    def children_rss_mib(self) -> list[float]:
        """Resident memory of each pool process (prefork children)."""
        pid = self.process.pid
        children = Path(f"/proc/{pid}/task/{pid}/children").read_text().split()
        return [_rss_mib(int(child)) for child in children]


def _rss_mib(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return 0.0


def worker_start(tmp: Path, *, concurrency: int) -> Worker:
    """``celery worker`` (prefork, ``concurrency`` processes, both queues) on the
    database in DATABASE_URL; documents go to ``tmp``/media, email to the in-memory
    backend."""
    import redis

    redis.Redis.from_url(REDIS_URL).flushdb()
    log = tmp / "worker.log"
    env = {
        **os.environ,
        "CELERY_BROKER_URL": REDIS_URL,
        "MEDIA_ROOT": str(tmp / "media"),
        "EMAIL_BACKEND": "django.core.mail.backends.locmem.EmailBackend",
    }
    command = [
        *(sys.executable, "-m", "celery", "-A", "credentials_portal", "worker"),
        *("--pool=prefork", f"--concurrency={concurrency}", "--loglevel=WARNING"),
        # One worker on both queues: renders, and the email sent after each.
        *("--queues", "rendering,email"),
        *("--without-gossip", "--without-mingle", "--without-heartbeat"),
        *("--hostname", f"bench-{os.getpid()}@%h"),
    ]
    with log.open("w") as output:
        process = subprocess.Popen(  # noqa: S603 - our own interpreter and arguments
            command, cwd=ROOT, env=env, stdout=output, stderr=subprocess.STDOUT
        )
    worker = Worker(process, log)
    deadline = time.monotonic() + 90
    while len(_children(process.pid)) < concurrency:
        if process.poll() is not None or time.monotonic() > deadline:
            worker_stop(worker)
            raise SystemExit(f"The Celery worker did not start:\n{worker.tail()}")
        time.sleep(0.2)
    time.sleep(2)
    return worker


def _children(pid: int) -> list[str]:
    path = Path(f"/proc/{pid}/task/{pid}/children")
    return path.read_text().split() if path.exists() else []


def worker_stop(worker: Worker) -> None:
    worker.process.terminate()
    try:
        worker.process.wait(timeout=30)
    except subprocess.TimeoutExpired:
        worker.process.kill()
        worker.process.wait(timeout=5)
