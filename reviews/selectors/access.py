"""Object-permission lookups of reviews' objects: each returns it or raises Http404.

A wrong id and someone else's id look the same from outside: both are 404.
Whether someone may act as an offering's facilitator is decided in
``enrollments.access``.
"""

from django.db.models import Q, QuerySet
from django.http import Http404
from django.shortcuts import get_object_or_404

from enrollments.access import may_facilitate
from enrollments.models import Enrollment
from programs.models import Requirement

from ..models import Artifact, Submission, SubmissionVersion


def enrollment_get_for_learner(*, user, pk: int) -> Enrollment:
    return get_object_or_404(
        Enrollment.objects.select_related("offering__unit", "learner"),
        pk=pk,
        learner=user,
    )


def requirement_get_for_enrollment(*, enrollment: Enrollment, pk: int) -> Requirement:
    return get_object_or_404(
        Requirement.objects.select_related("unit"),
        pk=pk,
        unit_id=enrollment.offering.unit_id,
    )


def _submissions() -> QuerySet[Submission]:
    return Submission.objects.select_related(
        "enrollment__learner", "enrollment__offering__unit", "requirement"
    )


def submission_get_for_learner(*, user, pk: int) -> Submission:
    return get_object_or_404(_submissions(), pk=pk, enrollment__learner=user)


def submission_get_for_reviewer(*, user, pk: int) -> Submission:
    submission = get_object_or_404(_submissions(), pk=pk)
    if not may_facilitate(user=user, offering=submission.enrollment.offering):
        raise Http404
    return submission


def _peer_enrollment(user, offering_id: int) -> Enrollment | None:
    return Enrollment.objects.filter(
        learner=user, offering_id=offering_id, status__in=Enrollment.TAKING_PART
    ).first()


def artifact_get_for_viewer(*, user, uuid) -> Artifact:
    """An artifact's file for its learner, the offering's facilitators and admins.

    Learners of the same offering see it too when the requirement is shared with
    peers and the version is submitted (peer feedback needs the project).
    """
    artifact = get_object_or_404(
        Artifact.objects.select_related(
            "version__submission__enrollment__offering",
            "version__submission__requirement",
        ).exclude(file=""),
        uuid=uuid,
        file_deleted_at__isnull=True,
    )
    version = artifact.version
    submission = version.submission
    if submission.enrollment.learner_id == user.pk:
        return artifact
    if may_facilitate(user=user, offering=submission.enrollment.offering):
        return artifact
    if not submission.requirement.shared_with_peers:
        raise Http404
    if version.is_draft:
        raise Http404
    if _peer_enrollment(user, submission.enrollment.offering_id) is None:
        raise Http404
    return artifact


def peer_version_get(*, enrollment: Enrollment, pk: int) -> SubmissionVersion:
    """A peer's submitted, shared version in the viewer's offering, or 404."""
    return get_object_or_404(
        SubmissionVersion.objects.select_related(
            "submission__enrollment__learner", "submission__requirement"
        ).filter(
            ~Q(submission__enrollment=enrollment),
            submission__enrollment__offering_id=enrollment.offering_id,
            submission__requirement__shared_with_peers=True,
            status=SubmissionVersion.Status.SUBMITTED,
        ),
        pk=pk,
    )


def enrollment_get_for_admin(*, pk: int) -> Enrollment:
    """Any enrollment, for an admin's page (the view checks the admin role)."""
    return get_object_or_404(
        Enrollment.objects.select_related("offering__unit", "learner"), pk=pk
    )
