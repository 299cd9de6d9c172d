"""Building the whole dataset in one transaction; the counts are returned."""

import random
import time
from collections.abc import Callable

from django.contrib.auth import get_user_model
from django.db import connection, transaction

from core import clock
from core.versioned import source_written
from enrollments.models.enrollment import PLACES

from .awards import awards_rows, awards_write
from .catalogue import catalogue_load, cohorts_create, staff_load
from .copying import analyze
from .learners import PHASES, enrollments_plan, enrollments_write, learners_write
from .scales import Scale
from .work import work_plan, work_rows, work_write

# Program awards add about this share to the unit awards of completed enrollments.
PROGRAM_AWARD_SHARE = 0.07


class NotPostgres(Exception):
    """The generator writes with PostgreSQL's COPY."""


def bench_data_generate(
    *, scale: Scale, seed: int = 11, say: Callable[[str], None] = lambda _: None
) -> dict[str, int]:
    if connection.vendor != "postgresql":
        raise NotPostgres(
            f"bench_data needs PostgreSQL (DATABASE_URL); this is {connection.vendor}."
        )
    if get_user_model().objects.filter(email__endswith="@bench.test").exists():
        raise FileExistsError(
            "This database already holds generated data: use an empty database."
        )
    rng = random.Random(seed)  # noqa: S311 - reproducible data, not secrets
    started = time.perf_counter()

    def step(label: str) -> None:
        say(f"{time.perf_counter() - started:7.1f} s  {label}")

    with transaction.atomic():
        # The enrollments are copied in, with no signal: the catalogue's places
        # taken are read anew once this commits (``core.versioned``).
        source_written(PLACES)
        units = catalogue_load(clock.today())
        _, facilitators = staff_load(scale)
        cohorts = cohorts_create(
            units=units, scale=scale, facilitators=facilitators, rng=rng
        )
        step(f"catalogue: {len(units)} units, {len(cohorts)} cohorts")
        past_share = dict(PHASES)["past"]
        complete_share = min(
            1.0,
            scale.awards / (1 + PROGRAM_AWARD_SHARE) / (scale.enrollments * past_share),
        )
        learners, planned = enrollments_plan(
            scale=scale,
            units=units,
            cohorts=cohorts,
            rng=rng,
            complete_share=complete_share,
        )
        learners_write(learners, rng)
        step(f"{len(learners)} learners")
        rows = work_rows(work_plan(planned, rng, scale.versions), rng)
        work = work_write(rows)
        step(
            f"{work['submissions']} submissions, {work['versions']} versions, "
            f"{work['reviews']} reviews"
        )
        award_rows = awards_rows(
            planned=planned, done_at=rows.done_at, learners=learners, rng=rng
        )
        awards = awards_write(award_rows)
        enrollments = enrollments_write(planned)
        step(f"{enrollments} enrollments, {awards} awards")
    analyze()
    step("analyzed")
    return {
        "learners": len(learners),
        "enrollments": enrollments,
        **work,
        "awards": awards,
        "cohorts": len(cohorts),
    }
