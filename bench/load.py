"""Serving the portal as in production and loading it from another process: the
page benchmark's gunicorn (2 sync workers) and wrk (Debian's ``wrk`` package)."""

import json
import math
import os
import socket
import subprocess
import sys
import time
from pathlib import Path

import report

MIN_REQUESTS = 20  # per measurement, for a p95 worth reading


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def serve(port: int, static_root: str, served_with: dict[str, str]) -> subprocess.Popen:
    """gunicorn, 2 sync workers, production settings (and ``served_with``: the
    secret, the cache and broker), its static files collected first."""
    env = {
        **os.environ,
        "DEBUG": "false",
        "ALLOWED_HOSTS": "127.0.0.1",
        "STATIC_ROOT": static_root,
        "BENCH_FLOOR_VIEW": "true",
        **served_with,
    }
    python = sys.executable
    subprocess.run(  # noqa: S603 - our own interpreter and arguments
        [python, "manage.py", "collectstatic", "--noinput", "-v0"],
        cwd=report.ROOT,
        env=env,
        check=True,
    )
    server = subprocess.Popen(  # noqa: S603 - our own gunicorn and arguments
        [
            str(Path(python).with_name("gunicorn")),
            "credentials_portal.wsgi",
            "--workers",
            "2",
            "--bind",
            f"127.0.0.1:{port}",
            "--log-level",
            "warning",
        ],
        cwd=report.ROOT,
        env=env,
    )
    for _ in range(100):
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
            return server
        except OSError:
            time.sleep(0.2)
    server.kill()
    raise SystemExit("gunicorn did not start")


def wrk(
    url: str,
    cookie: str | None,
    seconds: int,
    connections: int = 2,
    warm: int = 2,
    token: str | None = None,
) -> dict:
    """Warm up, then measure; a page too slow to answer ``MIN_REQUESTS`` times in
    ``seconds`` is measured again for long enough."""
    headers = ["-H", "X-Forwarded-Proto: https"]
    if cookie:
        headers += ["-H", f"Cookie: sessionid={cookie}"]
    if token:
        headers += ["-H", f"Authorization: Bearer {token}"]
    script = str(Path(__file__).with_name("wrk_report.lua"))
    base = [
        "wrk",
        "-t1",
        f"-c{connections}",
        "--timeout",
        "30s",
        *headers,
        "-s",
        script,
    ]

    def run(duration: int) -> dict:
        out = subprocess.run(  # noqa: S603 - wrk and its arguments are ours
            [*base, f"-d{duration}s", url], check=True, capture_output=True, text=True
        ).stdout
        result = json.loads(out.strip().splitlines()[-1])
        # wrk leaves its last requests in flight and the sync workers finish
        # them: wait, so that the next measurement starts on idle workers.
        time.sleep(min(30.0, result["max"] / 1000 if result["requests"] else duration))
        return result

    warmed = run(warm)
    result = run(seconds)
    # (a smoke run measures again only a page that answered nothing: it must not
    # fail on timing, on a busy machine)
    if result["requests"] < MIN_REQUESTS and (seconds > 1 or not result["requests"]):
        per_request = (result["p50"] or warmed["p50"] or seconds * 1000) / 1000
        result = run(min(300, math.ceil(MIN_REQUESTS * per_request / 2) + seconds))
    if result["errors"] or result["non2xx"] or not result["requests"]:
        raise SystemExit(f"{url}: {result}")
    return result
