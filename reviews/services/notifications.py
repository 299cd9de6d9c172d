"""Email: facilitators when work waits for review, learners when it is reviewed,
and learners a few days before a deadline. Mail leaves only after commit."""

import datetime as dt

from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from core.dates import format_date
from core.site import site_context
from enrollments.access import offering_facilitators
from enrollments.deadlines import days_left
from enrollments.models import Enrollment
from programs.models import Requirement
from programs.zones import offering_today

from ..models import DeadlineReminder, Review, SubmissionVersion
from ..outcomes import Outcome
from ..selectors.states import enrollment_requirement_rows

REVIEW_WAITING_SUBJECT = _("To review: %(requirement)s from %(learner)s")
REVIEW_DONE_SUBJECT = _("Your %(requirement)s has been reviewed")
DEADLINE_SUBJECT = _("Reminder: %(requirement)s is due on %(date)s")
REMINDER_DAYS_BEFORE = 7
REMIND_WHEN = (Outcome.MISSING, Outcome.NOT_MET)
DATED = (
    Requirement.Deadline.FIXED,
    Requirement.Deadline.AFTER_OFFERING_END,
    Requirement.Deadline.BEFORE_FIRST_SESSION,
)


def _mail_on_commit(*, subject, template: str, context: dict, to: list[str]) -> None:
    """Render now, inside the transaction; send only once it commits."""
    if not to:
        return
    body = render_to_string(template, {**context, **site_context()})
    subject = str(subject)
    transaction.on_commit(lambda: send_mail(subject, body, None, to))


def notify_review_waiting(*, version: SubmissionVersion) -> None:
    submission = version.submission
    enrollment = submission.enrollment
    to = list(
        offering_facilitators(offering=enrollment.offering).values_list(
            "email", flat=True
        )
    )
    _mail_on_commit(
        subject=REVIEW_WAITING_SUBJECT
        % {"requirement": submission.requirement.title, "learner": enrollment.learner},
        template="reviews/email/review_waiting.txt",
        context={
            "version": version,
            "submission": submission,
            "path": reverse("reviews:review", kwargs={"pk": submission.pk}),
        },
        to=to,
    )


def notify_review_done(*, review: Review) -> None:
    submission = review.version.submission
    enrollment = submission.enrollment
    _mail_on_commit(
        subject=REVIEW_DONE_SUBJECT % {"requirement": submission.requirement.title},
        template="reviews/email/review_done.txt",
        context={
            "review": review,
            "submission": submission,
            "scores": list(review.criterion_scores.all()),
            "path": reverse(
                "reviews:requirement",
                kwargs={
                    "enrollment_pk": enrollment.pk,
                    "requirement_pk": submission.requirement_id,
                },
            ),
        },
        to=[enrollment.learner.email],
    )


@transaction.atomic
def _remind(enrollment: Enrollment, today: dt.date) -> int:
    sent = 0
    for row in enrollment_requirement_rows(enrollment=enrollment):
        deadline = row.state.deadline
        if deadline is None or row.state.outcome not in REMIND_WHEN:
            continue
        if row.requirement.kind == Requirement.Kind.ATTENDANCE:
            continue
        if not 0 <= days_left(deadline, today=today) <= REMINDER_DAYS_BEFORE:
            continue
        _, created = DeadlineReminder.objects.get_or_create(
            enrollment=enrollment, requirement=row.requirement, deadline=deadline
        )
        if not created:
            continue
        _mail_on_commit(
            subject=DEADLINE_SUBJECT
            % {"requirement": row.requirement.title, "date": format_date(deadline)},
            template="reviews/email/deadline_reminder.txt",
            context={
                "enrollment": enrollment,
                "requirement": row.requirement,
                "deadline": deadline,
                "path": reverse(
                    "reviews:requirement",
                    kwargs={
                        "enrollment_pk": enrollment.pk,
                        "requirement_pk": row.requirement.pk,
                    },
                ),
            },
            to=[enrollment.learner.email],
        )
        sent += 1
    return sent


def deadline_reminders_send(*, today: dt.date | None = None) -> int:
    """Remind active learners of work due within ``REMINDER_DAYS_BEFORE`` days of
    ``today`` (each offering's provider's day unless given).

    Each (enrollment, requirement, deadline) is reminded once, recorded in
    ``DeadlineReminder``; an extension moves the deadline and earns a new reminder.
    One transaction per enrollment keeps a failure from undoing the whole sweep.
    """
    enrollments = (
        Enrollment.objects.filter(
            status=Enrollment.Status.ACTIVE,
            offering__unit__requirements__deadline__in=DATED,
        )
        .distinct()
        .select_related("learner", "offering__unit__provider")
        .order_by("pk")
    )
    return sum(
        _remind(enrollment, today or offering_today(enrollment.offering))
        for enrollment in enrollments
    )
