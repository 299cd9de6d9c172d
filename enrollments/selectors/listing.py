"""Reads of enrollments as the admins' list, with its filters."""

from django.db.models import QuerySet

from programs.models import CredentialProgram, Offering, Unit

from ..models import Enrollment


def enrollments_for_admin(
    *,
    offering: Offering | None = None,
    program: CredentialProgram | None = None,
    status: str | None = None,
) -> QuerySet[Enrollment]:
    """Every enrollment, newest first, with its learner, offering and unit (one
    query whatever their number). ``program`` keeps enrollments in offerings of
    the units that count toward it."""
    enrollments = Enrollment.objects.select_related("learner", "offering__unit")
    if offering is not None:
        enrollments = enrollments.filter(offering=offering)
    if program is not None:
        units = Unit.objects.filter(programs=program).values("pk")
        enrollments = enrollments.filter(offering__unit__in=units)
    if status:
        enrollments = enrollments.filter(status=status)
    return enrollments.order_by("-created_at", "-id")
