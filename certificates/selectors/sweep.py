"""Which active enrollments the progress sweep must evaluate: a set-based screen.

Evaluating one learner and unit costs about twenty queries; at 100,000 active
enrollments that is far too slow for a sweep every few minutes. Most pairs cannot earn
anything on the day: the unit is already held or its run has not ended, and the
programs it counts toward are held or not met. This screen reads the facts for
every pair in a few queries and keeps only the pairs that may earn an award; the
sweep evaluates those through the one authoritative path (``progress_evaluate``).

The screen only ever drops a pair for a necessary condition that fails:
- its unit is held, or the learner's run of it ends after ``today``
  (``award_may_be_earned``), and
- each program of the unit is held, or reads only completed units and is not met
  by the learner's completed units (the pure ``evaluate``). A program whose rules
  read requirements is always evaluated.
Units that build on the pair's unit are enrolled actively, so they are pairs of
their own and screened as such.
"""

import datetime as dt
from collections import defaultdict
from collections.abc import Iterator

from django.db.models import Max

from core import clock
from enrollments.models import Enrollment, PastCompletion
from programs.models import Unit

from ..evaluators import LearnerFacts, evaluate
from ..models import Award
from ..models.awards import HELD_STATUSES
from ..time_rules import award_may_be_earned
from .facts import credentials_with_rules, programs_for_rules
from .record import run_end


def _active_pairs() -> set[tuple[int, int]]:
    return set(
        Enrollment.objects.filter(status=Enrollment.Status.ACTIVE).values_list(
            "learner_id", "offering__unit_id"
        )
    )


def _runs_end_on(learners: set[int]) -> dict[tuple[int, int], dt.date | None]:
    """As ``learner_runs_end_on``, for every learner and unit at once."""
    rows = (
        Enrollment.objects.exclude(status=Enrollment.Status.WITHDRAWN)
        .values(
            "learner_id",
            "offering__unit_id",
            "offering_id",
            "offering__end_date",
            "offering__unit__provider__time_zone",
        )
        .annotate(last_session=Max("offering__sessions__starts_at"))
    )
    ends: dict[tuple[int, int], list[dt.date]] = defaultdict(list)
    for row in rows.iterator(chunk_size=5000):
        if row["learner_id"] not in learners:
            continue
        day = run_end(
            offering_end=row["offering__end_date"],
            last_session=row["last_session"],
            zone=clock.zone_named(row["offering__unit__provider__time_zone"]),
        )
        key = (row["learner_id"], row["offering__unit_id"])
        ends.setdefault(key, [])
        if day is not None:
            ends[key].append(day)
    return {key: max(days) if days else None for key, days in ends.items()}


def _held(learners: set[int]) -> tuple[dict[int, set[int]], dict[int, set[int]]]:
    units: dict[int, set[int]] = defaultdict(set)
    programs: dict[int, set[int]] = defaultdict(set)
    rows = Award.objects.filter(status__in=HELD_STATUSES).values_list(
        "learner_id", "unit_id", "program_id"
    )
    for learner_id, unit_id, program_id in rows.iterator(chunk_size=5000):
        if learner_id in learners:
            (units[learner_id] if unit_id else programs[learner_id]).add(
                unit_id or program_id
            )
    return units, programs


def _completed(learners: set[int]) -> dict[int, set[int]]:
    """Units completed here or before, as ``facts.completed_unit_ids_for``."""
    done: dict[int, set[int]] = defaultdict(set)
    enrolled = Enrollment.objects.filter(
        status=Enrollment.Status.COMPLETED
    ).values_list("learner_id", "offering__unit_id")
    past = PastCompletion.objects.values_list("learner_id", "unit_id")
    for rows in (enrolled, past):
        for learner_id, unit_id in rows.iterator(chunk_size=5000):
            if learner_id in learners:
                done[learner_id].add(unit_id)
    return done


def sweep_candidates(
    *, today: dt.date | None = None, now: dt.datetime | None = None
) -> Iterator[tuple[int, int]]:
    """The active (learner, unit) pairs that may earn an award on ``today`` (each
    unit's provider's day at ``now`` unless given), in the order the full sweep
    evaluates them."""
    pairs = _active_pairs()
    learners = {learner_id for learner_id, _ in pairs}
    ends = _runs_end_on(learners)
    held_units, held_programs = _held(learners)
    completed = _completed(learners)
    units = (
        Unit.objects.filter(pk__in={u for _, u in pairs})
        .select_related("provider")
        .prefetch_related("programs")
    )
    programs_of = {u.pk: [p.pk for p in u.programs.all()] for u in units}
    moment = now or clock.now()
    day_of = {u.pk: today or clock.local_day(moment, u.provider.zone) for u in units}
    programs = programs_for_rules(p for ids in programs_of.values() for p in ids)
    credentials = {
        c.program.pk: c
        for c in credentials_with_rules(units=[], programs=programs)
        if c.program is not None
    }
    for learner_id, unit_id in sorted(pairs):
        unit_open = unit_id not in held_units[learner_id] and award_may_be_earned(
            ends_on=ends.get((learner_id, unit_id)), today=day_of[unit_id]
        )
        facts = LearnerFacts(
            today=day_of[unit_id],
            completed_unit_ids=frozenset(
                completed[learner_id] | held_units[learner_id]
            ),
        )
        if unit_open or any(
            _program_may_be_earned(credentials[p], facts)
            for p in programs_of.get(unit_id, [])
            if p not in held_programs[learner_id]
        ):
            yield learner_id, unit_id


def _program_may_be_earned(credential, facts: LearnerFacts) -> bool:
    if any(rule.requirements for rule in credential.rules):
        return True
    return evaluate(credential.rules, facts).is_complete
