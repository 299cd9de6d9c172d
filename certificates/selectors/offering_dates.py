"""What changing an offering's dates does, shown to the admin before it is saved.

Three consequences: learners who meet every rule of the unit and whose award
becomes due with the new dates (the run's last day is no longer ahead); the
requirements whose deadlines move (those relative to the run); an enrollment
window that no longer fits inside the run. The same pure rules as everywhere:
``award_may_be_earned``, ``evaluate``, ``requirement_deadline_on``.
"""

import datetime as dt
from dataclasses import dataclass, field
from types import SimpleNamespace

from django.contrib.auth import get_user_model
from django.db.models import Max
from django.utils.translation import gettext as _

from core import clock
from enrollments.deadlines import requirement_deadline_on
from enrollments.models import Enrollment
from programs.models import Offering
from programs.zones import offering_zone

from ..evaluators import evaluate
from ..time_rules import award_may_be_earned
from .facts import credentials_with_rules, learners_facts, units_for_rules
from .record import run_end

DATE_FIELDS = ["start_date", "end_date", "enrollment_opens", "enrollment_closes"]


@dataclass(frozen=True)
class DeadlineMove:
    requirement: str
    before: dt.date | None
    after: dt.date | None


@dataclass(frozen=True)
class OfferingDatesPreview:
    offering: str
    changes: list[tuple[str, dt.date | None, dt.date | None]]
    becoming_due: list = field(default_factory=list)  # learners
    deadlines: list[DeadlineMove] = field(default_factory=list)
    window_problems: list[str] = field(default_factory=list)
    learners_compared: int = 0


def _run_end(offering, last_session, zone: dt.tzinfo) -> dt.date | None:
    return run_end(offering_end=offering.end_date, last_session=last_session, zone=zone)


def _becoming_due(saved: Offering, proposed, today: dt.date) -> tuple[list, int]:
    """Learners of the run who meet the unit's rules, hold no award for it, and
    whose award is due with the proposed dates but was not with the saved ones."""
    learner_ids = set(
        Enrollment.objects.filter(offering=saved)
        .exclude(status=Enrollment.Status.WITHDRAWN)
        .values_list("learner_id", flat=True)
    )
    last_session = saved.sessions.aggregate(last=Max("starts_at"))["last"]
    zone = offering_zone(saved)
    due_before = award_may_be_earned(
        ends_on=_run_end(saved, last_session, zone), today=today
    )
    due_after = award_may_be_earned(
        ends_on=_run_end(proposed, last_session, zone), today=today
    )
    if due_before or not due_after or not learner_ids:
        return [], len(learner_ids)
    (credential,) = credentials_with_rules(
        units=units_for_rules([saved.unit_id]), programs=[]
    )
    if not credential.rules:
        return [], len(learner_ids)
    facts = learners_facts(
        learner_ids=learner_ids, credentials=[credential], today=today
    )
    ready = [
        learner_id
        for learner_id, learner_facts in facts.items()
        if saved.unit_id not in learner_facts.held_unit_ids
        and evaluate(credential.rules, learner_facts).is_complete
    ]
    learners = (
        get_user_model().objects.filter(pk__in=ready).order_by("legal_name", "pk")
    )
    return list(learners), len(learner_ids)


def _deadline_moves(saved: Offering, proposed) -> list[DeadlineMove]:
    first = (
        saved.sessions.order_by("starts_at").values_list("starts_at", flat=True).first()
    )
    first_day = clock.local_day(first, offering_zone(saved)) if first else None
    moves = []
    for requirement in saved.unit.requirements.order_by("position", "pk"):
        before, after = (
            requirement_deadline_on(
                requirement=requirement, offering=o, first_session=first_day
            )
            for o in (saved, proposed)
        )
        if before != after:
            moves.append(DeadlineMove(requirement.title, before, after))
    return moves


def _window_problems(proposed) -> list[str]:
    problems = []
    if (
        proposed.end_date
        and proposed.enrollment_opens
        and (proposed.enrollment_opens > proposed.end_date)
    ):
        problems.append(_("Enrollment opens after the run ends."))
    if (
        proposed.end_date
        and proposed.enrollment_closes
        and (proposed.enrollment_closes > proposed.end_date)
    ):
        problems.append(
            _(
                "Enrollment closes after the run ends: learners could enroll in "
                "a run that is over."
            )
        )
    return problems


def _label(name: str) -> str:
    return str(getattr(Offering._meta.get_field(name), "verbose_name", name))


def offering_dates_preview(
    *, saved: Offering, proposed: dict, today: dt.date
) -> OfferingDatesPreview:
    """The consequences of giving ``saved`` the ``proposed`` dates (a dict of
    ``DATE_FIELDS``), read in a fixed number of queries."""
    new = SimpleNamespace(
        **{name: proposed.get(name, getattr(saved, name)) for name in DATE_FIELDS}
    )
    changes = [
        (_label(name), getattr(saved, name), value)
        for name in DATE_FIELDS
        if (value := getattr(new, name)) != getattr(saved, name)
    ]
    becoming_due, compared = _becoming_due(saved, new, today)
    return OfferingDatesPreview(
        offering=str(saved),
        changes=changes,
        becoming_due=becoming_due,
        deadlines=_deadline_moves(saved, new),
        window_problems=_window_problems(new),
        learners_compared=compared,
    )
