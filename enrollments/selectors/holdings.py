"""Reads: does a learner already hold a unit, and may they take it again?

A learner holds a unit they completed here (a completed enrollment; issuing a
unit's award completes it) or before (an imported past completion). Enrollments
does not read awards (certificates depends on enrollments, not the reverse):
these two facts are what it knows.
"""

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from django.contrib.auth import get_user_model

from core import clock
from core.dates import format_date
from programs.models import Unit

from .. import messages
from ..models import Enrollment, PastCompletion, RetakeAllowance


@dataclass(frozen=True)
class Holding:
    """A unit the learner already holds, since ``completed_on``."""

    unit_title: str
    completed_on: dt.date
    retake_allowed: bool

    @property
    def params(self) -> dict[str, str]:
        return {"unit": self.unit_title, "date": format_date(self.completed_on)}

    @property
    def refusal(self) -> str | None:
        """The message refusing enrollment, or None when a retake is allowed."""
        if self.retake_allowed:
            return None
        return str(messages.HOLDS_UNIT % self.params)

    def participant_refusal(self, *, name: str, email: str) -> str | None:
        """The same, for a group leader about one participant."""
        if self.retake_allowed:
            return None
        params = {"name": name, "email": email, **self.params}
        return str(messages.PARTICIPANT_HOLDS_UNIT % params)


def _holdings(*, learner_ids: Iterable[int], unit: Unit) -> dict[int, Holding]:
    """Each learner's latest completion of ``unit``, in three queries; none for a
    unit earned once per run (each Edcamp or conference is its own CEU)."""
    if unit.earned_per_run:
        return {}
    learner_ids = set(learner_ids)
    completed: dict[int, dt.date] = {}
    enrolled = Enrollment.objects.filter(
        learner_id__in=learner_ids,
        offering__unit=unit,
        status=Enrollment.Status.COMPLETED,
    ).values_list("learner_id", "completed_at")
    past = PastCompletion.objects.filter(
        learner_id__in=learner_ids, unit=unit
    ).values_list("learner_id", "completed_on")
    for learner_id, day in [
        *((pk, clock.local_day(at)) for pk, at in enrolled if at is not None),
        *past,
    ]:
        completed[learner_id] = max(day, completed.get(learner_id, day))
    allowed = set(
        RetakeAllowance.objects.filter(learner_id__in=completed, unit=unit).values_list(
            "learner_id", flat=True
        )
    )
    return {
        learner_id: Holding(
            unit_title=unit.title,
            completed_on=day,
            retake_allowed=learner_id in allowed,
        )
        for learner_id, day in completed.items()
    }


def unit_holding(*, learner, unit: Unit) -> Holding | None:
    """How ``learner`` already holds ``unit``, or None (also for a visitor)."""
    if not learner.is_authenticated:
        return None
    return _holdings(learner_ids=[learner.pk], unit=unit).get(learner.pk)


def unit_holdings_by_email(*, emails: Iterable[str], unit: Unit) -> dict[str, Holding]:
    """The holdings of ``unit`` among the accounts with these emails, by email."""
    users = dict(
        get_user_model()
        .objects.filter(email__in={email.lower() for email in emails})
        .values_list("pk", "email")
    )
    holdings = _holdings(learner_ids=users, unit=unit)
    return {users[pk].lower(): holding for pk, holding in holdings.items()}
