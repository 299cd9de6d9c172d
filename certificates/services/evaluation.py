"""Evaluating a learner's progress when it changes, and awarding what is earned."""

import datetime as dt
import logging
from collections.abc import Callable, Iterable
from contextlib import suppress
from dataclasses import replace
from functools import partial

from django.contrib.auth import get_user_model
from django.db import DatabaseError, transaction
from django.db.models import F

from core import clock
from enrollments.services.enrollment import enrollment_complete

from ..evaluators import LearnerFacts, evaluate, results_of
from ..models import Award, ProgressEvaluationRequest
from ..selectors.facts import (
    Credential,
    credentials_with_rules,
    learner_facts,
    programs_for_rules,
    units_for_rules,
)
from ..selectors.progress import (
    certified_unit_ids,
    dependent_unit_ids,
    enrollment_details,
    learner_runs_end_on,
)
from ..selectors.renewal import renewal_candidate_learner_ids
from ..selectors.sweep import sweep_candidates
from ..time_rules import award_may_be_earned
from .awards import award_request
from .renewal import learner_renewals_evaluate

logger = logging.getLogger(__name__)


@transaction.atomic
def progress_evaluate(
    *,
    learner_id: int,
    unit_id: int,
    today: dt.date | None = None,
    now: dt.datetime | None = None,
) -> list[Award]:
    """Evaluate the unit whose progress changed, the enrolled units that build on
    it, and the programs they count toward; request every award earned ``today``,
    then renew the learner's awards whose renewal rules are met (``renewal``).
    ``now`` (the clock's by default) dates the enrollments it completes, and its
    day in the unit's provider's zone is ``today`` unless given: an award is
    earned on the provider's local day of the event that completes it.

    Runs inside the caller's transaction: the worker's, after the change committed
    (``progress_request_evaluate``), or the sweep's. The learner's row is locked
    first: concurrent evaluations of one learner queue.
    """
    learner = get_user_model().objects.select_for_update().get(pk=learner_id)
    units = units_for_rules(
        {unit_id, *dependent_unit_ids(learner_id=learner_id, unit_id=unit_id)}
    )
    units.sort(key=lambda unit: unit.pk != unit_id)
    completed_at = now or clock.now()
    zone = units[0].provider.zone
    today = today or clock.local_day(completed_at, zone)
    programs = programs_for_rules(p.pk for u in units for p in u.programs.all())
    credentials = credentials_with_rules(units=units, programs=programs)
    facts = learner_facts(
        learner_id=learner_id, credentials=credentials, today=today, zone=zone
    )
    awarded = []
    # Units first: a unit awarded now counts toward its programs below.
    for credential in credentials:
        award, facts = _award_if_complete(learner, credential, facts, completed_at)
        if award:
            awarded.append(award)
    # After the units: a unit awarded now may bring the credits a renewal needs.
    return awarded + learner_renewals_evaluate(learner_id=learner_id, today=today)


def _award_if_complete(
    learner, credential: Credential, facts: LearnerFacts, completed_at: dt.datetime
) -> tuple[Award | None, LearnerFacts]:
    unit, program = credential.unit, credential.program
    if (unit and unit.pk in facts.held_unit_ids) or (
        program and program.pk in facts.held_program_ids
    ):
        return None, facts
    if not evaluate(credential.rules, facts).is_complete:
        return None, facts
    if not award_may_be_earned(
        ends_on=_certified_until(learner.pk, credential), today=facts.today
    ):
        return None, facts  # met early: the progress sweep earns it once the run ends
    track, offering, ceus, run_id = (
        enrollment_details(learner_id=learner.pk, unit_id=unit.pk)
        if unit
        else ("", "", None, None)
    )
    award, created = award_request(
        learner=learner,
        unit=unit,
        program=program,
        run_id=run_id if unit and unit.earned_per_run else None,
        earned_on=facts.today,
        track=track,
        offering=offering,
        ceus=ceus,
        results=results_of(credential.rules, facts),
    )
    if not created:
        return None, facts
    if unit:
        enrollment_complete(
            learner_id=learner.pk,
            unit_id=unit.pk,
            completed_at=completed_at,
            reason=f"completion rules met: award {award.pk} requested",
        )
        facts = replace(
            facts,
            completed_unit_ids=facts.completed_unit_ids | {unit.pk},
            held_unit_ids=facts.held_unit_ids | {unit.pk},
        )
    elif program is not None:
        facts = replace(facts, held_program_ids=facts.held_program_ids | {program.pk})
    return award, facts


