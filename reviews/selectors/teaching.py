"""What a facilitator (or an admin) has to do, per offering, for their dashboard."""

import datetime as dt
from dataclasses import dataclass

from django.db.models import Count, Exists, OuterRef, Q

from core import clock
from enrollments.access import facilitated_offerings
from enrollments.models import Attendance, Enrollment
from enrollments.time_rules import attendance_window
from programs.models import Offering, Session
from programs.zones import offering_today, offering_zone

from .queue import waiting_per_offering


@dataclass(frozen=True)
class OfferingWork:
    """One offering's waiting submissions, next session and registers to take."""

    offering: Offering
    waiting: int
    oldest_waiting: dt.datetime | None
    oldest_days: int | None  # whole days the oldest waiting submission has waited
    next_session: Session | None
    attendance_to_take: list[Session]
    ended: bool
    upcoming: bool  # starts after today
    learners: int  # enrollments taking part
    sessions: list[Session]  # every session of the offering, earliest first


def dashboard_order(row: OfferingWork) -> tuple:
    """Running offerings first (by start date, undated ones after), then upcoming
    ones by start date, then ended ones, the latest ended first."""
    offering = row.offering
    if row.ended:
        return (2, -offering.end_date.toordinal(), offering.pk)  # type: ignore[union-attr]
    start = offering.start_date
    return (1 if row.upcoming else 0, start is None, start or dt.date.min, offering.pk)


def _register_open(session: Session, offering: Offering, today: dt.date) -> bool:
    _, last = attendance_window(
        session_day=clock.local_day(session.starts_at, offering_zone(offering)),
        grace_days=offering.attendance_grace_days,
    )
    return today <= last


def offerings_to_run(*, user, now: dt.datetime) -> list[OfferingWork]:
    """Each offering ``user`` facilitates (all of them for an admin), in four
    queries however many there are, in ``dashboard_order``. Registers to take are
    past sessions with no attendance recorded whose register is still open (the
    offering's grace days, ``attendance_window``); an offering whose end date has
    passed has ``ended``, one whose start date is to come is ``upcoming``."""
    offerings = list(
        facilitated_offerings(user=user).annotate(
            learners=Count(
                "enrollments",
                filter=Q(enrollments__status__in=Enrollment.TAKING_PART),
            )
        )
    )
    waiting = waiting_per_offering(offering_ids=[o.pk for o in offerings])
    recorded = Attendance.objects.filter(session=OuterRef("pk"))
    sessions: dict[int, list[Session]] = {}
    for session in (
        Session.objects.filter(offering__in=[o.pk for o in offerings])
        .select_related("offering__unit__provider")
        .annotate(recorded=Exists(recorded))
        .order_by("starts_at")
    ):
        sessions.setdefault(session.offering_id, []).append(session)
    rows = []
    for offering in offerings:
        today = offering_today(offering, now)
        own = sessions.get(offering.pk, [])
        queue = waiting.get(offering.pk, {})
        rows.append(
            OfferingWork(
                offering=offering,
                waiting=queue.get("count", 0),
                oldest_waiting=queue.get("oldest"),
                oldest_days=(now - queue["oldest"]).days if queue else None,
                next_session=next((s for s in own if s.starts_at >= now), None),
                attendance_to_take=[
                    s
                    for s in own
                    if s.starts_at < now
                    and not s.recorded  # type: ignore[attr-defined]
                    and _register_open(s, offering, today)
                ],
                ended=offering.end_date is not None and offering.end_date < today,
                upcoming=offering.start_date is not None
                and offering.start_date > today,
                learners=offering.learners,
                sessions=own,
            )
        )
    return sorted(rows, key=dashboard_order)
