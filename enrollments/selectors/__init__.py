"""Reads of enrollments; who may open which one is decided in ``.access``."""

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass

from django.db.models import Exists, OuterRef, QuerySet, prefetch_related_objects
from django.shortcuts import get_object_or_404

from programs.models import (
    Offering,
    Requirement,
    Session,
    Unit,
)
from programs.quotes import PricingError, Quote
from programs.selectors import unit_quote
from programs.zones import offering_today

from ..access import enrollments_visible_to
from ..deadlines import days_left, enrollment_due_date
from ..models import Enrollment, Extension, PastCompletion

DETAIL_RELATED = ("offering__unit__provider", "learner")

# What deadlines and requirement rows (``reviews.selectors.requirement_rows_for``)
# read from an enrollment.
_ENROLLMENT_PREFETCHES = (
    "offering__sessions",
    "offering__unit__requirements",
    "extensions",
)


def offering_get_for_enrollment(*, pk: int) -> Offering:
    """An offering of a published unit, open to enrollment requests, or 404."""
    queryset = Offering.objects.filter(unit__is_published=True).select_related(
        "unit__provider"
    )
    return get_object_or_404(queryset, pk=pk)


def registration_quote(*, offering: Offering) -> Quote | None:
    """What one learner's registration costs (the quote for one seat, from the
    one pricing function), or None when the unit has no published price."""
    try:
        return unit_quote(unit=offering.unit, seats=1)
    except PricingError:
        return None


def enrollment_get_for_user(*, user, pk: int) -> Enrollment:
    """One enrollment with what its page shows, if ``user`` may see it, or 404."""
    queryset = (
        enrollments_visible_to(user=user)
        .select_related(*DETAIL_RELATED, "invoice")
        .prefetch_related(*_ENROLLMENT_PREFETCHES)
    )
    return get_object_or_404(queryset, pk=pk)


def offering_roster(*, offering: Offering) -> list[Enrollment]:
    """The offering's enrollments with their learners, by name, for its roster."""
    return list(
        offering.enrollments.select_related("learner").order_by(
            "learner__legal_name", "learner__email"
        )
    )


def learner_enrollments(
    *, learner, units: Mapping[int, Unit] | None = None
) -> list[Enrollment]:
    """The learner's own enrollments, newest offering first, ready for deadlines.

    ``units``: every unit by id, with its provider and requirements (the cached
    rule graph's); the offerings take their unit from it instead of reading it.
    """
    enrollments = Enrollment.objects.filter(learner=learner).order_by(
        "-offering__start_date", "-created_at"
    )
    if units is None:
        return list(
            enrollments.select_related("offering__unit__provider").prefetch_related(
                *_ENROLLMENT_PREFETCHES
            )
        )
    rows = list(
        enrollments.select_related("offering").annotate(
            has_sessions=Exists(Session.objects.filter(offering=OuterRef("offering"))),
            has_extensions=Exists(Extension.objects.filter(enrollment=OuterRef("pk"))),
        )
    )
    units = _units_including(units, {e.offering.unit_id for e in rows})
    for enrollment in rows:
        enrollment.offering.unit = units[enrollment.offering.unit_id]
    # Sessions and extensions are read only for the rows that have some.
    _prefetch_where(rows, "has_sessions", "offering__sessions")
    _prefetch_where(rows, "has_extensions", "extensions")
    return rows


def _prefetch_where(rows: list[Enrollment], flag: str, lookup: str) -> None:
    """Prefetch ``lookup`` for the rows whose ``flag`` is set (one query, none
    when no row's is); the others' relation is empty without a query."""
    prefetch_related_objects([row for row in rows if getattr(row, flag)], lookup)
    *path, name = lookup.split("__")
    for row in rows:
        if not getattr(row, flag):
            owner = row
            for step in path:
                owner = getattr(owner, step)
            prefetched = vars(owner).setdefault("_prefetched_objects_cache", {})
            prefetched[name] = getattr(owner, name).none()


def learner_past_completions(
    *, learner, units: Mapping[int, Unit] | None = None
) -> list[PastCompletion]:
    """The learner's past completions with their unit and its provider (from
    ``units`` when given, as ``learner_enrollments``)."""
    completions = PastCompletion.objects.filter(learner=learner)
    if units is None:
        return list(completions.select_related("unit__provider"))
    rows = list(completions)
    units = _units_including(units, {completion.unit_id for completion in rows})
    for completion in rows:
        completion.unit = units[completion.unit_id]
    return rows


def _units_including(units: Mapping[int, Unit], ids: set[int]) -> Mapping[int, Unit]:
    """``units`` with any of ``ids`` it lacks read (a unit created as the cached
    graph was read: one query then, none otherwise)."""
    missing = ids - set(units)
    if not missing:
        return units
    read = Unit.objects.filter(pk__in=missing).select_related("provider")
    return {**units, **{u.pk: u for u in read.prefetch_related("requirements")}}


@dataclass(frozen=True)
class Due:
    requirement: Requirement
    enrollment: Enrollment
    deadline: dt.date
    days_left: int
    extended: bool

    @property
    def days_past(self) -> int:
        return max(0, -self.days_left)


def enrollment_deadlines(
    *, enrollment: Enrollment, today: dt.date | None = None
) -> list[Due]:
    """Each dated requirement of the enrollment with its deadline, soonest first,
    its days left counted from ``today`` (the provider's day unless given).

    Reads only what ``learner_enrollments``/``enrollment_get_for_user`` prefetched.
    """
    offering = enrollment.offering
    today = today or offering_today(offering)
    starts = [session.starts_at for session in offering.sessions.all()]
    extensions = list(enrollment.extensions.all())
    extended = {extension.requirement_id for extension in extensions}
    dues = []
    for requirement in offering.unit.requirements.all():
        deadline = enrollment_due_date(
            requirement=requirement,
            offering=offering,
            session_starts=starts,
            extensions=extensions,
        )
        if deadline is not None:
            dues.append(
                Due(
                    requirement=requirement,
                    enrollment=enrollment,
                    deadline=deadline,
                    days_left=days_left(deadline, today=today),
                    extended=requirement.pk in extended,
                )
            )
    return sorted(dues, key=lambda due: due.deadline)


def requirements_with_deadline(*, enrollment: Enrollment) -> QuerySet[Requirement]:
    """The requirements of the enrollment's unit that have a deadline to extend:
    every one in a dated run (its end dates those without their own deadline)."""
    requirements = Requirement.objects.filter(unit_id=enrollment.offering.unit_id)
    if enrollment.offering.end_date is not None:
        return requirements
    return requirements.exclude(deadline=Requirement.Deadline.NONE)


def enrollments_created_since(*, moment: dt.datetime) -> int:
    """How many enrollments were made from ``moment`` on (withdrawn ones too)."""
    return Enrollment.objects.filter(created_at__gte=moment).count()


def holds_enrollment(*, user) -> bool:
    """Whether ``user`` was ever enrolled in anything (withdrawn included)."""
    return Enrollment.objects.filter(learner=user).exists()
