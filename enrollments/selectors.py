"""Reads of enrollments, with the object checks every view goes through.

A learner sees only their own enrollments; a facilitator also those in the
offerings they facilitate; a portal admin everything. Anything else is a 404.
"""

import datetime as dt
from dataclasses import dataclass

from django.db.models import Prefetch, Q, QuerySet
from django.shortcuts import get_object_or_404

from accounts.roles import is_facilitator, is_portal_admin
from programs.models import (
    Offering,
    Requirement,
)

from .deadlines import days_left, enrollment_due_date
from .models import Enrollment, PastCompletion

DETAIL_RELATED = ("offering__unit__provider", "learner")

_ENROLLMENT_PREFETCHES = (
    "offering__sessions",
    Prefetch(
        "offering__unit__requirements",
        queryset=Requirement.objects.exclude(deadline=Requirement.Deadline.NONE),
        to_attr="dated_requirements",
    ),
    "extensions",
)


def offering_get_for_enrollment(*, pk: int) -> Offering:
    """An offering of a published unit, open to enrollment requests, or 404."""
    queryset = Offering.objects.filter(unit__is_published=True).select_related(
        "unit__provider"
    )
    return get_object_or_404(queryset, pk=pk)


def enrollments_visible_to(*, user) -> QuerySet[Enrollment]:
    """The enrollments ``user`` may open: their own, their offerings', or all."""
    if not user.is_authenticated:
        return Enrollment.objects.none()
    if is_portal_admin(user):
        return Enrollment.objects.all()
    visible = Q(learner=user)
    if is_facilitator(user):
        visible |= Q(offering__in=Offering.objects.filter(facilitators=user))
    return Enrollment.objects.filter(visible)


def enrollment_get_for_user(*, user, pk: int) -> Enrollment:
    """One enrollment with what its page shows, if ``user`` may see it, or 404."""
    queryset = (
        enrollments_visible_to(user=user)
        .select_related(*DETAIL_RELATED, "invoice")
        .prefetch_related(*_ENROLLMENT_PREFETCHES)
    )
    return get_object_or_404(queryset, pk=pk)


def offerings_facilitated_by(*, user) -> QuerySet[Offering]:
    """Offerings ``user`` facilitates, for a user in the facilitator role."""
    if not is_facilitator(user):
        return Offering.objects.none()
    return Offering.objects.filter(facilitators=user).select_related("unit")


def offering_get_for_facilitator(*, user, pk: int) -> Offering:
    """An offering with its enrollments, for its facilitators and admins, or 404."""
    enrollments = Enrollment.objects.select_related("learner").order_by(
        "learner__legal_name", "learner__email"
    )
    offerings = (
        Offering.objects.select_related("unit")
        if is_portal_admin(user)
        else offerings_facilitated_by(user=user)
    )
    queryset = offerings.prefetch_related(Prefetch("enrollments", queryset=enrollments))
    return get_object_or_404(queryset, pk=pk)


def learner_enrollments(*, learner) -> list[Enrollment]:
    """The learner's own enrollments, newest offering first, ready for deadlines."""
    return list(
        Enrollment.objects.filter(learner=learner)
        .select_related("offering__unit__provider")
        .prefetch_related(*_ENROLLMENT_PREFETCHES)
        .order_by("-offering__start_date", "-created_at")
    )


def learner_past_completions(*, learner) -> list[PastCompletion]:
    return list(
        PastCompletion.objects.filter(learner=learner).select_related("unit__provider")
    )


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


def enrollment_deadlines(*, enrollment: Enrollment, today: dt.date) -> list[Due]:
    """Each dated requirement of the enrollment with its deadline, soonest first.

    Reads only what ``learner_enrollments``/``enrollment_get_for_user`` prefetched.
    """
    offering = enrollment.offering
    starts = [session.starts_at for session in offering.sessions.all()]
    extensions = list(enrollment.extensions.all())
    extended = {extension.requirement_id for extension in extensions}
    dues = []
    for requirement in offering.unit.dated_requirements:  # type: ignore[attr-defined]
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
