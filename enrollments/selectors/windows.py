"""Reads: can an offering be enrolled in today?

Every page that offers an Enroll button asks here, and so does
``enrollment_create``: one rule (``time_rules.window_state``) over one count of the
places taken, so a page never shows a button the service would refuse.

The day a window is judged on is the offering's provider's (``offering_today``)
unless the caller names one (``today``: a test, the demo's history).
"""

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from django.db.models import Count, QuerySet

from programs.models import Offering, Unit
from programs.zones import offering_today

from ..models import Enrollment
from ..time_rules import OfferingWindow, WindowState, window_refusal, window_state

HOLDS_A_PLACE = [Enrollment.Status.ACTIVE, Enrollment.Status.COMPLETED]


@dataclass(frozen=True)
class Availability:
    """An offering's enrollment window on one day, and the refusal it implies."""

    state: WindowState
    refusal: str | None
    started: bool = False  # the run is under way (it started before that day)

    @property
    def can_enroll(self) -> bool:
        return self.state == WindowState.OPEN

    @property
    def is_listed(self) -> bool:
        """Still upcoming or running: open, full, or opening later."""
        return not self.state.is_past


def offering_window(offering: Offering) -> OfferingWindow:
    return OfferingWindow(
        name=str(offering),
        start_date=offering.start_date,
        end_date=offering.end_date,
        enrollment_opens=offering.enrollment_opens,
        enrollment_closes=offering.enrollment_closes,
        capacity=offering.capacity,
    )


def places_taken(*, offering_ids: Iterable[int]) -> dict[int, int]:
    """The places held in each offering (active or completed), in one query."""
    rows = (
        Enrollment.objects.filter(
            offering_id__in=set(offering_ids), status__in=HOLDS_A_PLACE
        )
        .values("offering_id")
        .annotate(taken=Count("id"))
        .order_by()
    )
    return {row["offering_id"]: row["taken"] for row in rows}


def offering_availability(
    *,
    offering: Offering,
    today: dt.date | None = None,
    seats: int = 1,
    taken: int | None = None,
) -> Availability:
    """Whether ``seats`` more people can enroll in ``offering`` today (the
    provider's day unless given).

    ``taken`` is counted when not given (a list counts once for all).
    """
    today = today or offering_today(offering)
    if taken is None:
        taken = places_taken(offering_ids=[offering.pk]).get(offering.pk, 0)
    window = offering_window(offering)
    held = taken + seats - 1
    return Availability(
        state=window_state(window, today=today, taken=held),
        refusal=window_refusal(window, today=today, taken=held),
        started=offering.start_date is not None and offering.start_date < today,
    )


def offerings_mark_availability(
    *, offerings: Iterable[Offering], today: dt.date | None = None
) -> None:
    """Give each offering its ``availability`` today (each provider's own day
    unless given), counting places once."""
    offerings = list(offerings)
    taken = places_taken(offering_ids=[offering.pk for offering in offerings])
    for offering in offerings:
        offering.availability = offering_availability(  # type: ignore[attr-defined]
            offering=offering, today=today, taken=taken.get(offering.pk, 0)
        )


def units_mark_listed_offerings(
    *, units: Iterable[Unit], today: dt.date | None = None
) -> None:
    """Give each unit ``listed_offerings``: its prefetched offerings that are not
    closed or ended, in their order, each with its ``availability``."""
    units = list(units)
    offerings = [offering for unit in units for offering in unit.offerings.all()]
    offerings_mark_availability(offerings=offerings, today=today)
    for unit in units:
        unit.listed_offerings = [  # type: ignore[attr-defined]
            offering
            for offering in unit.offerings.all()
            if offering.availability.is_listed  # type: ignore[attr-defined]
        ]


def offerings_enrollable(
    *, offerings: QuerySet[Offering], today: dt.date | None = None
) -> list[Offering]:
    """The offerings open to enrollment today, by start date (undated ones last)."""
    rows = list(offerings)
    offerings_mark_availability(offerings=rows, today=today)
    open_rows = [
        offering
        for offering in rows
        if offering.availability.can_enroll  # type: ignore[attr-defined]
    ]
    return sorted(
        open_rows,
        key=lambda o: (o.start_date is None, o.start_date or dt.date.min, o.pk),
    )
