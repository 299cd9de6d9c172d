"""Reads of awards by validity: expired or current on a day, and the expiries a
learner should see coming. Expiry is a date, not a status: an expired award stays
issued, and its record, documents and verification page are kept."""

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from django.db.models import Q, QuerySet

from ..models import Award, ExpiryReminder
from ..validity import days_left, is_expired

# The reminders, from the first one sent to the last (``ExpiryReminder``).
REMINDER_DAYS = sorted(ExpiryReminder.DaysBefore.values, reverse=True)


def award_is_expired(award: Award, *, today: dt.date) -> bool:
    """Past its last valid day (``expires_on``). Says nothing of revocation."""
    return is_expired(expires_on=award.expires_on, today=today)


def expired_q(today: dt.date) -> Q:
    """Awards whose last valid day is before ``today``."""
    return Q(expires_on__lt=today)


def current_q(today: dt.date) -> Q:
    """Awards valid on ``today``: never expiring, or not yet past their last day."""
    return Q(expires_on__isnull=True) | Q(expires_on__gte=today)


def awards_expired(awards: QuerySet[Award], *, today: dt.date) -> QuerySet[Award]:
    return awards.filter(expired_q(today))


def awards_current(awards: QuerySet[Award], *, today: dt.date) -> QuerySet[Award]:
    return awards.filter(current_q(today))


def reminder_due(*, expires_on: dt.date, today: dt.date) -> int | None:
    """Which reminder (days before expiry) is due today, None if none: the 90-day
    one from 90 days before the last valid day, the 30-day one from 30 days
    before, until that day. A reminder whose day passed unsent is not sent late
    once the next one is due."""
    left = days_left(expires_on=expires_on, today=today)
    if left < 0:
        return None
    due = [days for days in REMINDER_DAYS if left <= days]
    return due[-1] if due else None


def awards_with_reminder_due(*, today: dt.date) -> QuerySet[Award]:
    """Issued awards whose last valid day is within the first reminder's reach."""
    return Award.objects.filter(
        status=Award.Status.ISSUED,
        expires_on__gte=today,
        expires_on__lte=today + dt.timedelta(days=REMINDER_DAYS[0]),
    ).order_by("expires_on", "pk")


@dataclass(frozen=True)
class ExpiryNotice:
    """An issued award of the learner that expires within the reminders' reach."""

    award: Award
    expires_on: dt.date
    days_left: int


def expiry_notices_from(
    awards: Iterable[Award], *, today: dt.date
) -> list[ExpiryNotice]:
    """The learner's issued awards expiring within ``REMINDER_DAYS[0]`` days,
    soonest first. No query: read from the awards given."""
    notices = [
        ExpiryNotice(
            award=award,
            expires_on=award.expires_on,
            days_left=days_left(expires_on=award.expires_on, today=today),
        )
        for award in awards
        if award.status == Award.Status.ISSUED
        and award.expires_on is not None
        and reminder_due(expires_on=award.expires_on, today=today) is not None
    ]
    return sorted(notices, key=lambda notice: notice.expires_on)
