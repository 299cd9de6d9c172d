"""A facilitator's Met click: its time and its SQL statements, in-process.

Usage: .venv/bin/python bench/met_bench.py [--count 50] [--write] [--smoke]

A facilitator POSTs Met on the final project of ``count`` learners of a Loyola
Full run that ended yesterday (``fixtures.final_reviews_prepare``: each Met earns
the micro-credential), through the Django test client in this process, one after
the other: the time from the request to the response (the redirect to the queue),
and every SQL statement the request runs (``CaptureQueriesContext``, savepoints
included). The broker is Redis ``BENCH_REDIS_URL`` (db 1; no worker takes
anything here), as in production: the request commits the review with its
"re-evaluate" row and only enqueues the evaluation
(``certificates.progress_evaluate``), so the figures are the request's alone.
Without a broker the evaluation would run in-process after commit, inside the
test client's request, and be counted. The floor is the floor view
(``credentials_portal/bench_floor.py``) asked by the same facilitator in the
same way. ``--write`` replaces the "met" section of docs/benchmarks.md.
"""

import argparse
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import report
import worker as bench_worker

report.django_setup(
    BENCH_FLOOR_VIEW="true",
    CELERY_BROKER_URL=bench_worker.REDIS_URL,
    EMAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend",
)

import fixtures  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402

TARGET_P95_MS = 150
TARGET_STATEMENTS = 30
FLOOR = "/bench/floor/"


def _timed(client: Client, method: str, url: str, **data) -> tuple[float, int, int]:
    with CaptureQueriesContext(connection) as queries:
        started = time.perf_counter()
        response = getattr(client, method)(url, data or None, secure=True)
        elapsed = (time.perf_counter() - started) * 1000
    return elapsed, len(queries), response.status_code


def measure(count: int) -> dict:
    facilitator, versions = fixtures.final_reviews_prepare(count)
    client = Client()
    client.force_login(facilitator)
    times, statements, floor_times = [], [], []
    for version in versions:
        floor_ms, _, _ = _timed(client, "get", FLOOR)
        floor_times.append(floor_ms)
        url = f"/review/submissions/{version.submission_id}/"
        elapsed, count_sql, status = _timed(client, "post", url, decision="met")
        if status != 302:
            raise SystemExit(f"Met on {url} answered {status}")
        times.append(elapsed)
        statements.append(count_sql)
    return {
        "clicks": count,
        "met_p50_ms": report.median(times),
        "met_p95_ms": report.percentile(times, 95),
        "met_floor_p95_ms": report.percentile(floor_times, 95),
        "met_sql_statements": max(statements),
        "met_sql_statements_min": min(statements),
    }


def table(figures: dict) -> str:
    p95, statements = figures["met_p95_ms"], figures["met_sql_statements"]
    verdict_time = (
        "met" if p95 < TARGET_P95_MS else f"MISSED by {p95 / TARGET_P95_MS:.1f}x"
    )
    verdict_sql = (
        "met"
        if statements <= TARGET_STATEMENTS
        else f"MISSED by {statements / TARGET_STATEMENTS:.1f}x"
    )
    return "\n".join(
        [
            report.stamp(
                "DATABASE_URL=... .venv/bin/python bench/met_bench.py "
                + " ".join(sys.argv[1:])
            ),
            f"{figures['clicks']} Met clicks on a final project, one after the other, "
            "in-process (Django test client); SQL statements counted per request.",
            "",
            "| clicks | p50 (ms) | p95 (ms) | floor p95 (ms) | p95 / floor "
            "| SQL statements (min / max) | targets |",
            "| ---: | ---: | ---: | ---: | ---: | ---: | --- |",
            f"| {figures['clicks']} | {figures['met_p50_ms']:.0f} | {p95:.0f} | "
            f"{figures['met_floor_p95_ms']:.1f} | "
            f"{report.ratio(p95, figures['met_floor_p95_ms'])} | "
            f"{figures['met_sql_statements_min']} / {statements} | "
            f"p95 < {TARGET_P95_MS} ms {verdict_time}; "
            f"at most {TARGET_STATEMENTS} statements {verdict_sql} |",
        ]
    )


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--count", type=int, default=50)
    parser.add_argument("--write", action="store_true")
    parser.add_argument("--smoke", action="store_true", help="two clicks")
    args = parser.parse_args()
    figures = measure(2 if args.smoke else args.count)
    body = table(figures)
    sys.stdout.write(body + "\n")
    report.fragment_write("met", figures)
    if args.write:
        report.section_write("met", body)


if __name__ == "__main__":
    main()
