"""A full completion re-evaluation (the daily progress sweep) of every active
enrollment, against its floor in the same run.

Usage: .venv/bin/python bench/sweep_bench.py [--sample 300] [--write]

Times ``progress_sweep`` on the database in DATABASE_URL. Floor: reading the
active (learner, unit) pairs alone, the one query any re-evaluation starts from.
For comparison it also times the evaluation of every pair without the screen
(``progress_evaluate`` on ``--sample`` pairs, scaled to all of them). An award the
sweep requests goes to Redis ``BENCH_REDIS_URL`` (no worker: a consistent dataset
earns none); the benchmark says how many it requested.
"""

import argparse
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import report
import worker as bench_worker

report.django_setup(CELERY_BROKER_URL=bench_worker.REDIS_URL)

from django.db import transaction  # noqa: E402

from certificates.services.evaluation import progress_evaluate, progress_sweep  # noqa: E402
from core import clock  # noqa: E402
from enrollments.models import Enrollment  # noqa: E402

TARGET_S = 60


def active_pairs() -> list[tuple[int, int]]:
    return list(
        Enrollment.objects.filter(status=Enrollment.Status.ACTIVE)
        .values_list("learner_id", "offering__unit_id")
        .order_by("learner_id", "offering__unit_id")
        .distinct()
    )


def unscreened_ms_per_pair(pairs, sample: int, today) -> float:
    """Each sampled pair evaluated in full, rolled back (the sample is spread
    over the whole list)."""
    step = max(1, len(pairs) // sample)
    chosen = pairs[::step][:sample]
    started = time.perf_counter()
    for learner_id, unit_id in chosen:
        with transaction.atomic():
            progress_evaluate(learner_id=learner_id, unit_id=unit_id, today=today)
            transaction.set_rollback(True)
    return (time.perf_counter() - started) * 1000 / len(chosen)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--sample", type=int, default=300)
    parser.add_argument("--write", action="store_true")
    parser.add_argument(
        "--smoke", action="store_true", help="a sample of 5 pairs: checks it runs"
    )
    args = parser.parse_args()
    if args.smoke:
        args.sample = 5
    today = clock.today()
    started = time.perf_counter()
    pairs = active_pairs()
    floor = time.perf_counter() - started
    started = time.perf_counter()
    requested = progress_sweep(today=today)["requested"]
    sweep = time.perf_counter() - started
    per_pair = unscreened_ms_per_pair(pairs, args.sample, today)
    unscreened = per_pair * len(pairs) / 1000
    active = Enrollment.objects.filter(status=Enrollment.Status.ACTIVE).count()
    verdict = "met" if sweep < TARGET_S else f"MISSED by {sweep / TARGET_S:.1f}x"
    unscreened_verdict = (
        "met"
        if unscreened < TARGET_S
        else f"would miss by {unscreened / TARGET_S:.0f}x"
    )
    body = "\n".join(
        [
            report.stamp(
                "DATABASE_URL=... .venv/bin/python bench/sweep_bench.py "
                + " ".join(sys.argv[1:])
            ),
            f"{active:,} active enrollments ({len(pairs):,} learner and unit pairs) of "
            f"{Enrollment.objects.count():,}; the sweep requested {requested} awards.",
            "",
            "| what | time (s) | / floor | target < 60 s |",
            "| --- | ---: | ---: | --- |",
            f"| `progress_sweep` (screened) | {sweep:.1f} | "
            f"{report.ratio(sweep, floor)} | {verdict} |",
            f"| floor: reading the active pairs | {floor:.2f} | 1.0x | |",
            f"| every pair evaluated in full, estimated from {args.sample} pairs "
            f"({per_pair:.1f} ms each) | {unscreened:.0f} | "
            f"{report.ratio(unscreened, floor)} | {unscreened_verdict} |",
        ]
    )
    sys.stdout.write(body + "\n")
    report.fragment_write(
        "sweep",
        {"sweep_s": sweep, "sweep_floor_s": floor, "active_pairs": len(pairs)},
    )
    if args.write:
        report.section_write("sweep", body)


if __name__ == "__main__":
    main()
