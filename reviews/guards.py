"""Checks shared by every write a learner makes to a requirement."""

import datetime as dt

from django.db.models import Max

from core.dates import format_date
from enrollments.models import Enrollment
from enrollments.selectors.invoices import enrollment_unpaid_invoice, invoice_money
from enrollments.services.extensions import deadline_for
from programs.models import Requirement
from programs.money import format_money

from . import messages
from .messages import ReviewsRefused
from .models import Review, Submission, SubmissionVersion
from .time_rules import submissions_open_on

# Review modes in which a facilitator decides (and so is notified).
REVIEWED_MODES = (Requirement.ReviewMode.MET_NOT_MET, Requirement.ReviewMode.RUBRIC)


def check_open(*, enrollment: Enrollment, requirement: Requirement) -> None:
    """The learner may work on this requirement of their enrollment at all."""
    offering = enrollment.offering
    if requirement.unit_id != offering.unit_id:
        raise ReviewsRefused(
            messages.NOT_IN_UNIT
            % {"requirement": requirement.title, "unit": offering.unit}
        )
    if enrollment.status == Enrollment.Status.WITHDRAWN:
        raise ReviewsRefused(messages.ENROLLMENT_WITHDRAWN % {"offering": offering})
    if requirement.kind == Requirement.Kind.ATTENDANCE:
        raise ReviewsRefused(
            messages.NOT_SUBMITTED_BY_LEARNERS % {"requirement": requirement.title}
        )


def opens_on(*, enrollment: Enrollment, requirement: Requirement) -> dt.date | None:
    """The first day the learner may submit this requirement (None: any day)."""
    offering = enrollment.offering
    return submissions_open_on(
        offering_start=offering.start_date,
        days_before_start=offering.submissions_open_days_before_start,
        due_before_start=requirement.deadline
        == Requirement.Deadline.BEFORE_FIRST_SESSION,
    )


def check_opened(
    *, enrollment: Enrollment, requirement: Requirement, today: dt.date
) -> None:
    """Submissions are open: the offering has started, or is about to. Every write
    of work (a draft's text or link, an artifact, a submission) asks this first."""
    opening = opens_on(enrollment=enrollment, requirement=requirement)
    if opening is not None and today < opening:
        raise ReviewsRefused(
            messages.NOT_OPEN_YET
            % {"requirement": requirement.title, "date": format_date(opening)}
        )


def check_on_time(
    *, enrollment: Enrollment, requirement: Requirement, today: dt.date
) -> None:
    """Submissions are open and the deadline has not passed. Only a deadline the
    requirement sets refuses late work: one it takes from its run's end marks the
    work overdue but accepts it (a run's content stays open after it ends)."""
    check_opened(enrollment=enrollment, requirement=requirement, today=today)
    if requirement.deadline == Requirement.Deadline.NONE:
        return
    deadline = deadline_for(enrollment=enrollment, requirement=requirement)
    if deadline is not None and today > deadline:
        raise ReviewsRefused(
            messages.LATE
            % {"requirement": requirement.title, "date": format_date(deadline)}
        )


def latest_submitted(submission: Submission) -> SubmissionVersion | None:
    """The submission's latest submitted version with its review (its stored
    ``latest_version``), or None before the first submission."""
    if submission.latest_version_id is None:
        return None
    return (
        SubmissionVersion.objects.select_related("review")
        .filter(pk=submission.latest_version_id)
        .first()
    )


def check_new_version_allowed(submission: Submission) -> None:
    """Another version is welcome unless the last one waits for review or succeeded."""
    requirement = submission.requirement
    latest = latest_submitted(submission)
    if latest is None or requirement.review_mode == Requirement.ReviewMode.NONE:
        return
    review = getattr(latest, "review", None)
    if review is None:
        raise ReviewsRefused(messages.WAITING_FOR_REVIEW % {"number": latest.number})
    if review.decision == Review.Decision.MET:
        raise ReviewsRefused(messages.ALREADY_MET % {"requirement": requirement.title})
    if review.passed:
        raise ReviewsRefused(
            messages.ALREADY_PASSED
            % {
                "requirement": requirement.title,
                "score": review.total_points,
                "out_of": review.out_of,
            }
        )


def check_paid(*, enrollment: Enrollment) -> None:
    """A provider that takes no work before payment refuses it while the invoice
    for the learner's place is not paid in full (the provider's setting)."""
    provider = enrollment.offering.unit.provider
    if provider.work_before_payment:
        return
    invoice = enrollment_unpaid_invoice(enrollment)
    if invoice is not None:
        raise ReviewsRefused(
            messages.NOT_PAID
            % {
                "provider": provider.name,
                "number": invoice.number,
                "due": format_money(invoice_money(invoice).due, invoice.currency),
            }
        )


def check_may_submit(
    *, enrollment: Enrollment, requirement: Requirement, today: dt.date
) -> None:
    """Every check a new submitted version must pass, in the order the learner
    hears them. The submit services call it, and the requirement page asks it
    through ``submission_refusal``, so the page offers a form only when it works."""
    check_open(enrollment=enrollment, requirement=requirement)
    check_paid(enrollment=enrollment)
    submission = (
        Submission.objects.filter(enrollment=enrollment, requirement=requirement)
        .select_related("requirement")
        .first()
    )
    if submission is not None:
        check_new_version_allowed(submission)
    check_on_time(enrollment=enrollment, requirement=requirement, today=today)


def submission_refusal(
    *, enrollment: Enrollment, requirement: Requirement, today: dt.date
) -> str | None:
    """Why a new version would be refused on ``today``, or None when it is welcome."""
    try:
        check_may_submit(enrollment=enrollment, requirement=requirement, today=today)
    except ReviewsRefused as refusal:
        return str(refusal.message)
    return None


def submission_locked(
    *, enrollment: Enrollment, requirement: Requirement
) -> Submission:
    """The submission row, created if needed and locked for this transaction.

    The lock serialises two tabs of the same learner saving or submitting at once.
    """
    submission, _ = Submission.objects.get_or_create(
        enrollment=enrollment,
        requirement=requirement,
        defaults={"offering_id": enrollment.offering_id},
    )
    return (
        Submission.objects.select_for_update()
        .select_related("requirement", "enrollment__offering__unit")
        .get(pk=submission.pk)
    )


def next_number(submission: Submission) -> int:
    last = submission.versions.aggregate(last=Max("number"))["last"]
    return (last or 0) + 1