def _certified_until(learner_id: int, credential: Credential) -> dt.date | None:
    """The last day of the runs an award certifies (``certified_unit_ids``)."""
    unit_ids = certified_unit_ids(credential)
    if not unit_ids:
        return None
    return learner_runs_end_on(learner_id=learner_id, unit_ids=unit_ids)


def progress_request_evaluate(*, learner_id: int, unit_id: int) -> list[Award] | None:
    """Evaluate the learner's waiting requests in the unit (``progress_evaluate`` at
    the latest of their moments) and delete them in the same transaction as the
    awards it requests; None when there is none to evaluate.

    Idempotent: a second delivery finds no request (deleted with the awards) or
    only rows another worker holds (skipped, not waited for: that worker
    evaluates them). A change committed meanwhile is a new row, evaluated by its
    own task. When the evaluation raises, nothing of it is kept, the requests stay
    with the failure counted, and the error is raised again.
    """
    held: list[int] = []
    try:
        with transaction.atomic():
            requests = list(
                ProgressEvaluationRequest.objects.select_for_update(skip_locked=True)
                .filter(learner_id=learner_id, unit_id=unit_id)
                .only("pk", "changed_at")
            )
            if not requests:
                return None
            held = [request.pk for request in requests]
            awards = progress_evaluate(
                learner_id=learner_id,
                unit_id=unit_id,
                now=max(request.changed_at for request in requests),
            )
            ProgressEvaluationRequest.objects.filter(pk__in=held).delete()
    except Exception as error:
        # A database that is itself failing cannot count the attempt: the original
        # error is raised all the same (the task retries it, the sweep after it).
        with suppress(DatabaseError), transaction.atomic():
            ProgressEvaluationRequest.objects.filter(pk__in=held).update(
                attempts=F("attempts") + 1, last_error=repr(error)[:2000]
            )
        raise
    return awards


def progress_requests_evaluate() -> tuple[int, int]:
    """Evaluate every waiting request, oldest change first, each in its own
    transaction; return (awards requested, evaluations failed). A failure is
    logged and left for the next sweep; the others are still evaluated."""
    pending = (
        ProgressEvaluationRequest.objects.order_by()
        .values_list("learner_id", "unit_id")
        .distinct()
    )
    return _each_pair(list(pending), progress_request_evaluate)


def progress_sweep(
    *, today: dt.date | None = None, now: dt.datetime | None = None
) -> dict[str, int]:
    """Evaluate the changes still waiting (``progress_requests_evaluate``), then
    re-evaluate the active enrollments that may earn an award; return how many
    awards were requested and how many learner-and-unit evaluations failed.
    Each unit is judged on its provider's day at ``now`` unless ``today`` is given.

    Catches what no progress change announced: a completion rule an admin adds or
    loosens after learners already meet it, a run that has ended. The pairs that
    cannot earn anything today are screened out in a few queries
    (``selectors.sweep``); each other learner and unit is evaluated in its own
    transaction, so one failure does not undo the others' awards. A pair whose
    evaluation raises is logged and skipped: the others are still evaluated, and
    the next sweep tries it again.
    """
    changed, changed_failed = progress_requests_evaluate()
    requested, failed = _each_pair(
        sweep_candidates(today=today, now=now),
        partial(progress_evaluate, today=today, now=now),
    )
    renewed, renewal_failed = _renewals_sweep(
        today=today or clock.local_day(now or clock.now())
    )
    return {
        "requested": changed + requested + renewed,
        "failed": changed_failed + failed + renewal_failed,
    }


def _each_pair(
    pairs: Iterable[tuple[int, int]], evaluate: Callable[..., list[Award] | None]
) -> tuple[int, int]:
    """``evaluate`` each learner and unit; (awards requested, evaluations failed).
    A failure is logged and skipped: the next sweep tries it again."""
    requested = failed = 0
    for learner_id, unit_id in pairs:
        try:
            awards = evaluate(learner_id=learner_id, unit_id=unit_id)
        except Exception:
            logger.exception(
                "The progress sweep could not evaluate learner %s in unit %s",
                learner_id,
                unit_id,
            )
            failed += 1
            continue
        requested += len(awards or [])
    return requested, failed


def _renewals_sweep(*, today: dt.date) -> tuple[int, int]:
    """Renew what is due for the learners whose renewal window holds ``today``
    (a window may open with its rules already met); each learner in their own
    transaction, a failure logged and tried again by the next sweep."""
    renewed = failed = 0
    for learner_id in renewal_candidate_learner_ids(today=today):
        try:
            awards = learner_renewals_evaluate(learner_id=learner_id, today=today)
        except Exception:
            logger.exception(
                "The progress sweep could not evaluate the renewals of learner %s",
                learner_id,
            )
            failed += 1
            continue
        renewed += len(awards)
    return renewed, failed
