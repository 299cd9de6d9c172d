"""Issuance with a real Celery worker on Redis, each against its floor, the warm
render of one certificate measured in the same run.

Usage: .venv/bin/python bench/issuance_bench.py latency [--count 200] [--write]
       .venv/bin/python bench/issuance_bench.py bulk [--count 1000] [--write]

``latency``: a facilitator records the final review (Met) of a Loyola Full
micro-credential whose run ended yesterday, through ``review_decide``; the time runs
from that transaction's commit to the award's PDF stored and its email sent
(``emailed_at``), one issuance after the other, with a worker of 2 processes. The
evaluation that requests the award runs in the worker too, after the commit
(``certificates.progress_evaluate``), so it is inside the figure.
``bulk``: ``award_request`` writes ``count`` pending CMTE workshop awards (one
certificate each) in one transaction; the time runs from its commit until every
one is emailed, with a worker of 2 processes; the workers' memory is sampled
every second. The worker uses Redis ``BENCH_REDIS_URL`` (default db 1) and the
database in DATABASE_URL; email goes to Django's in-memory backend. Each run adds
its own learners (``issuance-*@bench.test``, ``bulk-*@bench.test``).
"""

import argparse
import shutil
import sys
import tempfile
import time
from functools import partial
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import report
import worker as bench_worker

report.django_setup(
    CELERY_BROKER_URL=bench_worker.REDIS_URL,
    EMAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend",
)
WARM_UP = 2  # issuances first, one per worker process, left out of the figures

import fixtures  # noqa: E402
from render_bench import OUTPUTS, SNAPSHOT  # noqa: E402


def warm_render_ms(count: int = 20) -> float:
    """The floor: the median warm render of a one-page certificate, in-process."""
    from certificates import rendering
    from certificates.models import Award

    output = OUTPUTS["certificate (landscape)"]
    times = []
    for _ in range(count + 1):
        started = time.perf_counter()
        rendering.render_document(award=Award(snapshot=SNAPSHOT), output=output)
        times.append((time.perf_counter() - started) * 1000)
    return report.median(times[1:])


def _now_into(times: list[float]) -> None:
    times.append(time.time())


def latency(count: int, renders: int = 20) -> str:
    from django.db import transaction

    from certificates.models import Award
    from reviews.services.reviews import review_decide

    floor = warm_render_ms(renders)
    facilitator, versions = fixtures.final_reviews_prepare(count + WARM_UP)
    tmp = Path(tempfile.mkdtemp(prefix="bench-issuance-"))
    worker = bench_worker.worker_start(tmp, concurrency=2)
    times: list[float] = []
    try:
        for version in versions:
            committed: list[float] = []
            with transaction.atomic():
                transaction.on_commit(partial(_now_into, committed))
                review_decide(reviewer=facilitator, version=version, decision="met")
            learner_id = version.submission.enrollment.learner_id
            deadline = time.monotonic() + 60
            while True:
                award = Award.objects.filter(learner_id=learner_id).first()
                if award and award.emailed_at and award.documents.exists():
                    break
                if time.monotonic() > deadline:
                    raise SystemExit(f"No issuance after 60 s:\n{worker.tail()}")
                time.sleep(0.01)
            times.append((award.emailed_at.timestamp() - committed[0]) * 1000)
            stored = tmp / "media" / award.documents.get().file.name
            if not stored.exists():
                raise SystemExit(f"{stored} was not stored")
    finally:
        bench_worker.worker_stop(worker)
        shutil.rmtree(tmp, ignore_errors=True)
    times = times[WARM_UP:]
    p50, p95 = report.median(times), report.percentile(times, 95)
    verdict = "met" if p95 < 2000 else f"MISSED by {p95 / 2000:.1f}x"
    report.fragment_write(
        "latency",
        {
            "issuances": count,
            "met_to_pdf_p50_ms": p50,
            "met_to_pdf_p95_ms": p95,
            "render_p50_ms": floor,
        },
    )
    return "\n".join(
        [
            report.stamp(
                "DATABASE_URL=... .venv/bin/python bench/issuance_bench.py latency "
                f"--count {count}"
            ),
            f"{count} issuances one after the other (after {WARM_UP} to warm the "
            "worker), worker of 2 prefork processes; the floor is the warm render of "
            "one certificate in the benchmark's process.",
            "",
            "| issuances | p50 (ms) | p95 (ms) | max (ms) | floor: warm render (ms) "
            "| p95 / floor | target p95 < 2 s |",
            "| ---: | ---: | ---: | ---: | ---: | ---: | --- |",
            f"| {count} | {p50:.0f} | {p95:.0f} | {max(times):.0f} | {floor:.0f} | "
            f"{report.ratio(p95, floor)} | {verdict} |",
        ]
    )


def bulk(count: int, renders: int = 20) -> str:
    from django.conf import settings

    floor = warm_render_ms(renders)
    tmp = Path(tempfile.mkdtemp(prefix="bench-bulk-"))
    worker = bench_worker.worker_start(tmp, concurrency=2)
    try:
        # One award first, so that both processes have rendered before the clock.
        stamp = int(time.time())
        fixtures.awards_request(2, prefix=f"bulkwarm{stamp}")
        fixtures.wait_emailed(prefix=f"bulkwarm{stamp}", count=2, worker=worker)
        before = worker.children_rss_mib()
        samples = []
        started = time.time()
        fixtures.awards_request(count, prefix=f"bulk{stamp}")
        committed = time.time()
        while True:
            samples.append(sum(worker.children_rss_mib()))
            done = fixtures.emailed(f"bulk{stamp}")
            if done >= count:
                break
            if time.time() - committed > 600:
                raise SystemExit(
                    f"{done} of {count} after 10 minutes:\n{worker.tail()}"
                )
            time.sleep(1)
        wall = time.time() - committed
        after = worker.children_rss_mib()
    finally:
        bench_worker.worker_stop(worker)
        shutil.rmtree(tmp, ignore_errors=True)
    ideal = floor * count / 2 / 1000
    verdict = "met" if wall < 120 else f"MISSED by {wall / 120:.1f}x"
    growth = sum(after) - sum(before)
    report.fragment_write(
        "bulk",
        {
            "certificates": count,
            "bulk_s": wall,
            "bulk_floor_s": ideal,
            "worker_rss_mib": [sum(before), max(samples), sum(after)],
        },
    )
    return "\n".join(
        [
            report.stamp(
                "DATABASE_URL=... .venv/bin/python bench/issuance_bench.py bulk "
                f"--count {count}"
            ),
            f"{count} awards requested in one transaction "
            f"({committed - started:.1f} s), issued by a worker of 2 prefork processes "
            "(warmed by two awards first; each process replaced after "
            f"{settings.CELERY_WORKER_MAX_TASKS_PER_CHILD} tasks); the floor is the "
            "warm render of one certificate times the count over 2 processes.",
            "",
            "| certificates | wall time (s) | per certificate (ms) | floor (s) "
            "| wall / floor "
            "| worker RSS before / peak / after (MiB) | target < 2 min |",
            "| ---: | ---: | ---: | ---: | ---: | ---: | --- |",
            f"| {count} | {wall:.1f} | {wall * 1000 / count:.0f} | {ideal:.1f} | "
            f"{report.ratio(wall, ideal)} | {sum(before):.0f} / {max(samples):.0f} / "
            f"{sum(after):.0f} ({growth:+.0f}) | {verdict} |",
            "",
            "Per process before and after (MiB): "
            + ", ".join(
                f"{b:.0f} -> {a:.0f}" for b, a in zip(before, after, strict=False)
            ),
        ]
    )


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("mode", choices=["latency", "bulk"])
    parser.add_argument("--count", type=int)
    parser.add_argument("--write", action="store_true")
    parser.add_argument(
        "--smoke",
        action="store_true",
        help="one issuance (two in bulk) and two warm renders: checks it runs",
    )
    args = parser.parse_args()
    renders = 2 if args.smoke else 20
    if args.mode == "latency":
        body = latency(args.count or (1 if args.smoke else 200), renders)
    else:
        body = bulk(args.count or (2 if args.smoke else 1000), renders)
    sys.stdout.write(body + "\n")
    if args.write:
        report.section_write(args.mode, body)


if __name__ == "__main__":
    main()
